package org.ala.mig.registry;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The staff liaisons of each MIG, in order (table mig_staff_liaison). The first is also the
 * MIG's {@link Mig#staffLiaison()} (columns mig.staff_liaison_*), which a MIG brought under
 * management with one liaison has before it has rows here: it is read as the only one then.
 */
@Repository
public class StaffLiaisonRepository {

  private final JdbcTemplate jdbc;
  private final Clock clock;

  public StaffLiaisonRepository(JdbcTemplate jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** The MIG's liaisons, in order; empty when it has none. */
  public List<StaffLiaison> of(String migId) {
    List<StaffLiaison> rows = jdbc.query(
        "select name, email from mig_staff_liaison where mig_id = ? order by position",
        (rs, n) -> new StaffLiaison(rs.getString("name"), rs.getString("email")), migId);
    if (!rows.isEmpty()) {
      return rows;
    }
    return jdbc.query("""
        select staff_liaison_name, staff_liaison_email from mig
        where id = ? and staff_liaison_name is not null and staff_liaison_email is not null""",
        (rs, n) -> new StaffLiaison(rs.getString(1), rs.getString(2)), migId);
  }

  /** Every MIG's liaisons, by MIG id, in one query each for the table and the fallback. */
  public Map<String, List<StaffLiaison>> all() {
    Map<String, List<StaffLiaison>> byMig = new HashMap<>();
    jdbc.query("select mig_id, name, email from mig_staff_liaison order by mig_id, position",
        rs -> {
          byMig.computeIfAbsent(rs.getString("mig_id"), k -> new ArrayList<>())
              .add(new StaffLiaison(rs.getString("name"), rs.getString("email")));
        });
    jdbc.query("""
        select id, staff_liaison_name, staff_liaison_email from mig
        where staff_liaison_name is not null and staff_liaison_email is not null""",
        rs -> {
          StaffLiaison first = new StaffLiaison(rs.getString(2), rs.getString(3));
          byMig.computeIfAbsent(rs.getString(1), k -> new ArrayList<>(List.of(first)));
        });
    return byMig;
  }

  /** The MIG's liaisons become these, in this order; the first is its {@link Mig#staffLiaison()}. */
  @Transactional
  public void replace(String migId, List<StaffLiaison> liaisons) {
    MigReadCache.forget();
    jdbc.update("delete from mig_staff_liaison where mig_id = ?", migId);
    List<Object[]> rows = new ArrayList<>();
    for (int position = 0; position < liaisons.size(); position++) {
      rows.add(new Object[] {migId, position, liaisons.get(position).name(), liaisons.get(position).email()});
    }
    jdbc.batchUpdate("insert into mig_staff_liaison (mig_id, position, name, email) values (?, ?, ?, ?)", rows);
    StaffLiaison first = liaisons.isEmpty() ? null : liaisons.get(0);
    jdbc.update("update mig set staff_liaison_name = ?, staff_liaison_email = ?, updated_at = ? where id = ?",
        first == null ? null : first.name(), first == null ? null : first.email(),
        Timestamp.from(clock.instant()), migId);
  }
}
