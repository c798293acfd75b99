package org.ala.mig.analytics;

import java.util.List;

/**
 * What Council sees of MIGs over the years (CONTRACT.md, "Council analytics"), computed from the
 * application's own tables.
 *
 * @param activeMigsByYear each year from the first in which a MIG was active to this year, with
 *     how many were ACTIVE or RENEWAL_PENDING on any day of it
 * @param daysToDecision from petition received to COO decision over all decided petitions; null
 *     when no petition has been decided
 * @param daysToDecisionByYear the same by the year of the decision, for the trend (an addition
 *     to the contract)
 * @param reportsOnTime annual reports by the year they were due: received by the end of their due
 *     date, received after it, never received (only reports whose due date has passed while the MIG
 *     was active count as missing)
 * @param outcomes all time
 */
public record CouncilAnalytics(
    List<YearCount> activeMigsByYear,
    DaysToDecision daysToDecision,
    List<YearDays> daysToDecisionByYear,
    List<YearReports> reportsOnTime,
    Outcomes outcomes) {

  public CouncilAnalytics {
    activeMigsByYear = List.copyOf(activeMigsByYear);
    daysToDecisionByYear = List.copyOf(daysToDecisionByYear);
    reportsOnTime = List.copyOf(reportsOnTime);
  }

  public record YearCount(int year, int count) {}

  /** Whole days in mig.time-zone; the median of an even number of petitions may end in .5. */
  public record DaysToDecision(double median, int p90) {}

  public record YearDays(int year, int petitions, double median, int p90) {}

  public record YearReports(int year, int onTime, int late, int missing) {}

  public record Outcomes(int established, int renewed, int disbanded, int transitioned, int notEstablished) {}
}
