package org.ala.mig.identity;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Sign-in for the application's own pages (registry, Council view, petition form, outbox): the
 * same engine users and groups as Tasklist, kept in the HTTP session after {@code /login}. An
 * anonymous request for a page is sent to the sign-in page; a signed-in one runs with the
 * user's engine authentication and {@link Caller}, so {@link RequiresGroup} applies to pages as
 * to the API. A form POST must carry the session's {@code _csrf} token. The APIs (HTTP Basic),
 * the Camunda webapps (their own sign-in and CSRF) and static files are left to themselves.
 */
public class PageAuthenticationFilter extends OncePerRequestFilter {

  /** Session attribute: the signed-in {@link Caller}. */
  public static final String SESSION_CALLER = "mig.caller";
  /** Session attribute and form field: the token a page's form must send back. */
  public static final String CSRF = "_csrf";

  /** Paths that are not pages, or that everyone may see. */
  static final List<String> OPEN = List.of("/api/", "/engine-rest/", "/camunda/", "/actuator/", "/css/", "/js/",
      "/webjars/", "/login", "/error", "/favicon.ico");

  private static final SecureRandom RANDOM = new SecureRandom();

  private final IdentityService identity;

  public PageAuthenticationFilter(IdentityService identity) {
    this.identity = identity;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    if (path.equals("/") || OPEN.stream().anyMatch(path::startsWith)) {
      if (path.equals("/") || path.startsWith("/login")) {
        signedIn(request);   // the home and sign-in pages show who is signed in
      }
      if ("POST".equals(request.getMethod()) && path.startsWith("/login") && !csrfMatches(request)) {
        response.sendError(HttpServletResponse.SC_FORBIDDEN, "The form expired: reload the page and try again");
        return;
      }
      chain.doFilter(request, response);
      return;
    }
    Caller caller = signedIn(request);
    if (caller == null) {
      String next = path + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
      response.sendRedirect(request.getContextPath() + "/login?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8));
      return;
    }
    if (!"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod()) && !csrfMatches(request)) {
      response.sendError(HttpServletResponse.SC_FORBIDDEN, "The form expired: reload the page and try again");
      return;
    }
    identity.setAuthentication(caller.userId(), List.copyOf(caller.groupIds()));
    try {
      chain.doFilter(request, response);
    } finally {
      identity.clearAuthentication();
    }
  }

  private static Caller signedIn(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    Caller caller = session == null ? null : (Caller) session.getAttribute(SESSION_CALLER);
    if (caller != null) {
      request.setAttribute(Caller.ATTRIBUTE, caller);
    }
    return caller;
  }

  /** The session's form token, made on first use. */
  public static String csrfToken(HttpSession session) {
    String token = (String) session.getAttribute(CSRF);
    if (token == null) {
      byte[] bytes = new byte[24];
      RANDOM.nextBytes(bytes);
      token = HexFormat.of().formatHex(bytes);
      session.setAttribute(CSRF, token);
    }
    return token;
  }

  private static boolean csrfMatches(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    String expected = session == null ? null : (String) session.getAttribute(CSRF);
    String sent = request.getParameter(CSRF);
    if (sent == null) {
      sent = request.getHeader("X-CSRF-Token");
    }
    return expected != null && sent != null
        && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), sent.getBytes(StandardCharsets.UTF_8));
  }
}
