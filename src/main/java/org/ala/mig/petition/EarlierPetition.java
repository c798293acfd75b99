package org.ala.mig.petition;

import java.time.LocalDate;
import java.util.List;
import org.ala.mig.registry.OrganizerInput;

/**
 * A petition from before this application, received and decided, for
 * {@link EarlierPetitionService#recordEarlierPetition}: {@code kind} ESTABLISH or RENEW,
 * {@code migName} the MIG's name at the time (null: its current name), {@code validSignatures}
 * as verified then, COO's decision ({@code approved}, with its {@code rationale}, required for a
 * refusal) on {@code decidedOn}.
 */
public record EarlierPetition(
    String migId,
    String kind,
    String migName,
    List<OrganizerInput> organizers,
    Integer validSignatures,
    LocalDate receivedOn,
    LocalDate decidedOn,
    Boolean approved,
    String rationale) {}
