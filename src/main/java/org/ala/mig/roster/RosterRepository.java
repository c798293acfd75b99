package org.ala.mig.roster;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** The member roster (table member). */
@Repository
public class RosterRepository {

  private static final int CHUNK = 1000;
  private final JdbcTemplate jdbc;
  private final NamedParameterJdbcTemplate named;
  private final Clock clock;

  public RosterRepository(JdbcTemplate jdbc, NamedParameterJdbcTemplate named, Clock clock) {
    this.jdbc = jdbc;
    this.named = named;
    this.clock = clock;
  }

  /**
   * Inserts new members and replaces known ones, in batches, all in one transaction. Member ids
   * are stored in their canonical form ({@link RosterMember#canonicalId}).
   */
  @Transactional
  public void upsert(List<RosterMember> members) {
    Timestamp now = Timestamp.from(clock.instant());
    for (int from = 0; from < members.size(); from += CHUNK) {
      List<RosterMember> chunk = members.subList(from, Math.min(members.size(), from + CHUNK));
      named.update("delete from member where member_id in (:ids)",
          new MapSqlParameterSource("ids", chunk.stream().map(m -> RosterMember.canonicalId(m.memberId())).toList()));
      List<Object[]> rows = new ArrayList<>(chunk.size());
      for (RosterMember m : chunk) {
        rows.add(new Object[] {RosterMember.canonicalId(m.memberId()), m.name(), m.email(), java.sql.Date.valueOf(m.goodStandingThrough()), now});
      }
      jdbc.batchUpdate(
          "insert into member (member_id, name, email, good_standing_through, updated_at) values (?, ?, ?, ?, ?)",
          rows);
    }
  }

  public long count() {
    Long n = jdbc.queryForObject("select count(*) from member", Long.class);
    return n == null ? 0 : n;
  }

  /**
   * The members with these ids, keyed by {@link RosterMember#canonicalId}; ids are looked
   * up in chunks, never one query per signature.
   */
  public Map<String, RosterMember> findByIds(Collection<String> memberIds) {
    List<String> ids = memberIds.stream().map(RosterMember::canonicalId).distinct().toList();
    Map<String, RosterMember> found = new HashMap<>();
    for (int from = 0; from < ids.size(); from += CHUNK) {
      named.query("select * from member where member_id in (:ids)",
          new MapSqlParameterSource("ids", ids.subList(from, Math.min(ids.size(), from + CHUNK))),
          rs -> {
            RosterMember m = new RosterMember(rs.getString("member_id"), rs.getString("name"),
                rs.getString("email"), rs.getDate("good_standing_through").toLocalDate());
            found.put(RosterMember.canonicalId(m.memberId()), m);
          });
    }
    return found;
  }

  /** The members whose roster address is this one (any case), by member id. */
  public List<RosterMember> findByEmail(String email) {
    return jdbc.query("select * from member where lower(email) = ? order by member_id",
        (rs, n) -> new RosterMember(rs.getString("member_id"), rs.getString("name"), rs.getString("email"),
            rs.getDate("good_standing_through").toLocalDate()),
        email.strip().toLowerCase(java.util.Locale.ROOT));
  }
}
