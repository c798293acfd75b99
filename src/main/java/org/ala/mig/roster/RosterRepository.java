package org.ala.mig.roster;

import java.sql.DatabaseMetaData;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** The member roster (table member). */
@Repository
public class RosterRepository {

  private static final int CHUNK = 1000;

  /** One member inserted, or replaced when its id is there: PostgreSQL's upsert. */
  private static final String UPSERT_POSTGRES = """
      insert into member (member_id, name, email, good_standing_through, updated_at) values (?, ?, ?, ?, ?)
      on conflict (member_id) do update set name = excluded.name, email = excluded.email,
        good_standing_through = excluded.good_standing_through, updated_at = excluded.updated_at""";

  /** The same on H2: a merge on the primary key. */
  private static final String UPSERT_H2 = """
      merge into member (member_id, name, email, good_standing_through, updated_at) key (member_id)
      values (?, ?, ?, ?, ?)""";

  private final JdbcTemplate jdbc;
  private final NamedParameterJdbcTemplate named;
  private final Clock clock;
  private final String upsert;

  public RosterRepository(JdbcTemplate jdbc, NamedParameterJdbcTemplate named, Clock clock, DataSource dataSource)
      throws MetaDataAccessException {
    this.jdbc = jdbc;
    this.named = named;
    this.clock = clock;
    String product = JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getDatabaseProductName);
    this.upsert = "PostgreSQL".equals(product) ? UPSERT_POSTGRES : UPSERT_H2;
  }

  /**
   * Inserts new members and replaces known ones, all in one transaction: one upsert per member
   * on its primary key, sent to the database in JDBC batches of {@value #CHUNK}. Member ids are
   * stored in their canonical form ({@link RosterMember#canonicalId}).
   */
  @Transactional
  public void upsert(List<RosterMember> members) {
    Timestamp now = Timestamp.from(clock.instant());
    jdbc.batchUpdate(upsert, members, CHUNK, (ps, m) -> {
      ps.setString(1, RosterMember.canonicalId(m.memberId()));
      ps.setString(2, m.name());
      if (m.email() == null) {
        ps.setNull(3, Types.VARCHAR);
      } else {
        ps.setString(3, m.email());
      }
      ps.setDate(4, java.sql.Date.valueOf(m.goodStandingThrough()));
      ps.setTimestamp(5, now);
    });
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
