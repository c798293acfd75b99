package org.ala.mig.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.util.List;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Security headers on the application's own pages, its API and engine REST (everything but the
 * Camunda webapps under {@code /camunda/}, which send their own Content-Security-Policy with a
 * script nonce). The pages load scripts and styles only from this application ({@code /js},
 * {@code /css}, the bpmn-js webjar) and have no inline script; bpmn-js sets style attributes on
 * the diagram it draws, so styles may be inline. Nothing may frame a page. Responses that may
 * show personal data (every page and API answer) are not stored by browsers or proxies; static
 * files may be.
 */
public class SecurityHeadersFilter extends OncePerRequestFilter {

  static final String CONTENT_SECURITY_POLICY = String.join("; ",
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data:",
      "font-src 'self' data:",
      "connect-src 'self'",
      "object-src 'none'",
      "base-uri 'self'",
      "form-action 'self'",
      "frame-ancestors 'none'");

  static final String REFERRER_POLICY = "same-origin";

  /** Static files: cacheable, and the same for everyone. */
  private static final List<String> STATIC = List.of("/css/", "/js/", "/webjars/", "/favicon.ico", "/favicon.svg");

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return path(request).startsWith("/camunda/");
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setHeader("X-Frame-Options", "DENY");
    response.setHeader("Referrer-Policy", REFERRER_POLICY);
    response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    String path = path(request);
    if (STATIC.stream().anyMatch(path::startsWith)) {
      chain.doFilter(request, response);
      return;
    }
    response.setHeader("Cache-Control", "no-store");
    chain.doFilter(request, new NoStore(response));
  }

  /** Keeps {@code Cache-Control: no-store} where a later filter (engine REST's) would weaken it. */
  private static final class NoStore extends HttpServletResponseWrapper {
    NoStore(HttpServletResponse response) {
      super(response);
    }

    @Override
    public void setHeader(String name, String value) {
      if (!"Cache-Control".equalsIgnoreCase(name)) {
        super.setHeader(name, value);
      }
    }

    @Override
    public void addHeader(String name, String value) {
      if (!"Cache-Control".equalsIgnoreCase(name)) {
        super.addHeader(name, value);
      }
    }
  }

  private static String path(HttpServletRequest request) {
    return request.getRequestURI().substring(request.getContextPath().length());
  }
}
