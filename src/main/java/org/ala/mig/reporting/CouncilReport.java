package org.ala.mig.reporting;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The COO report to Council at one conference (table {@code council_report}); the conference id
 * is the {@code coo-council-report} business key.
 *
 * @param status SCHEDULED (its process waits for the compile date), DRAFT (compiled, before the
 *     COO chair) or PUBLISHED
 * @param periodStart the previous published report's period end; null for the first report
 * @param periodEnd the start of the day the report was compiled (in mig.time-zone); null until then
 * @param content what was compiled; null until then
 */
public record CouncilReport(
    String conferenceId,
    String conferenceName,
    LocalDate conferenceStart,
    String status,
    Instant scheduledAt,
    Instant periodStart,
    Instant periodEnd,
    Content content,
    Instant compiledAt,
    String chairRemarks,
    Instant publishedAt) {

  public static final String SCHEDULED = "SCHEDULED";
  public static final String DRAFT = "DRAFT";
  public static final String PUBLISHED = "PUBLISHED";

  public boolean published() {
    return PUBLISHED.equals(status);
  }

  /**
   * What the report tells Council: the COO decisions of the period, the MIGs established,
   * renewed, disbanded and transitioned in it, and, as of the compile date, the annual reports
   * overdue and the number of active MIGs.
   */
  public record Content(
      List<Decision> decisions,
      List<MigChange> established,
      List<MigChange> renewed,
      List<MigChange> disbanded,
      List<MigChange> transitioned,
      List<OverdueReport> overdueReports,
      int activeMigs) {

    public Content {
      decisions = List.copyOf(decisions);
      established = List.copyOf(established);
      renewed = List.copyOf(renewed);
      disbanded = List.copyOf(disbanded);
      transitioned = List.copyOf(transitioned);
      overdueReports = List.copyOf(overdueReports);
    }

    /** Petitions (to establish or to renew) that COO did not approve. */
    public List<Decision> petitionsNotApproved() {
      return decisions.stream()
          .filter(d -> !d.approved() && (d.subject() == CooDecisions.Subject.ESTABLISH
              || d.subject() == CooDecisions.Subject.RENEW))
          .toList();
    }
  }

  /**
   * One decision of the Committee on Organization (a row of coo_decision): COO's rationale (null
   * where it gave none) and, for a MIG's own disband or transition request, the MIG's reason.
   */
  public record Decision(LocalDate decidedOn, String migId, String migName, CooDecisions.Subject subject,
      boolean approved, String rationale, String petitionId, String requestReason) {}

  /**
   * A MIG established or renewed (on the decision date) or ended (on its end date), with the
   * reason it was disbanded or the unit it became part of.
   */
  public record MigChange(String migId, String migName, LocalDate date, String disbandReason,
      String transitionedTo) {}

  /** An annual report still awaited after its due date. */
  public record OverdueReport(String reportId, String migId, String migName, LocalDate dueDate, boolean extra) {}
}
