package org.ala.mig.reporting;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.ala.mig.reporting.CouncilReport.Content;
import org.ala.mig.reporting.CouncilReport.Decision;
import org.ala.mig.reporting.CouncilReport.MigChange;
import org.ala.mig.reporting.CouncilReport.OverdueReport;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The {@code council_report} table, and the queries that compile a report from {@code coo_decision},
 * {@code mig} and {@code annual_report}. The compiled content is kept as JSON.
 */
@Repository
public class CouncilReportRepository {

  private final JdbcTemplate jdbc;
  private final ObjectMapper json;

  public CouncilReportRepository(JdbcTemplate jdbc, ObjectMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  // --- the report itself -------------------------------------------------------------------------

  /**
   * Writes the SCHEDULED row of a conference's report.
   *
   * @throws DuplicateKeyException when the conference has a report already (another node
   *     scheduled it at the same moment); on PostgreSQL the transaction is then unusable, so the
   *     caller catches it outside the transaction
   */
  public void insertScheduled(String conferenceId, String conferenceName, LocalDate conferenceStart, Instant at) {
    jdbc.update("""
        insert into council_report (conference_id, conference_name, conference_start, status, scheduled_at)
        values (?, ?, ?, 'SCHEDULED', ?)""",
        conferenceId, conferenceName, Date.valueOf(conferenceStart), Timestamp.from(at));
  }

  public boolean exists(String conferenceId) {
    Integer n = jdbc.queryForObject("select count(*) from council_report where conference_id = ?", Integer.class,
        conferenceId);
    return n != null && n > 0;
  }

  public Optional<CouncilReport> find(String conferenceId) {
    return jdbc.query("select * from council_report where conference_id = ?", this::report, conferenceId).stream()
        .findFirst();
  }

  /** The published reports, the latest conference first. */
  public List<CouncilReport> published() {
    return jdbc.query("select * from council_report where status = 'PUBLISHED' order by conference_start desc,"
        + " conference_id", this::report);
  }

  /**
   * The conference before this one (the latest conference start before {@code conferenceStart},
   * the greater id among conferences on the same day before {@code conferenceId}), with its
   * period end if it is compiled: where this report's period begins.
   */
  public Optional<Previous> previous(LocalDate conferenceStart, String conferenceId) {
    return jdbc.query("""
        select conference_id, conference_start, period_end from council_report
        where conference_start < ? or (conference_start = ? and conference_id < ?)
        order by conference_start desc, conference_id desc""",
        (rs, n) -> new Previous(rs.getString(1), rs.getDate(2).toLocalDate(), instant(rs.getTimestamp(3))),
        Date.valueOf(conferenceStart), Date.valueOf(conferenceStart), conferenceId).stream().findFirst();
  }

  /** The report of the conference before, where a report's period begins. */
  public record Previous(String conferenceId, LocalDate conferenceStart, Instant periodEnd) {}

  /** SCHEDULED (or DRAFT, compiled again) to DRAFT with its period and content. */
  public boolean storeDraft(String conferenceId, Instant periodStart, Instant periodEnd, Content content,
      Instant compiledAt) {
    return jdbc.update("""
        update council_report set status = 'DRAFT', period_start = ?, period_end = ?, content = ?, compiled_at = ?
        where conference_id = ? and status in ('SCHEDULED', 'DRAFT')""",
        timestamp(periodStart), Timestamp.from(periodEnd), write(content), Timestamp.from(compiledAt),
        conferenceId) == 1;
  }

  /** DRAFT to PUBLISHED with the chair's remarks. */
  public boolean publish(String conferenceId, String chairRemarks, Instant at) {
    return jdbc.update("""
        update council_report set status = 'PUBLISHED', chair_remarks = ?, published_at = ?
        where conference_id = ? and status = 'DRAFT'""", chairRemarks, Timestamp.from(at), conferenceId) == 1;
  }

  // --- what a report is compiled from ----------------------------------------------------------

  /** Every COO decision taken in [from, to) (from null: since the beginning), oldest first. */
  public List<Decision> decisions(Instant from, Instant to) {
    String since = from == null ? "" : " and d.decided_at >= ?";
    Object[] args = from == null ? new Object[] {Timestamp.from(to)} : new Object[] {Timestamp.from(to), Timestamp.from(from)};
    return jdbc.query("""
        select d.decided_on, d.mig_id, m.name, d.subject, d.approved, d.rationale, d.petition_id, d.request_reason
        from coo_decision d join mig m on m.id = d.mig_id
        where d.decided_at < ?""" + since + " order by d.decided_at, d.id",
        (rs, n) -> new Decision(rs.getDate(1).toLocalDate(), rs.getString(2), rs.getString(3),
            CooDecisions.Subject.valueOf(rs.getString(4)), rs.getBoolean(5), rs.getString(6), rs.getString(7),
            rs.getString(8)),
        args);
  }

  /** MIGs that are (still) {@code status} and ended on a day in [from, to) (from null: since the beginning). */
  public List<MigChange> ended(String status, LocalDate from, LocalDate to) {
    String since = from == null ? "" : " and ended_on >= ?";
    Object[] args = from == null ? new Object[] {status, Date.valueOf(to)}
        : new Object[] {status, Date.valueOf(to), Date.valueOf(from)};
    return jdbc.query("""
        select id, name, ended_on, disband_reason, transitioned_to from mig
        where status = ? and ended_on < ?""" + since + " order by ended_on, name",
        (rs, n) -> new MigChange(rs.getString(1), rs.getString(2), rs.getDate(3).toLocalDate(), rs.getString(4),
            rs.getString(5)),
        args);
  }

  /**
   * The annual reports that were overdue at the end of a period: due before {@code endDay} and then
   * still awaited (awaited today, submitted since, or cancelled when the MIG ended on
   * {@code endDay} or later), the oldest due first.
   */
  public List<OverdueReport> overdueReports(LocalDate endDay, Instant end) {
    return jdbc.query("""
        select r.id, r.mig_id, m.name, r.due_date, r.extra from annual_report r join mig m on m.id = r.mig_id
        where r.due_date < ?
          and (r.status = 'AWAITED' or r.submitted_at >= ? or (r.status = 'CANCELLED' and r.submitted_at is null
               and m.ended_on >= ?))
        order by r.due_date, m.name, r.id""",
        (rs, n) -> new OverdueReport(rs.getString(1), rs.getString(2), rs.getString(3),
            rs.getDate(4).toLocalDate(), rs.getBoolean(5)),
        Date.valueOf(endDay), Timestamp.from(end), Date.valueOf(endDay));
  }

  /**
   * How many MIGs were active at the end of a period: established (by an approved petition
   * decided before {@code end}, or brought under management before it) and not ended before
   * {@code endDay}.
   */
  public int countActiveMigs(LocalDate endDay, Instant end) {
    Integer n = jdbc.queryForObject("""
        select count(*) from mig m
        where m.status in ('ACTIVE', 'RENEWAL_PENDING', 'DISBANDED', 'TRANSITIONED')
          and coalesce((select min(d.decided_at) from coo_decision d
                        where d.mig_id = m.id and d.subject = 'ESTABLISH' and d.approved), m.created_at) < ?
          and (m.ended_on is null or m.ended_on >= ?)""", Integer.class, Timestamp.from(end), Date.valueOf(endDay));
    return n == null ? 0 : n;
  }

  // --- mapping -------------------------------------------------------------------------------

  private CouncilReport report(ResultSet rs, int row) throws SQLException {
    String content = rs.getString("content");
    return new CouncilReport(rs.getString("conference_id"), rs.getString("conference_name"),
        rs.getDate("conference_start").toLocalDate(), rs.getString("status"), instant(rs.getTimestamp("scheduled_at")),
        instant(rs.getTimestamp("period_start")), instant(rs.getTimestamp("period_end")),
        content == null ? null : read(content), instant(rs.getTimestamp("compiled_at")),
        rs.getString("chair_remarks"), instant(rs.getTimestamp("published_at")));
  }

  private String write(Content content) {
    try {
      return json.writeValueAsString(content);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the report as JSON", e);
    }
  }

  private Content read(String content) {
    try {
      return json.readValue(content, Content.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot read a stored report", e);
    }
  }

  private static Instant instant(Timestamp t) {
    return t == null ? null : t.toInstant();
  }

  private static Timestamp timestamp(Instant i) {
    return i == null ? null : Timestamp.from(i);
  }
}
