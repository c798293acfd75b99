package org.ala.mig.registry;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.ala.mig.common.MigProperties;
import org.ala.mig.common.NotFoundException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The MIG records and their organizers (tables mig and mig_organizer). Every change of a MIG's
 * status is written to its history (mig_history) in the same call, so that no path can change
 * one without the other.
 */
@Repository
public class MigRepository {

  private final JdbcTemplate jdbc;
  private final Clock clock;
  private final java.time.ZoneId zone;

  public MigRepository(JdbcTemplate jdbc, Clock clock, MigProperties properties) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.zone = properties.timeZone();
  }

  /** The MIG with its organizers; read once per transaction until it changes ({@link MigReadCache}). */
  public Optional<Mig> find(String id) {
    return MigReadCache.find(id, this::read);
  }

  private Optional<Mig> read(String id) {
    List<Mig> found = withOrganizers(jdbc.query("select * from mig where id = ?", MigRepository::mig, id));
    return found.stream().findFirst();
  }

  /** The MIG with this id; {@link NotFoundException} when there is none. */
  public Mig get(String id) {
    return find(id).orElseThrow(() -> new NotFoundException("No MIG with id '" + id + "'"));
  }

  public List<Organizer> organizers(String migId) {
    return jdbc.query(
        "select name, email, address from mig_organizer where mig_id = ? order by position",
        (rs, n) -> new Organizer(rs.getString("name"), rs.getString("email"), rs.getString("address")),
        migId);
  }

  /** Stores a new MIG with its organizers; the id must not exist yet. */
  @Transactional
  public void insert(Mig mig) {
    insert(mig, mig.termStart());
  }

  /**
   * Stores a new MIG with its organizers; the id must not exist yet. An ACTIVE MIG has been active
   * since {@code activeSince} (its first term's start, at or before its current term's).
   */
  @Transactional
  public void insert(Mig mig, LocalDate activeSince) {
    MigReadCache.forget();
    Timestamp now = Timestamp.from(clock.instant());
    boolean active = mig.status() == MigStatus.ACTIVE;
    if (active && activeSince == null) {
      activeSince = mig.termStart();
    }
    jdbc.update("""
        insert into mig (id, name, status, statement_of_purpose, term_start, term_end,
          staff_liaison_name, staff_liaison_email, disband_reason, created_at, updated_at, active_since)
        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        mig.id(), mig.name(), mig.status().name(), mig.statementOfPurpose(),
        date(mig.termStart()), date(mig.termEnd()),
        mig.staffLiaison() == null ? null : mig.staffLiaison().name(),
        mig.staffLiaison() == null ? null : mig.staffLiaison().email(),
        mig.disbandReason(), now, now, active ? date(activeSince) : null);
    replaceOrganizers(mig.id(), mig.organizers());
    if (active) {
      history(mig.id(), "ESTABLISHED", MigStatus.ACTIVE, activeSince);
    } else {
      history(mig.id(), mig.status().name(), mig.status(), today());
    }
  }

  /** A petition for a new MIG, or for one that ended before: it is PETITIONED again. */
  @Transactional
  public void petitioned(String id, String name, String statementOfPurpose, List<Organizer> organizers) {
    MigReadCache.forget();
    if (find(id).isEmpty()) {
      insert(new Mig(id, name, MigStatus.PETITIONED, statementOfPurpose, null, null, null, null, organizers));
      return;
    }
    jdbc.update("""
        update mig set name = ?, status = 'PETITIONED', statement_of_purpose = ?, term_start = null,
          term_end = null, disband_reason = null, updated_at = ? where id = ?""",
        name, statementOfPurpose, Timestamp.from(clock.instant()), id);
    replaceOrganizers(id, organizers);
    history(id, "PETITIONED", MigStatus.PETITIONED, today());
  }

  /** Established: active for the term from start to end. */
  @Transactional
  public void activate(String id, LocalDate termStart, LocalDate termEnd) {
    activate(id, termStart, termEnd, termStart);
  }

  /**
   * Established: active for the term from start to end. The MIG keeps the day it first became
   * active; one that never was has been since {@code activeSince}.
   */
  @Transactional
  public void activate(String id, LocalDate termStart, LocalDate termEnd, LocalDate activeSince) {
    MigReadCache.forget();
    boolean wasActive = jdbc.queryForList("select status from mig where id = ?", String.class, id)
        .contains(MigStatus.ACTIVE.name());
    jdbc.update("""
        update mig set status = 'ACTIVE', term_start = ?, term_end = ?, active_since = coalesce(active_since, ?),
          updated_at = ? where id = ?""",
        date(termStart), date(termEnd), date(activeSince), Timestamp.from(clock.instant()), id);
    if (!wasActive) {
      history(id, "ESTABLISHED", MigStatus.ACTIVE, activeSince);
    }
  }

  /** Renewed: the term now ends on {@code termEnd}, and the MIG is active. */
  @Transactional
  public void extendTerm(String id, LocalDate termEnd) {
    MigReadCache.forget();
    jdbc.update("update mig set status = 'ACTIVE', term_end = ?, updated_at = ? where id = ?",
        date(termEnd), Timestamp.from(clock.instant()), id);
    history(id, "RENEWED", MigStatus.ACTIVE, today());
  }

  public void assignLiaison(String id, StaffLiaison liaison) {
    MigReadCache.forget();
    jdbc.update("update mig set staff_liaison_name = ?, staff_liaison_email = ?, updated_at = ? where id = ?",
        liaison == null ? null : liaison.name(), liaison == null ? null : liaison.email(),
        Timestamp.from(clock.instant()), id);
  }

  /** The MIG is RENEWAL_PENDING or NOT_ESTABLISHED from today; a status it has already is not written again. */
  @Transactional
  public void setStatus(String id, MigStatus status, String reason) {
    MigReadCache.forget();
    int changed = jdbc.update("update mig set status = ?, disband_reason = ?, updated_at = ? where id = ? and status <> ?",
        status.name(), reason, Timestamp.from(clock.instant()), id, status.name());
    if (changed > 0) {
      history(id, status.name(), status, today());
    }
  }

  /**
   * Locks the MIG's row until the transaction ends. The lifecycle's term end and a renewal
   * decision both take this lock first, so each sees what the other committed.
   */
  public void lock(String id) {
    MigReadCache.forget();
    jdbc.queryForList("select id from mig where id = ? for update", String.class, id);
  }

  /** The MIG ends: DISBANDED (with its reason) or TRANSITIONED (into {@code transitionedTo}). */
  @Transactional
  public void end(String id, MigStatus status, String disbandReason, String transitionedTo, LocalDate endedOn) {
    MigReadCache.forget();
    int changed = jdbc.update("""
        update mig set status = ?, disband_reason = ?, transitioned_to = ?, ended_on = ?, updated_at = ?
        where id = ? and status <> ?""", status.name(), disbandReason, transitionedTo, date(endedOn),
        Timestamp.from(clock.instant()), id, status.name());
    if (changed > 0) {
      history(id, status.name(), status, endedOn);
    }
  }

  // --- history (step 13) ---------------------------------------------------------------------

  /** One change of a MIG's standing: the event, the status from then on, and the day it took effect. */
  public record HistoryEntry(String event, MigStatus status, LocalDate effectiveOn) {}

  /** The MIG's history, oldest first. */
  public List<HistoryEntry> history(String migId) {
    return jdbc.query("select event, status, effective_on from mig_history where mig_id = ? order by effective_on, id",
        (rs, n) -> new HistoryEntry(rs.getString("event"), MigStatus.valueOf(rs.getString("status")),
            rs.getDate("effective_on").toLocalDate()), migId);
  }

  /** The MIG's status on that day by its recorded history (the last change on or before it); null before its first. */
  public MigStatus statusOn(String migId, LocalDate day) {
    MigStatus status = null;
    for (HistoryEntry entry : history(migId)) {
      if (entry.effectiveOn().isAfter(day)) {
        break;
      }
      status = entry.status();
    }
    return status;
  }

  /** The day the MIG first became active; empty before it ever was. */
  public Optional<LocalDate> activeSince(String migId) {
    return jdbc.queryForList("select active_since from mig where id = ? and active_since is not null", Date.class,
        migId).stream().findFirst().map(Date::toLocalDate);
  }

  /** A MIG as a public listing shows it: no organizers, and the day it first became active. */
  public record Listed(String id, String name, MigStatus status, String statementOfPurpose, LocalDate termEnd,
      LocalDate activeSince) {}

  /**
   * The MIGs of these statuses, by name, each with the day it first became active
   * (mig.active_since): one query for the whole listing, and no organizer is read.
   */
  public List<Listed> listed(java.util.Collection<MigStatus> statuses) {
    if (statuses.isEmpty()) {
      return List.of();
    }
    String marks = String.join(", ", java.util.Collections.nCopies(statuses.size(), "?"));
    return jdbc.query("select id, name, status, statement_of_purpose, term_end, active_since from mig where status in ("
        + marks + ") order by lower(name), id",
        (rs, n) -> new Listed(rs.getString("id"), rs.getString("name"), MigStatus.valueOf(rs.getString("status")),
            rs.getString("statement_of_purpose"), localDate(rs.getDate("term_end")),
            localDate(rs.getDate("active_since"))),
        statuses.stream().map(MigStatus::name).toArray());
  }

  /**
   * Writes a change of standing that took effect on a past day: for bringing a MIG's earlier
   * history under management (a renewal before this application knew it), never for a change
   * made now, which the methods above write themselves.
   */
  public void recordPastChange(String migId, String event, MigStatus status, LocalDate effectiveOn) {
    MigReadCache.forget();
    history(migId, event, status, effectiveOn);
  }

  /**
   * Stores a MIG whose whole life came before this application (one that ended, or whose
   * petition was not approved), with its history as it happened, oldest first: nothing is dated
   * today. {@code activeSince} is the day it first became active (null if it never was),
   * {@code endedOn} the day it ended (null while not ended). The id must not exist yet.
   */
  @Transactional
  public void insertEarlier(Mig mig, LocalDate activeSince, LocalDate endedOn, String transitionedTo,
      List<HistoryEntry> history) {
    MigReadCache.forget();
    Timestamp now = Timestamp.from(clock.instant());
    jdbc.update("""
        insert into mig (id, name, status, statement_of_purpose, term_start, term_end,
          staff_liaison_name, staff_liaison_email, disband_reason, created_at, updated_at, active_since,
          ended_on, transitioned_to)
        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        mig.id(), mig.name(), mig.status().name(), mig.statementOfPurpose(),
        date(mig.termStart()), date(mig.termEnd()),
        mig.staffLiaison() == null ? null : mig.staffLiaison().name(),
        mig.staffLiaison() == null ? null : mig.staffLiaison().email(),
        mig.disbandReason(), now, now, date(activeSince), date(endedOn), transitionedTo);
    replaceOrganizers(mig.id(), mig.organizers());
    for (HistoryEntry entry : history) {
      history(mig.id(), entry.event(), entry.status(), entry.effectiveOn());
    }
  }

  /**
   * A rename from before this application: {@code formerName} becomes the MIG's newest former
   * name, renamed on {@code renamedOn} (its current name stays). For bringing a MIG's earlier
   * history under management; a rename made now goes through {@link #rename}.
   */
  @Transactional
  public void recordPastRename(String migId, String formerName, LocalDate renamedOn) {
    MigReadCache.forget();
    Integer last = jdbc.queryForObject("select max(position) from mig_former_name where mig_id = ?", Integer.class,
        migId);
    jdbc.update("insert into mig_former_name (mig_id, position, name, renamed_at) values (?, ?, ?, ?)",
        migId, last == null ? 1 : last + 1, formerName,
        Timestamp.from(renamedOn.atTime(12, 0).atZone(zone).toInstant()));
  }

  private void history(String migId, String event, MigStatus status, LocalDate effectiveOn) {
    jdbc.update("""
        insert into mig_history (mig_id, event, status, effective_on, recorded_at) values (?, ?, ?, ?, ?)""",
        migId, event, status.name(), date(effectiveOn), Timestamp.from(clock.instant()));
  }

  private LocalDate today() {
    return LocalDate.ofInstant(clock.instant(), zone);
  }

  public List<Mig> list(MigStatus status) {
    return withOrganizers(status == null
        ? jdbc.query("select * from mig order by name", MigRepository::mig)
        : jdbc.query("select * from mig where status = ? order by name", MigRepository::mig, status.name()));
  }

  /**
   * The MIGs with their organizers, read in one query after the MIGs' rows: never a query inside a
   * row mapper, which would hold one connection while it asks for a second (outside a transaction,
   * enough requests at once wait for each other's connections), nor one query per MIG.
   */
  private List<Mig> withOrganizers(List<Mig> found) {
    if (found.isEmpty()) {
      return found;
    }
    java.util.Map<String, List<Organizer>> byMig = new java.util.HashMap<>();
    String sql = found.size() == 1
        ? "select mig_id, name, email, address from mig_organizer where mig_id = ? order by mig_id, position"
        : "select mig_id, name, email, address from mig_organizer order by mig_id, position";
    Object[] args = found.size() == 1 ? new Object[] {found.get(0).id()} : new Object[0];
    jdbc.query(sql, rs -> {
      byMig.computeIfAbsent(rs.getString("mig_id"), k -> new java.util.ArrayList<>())
          .add(new Organizer(rs.getString("name"), rs.getString("email"), rs.getString("address")));
    }, args);
    return found.stream().map(m -> new Mig(m.id(), m.name(), m.status(), m.statementOfPurpose(), m.termStart(),
        m.termEnd(), m.staffLiaison(), m.disbandReason(), byMig.getOrDefault(m.id(), List.of()))).toList();
  }

  /** The organizers of the latest approved petition replace the earlier ones. */
  @Transactional
  public void replaceOrganizers(String migId, List<Organizer> organizers) {
    MigReadCache.forget();
    jdbc.update("delete from mig_organizer where mig_id = ?", migId);
    List<Object[]> rows = new java.util.ArrayList<>();
    for (int position = 0; position < organizers.size(); position++) {
      Organizer o = organizers.get(position);
      rows.add(new Object[] {migId, position, o.name(), o.email(), o.address()});
    }
    jdbc.batchUpdate(
        "insert into mig_organizer (mig_id, position, name, email, address) values (?, ?, ?, ?, ?)",
        rows);
  }

  /** The MIG of this row, its organizers still to be read ({@link #withOrganizers}). */
  private static Mig mig(ResultSet rs, int row) throws SQLException {
    String liaisonName = rs.getString("staff_liaison_name");
    String id = rs.getString("id");
    return new Mig(
        id,
        rs.getString("name"),
        MigStatus.valueOf(rs.getString("status")),
        rs.getString("statement_of_purpose"),
        localDate(rs.getDate("term_start")),
        localDate(rs.getDate("term_end")),
        liaisonName == null ? null : new StaffLiaison(liaisonName, rs.getString("staff_liaison_email")),
        rs.getString("disband_reason"),
        List.of());
  }

  private static Date date(LocalDate date) {
    return date == null ? null : Date.valueOf(date);
  }

  private static LocalDate localDate(Date date) {
    return date == null ? null : date.toLocalDate();
  }

  /**
   * Sets the postal address of the MIG's organizer whose email is this address (any case); the
   * other organizers' rows stay as they are.
   *
   * @return how many rows changed: 0 when the address organizes no such MIG
   */
  public int updateOrganizerAddress(String migId, String email, String address) {
    MigReadCache.forget();
    return jdbc.update("update mig_organizer set address = ? where mig_id = ? and lower(email) = ?",
        address, migId, email.strip().toLowerCase(java.util.Locale.ROOT));
  }

  /** The ids of the MIGs that name this address (any case) among their organizers, in id order. */
  public List<String> idsOrganizedBy(String email) {
    return jdbc.queryForList("select distinct mig_id from mig_organizer where lower(email) = ? order by mig_id",
        String.class, email.strip().toLowerCase(java.util.Locale.ROOT));
  }

  // --- renames (step 12) ---------------------------------------------------------------------

  /** The MIG's former names, newest first. */
  public List<String> formerNames(String migId) {
    return jdbc.queryForList("select name from mig_former_name where mig_id = ? order by position desc",
        String.class, migId);
  }

  /** Every renamed MIG's former names, newest first, read once for a listing. */
  public java.util.Map<String, List<String>> formerNamesByMig() {
    java.util.Map<String, List<String>> byMig = new java.util.HashMap<>();
    jdbc.query("select mig_id, name from mig_former_name order by mig_id, position desc", rs -> {
      byMig.computeIfAbsent(rs.getString("mig_id"), k -> new java.util.ArrayList<>()).add(rs.getString("name"));
    });
    return byMig;
  }

  /** The MIG takes {@code newName}; its current name becomes its newest former name. Its id stays. */
  @Transactional
  public void rename(String migId, String newName) {
    MigReadCache.forget();
    Mig mig = get(migId);
    Integer last = jdbc.queryForObject("select max(position) from mig_former_name where mig_id = ?", Integer.class,
        migId);
    Timestamp now = Timestamp.from(clock.instant());
    jdbc.update("insert into mig_former_name (mig_id, position, name, renamed_at) values (?, ?, ?, ?)",
        migId, last == null ? 1 : last + 1, mig.name(), now);
    jdbc.update("update mig set name = ?, updated_at = ? where id = ?", newName, now, migId);
  }

  /**
   * The id of another MIG, active or renewal pending, named {@code name} (any case), if there is
   * one: two living MIGs never share a name.
   */
  public Optional<String> livingMigNamed(String name, String exceptId) {
    return jdbc.queryForList("""
        select id from mig where lower(name) = ? and status in ('ACTIVE', 'RENEWAL_PENDING', 'PETITIONED')
        and id <> ? order by id""", String.class, name.strip().toLowerCase(java.util.Locale.ROOT),
        exceptId == null ? "" : exceptId).stream().findFirst();
  }

  /** The current name of the MIG with this id, if there is one. */
  public Optional<String> nameOf(String id) {
    return jdbc.queryForList("select name from mig where id = ?", String.class, id).stream().findFirst();
  }
}
