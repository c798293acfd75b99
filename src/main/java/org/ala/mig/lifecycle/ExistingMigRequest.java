package org.ala.mig.lifecycle;

import java.time.LocalDate;
import java.util.List;
import org.ala.mig.registry.OrganizerInput;
import org.ala.mig.registry.StaffLiaison;

/**
 * A MIG that exists already (established before this application) brought under management:
 * POST /api/migs. {@code termStart} is the start of its current term; {@code termEnd} defaults
 * to three years later. {@code activeSince}, optional, is the day it first became active, when
 * that was before its current term (the Handbook's "active since"); it defaults to {@code termStart}.
 */
public record ExistingMigRequest(
    String name,
    String statementOfPurpose,
    LocalDate termStart,
    LocalDate termEnd,
    StaffLiaison staffLiaison,
    List<OrganizerInput> organizers,
    LocalDate activeSince) {}
