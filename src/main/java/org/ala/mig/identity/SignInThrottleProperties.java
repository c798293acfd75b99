package org.ala.mig.identity;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code mig.security.sign-in-throttle.*}: how failed sign-ins are slowed down ({@link SignInThrottle};
 * docs/configuration.md and docs/security.md). Per user id and per source address, some failures
 * are free; each further one makes the next attempt wait, {@code first-delay} and then twice as long
 * each time, up to the key's {@code max-delay}. A key with no failure for {@code forget-after} is
 * forgotten. At most {@code max-entries} users and as many sources are remembered.
 *
 * @param perUser the limit of one user id, whatever the address
 * @param perSource the limit of one source address (an IPv6 address counts by its /64 network)
 * @param firstDelay the first wait after the free failures; doubles with each further failure
 * @param forgetAfter how long a key is remembered after its last failure; also the time in which
 *     the free failures come back (one by one)
 * @param maxEntries how many user ids, and how many sources, are remembered at most
 */
@Validated
@ConfigurationProperties("mig.security.sign-in-throttle")
public record SignInThrottleProperties(
    @Valid @DefaultValue Limit perUser,
    @Valid @DefaultValue Limit perSource,
    @NotNull @DefaultValue("1s") Duration firstDelay,
    @NotNull @DefaultValue("15m") Duration forgetAfter,
    @Min(100) @Max(10_000_000) @DefaultValue("10000") int maxEntries) {

  private static final String PREFIX = "mig.security.sign-in-throttle.";

  static final Limit USER_DEFAULTS = new Limit(5, Duration.ofSeconds(30));
  static final Limit SOURCE_DEFAULTS = new Limit(10, Duration.ofSeconds(60));

  /**
   * @param freeFailures failures before the first wait (at least 1); unset: the key's default
   * @param maxDelay the longest wait; unset: the key's default
   */
  public record Limit(@Min(1) @Max(1_000_000) Integer freeFailures, Duration maxDelay) {

    /** This limit, with what it leaves unset taken from {@code defaults}. */
    public Limit orElse(Limit defaults) {
      return new Limit(freeFailures == null ? defaults.freeFailures() : freeFailures,
          maxDelay == null ? defaults.maxDelay() : maxDelay);
    }
  }

  public SignInThrottleProperties {
    perUser = perUser == null ? USER_DEFAULTS : perUser.orElse(USER_DEFAULTS);
    perSource = perSource == null ? SOURCE_DEFAULTS : perSource.orElse(SOURCE_DEFAULTS);
    positive("first-delay", firstDelay);
    positive("forget-after", forgetAfter);
    check("per-user", perUser, firstDelay, forgetAfter);
    check("per-source", perSource, firstDelay, forgetAfter);
    if (maxEntries < 1) {
      throw new IllegalArgumentException(PREFIX + "max-entries must be at least 1, got " + maxEntries);
    }
  }

  /** A limit that can work: some free failures, a longest wait no shorter than the first, remembered long enough. */
  private static void check(String name, Limit limit, Duration firstDelay, Duration forgetAfter) {
    if (limit.freeFailures() < 1) {
      throw new IllegalArgumentException(PREFIX + name + ".free-failures must be at least 1, got "
          + limit.freeFailures());
    }
    positive(name + ".max-delay", limit.maxDelay());
    if (firstDelay != null && limit.maxDelay() != null && limit.maxDelay().compareTo(firstDelay) < 0) {
      throw new IllegalArgumentException(PREFIX + name + ".max-delay (" + limit.maxDelay()
          + ") must not be shorter than " + PREFIX + "first-delay (" + firstDelay + ")");
    }
    if (forgetAfter != null && limit.maxDelay() != null && forgetAfter.compareTo(limit.maxDelay()) <= 0) {
      throw new IllegalArgumentException(PREFIX + "forget-after (" + forgetAfter + ") must be longer than "
          + PREFIX + name + ".max-delay (" + limit.maxDelay() + "): a wait would be forgotten before it ends");
    }
  }

  /** The defaults of docs/configuration.md. */
  public static SignInThrottleProperties defaults() {
    return new SignInThrottleProperties(USER_DEFAULTS, SOURCE_DEFAULTS, Duration.ofSeconds(1), Duration.ofMinutes(15),
        10_000);
  }

  private static void positive(String name, Duration value) {
    if (value != null && (value.isNegative() || value.isZero())) {
      throw new IllegalArgumentException(PREFIX + name + " must be longer than 0, got " + value);
    }
  }
}
