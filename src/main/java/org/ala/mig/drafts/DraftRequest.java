package org.ala.mig.drafts;

import java.util.List;
import org.ala.mig.registry.OrganizerInput;

/**
 * The body of {@code POST} and {@code PUT /api/petition-drafts} (CONTRACT.md, "Online petition"):
 * the petition body without its signatures, plus the optional meeting needs.
 */
public record DraftRequest(
    String kind,
    String migName,
    String migId,
    String statementOfPurpose,
    String meetingNeeds,
    List<OrganizerInput> organizers) {}
