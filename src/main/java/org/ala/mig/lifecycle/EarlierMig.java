package org.ala.mig.lifecycle;

import java.time.LocalDate;
import java.util.List;
import org.ala.mig.registry.OrganizerInput;
import org.ala.mig.registry.StaffLiaison;

/**
 * A MIG whose whole life came before this application, for {@link EarlierStandingService#recordEndedMig}:
 * petitioned on {@code petitionedOn}; then either not established ({@code outcome} NOT_ESTABLISHED,
 * decided on {@code endedOn}), or established on {@code establishedOn}, renewed on each of
 * {@code renewedOn}, and ended on {@code endedOn} as DISBANDED (with {@code disbandReason}
 * NOT_RENEWED or REQUESTED) or TRANSITIONED (into {@code transitionedTo}).
 */
public record EarlierMig(
    String name,
    String statementOfPurpose,
    StaffLiaison staffLiaison,
    List<OrganizerInput> organizers,
    LocalDate petitionedOn,
    LocalDate establishedOn,
    List<LocalDate> renewedOn,
    String outcome,
    LocalDate endedOn,
    String disbandReason,
    String transitionedTo) {}
