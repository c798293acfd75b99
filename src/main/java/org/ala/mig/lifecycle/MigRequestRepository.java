package org.ala.mig.lifecycle;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The table mig_request: a MIG's requests and their outcomes. */
@Repository
public class MigRequestRepository {

  private final JdbcTemplate jdbc;

  public MigRequestRepository(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public void insert(MigRequest r) {
    jdbc.update("""
        insert into mig_request (id, mig_id, request_type, details, amount, new_name, status, outcome, requested_by,
                                 requested_at, decided_by, decided_at)
        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        r.requestId(), r.migId(), r.type().name(), r.details(), r.amount(), r.newName(), r.status(), r.outcome(),
        r.requestedBy(), Timestamp.from(r.requestedAt()), r.decidedBy(),
        r.decidedAt() == null ? null : Timestamp.from(r.decidedAt()));
  }

  public Optional<MigRequest> find(String requestId) {
    return jdbc.query("select * from mig_request where id = ?", MigRequestRepository::request, requestId).stream()
        .findFirst();
  }

  /**
   * OPEN to GRANTED or DECLINED, once.
   *
   * @return false when the request was decided already
   */
  public boolean decide(String requestId, boolean granted, String outcome, String decidedBy, Instant at) {
    return jdbc.update("""
        update mig_request set status = ?, outcome = ?, decided_by = ?, decided_at = ? where id = ? and status = 'OPEN'""",
        granted ? MigRequest.GRANTED : MigRequest.DECLINED, outcome, decidedBy, Timestamp.from(at), requestId) == 1;
  }

  /** The MIG's requests, newest first. */
  public List<MigRequest> forMig(String migId) {
    return jdbc.query("select * from mig_request where mig_id = ? order by requested_at desc, id",
        MigRequestRepository::request, migId);
  }

  private static MigRequest request(ResultSet rs, int row) throws SQLException {
    Timestamp decided = rs.getTimestamp("decided_at");
    return new MigRequest(rs.getString("id"), rs.getString("mig_id"), RequestType.valueOf(rs.getString("request_type")),
        rs.getString("details"), rs.getBigDecimal("amount"), rs.getString("new_name"), rs.getString("status"),
        rs.getString("outcome"), rs.getString("requested_by"), rs.getTimestamp("requested_at").toInstant(),
        rs.getString("decided_by"), decided == null ? null : decided.toInstant());
  }
}
