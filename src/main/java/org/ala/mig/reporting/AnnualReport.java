package org.ala.mig.reporting;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One report of a MIG's activities to COO.
 *
 * @param id the mig-annual-report business key: {@code {migId}:{year}}, or {@code {migId}:{dueDate}} for an extra report
 * @param status AWAITED, RECEIVED, ACCEPTED, RETURNED or CANCELLED
 */
public record AnnualReport(
    String id,
    String migId,
    int year,
    LocalDate dueDate,
    boolean extra,
    String status,
    String requestedBy,
    Instant openedAt,
    String activities,
    Instant submittedAt,
    String submittedBy,
    Boolean late,
    Instant reviewedAt,
    String reviewNotes) {

  public static final String AWAITED = "AWAITED";
  public static final String RECEIVED = "RECEIVED";
}
