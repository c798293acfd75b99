package org.ala.mig.security;

import java.util.List;
import org.ala.mig.common.TooManyAttemptsException;
import org.ala.mig.identity.SignInFailures;
import org.ala.mig.identity.SignInThrottle;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Staff sign in with the engine's users and passwords (the same as in Tasklist), on the sign-in
 * page and with HTTP Basic; their engine groups become their authorities. While the user or the
 * source address waits after failed sign-ins ({@link SignInThrottle}), the password is not looked
 * at and the answer is {@link SignInDelayedException}.
 */
class EngineUsers implements AuthenticationProvider {

  /** No user id or password is longer; a longer one is not looked up. */
  static final int MAX_INPUT = 2000;

  static final String WRONG = "Wrong user name or password";

  private final IdentityService identity;
  private final SignInThrottle throttle;
  private final SignInFailures failures;

  EngineUsers(IdentityService identity, SignInThrottle throttle, SignInFailures failures) {
    this.identity = identity;
    this.throttle = throttle;
    this.failures = failures;
  }

  @Override
  public Authentication authenticate(Authentication authentication) {
    String user = authentication.getName() == null ? "" : authentication.getName().strip();
    String password = authentication.getCredentials() == null ? "" : authentication.getCredentials().toString();
    if (user.isEmpty() || password.isEmpty() || user.length() > MAX_INPUT || password.length() > MAX_INPUT) {
      failures.failed(SignInFailures.Method.PASSWORD, SignInFailures.Reason.WRONG);
      throw new BadCredentialsException(WRONG);
    }
    String source = authentication.getDetails() instanceof WebAuthenticationDetails details
        ? details.getRemoteAddress() : "unknown";
    try (SignInThrottle.Attempt attempt = throttle.admit(user, source)) {
      if (!identity.checkPassword(user, password)) {
        attempt.failed();
        failures.failed(SignInFailures.Method.PASSWORD, SignInFailures.Reason.WRONG);
        throw new BadCredentialsException(WRONG);
      }
      attempt.succeeded();
    } catch (TooManyAttemptsException tooMany) {
      failures.failed(SignInFailures.Method.PASSWORD, SignInFailures.Reason.THROTTLED);
      throw new SignInDelayedException(tooMany.getMessage(), tooMany.secondsToWait());
    }
    List<GrantedAuthority> groups = identity.createGroupQuery().groupMember(user).list().stream()
        .map(Group::getId).sorted().<GrantedAuthority>map(SimpleGrantedAuthority::new).toList();
    UsernamePasswordAuthenticationToken signedIn = UsernamePasswordAuthenticationToken.authenticated(user, null, groups);
    signedIn.setDetails(authentication.getDetails());
    return signedIn;
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
  }
}
