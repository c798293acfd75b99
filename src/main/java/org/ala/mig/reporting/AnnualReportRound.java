package org.ala.mig.reporting;

import java.time.Instant;

/**
 * One round of an annual report (table annual_report_round): what the organizers submitted, and
 * COO's review of it; a returned report is resubmitted as the next round.
 *
 * @param accepted null until reviewed
 */
public record AnnualReportRound(int round, String activities, Instant submittedAt, String submittedBy, Boolean late,
    Boolean accepted, String reviewNotes, Instant reviewedAt) {}
