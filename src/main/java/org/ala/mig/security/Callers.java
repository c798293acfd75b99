package org.ala.mig.security;

import java.util.Set;
import java.util.stream.Collectors;
import org.ala.mig.identity.Caller;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/** The application's {@link Caller} of a Spring Security authentication. */
final class Callers {

  private Callers() {}

  /** The caller, or null for nobody or an anonymous request. */
  static Caller of(Authentication authentication) {
    if (authentication == null || !authentication.isAuthenticated()
        || authentication instanceof AnonymousAuthenticationToken) {
      return null;
    }
    Set<String> groups = authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority)
        .collect(Collectors.toSet());
    return new Caller(authentication.getName(), groups, authentication.getPrincipal() instanceof LinkUsers.LinkUser);
  }
}
