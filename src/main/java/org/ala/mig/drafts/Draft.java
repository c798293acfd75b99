package org.ala.mig.drafts;

import java.time.Instant;
import java.util.List;
import org.ala.mig.registry.Organizer;

/** A petition draft as stored, with its organizers (emails in lower case). */
public record Draft(
    String id,
    String kind,
    String migId,
    String migName,
    String statementOfPurpose,
    String meetingNeeds,
    DraftStatus status,
    String petitionId,
    boolean readyMailed,
    String createdBy,
    Instant createdAt,
    Instant updatedAt,
    List<Organizer> organizers) {

  public Draft {
    organizers = List.copyOf(organizers);
  }

  /** This draft with these organizers. */
  Draft withOrganizers(List<Organizer> theOrganizers) {
    return new Draft(id, kind, migId, migName, statementOfPurpose, meetingNeeds, status, petitionId, readyMailed,
        createdBy, createdAt, updatedAt, theOrganizers);
  }

  /** Whether the address (any case) is one of the draft's organizers. */
  public boolean organizedBy(String email) {
    return email != null && organizers.stream().anyMatch(o -> o.email().equalsIgnoreCase(email.strip()));
  }
}
