package org.ala.mig.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Closes CVE-2026-77226 in Camunda 7.24.0 Community Edition: Admin's first-run setup endpoint
 * ({@code /camunda/api/admin/setup/{engine}/user/create}) lets an anonymous caller create an
 * administrator whenever the {@code camunda-admin} group has no direct member. This application
 * creates its administrator itself, from configuration ({@code MIG_ADMIN_PASSWORD}; {@code demo}
 * in the demo profile), so the endpoint is refused always: in every profile, and also before any
 * user exists (the first start of the demo created its users only after Tomcat took requests,
 * and an anonymous caller could create an administrator in that window).
 */
public class AdminSetupGuard extends OncePerRequestFilter {

  private static final Logger log = LoggerFactory.getLogger(AdminSetupGuard.class);
  static final String SETUP = "/camunda/api/admin/setup/";

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    if (path.startsWith(SETUP)) {
      log.warn("Refused Camunda Admin's first-run setup ({} {}) from {}: the application manages its users", request.getMethod(),
          path, request.getRemoteAddr());
      response.setStatus(HttpServletResponse.SC_FORBIDDEN);
      response.setContentType("application/json");
      response.getWriter().write("{\"type\":\"Forbidden\",\"message\":\"The first-run setup is closed: "
          + "administrators are managed by the application\"}");
      return;
    }
    chain.doFilter(request, response);
  }
}
