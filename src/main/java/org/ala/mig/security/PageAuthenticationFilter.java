package org.ala.mig.security;

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
import java.util.Locale;
import org.ala.mig.identity.Caller;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.HtmlUtils;

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

  /** Tomcat reads at most this much of a urlencoded form (its maxPostSize). */
  static final long MAX_FORM_BYTES = 2 * 1024 * 1024;

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
      if ("POST".equals(request.getMethod()) && path.startsWith("/login") && !formAccepted(request, response)) {
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
    if (!"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod()) && !formAccepted(request, response)) {
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

  /**
   * Whether a form POST may go on: its body can be read (a multipart body is parsed here, so that
   * a malformed or oversized one is named as such rather than as a missing token) and it carries
   * the session's token. Otherwise the refusal is written, as a page that says what happened.
   */
  private static boolean formAccepted(HttpServletRequest request, HttpServletResponse response) throws IOException {
    String type = request.getContentType() == null ? "" : request.getContentType().toLowerCase(Locale.ROOT);
    if (type.startsWith("multipart/")) {
      try {
        request.getParts();
      } catch (IllegalStateException tooLarge) {
        // Tomcat's limits: the size of a file and of the whole body, and the number of parts
        boolean tooManyParts = tooLarge.getCause() != null && tooLarge.getCause().getClass().getSimpleName().contains("Count");
        refuse(response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, "Too large", tooManyParts
            ? "The form has too many fields."
            : "The form is too large: the signatures file may have at most 20 MB.");
        return false;
      } catch (IOException | ServletException | RuntimeException malformed) {
        refuse(response, HttpServletResponse.SC_BAD_REQUEST, "The form could not be read",
            "The form could not be read: its body is not valid multipart/form-data. Reload the page and send it again.");
        return false;
      }
    } else if (type.startsWith("application/x-www-form-urlencoded") && request.getContentLengthLong() > MAX_FORM_BYTES) {
      refuse(response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, "Too large",
          "The form is too large: at most " + MAX_FORM_BYTES / (1024 * 1024) + " MB.");
      return false;
    }
    boolean matches;
    try {
      matches = csrfMatches(request);
    } catch (RuntimeException unreadable) {
      refuse(response, HttpServletResponse.SC_BAD_REQUEST, "The form could not be read",
          "The form could not be read. Reload the page and send it again.");
      return false;
    }
    if (!matches) {
      refuse(response, HttpServletResponse.SC_FORBIDDEN, "The form expired",
          "The form expired: reload the page and try again.");
    }
    return matches;
  }

  /** A short page that says why a form was refused; the messages are this class's own. */
  private static void refuse(HttpServletResponse response, int status, String title, String message)
      throws IOException {
    response.setStatus(status);
    response.setContentType("text/html;charset=UTF-8");
    response.setHeader("Cache-Control", "no-store");
    response.getWriter().write("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>"
        + HtmlUtils.htmlEscape(title) + " — MIG Lifecycle</title><link rel=\"stylesheet\" href=\"/css/mig.css\"></head>"
        + "<body><main id=\"main\"><h1>" + HtmlUtils.htmlEscape(title) + "</h1><p class=\"error\" role=\"alert\">"
        + HtmlUtils.htmlEscape(message) + "</p><p><a href=\"/\">Home</a></p></main></body></html>\n");
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
