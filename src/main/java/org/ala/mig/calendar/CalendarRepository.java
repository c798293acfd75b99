package org.ala.mig.calendar;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The feeds' keys (table mig_calendar_key) and the versions of their events (table
 * calendar_event_version). Every statement commits on its own: two callers racing for the same
 * row meet at its primary key, and the loser reads the winner's row.
 */
@Repository
class CalendarRepository {

  /** What a feed last showed of an event. */
  record Version(String fingerprint, int sequence, Instant modifiedAt) {}

  private static final int IN_LIST = 500;

  private final JdbcTemplate jdbc;

  CalendarRepository(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  Optional<String> key(String migId) {
    return jdbc.queryForList("select feed_key from mig_calendar_key where mig_id = ?", String.class, migId)
        .stream().findFirst();
  }

  /** Stores the MIG's first key; a second insert for the MIG fails with DuplicateKeyException. */
  void insertKey(String migId, String key, Instant now) {
    jdbc.update("insert into mig_calendar_key (mig_id, feed_key, created_at) values (?, ?, ?)",
        migId, key, Timestamp.from(now));
  }

  /** Replaces the MIG's key; 0 when it had none. */
  int replaceKey(String migId, String key, Instant now) {
    return jdbc.update("update mig_calendar_key set feed_key = ?, created_at = ? where mig_id = ?",
        key, Timestamp.from(now), migId);
  }

  Map<String, Version> versions(Collection<String> uids) {
    Map<String, Version> found = new HashMap<>();
    List<String> all = new ArrayList<>(uids);
    for (int from = 0; from < all.size(); from += IN_LIST) {
      List<String> chunk = all.subList(from, Math.min(all.size(), from + IN_LIST));
      String marks = String.join(", ", java.util.Collections.nCopies(chunk.size(), "?"));
      jdbc.query("select uid, fingerprint, sequence_no, modified_at from calendar_event_version where uid in ("
          + marks + ")", rs -> {
            found.put(rs.getString("uid"), new Version(rs.getString("fingerprint"), rs.getInt("sequence_no"),
                rs.getTimestamp("modified_at").toInstant()));
          }, chunk.toArray());
    }
    return found;
  }

  Optional<Version> version(String uid) {
    return Optional.ofNullable(versions(List.of(uid)).get(uid));
  }

  /** The first version of an event; a second insert of its UID fails with DuplicateKeyException. */
  void insertVersion(String uid, String fingerprint, Instant now) {
    jdbc.update("insert into calendar_event_version (uid, fingerprint, sequence_no, modified_at) values (?, ?, 0, ?)",
        uid, fingerprint, Timestamp.from(now));
  }

  /** The event's dates changed from {@code was}: its sequence goes up by one; false when another caller got there first. */
  boolean raiseVersion(String uid, String was, String fingerprint, Instant now) {
    return jdbc.update("""
        update calendar_event_version set fingerprint = ?, sequence_no = sequence_no + 1, modified_at = ?
        where uid = ? and fingerprint = ?""", fingerprint, Timestamp.from(now), uid, was) == 1;
  }
}
