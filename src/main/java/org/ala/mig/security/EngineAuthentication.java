package org.ala.mig.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.ala.mig.identity.Caller;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The last filter of Spring Security's chain: the request runs with the engine authentication of
 * its caller (user id and groups), so that the engine's authorizations apply to engine REST and to
 * whatever the pages and the API ask the engine as the user, and the handlers find the
 * {@link Caller}. A link session runs as its address with the groups {@code organizer} and
 * {@code member}, which the engine grants nothing.
 */
class EngineAuthentication extends OncePerRequestFilter {

  private final IdentityService identity;

  EngineAuthentication(IdentityService identity) {
    this.identity = identity;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Caller caller = Callers.of(SecurityContextHolder.getContext().getAuthentication());
    if (caller == null) {
      chain.doFilter(request, response);
      return;
    }
    request.setAttribute(Caller.ATTRIBUTE, caller);
    identity.setAuthentication(caller.userId(), List.copyOf(caller.groupIds()));
    try {
      chain.doFilter(request, response);
    } finally {
      identity.clearAuthentication();
    }
  }
}
