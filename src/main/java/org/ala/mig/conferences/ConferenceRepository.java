package org.ala.mig.conferences;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/** The conferences (table conference) and the MIG meetings arranged at them (table mig_meeting). */
@Repository
class ConferenceRepository {

  /** A conference row, before its report date is worked out. */
  record Row(String id, String name, LocalDate startDate, LocalDate endDate, String location) {}

  private final JdbcTemplate jdbc;

  ConferenceRepository(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  List<Row> all() {
    return jdbc.query("select * from conference order by start_date, id", ConferenceRepository::row);
  }

  List<Row> startingOnOrAfter(LocalDate day) {
    return jdbc.query("select * from conference where start_date >= ? order by start_date, id",
        ConferenceRepository::row, Date.valueOf(day));
  }

  Optional<Row> find(String id) {
    return jdbc.query("select * from conference where id = ?", ConferenceRepository::row, id).stream().findFirst();
  }

  boolean exists(String id) {
    Integer count = jdbc.queryForObject("select count(*) from conference where id = ?", Integer.class, id);
    return count != null && count > 0;
  }

  /** Inserts the conference; a second insert of its id fails with DuplicateKeyException. */
  void insert(Row row, Instant now) {
    jdbc.update("""
        insert into conference (id, name, start_date, end_date, location, created_at)
        values (?, ?, ?, ?, ?, ?)""",
        row.id(), row.name(), Date.valueOf(row.startDate()), row.endDate() == null ? null : Date.valueOf(row.endDate()),
        row.location(), Timestamp.from(now));
  }

  /** Stores the meeting arranged by one task; a second store of that task changes nothing. */
  void insertMeeting(String taskId, String migId, String conferenceId, Instant start, Instant end, String room,
      Instant now) {
    Integer count = jdbc.queryForObject("select count(*) from mig_meeting where task_id = ?", Integer.class, taskId);
    if (count != null && count > 0) {
      return;
    }
    jdbc.update("""
        insert into mig_meeting (task_id, mig_id, conference_id, meeting_start, meeting_end, room, created_at)
        values (?, ?, ?, ?, ?, ?, ?)""",
        taskId, migId, conferenceId, Timestamp.from(start), Timestamp.from(end), room, Timestamp.from(now));
  }

  List<ScheduledMeeting> schedule(String conferenceId) {
    return jdbc.query("""
        select m.mig_id, g.name, m.meeting_start, m.meeting_end, m.room
        from mig_meeting m join mig g on g.id = m.mig_id
        where m.conference_id = ? order by m.meeting_start, g.name""",
        (rs, n) -> new ScheduledMeeting(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant(),
            rs.getTimestamp(4).toInstant(), rs.getString(5)),
        conferenceId);
  }

  /** The arranged meetings, of every MIG or (migId not null) of one, in order of their start. */
  List<ArrangedMeeting> arranged(String migId) {
    String sql = """
        select m.task_id, m.mig_id, g.name as mig_name, m.conference_id, c.name as conference_name,
               m.meeting_start, m.meeting_end, m.room
        from mig_meeting m join mig g on g.id = m.mig_id join conference c on c.id = m.conference_id
        %s order by m.meeting_start, m.task_id""".formatted(migId == null ? "" : "where m.mig_id = ?");
    RowMapper<ArrangedMeeting> mapper = (rs, n) -> new ArrangedMeeting(rs.getString("task_id"), rs.getString("mig_id"),
        rs.getString("mig_name"), rs.getString("conference_id"), rs.getString("conference_name"),
        rs.getTimestamp("meeting_start").toInstant(), rs.getTimestamp("meeting_end").toInstant(), rs.getString("room"));
    return migId == null ? jdbc.query(sql, mapper) : jdbc.query(sql, mapper, migId);
  }

  private static Row row(ResultSet rs, int n) throws SQLException {
    Date end = rs.getDate("end_date");
    return new Row(rs.getString("id"), rs.getString("name"), rs.getDate("start_date").toLocalDate(),
        end == null ? null : end.toLocalDate(), rs.getString("location"));
  }
}
