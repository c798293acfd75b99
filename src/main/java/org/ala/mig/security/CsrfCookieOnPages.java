package org.ala.mig.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Every page sets the cookie {@code XSRF-TOKEN}, so that a page's own JSON calls can send it back
 * as {@code X-XSRF-TOKEN}: Spring Security makes the token only when somebody asks for it, and
 * this asks on every page (not on the APIs, which Basic clients call without cookies, nor on
 * static files).
 */
class CsrfCookieOnPages extends OncePerRequestFilter {

  private static final List<String> STATIC = List.of("/css/", "/js/", "/webjars/", "/favicon.ico", "/favicon.svg");

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String path = SecurityAnswers.path(request);
    // Swagger UI answers the anonymous as an API does, but it is a page whose "Try it out" sends the token
    return !"GET".equals(request.getMethod()) || (SecurityAnswers.isApi(request) && !path.startsWith("/swagger-ui"))
        || STATIC.stream().anyMatch(path::startsWith);
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (request.getAttribute(CsrfToken.class.getName()) instanceof CsrfToken token) {
      token.getToken();
    }
    chain.doFilter(request, response);
  }
}
