package org.ala.mig.identity;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** The signed-in user of an API request, with the ids of the groups they are a member of. */
public record Caller(String userId, Set<String> groupIds) {

  public static final String ATTRIBUTE = Caller.class.getName();

  public boolean isInAny(MigGroup... groups) {
    return Arrays.stream(groups).anyMatch(g -> groupIds.contains(g.id()));
  }

  /** Why this caller may not do what only members of {@code needed} may: for a 403's message. */
  public String notMemberOf(List<MigGroup> needed) {
    return "User '" + userId + "' is not a member of "
        + needed.stream().map(MigGroup::id).collect(Collectors.joining(" or "));
  }

  /** The caller that the security layer authenticated for this request, or null. */
  public static Caller of(HttpServletRequest request) {
    return (Caller) request.getAttribute(ATTRIBUTE);
  }
}
