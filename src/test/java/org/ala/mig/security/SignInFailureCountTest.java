package org.ala.mig.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.ala.mig.identity.ManualTimeMeter;
import org.ala.mig.identity.SignInFailures;
import org.ala.mig.identity.SignInThrottle;
import org.ala.mig.identity.SignInThrottleProperties;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;

/**
 * {@code mig_signin_failures_total} for passwords (docs/metrics.md), without a server: a wrong
 * password counts as {@code wrong}, and once the user waits, an attempt refused unseen counts as
 * {@code throttled}. Time stands still (nothing sleeps), so the seventh attempt is always refused.
 */
class SignInFailureCountTest {

  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final IdentityService identity = mock(IdentityService.class);
  private final ManualTimeMeter stopped = new ManualTimeMeter();
  private final EngineUsers users = new EngineUsers(identity,
      new SignInThrottle(SignInThrottleProperties.defaults(), stopped), new SignInFailures(meters));

  @Test
  void wrongPasswordsAndThenTheWaitAreCountedApart() {
    when(identity.checkPassword(anyString(), anyString())).thenReturn(false);
    assertThat(count("password", "wrong")).isZero();

    for (int i = 0; i < 6; i++) {   // five free failures, and the sixth starts a wait
      assertThatThrownBy(() -> users.authenticate(UsernamePasswordAuthenticationToken.unauthenticated("coo1", "guess")))
          .isInstanceOf(BadCredentialsException.class);
    }
    assertThat(count("password", "wrong")).isEqualTo(6);
    assertThat(count("password", "throttled")).isZero();

    assertThatThrownBy(() -> users.authenticate(UsernamePasswordAuthenticationToken.unauthenticated("coo1", "demo")))
        .isInstanceOf(SignInDelayedException.class);
    assertThat(count("password", "throttled")).isEqualTo(1);
    assertThat(count("password", "wrong")).isEqualTo(6);
    assertThat(count("link", "wrong") + count("webapp", "wrong")).isZero();
  }

  private double count(String method, String reason) {
    return meters.get("mig.signin.failures").tag("method", method).tag("reason", reason).counter().count();
  }
}
