package org.ala.mig.identity;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The signed-in user of a request, with the ids of the groups they are a member of. Staff are the
 * engine's users (their groups are {@link MigGroup}s). Organizers and members sign in with a link
 * by mail ({@code byLink}): their user id is their email address, and their groups are
 * {@link #ORGANIZER} and {@link #MEMBER}, which are not engine groups.
 */
public record Caller(String userId, Set<String> groupIds, boolean byLink) {

  public static final String ATTRIBUTE = Caller.class.getName();

  /** The group of a link session whose address organizes a MIG (or, from step 11, a petition draft). */
  public static final String ORGANIZER = "organizer";
  /** The group of a link session whose address is a roster member's. */
  public static final String MEMBER = "member";

  public Caller {
    groupIds = Set.copyOf(groupIds);
  }

  /** A staff user of the engine. */
  public Caller(String userId, Set<String> groupIds) {
    this(userId, groupIds, false);
  }

  /** What the engine records as who asked for something: no email address, which its history would keep. */
  public static final String LINK_ACTOR = "an organizer (signed in by link)";

  /**
   * Who asked, as requests and reports record it: a staff user's id, or for a link session
   * {@link #LINK_ACTOR} (the organizers of the MIG are on record; their addresses stay out of the
   * engine's history).
   */
  public String actor() {
    return byLink ? LINK_ACTOR : userId;
  }

  public boolean isInAny(MigGroup... groups) {
    return !byLink && Arrays.stream(groups).anyMatch(g -> groupIds.contains(g.id()));
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
