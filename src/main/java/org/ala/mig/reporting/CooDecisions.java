package org.ala.mig.reporting;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Every decision of the Committee on Organization, kept for its report to Council (table coo_decision). */
@Repository
public class CooDecisions {

  /** What a decision was about. */
  public enum Subject { ESTABLISH, RENEW, DISBAND, TRANSITION, RENAME }

  /**
   * One recorded decision; petitionId is null for a disband or transition request, and
   * requestReason, the MIG's own reason for such a request, null for a petition. The rationale is
   * COO's, null where COO gave none.
   */
  public record Decision(long id, String migId, String petitionId, Subject subject, boolean approved,
      String rationale, String requestReason, LocalDate decidedOn, Instant decidedAt, String decidedBy) {}

  private final JdbcTemplate jdbc;

  public CooDecisions(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public void record(String migId, String petitionId, Subject subject, boolean approved, String rationale,
      String requestReason, LocalDate decidedOn, Instant decidedAt, String decidedBy) {
    jdbc.update("""
        insert into coo_decision (mig_id, petition_id, subject, approved, rationale, request_reason, decided_on,
                                  decided_at, decided_by)
        values (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        migId, petitionId, subject.name(), approved, rationale, requestReason, Date.valueOf(decidedOn),
        Timestamp.from(decidedAt), decidedBy);
  }

  /** The MIG's decisions, oldest first. */
  public List<Decision> forMig(String migId) {
    return jdbc.query("select * from coo_decision where mig_id = ? order by decided_at, id",
        (rs, n) -> new Decision(rs.getLong("id"), rs.getString("mig_id"), rs.getString("petition_id"),
            Subject.valueOf(rs.getString("subject")), rs.getBoolean("approved"), rs.getString("rationale"),
            rs.getString("request_reason"),
            rs.getDate("decided_on").toLocalDate(), rs.getTimestamp("decided_at").toInstant(),
            rs.getString("decided_by")),
        migId);
  }

  public int countForPetition(String petitionId) {
    Integer n = jdbc.queryForObject("select count(*) from coo_decision where petition_id = ?", Integer.class, petitionId);
    return n == null ? 0 : n;
  }
}
