package org.ala.mig.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ala.mig.common.TooManyAttemptsException;
import org.ala.mig.identity.Caller;
import org.ala.mig.identity.MigGroup;
import org.ala.mig.identity.SignInThrottle;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * HTTP Basic authentication of {@code /api/**}, {@code /engine-rest/**} and {@code /actuator/**}
 * against the engine's users. An authenticated request runs with the engine authentication of
 * its user, so the engine's authorizations apply to the engine REST API. Anonymous or wrong
 * credentials get 401; the actuator (but health and info) needs {@code camunda-admin}. After too
 * many failed sign-ins of a user or from an address the answer is 429 with {@code Retry-After},
 * without a look at the password ({@link SignInThrottle}).
 */
public class ApiAuthenticationFilter extends OncePerRequestFilter {

  private static final String REALM = "Basic realm=\"MIG Lifecycle\"";
  private static final Set<String> PUBLIC_ACTUATOR = Set.of("/actuator/health", "/actuator/info");

  private final IdentityService identity;
  private final ObjectMapper json;
  private final SignInThrottle throttle;

  public ApiAuthenticationFilter(IdentityService identity, ObjectMapper json, SignInThrottle throttle) {
    this.identity = identity;
    this.json = json;
    this.throttle = throttle;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    String[] credentials = basicCredentials(request.getHeader("Authorization"));
    if (credentials == null && isPublic(path)) {
      chain.doFilter(request, response);
      return;
    }
    if (credentials == null) {
      response.setHeader("WWW-Authenticate", REALM);
      writeError(response, HttpServletResponse.SC_UNAUTHORIZED, "Unauthorized",
          "Sign in: this API needs HTTP Basic authentication with a MIG Lifecycle user");
      return;
    }
    if (!passwordAccepted(credentials, request, response)) {
      return;
    }
    String userId = credentials[0];
    List<String> groupIds = identity.createGroupQuery().groupMember(userId).list().stream()
        .map(Group::getId).toList();
    Caller caller = new Caller(userId, Set.copyOf(groupIds));
    if (path.startsWith("/actuator/") && !isPublic(path) && !caller.isInAny(MigGroup.CAMUNDA_ADMIN)) {
      writeForbidden(response, caller, List.of(MigGroup.CAMUNDA_ADMIN));
      return;
    }
    request.setAttribute(Caller.ATTRIBUTE, caller);
    identity.setAuthentication(userId, groupIds);
    try {
      chain.doFilter(new AuthenticatedRequest(request, caller), response);
    } finally {
      identity.clearAuthentication();
    }
  }

  /**
   * Whether the password is right, checked only while neither the user nor the source address
   * waits ({@link SignInThrottle}); otherwise the refusal is written: 429 with {@code Retry-After}
   * (the password unread), or 401.
   */
  private boolean passwordAccepted(String[] credentials, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    try (SignInThrottle.Attempt attempt = throttle.admit(credentials[0], request.getRemoteAddr())) {
      if (identity.checkPassword(credentials[0], credentials[1])) {
        attempt.succeeded();
        return true;
      }
      attempt.failed();
    } catch (TooManyAttemptsException tooMany) {
      response.setHeader("Retry-After", String.valueOf(tooMany.secondsToWait()));
      writeError(response, HttpStatus.TOO_MANY_REQUESTS.value(), HttpStatus.TOO_MANY_REQUESTS.getReasonPhrase(),
          tooMany.getMessage());
      return false;
    }
    response.setHeader("WWW-Authenticate", REALM);
    writeError(response, HttpServletResponse.SC_UNAUTHORIZED, "Unauthorized", "Wrong user name or password");
    return false;
  }

  /** Exposes the caller as the servlet principal, with their groups as roles (actuator uses it). */
  private static final class AuthenticatedRequest extends HttpServletRequestWrapper {
    private final Caller caller;

    AuthenticatedRequest(HttpServletRequest request, Caller caller) {
      super(request);
      this.caller = caller;
    }

    @Override
    public Principal getUserPrincipal() {
      return caller::userId;
    }

    @Override
    public String getRemoteUser() {
      return caller.userId();
    }

    @Override
    public boolean isUserInRole(String role) {
      return caller.groupIds().contains(role);
    }
  }

  private static boolean isPublic(String path) {
    String trimmed = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    return PUBLIC_ACTUATOR.contains(trimmed) || trimmed.startsWith("/actuator/health/");
  }

  /** {user, password} from an HTTP Basic header, or null when there is none or it is malformed. */
  static String[] basicCredentials(String header) {
    if (header == null || header.length() < 6 || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
      return null;
    }
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException notBase64) {
      return null;
    }
    int colon = decoded.indexOf(':');
    if (colon <= 0) {
      return null;
    }
    return new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
  }

  void writeForbidden(HttpServletResponse response, Caller caller, List<MigGroup> needed) throws IOException {
    writeError(response, HttpServletResponse.SC_FORBIDDEN, "Forbidden",
        caller.notMemberOf(needed));
  }

  private void writeError(HttpServletResponse response, int status, String error, String message)
      throws IOException {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", status);
    body.put("error", error);
    body.put("message", message);
    response.setStatus(status);
    response.setContentType(MediaType.APPLICATION_JSON_VALUE);
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    json.writeValue(response.getOutputStream(), body);
  }
}
