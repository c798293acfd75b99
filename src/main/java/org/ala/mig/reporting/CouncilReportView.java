package org.ala.mig.reporting;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.ala.mig.reporting.CouncilReport.Content;
import org.ala.mig.reporting.CouncilReport.Decision;
import org.ala.mig.reporting.CouncilReport.MigChange;
import org.ala.mig.reporting.CouncilReport.OverdueReport;

/**
 * A published COO report as Council reads it, in {@code GET /api/council/reports/{conferenceId}}
 * and on its printable page.
 *
 * @param firstDay the first day the report covers; null for the first report (since the beginning)
 * @param lastDay the last day it covers (the day before its compile day, 14 days before the conference)
 */
public record CouncilReportView(
    String conferenceId,
    String conferenceName,
    LocalDate conferenceStart,
    Instant periodStart,
    Instant periodEnd,
    LocalDate firstDay,
    LocalDate lastDay,
    Instant compiledAt,
    Instant publishedAt,
    String chairRemarks,
    Counts counts,
    List<Decision> decisions,
    List<MigChange> established,
    List<MigChange> renewed,
    List<MigChange> disbanded,
    List<MigChange> transitioned,
    List<OverdueReport> overdueReports,
    int activeMigs) {

  /** The numbers of the report's summary (and of the mail). */
  public record Counts(int decisions, int established, int renewed, int petitionsNotApproved, int disbanded,
      int transitioned, int overdueReports, int activeMigs) {}

  /** A line of the list of published reports. */
  public record Listed(String conferenceId, String conferenceName, LocalDate conferenceStart, Instant publishedAt) {

    public static Listed of(CouncilReport report) {
      return new Listed(report.conferenceId(), report.conferenceName(), report.conferenceStart(),
          report.publishedAt());
    }
  }

  public static CouncilReportView of(CouncilReport report, CouncilReportService reports) {
    Content c = report.content();
    return new CouncilReportView(report.conferenceId(), report.conferenceName(), report.conferenceStart(),
        report.periodStart(), report.periodEnd(), reports.firstDay(report), reports.lastDay(report),
        report.compiledAt(), report.publishedAt(), report.chairRemarks(),
        new Counts(c.decisions().size(), c.established().size(), c.renewed().size(),
            c.petitionsNotApproved().size(), c.disbanded().size(), c.transitioned().size(),
            c.overdueReports().size(), c.activeMigs()),
        c.decisions(), c.established(), c.renewed(), c.disbanded(), c.transitioned(), c.overdueReports(),
        c.activeMigs());
  }
}
