package org.ala.mig.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ala.mig.common.TooManyAttemptsException;
import org.ala.mig.identity.SignInThrottle.Delay;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * The sign-in throttle without an engine or a server: free failures, then waits that double up to
 * a cap, forgotten after a quiet period, cleared by a success or by an administrator, in bounded
 * memory. Time is a {@link ManualTimeMeter} that the tests move: nothing sleeps.
 */
class SignInThrottleTest {

  static final String ATTACKER = "203.0.113.7";
  static final String OFFICE = "198.51.100.20";

  ManualTimeMeter time;
  SignInThrottle throttle;

  @BeforeEach
  void throttle() {
    time = new ManualTimeMeter();
    throttle = new SignInThrottle(SignInThrottleProperties.defaults(), time);
  }

  @Test
  void theDefaultsAreTheDocumentedFigures() {
    SignInThrottleProperties defaults = SignInThrottleProperties.defaults();
    assertThat(defaults.perUser()).isEqualTo(new SignInThrottleProperties.Limit(5, Duration.ofSeconds(30)));
    assertThat(defaults.perSource()).isEqualTo(new SignInThrottleProperties.Limit(10, Duration.ofSeconds(60)));
    assertThat(defaults.firstDelay()).isEqualTo(Duration.ofSeconds(1));
    assertThat(defaults.forgetAfter()).isEqualTo(Duration.ofMinutes(15));
    assertThat(defaults.maxEntries()).isEqualTo(10_000);
  }

  @Test
  void aUserHasFiveFreeFailuresThenWaitsOneSecond() {
    for (int i = 1; i <= 5; i++) {
      fail("admin", ATTACKER);
      assertThat(throttle.secondsToWait("admin", ATTACKER)).as("after failure %d", i).isZero();
    }
    fail("admin", ATTACKER);
    assertThat(throttle.secondsToWait("admin", ATTACKER)).isEqualTo(1);
    // from any address: the wait is the user's
    TooManyAttemptsException refused = catchThrowableOfType(TooManyAttemptsException.class,
        () -> throttle.admit("admin", OFFICE));
    assertThat(refused.secondsToWait()).isEqualTo(1);
    assertThat(refused.getMessage())
        .isEqualTo("Too many failed sign-ins for this user or from this address: try again in 1 second");
  }

  @Test
  void theUsersWaitDoublesAndStopsAtThirtySeconds() {
    List<Long> waits = new ArrayList<>();
    for (int i = 1; i <= 12; i++) {
      fail("chair", ATTACKER + i);   // a new address each time: only the user's limit applies
      long wait = throttle.secondsToWait("chair", OFFICE);
      waits.add(wait);
      time.advance(Duration.ofSeconds(wait));
    }
    assertThat(waits).containsExactly(0L, 0L, 0L, 0L, 0L, 1L, 2L, 4L, 8L, 16L, 30L, 30L);
  }

  @Test
  void aSourceHasTenFreeFailuresThenWaitsUpToSixtySeconds() {
    List<Long> waits = new ArrayList<>();
    for (int i = 1; i <= 17; i++) {
      fail("random-name-" + i, ATTACKER);   // a new name each time: only the address's limit applies
      long wait = throttle.secondsToWait("someone-else", ATTACKER);
      waits.add(wait);
      time.advance(Duration.ofSeconds(wait));
    }
    assertThat(waits).containsExactly(0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 1L, 2L, 4L, 8L, 16L, 32L, 60L);
    assertThat(throttle.secondsToWait("someone-else", OFFICE)).as("other addresses are not held up").isZero();
    // 123 s went by: one free failure came back (10 per 15 minutes), and the next one waits the most again
    fail("random-name-18", ATTACKER);
    assertThat(throttle.secondsToWait("someone-else", ATTACKER)).isZero();
    fail("random-name-19", ATTACKER);
    assertThat(throttle.secondsToWait("someone-else", ATTACKER)).isEqualTo(60);
  }

  @Test
  void aWaitEndsByItselfAndTheNextAttemptIsLookedAt() {
    failTimes(6, "admin", ATTACKER);
    assertThatThrownBy(() -> throttle.admit("admin", ATTACKER)).isInstanceOf(TooManyAttemptsException.class);
    time.advance(Duration.ofMillis(999));
    assertThat(throttle.secondsToWait("admin", ATTACKER)).as("part of a second counts as one").isEqualTo(1);
    time.advance(Duration.ofMillis(1));
    assertThat(throttle.secondsToWait("admin", ATTACKER)).isZero();
    try (SignInThrottle.Attempt attempt = throttle.admit("admin", ATTACKER)) {
      attempt.succeeded();
    }
    assertThat(throttle.secondsToWait("admin", ATTACKER)).isZero();
  }

  @Test
  void refusedAttemptsDoNotMakeTheWaitLonger() {
    failTimes(6, "admin", ATTACKER);
    for (int i = 0; i < 100; i++) {
      assertThatThrownBy(() -> throttle.admit("admin", ATTACKER)).isInstanceOf(TooManyAttemptsException.class);
    }
    time.advance(Duration.ofSeconds(1));
    assertThat(throttle.secondsToWait("admin", ATTACKER)).isZero();
  }

  @Test
  void aSuccessClearsTheUserAndTheSource() {
    failTimes(4, "coo1", ATTACKER);
    try (SignInThrottle.Attempt attempt = throttle.admit("coo1", ATTACKER)) {
      attempt.succeeded();
    }
    // five free failures again, for the user and the address
    failTimes(5, "coo1", ATTACKER);
    assertThat(throttle.secondsToWait("coo1", ATTACKER)).isZero();
    fail("coo1", ATTACKER);
    assertThat(throttle.secondsToWait("coo1", ATTACKER)).isEqualTo(1);
  }

  @Test
  void aKeyIsForgottenAfterFifteenQuietMinutes() {
    failTimes(11, "admin", ATTACKER);   // user: 1 2 4 8 16 30 s ..., address: 1 s
    assertThat(throttle.delayedUsers()).extracting(Delay::key).containsExactly("admin");
    time.advance(Duration.ofMinutes(15));
    assertThat(throttle.delayedUsers()).isEmpty();
    assertThat(throttle.rememberedKeys()).isZero();
    // and starts again with its free failures and the first wait
    failTimes(5, "admin", ATTACKER);
    assertThat(throttle.secondsToWait("admin", ATTACKER)).isZero();
    fail("admin", ATTACKER);
    assertThat(throttle.secondsToWait("admin", ATTACKER)).isEqualTo(1);
  }

  @Test
  void aFailureWhileRememberedKeepsTheKeyAnotherFifteenMinutes() {
    failTimes(6, "admin", ATTACKER);   // one wait so far
    time.advance(Duration.ofMinutes(14));   // 4 of the 5 free failures are back
    failTimes(5, "admin", OFFICE);
    assertThat(throttle.secondsToWait("admin", OFFICE)).as("the second failure beyond the free ones").isEqualTo(2);
    time.advance(Duration.ofMinutes(14));
    failTimes(6, "admin", OFFICE);
    assertThat(throttle.secondsToWait("admin", OFFICE)).as("the third").isEqualTo(4);
  }

  @Test
  void freeFailuresComeBackOneByOneWithinTheQuietPeriod() {
    failTimes(5, "mps1", ATTACKER);
    time.advance(Duration.ofMinutes(3));   // 5 per 15 minutes: one back
    fail("mps1", ATTACKER);
    assertThat(throttle.secondsToWait("mps1", ATTACKER)).isZero();
    fail("mps1", ATTACKER);
    assertThat(throttle.secondsToWait("mps1", ATTACKER)).isEqualTo(1);
  }

  @Test
  void anAdministratorClearsAUser() {
    failTimes(8, "chair", ATTACKER);
    assertThat(throttle.delayedUsers()).containsExactly(new Delay("chair", 8, 4));
    assertThat(throttle.delayedSources()).isEmpty();
    assertThat(throttle.clearUser("Chair")).isTrue();
    assertThat(throttle.secondsToWait("chair", OFFICE)).isZero();
    assertThat(throttle.delayedUsers()).isEmpty();
    assertThat(throttle.clearUser("chair")).as("nothing left to clear").isFalse();
  }

  @Test
  void aSourceCanBeCleared() {
    for (int i = 0; i < 11; i++) {
      fail("name-" + i, ATTACKER);
    }
    assertThat(throttle.delayedSources()).containsExactly(new Delay(ATTACKER, 11, 1));
    assertThat(throttle.clearSource(ATTACKER)).isTrue();
    assertThat(throttle.secondsToWait("anyone", ATTACKER)).isZero();
  }

  @Test
  void userIdsCountWithoutCaseOrSpaces() {
    failTimes(3, "admin", ATTACKER + "1");
    failTimes(3, " ADMIN ", ATTACKER + "2");
    assertThat(throttle.secondsToWait("Admin", OFFICE)).isEqualTo(1);
  }

  @Test
  void anIpv6SourceCountsByItsNetwork() {
    assertThat(SignInThrottle.sourceKey("2001:db8:1:2:aaaa:bbbb:cccc:dddd"))
        .isEqualTo(SignInThrottle.sourceKey("2001:0db8:0001:0002:0:0:0:1"))
        .isEqualTo("2001:db8:1:2::/64");
    assertThat(SignInThrottle.sourceKey("0:0:0:0:0:0:0:1")).isEqualTo("0:0:0:0::/64");
    assertThat(SignInThrottle.sourceKey("fe80:0:0:0:1:2:3:4%eth0")).isEqualTo("fe80:0:0:0::/64");
    assertThat(SignInThrottle.sourceKey("::ffff:192.0.2.1")).isEqualTo("192.0.2.1");
    assertThat(SignInThrottle.sourceKey("192.0.2.1")).isEqualTo("192.0.2.1");
    assertThat(SignInThrottle.sourceKey(null)).isEqualTo("unknown");
    assertThat(SignInThrottle.sourceKey("x".repeat(1000))).hasSize(SignInThrottle.MAX_KEY);
    assertThat(SignInThrottle.userKey("u".repeat(10_000))).hasSize(SignInThrottle.MAX_KEY);
  }

  @Test
  void whileAFailingKeyIsCheckedASecondAttemptWaits() {
    fail("admin", ATTACKER);
    try (SignInThrottle.Attempt first = throttle.admit("admin", ATTACKER)) {
      TooManyAttemptsException second = catchThrowableOfType(TooManyAttemptsException.class,
          () -> throttle.admit("admin", OFFICE));
      assertThat(second.secondsToWait()).isEqualTo(1);
      first.failed();
    }
    // the first is done: the next is looked at
    throttle.admit("admin", OFFICE).close();
    // a key without failures is never held up: parallel sign-ins of a well-behaved client go through
    try (SignInThrottle.Attempt one = throttle.admit("coo1", OFFICE);
        SignInThrottle.Attempt two = throttle.admit("coo1", OFFICE)) {
      one.succeeded();
      two.succeeded();
    }
  }

  @Test
  void anAttemptThatIsNeitherSuccessNorFailureCountsAsNothing() {
    failTimes(5, "admin", ATTACKER);
    throttle.admit("admin", ATTACKER).close();
    throttle.admit("admin", ATTACKER).close();
    assertThat(throttle.secondsToWait("admin", ATTACKER)).isZero();
  }

  @Test
  void randomNamesFromManyAddressesCannotFillTheMemory() {
    SignInThrottleProperties small = new SignInThrottleProperties(new SignInThrottleProperties.Limit(5,
        Duration.ofSeconds(30)), new SignInThrottleProperties.Limit(10, Duration.ofSeconds(60)),
        Duration.ofSeconds(1), Duration.ofMinutes(15), 100);
    SignInThrottle bounded = new SignInThrottle(small, time);
    for (int i = 0; i < 5_000; i++) {
      try (SignInThrottle.Attempt attempt = bounded.admit("random-" + i, "10.0." + (i / 250) + "." + (i % 250))) {
        attempt.failed();
      }
    }
    assertThat(bounded.rememberedKeys()).isLessThanOrEqualTo(200);
    assertThat(throttle.rememberedKeys()).isZero();
  }

  @Test
  void settingsThatCannotWorkAreRefusedNamingTheProperty() {
    assertThat(bindError(Map.of("mig.security.sign-in-throttle.forget-after", "10s")))
        .contains("mig.security.sign-in-throttle.forget-after (PT10S) must be longer than "
            + "mig.security.sign-in-throttle.per-user.max-delay (PT30S)");
    assertThat(bindError(Map.of("mig.security.sign-in-throttle.first-delay", "0s")))
        .contains("mig.security.sign-in-throttle.first-delay must be longer than 0");
    assertThat(bindError(Map.of("mig.security.sign-in-throttle.per-source.max-delay", "500ms")))
        .contains("mig.security.sign-in-throttle.per-source.max-delay (PT0.5S) must not be shorter than "
            + "mig.security.sign-in-throttle.first-delay (PT1S)");
  }

  @Test
  void unsetPropertiesTakeTheDocumentedDefaults() {
    SignInThrottleProperties bound = Binder.get(new org.springframework.core.env.StandardEnvironment())
        .bindOrCreate("mig.security.sign-in-throttle", SignInThrottleProperties.class);
    assertThat(bound).isEqualTo(SignInThrottleProperties.defaults());
    SignInThrottleProperties partly = new Binder(new MapConfigurationPropertySource(
        Map.of("mig.security.sign-in-throttle.per-source.free-failures", "1000")))
        .bindOrCreate("mig.security.sign-in-throttle", SignInThrottleProperties.class);
    assertThat(partly.perSource()).isEqualTo(new SignInThrottleProperties.Limit(1000, Duration.ofSeconds(60)));
    assertThat(partly.perUser()).isEqualTo(SignInThrottleProperties.defaults().perUser());
  }

  private static String bindError(Map<String, String> properties) {
    Throwable thrown = catchThrowableOfType(BindException.class, () -> new Binder(new MapConfigurationPropertySource(
        properties)).bindOrCreate("mig.security.sign-in-throttle", SignInThrottleProperties.class));
    assertThat(thrown).as("refused: " + properties).isNotNull();
    StringBuilder messages = new StringBuilder();
    for (Throwable t = thrown; t != null; t = t.getCause()) {
      messages.append(t.getMessage()).append('\n');
    }
    return messages.toString();
  }

  private void fail(String user, String source) {
    try (SignInThrottle.Attempt attempt = throttle.admit(user, source)) {
      attempt.failed();
    }
  }

  /** Fails {@code times}, each time after any wait has passed. */
  private void failTimes(int times, String user, String source) {
    for (int i = 0; i < times; i++) {
      time.advance(Duration.ofSeconds(throttle.secondsToWait(user, source)));
      fail(user, source);
    }
  }
}
