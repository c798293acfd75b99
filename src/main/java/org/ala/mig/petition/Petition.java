package org.ala.mig.petition;

import java.time.Instant;

/** A stored petition. status: OPEN, INSUFFICIENT, APPROVED or DISAPPROVED. */
public record Petition(
    String id,
    String migId,
    PetitionKind kind,
    String migName,
    String statementOfPurpose,
    String status,
    Instant submittedAt,
    String submittedBy,
    int signatureCount,
    Integer autoValidCount,
    Integer validSignatureCount,
    String verificationNotes,
    Instant decidedAt) {}
