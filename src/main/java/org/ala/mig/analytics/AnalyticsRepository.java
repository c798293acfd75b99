package org.ala.mig.analytics;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Reads what Council's analytics count, from the application's own tables (mig_history, petition,
 * coo_decision, annual_report and its rounds): never the engine's history, which is cleaned after
 * its time-to-live. Each read is one query over its table, in an order the figures can stream.
 */
@Repository
class AnalyticsRepository {

  /** One change of a MIG's standing, in the order it was recorded. */
  record Change(String migId, String event, String status, LocalDate effectiveOn) {}

  /** A decided petition: when it was received and when COO first decided it. */
  record Decided(Instant receivedAt, Instant decidedAt) {}

  /** An annual report: its due date and its first receipt (null when never received). */
  record Report(String migId, LocalDate dueDate, Instant firstReceivedAt) {}

  private final JdbcTemplate jdbc;

  AnalyticsRepository(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  void changes(Consumer<Change> each) {
    jdbc.query("select mig_id, event, status, effective_on from mig_history order by mig_id, id",
        rs -> {
          each.accept(new Change(rs.getString("mig_id"), rs.getString("event"), rs.getString("status"),
              rs.getDate("effective_on").toLocalDate()));
        });
  }

  List<Decided> decidedPetitions() {
    return jdbc.query("""
        select p.submitted_at, min(d.decided_at) as decided_at
          from petition p join coo_decision d on d.petition_id = p.id
         group by p.id, p.submitted_at""",
        (rs, n) -> new Decided(rs.getTimestamp("submitted_at").toInstant(), rs.getTimestamp("decided_at").toInstant()));
  }

  List<Report> reports() {
    return jdbc.query("""
        select r.mig_id, r.due_date,
               coalesce((select min(o.submitted_at) from annual_report_round o where o.report_id = r.id),
                        r.submitted_at) as received_at
          from annual_report r""",
        (rs, n) -> {
          var received = rs.getTimestamp("received_at");
          return new Report(rs.getString("mig_id"), rs.getDate("due_date").toLocalDate(),
              received == null ? null : received.toInstant());
        });
  }

  Map<String, Integer> eventCounts() {
    Map<String, Integer> counts = new java.util.HashMap<>();
    jdbc.query("select event, count(*) as n from mig_history group by event",
        rs -> {
          counts.put(rs.getString("event"), rs.getInt("n"));
        });
    return counts;
  }
}
