package org.ala.mig.petition;

import java.util.List;
import org.ala.mig.registry.OrganizerInput;

/**
 * The body of POST /api/petitions (CONTRACT.md). Every field is checked by {@link PetitionValidator}.
 * {@code meetingNeeds} (optional, step 12): the MIG's space, time and place needs at conferences,
 * shown to Conference Services and kept on the MIG.
 */
public record PetitionRequest(
    String kind,
    String migName,
    String migId,
    String statementOfPurpose,
    List<OrganizerInput> organizers,
    List<SignatureInput> signatures,
    String meetingNeeds) {

  /** A petition that names no meeting needs. */
  public PetitionRequest(String kind, String migName, String migId, String statementOfPurpose,
      List<OrganizerInput> organizers, List<SignatureInput> signatures) {
    this(kind, migName, migId, statementOfPurpose, organizers, signatures, null);
  }

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
