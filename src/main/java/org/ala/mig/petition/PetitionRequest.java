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
}
