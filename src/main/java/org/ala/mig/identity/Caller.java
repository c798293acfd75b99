package org.ala.mig.identity;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Arrays;
import java.util.Set;

/** The signed-in user of an API request, with the ids of the groups they are a member of. */
public record Caller(String userId, Set<String> groupIds) {

  static final String ATTRIBUTE = Caller.class.getName();

  public boolean isInAny(MigGroup... groups) {
    return Arrays.stream(groups).anyMatch(g -> groupIds.contains(g.id()));
  }

  /** The caller that {@link ApiAuthenticationFilter} authenticated, or null. */
  public static Caller of(HttpServletRequest request) {
    return (Caller) request.getAttribute(ATTRIBUTE);
  }
}
