package org.ala.mig.registry;

import java.time.LocalDate;
import java.util.Optional;

/**
 * The due date of the latest yearly report opened for a MIG (reporting keeps the reports; the
 * deadline calendar asks through this). The next yearly report opens the day after it is due,
 * so a lifecycle that catches up after a time jump opens every year's report in turn rather than
 * skipping to the year of the jump's landing.
 */
public interface YearlyReportDates {

  Optional<LocalDate> latestYearlyDue(String migId);
}
