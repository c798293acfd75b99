package org.ala.mig.reporting;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Every decision of the Committee on Organization, kept for its report to Council (table coo_decision). */
@Repository
public class CooDecisions {

  /** What a decision was about. */
  public enum Subject { ESTABLISH, RENEW, DISBAND, TRANSITION }

  private final JdbcTemplate jdbc;

  public CooDecisions(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public void record(String migId, String petitionId, Subject subject, boolean approved, String rationale,
      LocalDate decidedOn, Instant decidedAt, String decidedBy) {
    jdbc.update("""
        insert into coo_decision (mig_id, petition_id, subject, approved, rationale, decided_on, decided_at, decided_by)
        values (?, ?, ?, ?, ?, ?, ?, ?)""",
        migId, petitionId, subject.name(), approved, rationale, Date.valueOf(decidedOn), Timestamp.from(decidedAt),
        decidedBy);
  }

  public int countForPetition(String petitionId) {
    Integer n = jdbc.queryForObject("select count(*) from coo_decision where petition_id = ?", Integer.class, petitionId);
    return n == null ? 0 : n;
  }
}
