package org.ala.mig.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.ala.mig.common.TooManyAttemptsException;
import org.ala.mig.identity.SignInFailures;
import org.ala.mig.identity.SignInThrottle;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The sign-in of the Camunda webapps ({@code POST /camunda/api/admin/auth/user/{engine}/login/{app}},
 * a form with {@code username} and {@code password}) under the same {@link SignInThrottle} as the
 * APIs and the pages. The webapps check the password themselves: this filter reads the user name
 * from the form, refuses with 429 and {@code Retry-After} while the user or the address waits (the
 * webapps never see the password), and counts the webapps' 401 as a failed sign-in and a 2xx as a
 * success. Any other answer (403: the user may not open that webapp, or the webapps' CSRF check
 * refused the call) counts as neither.
 */
class WebappLoginThrottle extends OncePerRequestFilter {

  static final Pattern LOGIN = Pattern.compile("/camunda/api/admin/auth/user/[^/]+/login/[^/]+/?");

  /** A sign-in form is small; a larger body is refused rather than read. */
  static final int MAX_FORM_BYTES = 64 * 1024;

  private final SignInThrottle throttle;
  private final ObjectMapper json;

  private final SignInFailures failures;

  WebappLoginThrottle(SignInThrottle throttle, ObjectMapper json, SignInFailures failures) {
    this.failures = failures;
    this.throttle = throttle;
    this.json = json;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    return !"POST".equals(request.getMethod()) || !LOGIN.matcher(path).matches();
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    byte[] body = request.getInputStream().readNBytes(MAX_FORM_BYTES + 1);
    if (body.length > MAX_FORM_BYTES) {
      write(response, HttpStatus.PAYLOAD_TOO_LARGE, "A sign-in form is at most " + MAX_FORM_BYTES / 1024 + " KB");
      return;
    }
    String user = formField(new String(body, StandardCharsets.ISO_8859_1), "username");
    try (SignInThrottle.Attempt attempt = throttle.admit(user, request.getRemoteAddr())) {
      chain.doFilter(new CachedBodyRequest(request, body), response);
      int status = response.getStatus();
      if (status == HttpServletResponse.SC_UNAUTHORIZED) {
        attempt.failed();
        failures.failed(SignInFailures.Method.WEBAPP, SignInFailures.Reason.WRONG);
      } else if (status >= 200 && status < 300) {
        attempt.succeeded();
      }
    } catch (TooManyAttemptsException tooMany) {
      failures.failed(SignInFailures.Method.WEBAPP, SignInFailures.Reason.THROTTLED);
      response.setHeader("Retry-After", String.valueOf(tooMany.secondsToWait()));
      write(response, HttpStatus.TOO_MANY_REQUESTS, tooMany.getMessage());
    }
  }

  /** The first value of {@code name} in an urlencoded form, "" when it has none or it cannot be decoded. */
  static String formField(String form, String name) {
    for (String pair : form.split("&")) {
      int equals = pair.indexOf('=');
      String key = equals < 0 ? pair : pair.substring(0, equals);
      if (key.equals(name)) {
        try {
          return equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
          return "";
        }
      }
    }
    return "";
  }

  private void write(HttpServletResponse response, HttpStatus status, String message) throws IOException {
    SecurityAnswers.writeJson(json, response, status, message);
  }
}
