package org.ala.mig.registry;

import java.time.LocalDate;
import java.util.List;

/**
 * A MIG that exists already (established before this application) brought under management:
 * POST /api/migs. {@code termStart} is the start of its current term; {@code termEnd} defaults
 * to three years later.
 */
public record ExistingMigRequest(
    String name,
    String statementOfPurpose,
    LocalDate termStart,
    LocalDate termEnd,
    StaffLiaison staffLiaison,
    List<OrganizerInput> organizers) {}
