package org.ala.mig.signin;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.ala.mig.identity.Caller;

/**
 * Who an email address is when it signs in with a link: the MIGs and petition drafts it organizes, and the roster
 * member in good standing whose address it is.
 *
 * @param email the address, as the roster or the registry spells it in lower case
 * @param organizerOf the ids of the MIGs whose organizers include the address
 * @param memberId the member's id, or null when the address is no member's in good standing
 * @param draftsOf the ids of the petition drafts (not withdrawn) whose organizers include the address
 */
public record LinkIdentity(String email, List<String> organizerOf, String memberId, List<String> draftsOf) {

  public LinkIdentity {
    organizerOf = List.copyOf(organizerOf);
    draftsOf = List.copyOf(draftsOf);
  }

  public LinkIdentity(String email, List<String> organizerOf, String memberId) {
    this(email, organizerOf, memberId, List.of());
  }

  /** {@link Caller#ORGANIZER} and {@link Caller#MEMBER}, as far as they apply. */
  public Set<String> groups() {
    Set<String> groups = new LinkedHashSet<>();
    if (!organizerOf.isEmpty() || !draftsOf.isEmpty()) {
      groups.add(Caller.ORGANIZER);
    }
    if (memberId != null) {
      groups.add(Caller.MEMBER);
    }
    return groups;
  }
}
