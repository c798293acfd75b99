package org.ala.mig.identity;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.ala.mig.common.TooManyAttemptsException;

/**
 * Slows down failed sign-ins, per user id and per source address, so that passwords cannot be
 * guessed quickly and no one can lock a user out for good (docs/security.md, "Sign-in throttle").
 *
 * <p>Each key (a user id, a source address) has some free failures: a Bucket4j token bucket of
 * {@code free-failures} tokens that come back one by one within {@code forget-after}. A failure
 * without a free token makes the key wait before its next attempt: {@code first-delay}, then
 * twice as long with each further such failure, up to the key's {@code max-delay}. While either
 * the user or the source waits, an attempt is refused before its password is looked at
 * ({@link TooManyAttemptsException}, with the seconds left). A success clears the user and the
 * source. A key without a failure for {@code forget-after} is forgotten. While a key that has
 * failed is having a password checked, a second attempt for it is refused for a second, so that a
 * burst of parallel guesses cannot slip through when a wait ends.
 *
 * <p>The keys live in two Caffeine caches of at most {@code max-entries} each: a stream of random
 * user names or addresses pushes out the least used entries rather than filling the memory, and
 * Caffeine's admission keeps a key that fails often (a user under attack) over one-off names.
 *
 * <p>Time is wall-clock time from Bucket4j's {@link TimeMeter} (by default
 * {@link TimeMeter#SYSTEM_MILLISECONDS}), never the engine's clock, which the simulation moves:
 * a wait of 30 seconds is 30 real seconds in every profile. Tests pass a time meter they move.
 *
 * <p>No servlet types: the filters of package {@code security} and the sign-in page call it with
 * the user id and {@code request.getRemoteAddr()}.
 */
public class SignInThrottle {

  /** A key that must wait: a user id or a source, its failures so far, and the whole seconds left. */
  public record Delay(String key, int failures, long secondsToWait) {}

  /** Keys are cut to this length: no engine user id is longer (ACT_ID_USER.ID_ holds 64). */
  static final int MAX_KEY = 256;

  private static final long NANOS_PER_SECOND = 1_000_000_000L;
  private static final Pattern IPV6_LITERAL = Pattern.compile("[0-9a-fA-F:.]+");

  private final SignInThrottleProperties settings;
  private final TimeMeter time;
  private final Cache<String, Failures> users;
  private final Cache<String, Failures> sources;

  public SignInThrottle(SignInThrottleProperties settings, TimeMeter time) {
    this.settings = settings;
    this.time = time;
    this.users = cache(settings, time);
    this.sources = cache(settings, time);
  }

  private static Cache<String, Failures> cache(SignInThrottleProperties settings, TimeMeter time) {
    return Caffeine.newBuilder()
        .maximumSize(settings.maxEntries())
        .expireAfterWrite(settings.forgetAfter())   // every failure writes: forgotten after a quiet period
        .ticker(time::currentTimeNanos)
        .executor(Runnable::run)                     // evict on the caller's thread, at once
        .build();
  }

  /**
   * May a password be checked for {@code userId} from {@code source}? Refused with the seconds to
   * wait while the user or the source waits. The caller reports the outcome on the attempt and
   * closes it (try-with-resources).
   */
  public synchronized Attempt admit(String userId, String source) {
    String user = userKey(userId);
    String from = sourceKey(source);
    long now = time.currentTimeNanos();
    Failures ofUser = users.getIfPresent(user);
    Failures ofSource = sources.getIfPresent(from);
    long wait = Math.max(waitNanos(ofUser, now), waitNanos(ofSource, now));
    if (wait > 0) {
      throw tooMany(wait);
    }
    if ((ofUser != null && ofUser.checking) || (ofSource != null && ofSource.checking)) {
      throw tooMany(NANOS_PER_SECOND);   // another attempt of a failing key is being checked
    }
    if (ofUser != null) {
      ofUser.checking = true;
    }
    if (ofSource != null) {
      ofSource.checking = true;
    }
    return new Attempt(user, from, ofUser, ofSource);
  }

  /** The whole seconds {@code userId} from {@code source} must wait; 0 when an attempt would be looked at. */
  public synchronized long secondsToWait(String userId, String source) {
    long now = time.currentTimeNanos();
    long wait = Math.max(waitNanos(users.getIfPresent(userKey(userId)), now),
        waitNanos(sources.getIfPresent(sourceKey(source)), now));
    return wait == 0 ? 0 : seconds(wait);
  }

  /** Forgets the failures of a user (the administrators' unlock); whether there were any. */
  public synchronized boolean clearUser(String userId) {
    return users.asMap().remove(userKey(userId)) != null;
  }

  /** Forgets the failures from a source; whether there were any. */
  public synchronized boolean clearSource(String source) {
    return sources.asMap().remove(sourceKey(source)) != null;
  }

  /** The user ids that must wait now, by id. */
  public synchronized List<Delay> delayedUsers() {
    return delayed(users);
  }

  /** The sources that must wait now, by address. */
  public synchronized List<Delay> delayedSources() {
    return delayed(sources);
  }

  /** How many user ids and sources are remembered (after pending evictions): bounded by max-entries each. */
  public synchronized long rememberedKeys() {
    users.cleanUp();
    sources.cleanUp();
    return users.estimatedSize() + sources.estimatedSize();
  }

  public SignInThrottleProperties settings() {
    return settings;
  }

  /** One sign-in attempt that {@link #admit} let through: say how it went, then close it. */
  public final class Attempt implements AutoCloseable {
    private final String user;
    private final String source;
    private final Failures checkingUser;
    private final Failures checkingSource;
    private boolean done;

    private Attempt(String user, String source, Failures checkingUser, Failures checkingSource) {
      this.user = user;
      this.source = source;
      this.checkingUser = checkingUser;
      this.checkingSource = checkingSource;
    }

    /** The password was right: the user's and the source's failures are forgotten. */
    public void succeeded() {
      synchronized (SignInThrottle.this) {
        users.invalidate(user);
        sources.invalidate(source);
        close();
      }
    }

    /** The password was wrong (or the user unknown): one failure for the user and for the source. */
    public void failed() {
      synchronized (SignInThrottle.this) {
        long now = time.currentTimeNanos();
        users.asMap().compute(user, (key, failures) -> fail(failures, settings.perUser(), now));
        sources.asMap().compute(source, (key, failures) -> fail(failures, settings.perSource(), now));
        close();
      }
    }

    /** Ends the attempt; one that was neither a success nor a failure counts as nothing. */
    @Override
    public void close() {
      synchronized (SignInThrottle.this) {
        if (!done) {
          done = true;
          if (checkingUser != null) {
            checkingUser.checking = false;
          }
          if (checkingSource != null) {
            checkingSource.checking = false;
          }
        }
      }
    }
  }

  private Failures fail(Failures failures, SignInThrottleProperties.Limit limit, long now) {
    Failures counted = failures == null ? new Failures(bucket(limit)) : failures;
    counted.count++;
    if (!counted.free.tryConsume(1)) {
      counted.beyondFree++;
      counted.waits = true;
      counted.waitUntil = now + delayNanos(counted.beyondFree, limit);
    }
    return counted;
  }

  private Bucket bucket(SignInThrottleProperties.Limit limit) {
    return Bucket.builder()
        .addLimit(l -> l.capacity(limit.freeFailures()).refillGreedy(limit.freeFailures(), settings.forgetAfter()))
        .withCustomTimePrecision(time)
        .build();
  }

  /** first-delay × 2^(n-1), at most the limit's max-delay. */
  long delayNanos(int beyondFree, SignInThrottleProperties.Limit limit) {
    long first = settings.firstDelay().toNanos();
    long max = limit.maxDelay().toNanos();
    int doublings = beyondFree - 1;
    if (doublings >= 62 || first > (max >> doublings)) {
      return max;
    }
    return Math.min(first << doublings, max);
  }

  private List<Delay> delayed(Cache<String, Failures> cache) {
    long now = time.currentTimeNanos();
    return cache.asMap().entrySet().stream()
        .filter(e -> waitNanos(e.getValue(), now) > 0)
        .map(e -> new Delay(e.getKey(), e.getValue().count, seconds(waitNanos(e.getValue(), now))))
        .sorted(Comparator.comparing(Delay::key))
        .toList();
  }

  private static long waitNanos(Failures failures, long now) {
    return failures == null || !failures.waits ? 0 : Math.max(0, failures.waitUntil - now);
  }

  private static long seconds(long nanos) {
    return Math.max(1, (nanos + NANOS_PER_SECOND - 1) / NANOS_PER_SECOND);
  }

  private static TooManyAttemptsException tooMany(long waitNanos) {
    long seconds = seconds(waitNanos);
    return new TooManyAttemptsException("Too many failed sign-ins for this user or from this address: try again in "
        + seconds + (seconds == 1 ? " second" : " seconds"), seconds);
  }

  /** User ids count without case or surrounding spaces: "Admin " shares the counter of "admin". */
  static String userKey(String userId) {
    String key = userId == null ? "" : userId.strip().toLowerCase(Locale.ROOT);
    return key.length() > MAX_KEY ? key.substring(0, MAX_KEY) : key;
  }

  /**
   * An IPv4 address counts as it is; an IPv6 address by its /64 network, which one subscriber
   * usually holds whole (so that its 2^64 addresses are one source, not 2^64).
   */
  static String sourceKey(String address) {
    if (address == null || address.isBlank()) {
      return "unknown";
    }
    String literal = address.strip();
    int zone = literal.indexOf('%');
    if (zone >= 0) {
      literal = literal.substring(0, zone);
    }
    if (literal.indexOf(':') >= 0 && IPV6_LITERAL.matcher(literal).matches()) {
      try {
        // a literal only (the pattern admits no host name), so no name is looked up
        InetAddress parsed = InetAddress.getByName(literal);
        if (parsed instanceof Inet6Address) {
          byte[] b = parsed.getAddress();
          return String.format("%x:%x:%x:%x::/64", word(b, 0), word(b, 2), word(b, 4), word(b, 6));
        }
        return parsed.getHostAddress();   // an IPv4-mapped address
      } catch (UnknownHostException notAnAddress) {
        // counted as written
      }
    }
    return literal.length() > MAX_KEY ? literal.substring(0, MAX_KEY) : literal;
  }

  private static int word(byte[] bytes, int at) {
    return ((bytes[at] & 0xff) << 8) | (bytes[at + 1] & 0xff);
  }

  /** The failures of one key. Guarded by the throttle's lock. */
  private static final class Failures {
    final Bucket free;
    int count;
    int beyondFree;
    boolean waits;
    long waitUntil;
    boolean checking;

    Failures(Bucket free) {
      this.free = free;
    }
  }
}
