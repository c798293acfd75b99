package org.ala.mig.petition;

import java.util.List;
import org.ala.mig.registry.OrganizerInput;

/** The body of POST /api/petitions (CONTRACT.md). Every field is checked by {@link PetitionValidator}. */
public record PetitionRequest(
    String kind,
    String migName,
    String migId,
    String statementOfPurpose,
    List<OrganizerInput> organizers,
    List<SignatureInput> signatures) {

  public record SignatureInput(String memberId, String name) {}

  /**
   * How one signature was confirmed online (never part of the REST body: the online petition,
   * package drafts, gives it alongside the request). {@code mailedToRosterAddress}: the link the
   * member confirmed by was mailed to the member's roster address on file.
   */
  public record OnlineConfirmation(java.time.Instant confirmedAt, boolean mailedToRosterAddress) {
    public OnlineConfirmation {
      java.util.Objects.requireNonNull(confirmedAt, "confirmedAt");
    }
  }
}
