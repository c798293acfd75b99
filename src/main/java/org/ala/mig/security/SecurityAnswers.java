package org.ala.mig.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.ala.mig.identity.Caller;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.csrf.CsrfException;

/**
 * What Spring Security answers when it refuses, in the application's own words. The APIs
 * ({@code /api}, {@code /engine-rest}, {@code /actuator}, the OpenAPI description {@code /v3/api-docs} and
 * Swagger UI, which CONTRACT.md answers 401 to the anonymous as well)
 * answer JSON {@code {status, error,
 * message}}: 401 with an HTTP Basic challenge, 429 with {@code Retry-After} while sign-ins wait,
 * 403 naming the groups or the missing CSRF header. A page sends the anonymous to the sign-in page
 * (and back after it), and shows a refusal as a page ({@link #PROBLEM_PATH}).
 */
public class SecurityAnswers implements AuthenticationEntryPoint, AccessDeniedHandler {

  /** Where a refused page request is forwarded to be shown, with {@link #STATUS} and {@link #MESSAGE}. */
  public static final String PROBLEM_PATH = "/problem";
  public static final String STATUS = "mig.problem.status";
  public static final String MESSAGE = "mig.problem.message";

  static final String REALM = "Basic realm=\"MIG Lifecycle\"";

  private final ObjectMapper json;

  SecurityAnswers(ObjectMapper json) {
    this.json = json;
  }

  static boolean isApi(HttpServletRequest request) {
    String path = path(request);
    return path.startsWith("/api/") || path.equals("/api") || path.startsWith("/engine-rest")
        || path.startsWith("/actuator") || path.startsWith("/v3/api-docs") || path.startsWith("/swagger-ui");
  }

  @Override
  public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException refused)
      throws IOException {
    if (refused instanceof SignInDelayedException delayed) {
      response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(delayed.secondsToWait()));
      writeJson(response, HttpStatus.TOO_MANY_REQUESTS, delayed.getMessage());
      return;
    }
    if (isApi(request)) {
      response.setHeader(HttpHeaders.WWW_AUTHENTICATE, REALM);
      boolean credentialsSent = request.getHeader(HttpHeaders.AUTHORIZATION) != null;
      writeJson(response, HttpStatus.UNAUTHORIZED, credentialsSent ? EngineUsers.WRONG
          : "Sign in: this API needs HTTP Basic authentication with a MIG Lifecycle user, or a signed-in session");
      return;
    }
    String next = path(request) + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
    response.sendRedirect(request.getContextPath() + "/login?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8));
  }

  @Override
  public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
      throws IOException, ServletException {
    Caller caller = Callers.of(SecurityContextHolder.getContext().getAuthentication());
    String message;
    if (denied instanceof CsrfException) {
      message = isApi(request)
          ? "Missing or wrong CSRF token: a call made with a session sends the header X-XSRF-TOKEN with the value of the cookie XSRF-TOKEN"
          : "The form expired: reload the page and try again.";
    } else if (denied instanceof AuthorizationDeniedException refusal
        && refusal.getAuthorizationResult() instanceof RequiresGroupAuthorization.Refusal reason) {
      message = reason.message();
    } else if (caller != null && caller.byLink()) {
      message = "'" + caller.userId() + "' signed in with a link: this is for ALA staff only";
    } else {
      message = caller == null ? "Not allowed" : "User '" + caller.userId() + "' may not do this";
    }
    if (isApi(request)) {
      writeJson(response, HttpStatus.FORBIDDEN, message);
      return;
    }
    if (caller != null) {
      request.setAttribute(Caller.ATTRIBUTE, caller);
    }
    request.setAttribute(STATUS, HttpServletResponse.SC_FORBIDDEN);
    request.setAttribute(MESSAGE, message);
    response.setStatus(HttpServletResponse.SC_FORBIDDEN);
    request.getRequestDispatcher(PROBLEM_PATH).forward(request, response);
  }

  void writeJson(HttpServletResponse response, HttpStatus status, String message) throws IOException {
    writeJson(json, response, status, message);
  }

  /** The API's error body {@code {status, error, message}}, as every refusal of this package writes it. */
  static void writeJson(ObjectMapper json, HttpServletResponse response, HttpStatus status, String message)
      throws IOException {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", status.value());
    body.put("error", status.getReasonPhrase());
    body.put("message", message);
    response.setStatus(status.value());
    response.setContentType(MediaType.APPLICATION_JSON_VALUE);
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    json.writeValue(response.getOutputStream(), body);
  }

  static String path(HttpServletRequest request) {
    return request.getRequestURI().substring(request.getContextPath().length());
  }
}
