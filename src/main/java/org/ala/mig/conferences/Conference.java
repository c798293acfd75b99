package org.ala.mig.conferences;

import java.time.LocalDate;

/**
 * An ALA conference as GET /api/conferences shows it (CONTRACT.md, step 12).
 *
 * @param endDate its last day, or null when not known
 * @param location where it is held, or null
 * @param councilReportDue the day the COO report to Council for it is compiled (14 days before)
 */
public record Conference(String id, String name, LocalDate startDate, LocalDate endDate, String location,
    LocalDate councilReportDue) {}
