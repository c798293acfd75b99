package org.ala.mig.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.HtmlUtils;

/**
 * Before Spring Security looks for a page form's {@code _csrf}: a form body it cannot read would
 * look like a missing token. A multipart body is parsed here, so that an oversized or malformed one
 * is named as such (413, 400); an urlencoded body larger than Tomcat reads is refused as too large.
 */
class FormBodyCheck extends OncePerRequestFilter {

  /** Tomcat reads at most this much of a urlencoded form (its maxPostSize). */
  static final long MAX_FORM_BYTES = 2 * 1024 * 1024;

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !"POST".equals(request.getMethod()) || SecurityAnswers.isApi(request)
        || SecurityAnswers.path(request).startsWith("/camunda/");
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String type = request.getContentType() == null ? "" : request.getContentType().toLowerCase(Locale.ROOT);
    if (type.startsWith("multipart/")) {
      try {
        request.getParts();
      } catch (IllegalStateException tooLarge) {
        // Tomcat's limits: the size of a file and of the whole body, and the number of parts
        boolean tooManyParts = tooLarge.getCause() != null
            && tooLarge.getCause().getClass().getSimpleName().contains("Count");
        refuse(response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, "Too large", tooManyParts
            ? "The form has too many fields."
            : "The form is too large: the signatures file may have at most 20 MB.");
        return;
      } catch (IOException | ServletException | RuntimeException malformed) {
        refuse(response, HttpServletResponse.SC_BAD_REQUEST, "The form could not be read",
            "The form could not be read: its body is not valid multipart/form-data. Reload the page and send it again.");
        return;
      }
    } else if (type.startsWith("application/x-www-form-urlencoded") && request.getContentLengthLong() > MAX_FORM_BYTES) {
      refuse(response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, "Too large",
          "The form is too large: at most " + MAX_FORM_BYTES / (1024 * 1024) + " MB.");
      return;
    }
    try {
      request.getParameter("_csrf");
    } catch (RuntimeException unreadable) {
      refuse(response, HttpServletResponse.SC_BAD_REQUEST, "The form could not be read",
          "The form could not be read. Reload the page and send it again.");
      return;
    }
    chain.doFilter(request, response);
  }

  /** A short page that says why a form was refused; the messages are this class's own. */
  private static void refuse(HttpServletResponse response, int status, String title, String message)
      throws IOException {
    response.setStatus(status);
    response.setContentType("text/html;charset=UTF-8");
    response.getWriter().write("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>"
        + HtmlUtils.htmlEscape(title) + " — MIG Lifecycle</title><link rel=\"stylesheet\" href=\"/css/mig.css\"></head>"
        + "<body><main id=\"main\"><h1>" + HtmlUtils.htmlEscape(title) + "</h1><p class=\"error\" role=\"alert\">"
        + HtmlUtils.htmlEscape(message) + "</p><p><a href=\"/\">Home</a></p></main></body></html>\n");
  }
}
