package org.ala.mig.security;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.ala.mig.common.TooManyAttemptsException;
import org.ala.mig.identity.SignInFailures;
import org.ala.mig.identity.SignInThrottle;
import org.ala.mig.signin.SignInLinks;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.ott.OneTimeToken;
import org.springframework.security.authentication.ott.OneTimeTokenAuthenticationToken;
import org.springframework.security.authentication.ott.OneTimeTokenService;
import org.springframework.security.web.authentication.ott.OneTimeTokenGenerationSuccessHandler;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The asking for a sign-in link ({@code POST /ott/generate}, field {@code username}) around
 * Spring Security's one-time-token login. Before a token is made: the field must be an email
 * address (otherwise the sign-in page says so, 400), and neither the address nor the source may be
 * waiting after too many requests (429, saying how long). After: the link is mailed when the address
 * may sign in ({@link SignInLinks#mailLink}); otherwise the token is dropped at once. Either way the
 * answer is the same redirect, so the answer never tells whether an address is known.
 */
class SignInLinkRequests extends OncePerRequestFilter implements OneTimeTokenGenerationSuccessHandler {

  static final String GENERATE_PATH = "/ott/generate";
  /** Where every accepted request is sent, known address or not. */
  static final String SENT = "/login?sent";
  static final int MAX_ADDRESS = 254;

  private final SignInThrottle throttle;
  private final SignInLinks links;
  private final OneTimeTokenService tokens;
  private final SignInFailures failures;

  SignInLinkRequests(SignInThrottle throttle, SignInLinks links, OneTimeTokenService tokens, SignInFailures failures) {
    this.failures = failures;
    this.throttle = throttle;
    this.links = links;
    this.tokens = tokens;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !("POST".equals(request.getMethod()) && GENERATE_PATH.equals(SecurityAnswers.path(request)));
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String address = SignInLinks.normalize(request.getParameter("username"));
    String problem = problemOf(address);
    if (problem != null) {
      LoginProblems.show(request, response, HttpServletResponse.SC_BAD_REQUEST, "username", problem);
      return;
    }
    try (SignInThrottle.Attempt attempt = throttle.admit(address, request.getRemoteAddr())) {
      attempt.failed();   // every request counts, known address or not
    } catch (TooManyAttemptsException tooMany) {
      failures.failed(SignInFailures.Method.LINK, SignInFailures.Reason.THROTTLED);
      response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(tooMany.secondsToWait()));
      LoginProblems.show(request, response, 429, "username",
          "Too many sign-in links were asked for this address or from your network: try again in "
              + tooMany.secondsToWait() + (tooMany.secondsToWait() == 1 ? " second." : " seconds."));
      return;
    }
    chain.doFilter(request, response);
  }

  /** What is wrong with the address, or null. */
  static String problemOf(String address) {
    if (address.isEmpty()) {
      return "enter your email address";
    }
    if (address.length() > MAX_ADDRESS) {
      return "an email address has at most " + MAX_ADDRESS + " characters";
    }
    try {
      new InternetAddress(address, true).validate();
    } catch (AddressException e) {
      return "'" + address + "' is not an email address";
    }
    if (address.indexOf('@') < 1 || address.contains(",") || address.contains(" ")) {
      return "'" + address + "' is not an email address";
    }
    return null;
  }

  @Override
  public void handle(HttpServletRequest request, HttpServletResponse response, OneTimeToken token)
      throws IOException {
    if (!links.mailLink(token.getUsername(), token.getTokenValue(), token.getExpiresAt())) {
      tokens.consume(new OneTimeTokenAuthenticationToken(token.getTokenValue()));
    }
    response.sendRedirect(request.getContextPath() + SENT);
  }
}
