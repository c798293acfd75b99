package org.ala.mig.reporting;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import org.ala.mig.registry.YearlyReportDates;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The {@code annual_report} table. */
@Repository
public class AnnualReportRepository implements YearlyReportDates {

  private final JdbcTemplate jdbc;

  public AnnualReportRepository(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public void insert(AnnualReport r) {
    jdbc.update("""
        insert into annual_report (id, mig_id, report_year, due_date, extra, status, requested_by, opened_at)
        values (?, ?, ?, ?, ?, ?, ?, ?)""",
        r.id(), r.migId(), r.year(), Date.valueOf(r.dueDate()), r.extra(), r.status(), r.requestedBy(),
        Timestamp.from(r.openedAt()));
  }

  public Optional<AnnualReport> find(String id) {
    return jdbc.query("select * from annual_report where id = ?", this::report, id).stream().findFirst();
  }

  public List<AnnualReport> forMig(String migId) {
    return jdbc.query("select * from annual_report where mig_id = ? order by due_date, id", this::report, migId);
  }

  /** The reports of the MIG for that year still awaited: the yearly one first, then extra ones by due date. */
  public List<AnnualReport> awaited(String migId, int year) {
    return jdbc.query("""
        select * from annual_report where mig_id = ? and report_year = ? and status = 'AWAITED'
        order by extra, due_date""", this::report, migId, year);
  }

  /**
   * What a MIG owes: the earliest due date of its awaited reports that are overdue (due before
   * {@code today}), and of those still to come; either null.
   */
  public record Owed(LocalDate overdueSince, LocalDate nextDue) {
    public static final Owed NOTHING = new Owed(null, null);
  }

  /** For each MIG that owes a report, what it owes as of {@code today}: read once for a listing. */
  public Map<String, Owed> owed(LocalDate today) {
    Map<String, Owed> owed = new HashMap<>();
    jdbc.query("""
        select mig_id, min(case when due_date < ? then due_date end), min(case when due_date >= ? then due_date end)
        from annual_report where status = 'AWAITED' group by mig_id""",
        rs -> {
          owed.put(rs.getString(1), new Owed(date(rs.getDate(2)), date(rs.getDate(3))));
        }, Date.valueOf(today), Date.valueOf(today));
    return owed;
  }

  /** What one MIG owes as of {@code today}. */
  public Owed owed(String migId, LocalDate today) {
    return jdbc.query("""
        select min(case when due_date < ? then due_date end), min(case when due_date >= ? then due_date end)
        from annual_report where mig_id = ? and status = 'AWAITED'""",
        (rs, n) -> new Owed(date(rs.getDate(1)), date(rs.getDate(2))),
        Date.valueOf(today), Date.valueOf(today), migId).stream().findFirst().orElse(Owed.NOTHING);
  }

  private static LocalDate date(Date d) {
    return d == null ? null : d.toLocalDate();
  }

  @Override
  public Optional<LocalDate> latestYearlyDue(String migId) {
    return Optional.ofNullable(jdbc.queryForObject(
        "select max(due_date) from annual_report where mig_id = ? and not extra", LocalDate.class, migId));
  }

  /** AWAITED to RECEIVED, unless another submission came first. */
  public boolean receive(String id, String activities, Instant at, String by, boolean late) {
    return jdbc.update("""
        update annual_report set status = 'RECEIVED', activities = ?, submitted_at = ?, submitted_by = ?, late = ?
        where id = ? and status = 'AWAITED'""", activities, Timestamp.from(at), by, late, id) == 1;
  }

  /** RETURNED to RECEIVED with the resubmitted text, unless another resubmission came first. */
  public boolean resubmit(String id, String activities, Instant at, String by, boolean late) {
    return jdbc.update("""
        update annual_report set status = 'RECEIVED', activities = ?, submitted_at = ?, submitted_by = ?, late = ?,
          review_notes = null, reviewed_at = null
        where id = ? and status = 'RETURNED'""", activities, Timestamp.from(at), by, late, id) == 1;
  }

  /** The reports of the MIG for that year that COO returned: the yearly one first, then extra ones by due date. */
  public List<AnnualReport> returned(String migId, int year) {
    return jdbc.query("""
        select * from annual_report where mig_id = ? and report_year = ? and status = 'RETURNED'
        order by extra, due_date""", this::report, migId, year);
  }

  public void review(String id, boolean accepted, String notes, Instant at) {
    int changed = jdbc.update("""
        update annual_report set status = ?, review_notes = ?, reviewed_at = ? where id = ? and status = 'RECEIVED'""",
        accepted ? "ACCEPTED" : "RETURNED", notes, Timestamp.from(at), id);
    if (changed == 1) {
      jdbc.update("""
          update annual_report_round set accepted = ?, review_notes = ?, reviewed_at = ?
          where report_id = ? and round = (select max(round) from annual_report_round where report_id = ?)""",
          accepted, notes, Timestamp.from(at), id, id);
    }
  }

  /** Adds the next round of the report: what was submitted now. */
  public int addRound(String id, String activities, Instant at, String by, boolean late) {
    Integer last = jdbc.queryForObject("select max(round) from annual_report_round where report_id = ?",
        Integer.class, id);
    int round = last == null ? 1 : last + 1;
    jdbc.update("""
        insert into annual_report_round (report_id, round, activities, submitted_at, submitted_by, late)
        values (?, ?, ?, ?, ?, ?)""", id, round, activities, Timestamp.from(at), by, late);
    return round;
  }

  /** The report's rounds, first first. */
  public List<AnnualReportRound> rounds(String id) {
    return jdbc.query("select * from annual_report_round where report_id = ? order by round", this::round, id);
  }

  /**
   * The rounds of every report of the MIG, by report id, each report's first first; a report with
   * no round has no entry. One query for the MIG, not one per report (its page lists them all).
   */
  public Map<String, List<AnnualReportRound>> roundsOfMig(String migId) {
    Map<String, List<AnnualReportRound>> byReport = new HashMap<>();
    jdbc.query("""
        select r.* from annual_report_round r join annual_report a on a.id = r.report_id
        where a.mig_id = ? order by r.report_id, r.round""", rs -> {
      byReport.computeIfAbsent(rs.getString("report_id"), k -> new ArrayList<>()).add(round(rs, 0));
    }, migId);
    return byReport;
  }

  private AnnualReportRound round(ResultSet rs, int row) throws SQLException {
    Object late = rs.getObject("late");
    Object accepted = rs.getObject("accepted");
    return new AnnualReportRound(rs.getInt("round"), rs.getString("activities"),
        instant(rs.getTimestamp("submitted_at")), rs.getString("submitted_by"),
        late == null ? null : rs.getBoolean("late"), accepted == null ? null : rs.getBoolean("accepted"),
        rs.getString("review_notes"), instant(rs.getTimestamp("reviewed_at")));
  }

  /**
   * The MIG ended: what it still owed or COO had not reviewed is cancelled.
   *
   * @return the ids of the reports cancelled: the business keys of the report processes still running
   */
  public List<String> cancelOpen(String migId) {
    // a RETURNED report's process waits for its resubmission: it ends too, and the report stays RETURNED
    List<String> open = jdbc.queryForList(
        "select id from annual_report where mig_id = ? and status in ('AWAITED', 'RECEIVED', 'RETURNED') order by id",
        String.class, migId);
    jdbc.update("""
        update annual_report set status = 'CANCELLED' where mig_id = ? and status in ('AWAITED', 'RECEIVED')""", migId);
    return open;
  }

  private AnnualReport report(ResultSet rs, int row) throws SQLException {
    Object late = rs.getObject("late");
    return new AnnualReport(rs.getString("id"), rs.getString("mig_id"), rs.getInt("report_year"),
        rs.getDate("due_date").toLocalDate(), rs.getBoolean("extra"), rs.getString("status"),
        rs.getString("requested_by"), instant(rs.getTimestamp("opened_at")), rs.getString("activities"),
        instant(rs.getTimestamp("submitted_at")), rs.getString("submitted_by"),
        late == null ? null : rs.getBoolean("late"), instant(rs.getTimestamp("reviewed_at")),
        rs.getString("review_notes"));
  }

  private static Instant instant(Timestamp t) {
    return t == null ? null : t.toInstant();
  }
}
