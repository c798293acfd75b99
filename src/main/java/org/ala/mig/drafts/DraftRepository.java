package org.ala.mig.drafts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.ala.mig.registry.Organizer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The tables of V12: petition drafts, their organizers and their online signatures. */
@Repository
class DraftRepository {

  /** One stored signature. */
  record StoredSignature(long id, String draftId, String memberId, String name, boolean showNameToOrganizers,
      SignatureStatus status, Instant createdAt, Instant mailedAt, Instant confirmedAt) {}

  private final JdbcTemplate jdbc;

  DraftRepository(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  void insert(Draft d) {
    jdbc.update("insert into petition_draft (id, kind, mig_id, mig_name, statement_of_purpose, meeting_needs, status,"
        + " ready_mailed, created_by, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, false, ?, ?, ?)",
        d.id(), d.kind(), d.migId(), d.migName(), d.statementOfPurpose(), d.meetingNeeds(), d.status().name(),
        d.createdBy(), Timestamp.from(d.createdAt()), Timestamp.from(d.updatedAt()));
    insertOrganizers(d.id(), d.organizers());
  }

  /** Changes the draft's text and organizers, only while it collects and no signature is confirmed. */
  boolean update(Draft d) {
    int changed = jdbc.update("update petition_draft set kind = ?, mig_id = ?, mig_name = ?, statement_of_purpose = ?,"
        + " meeting_needs = ?, updated_at = ? where id = ? and status = 'COLLECTING' and not exists"
        + " (select 1 from petition_draft_signature s where s.draft_id = petition_draft.id and s.status = 'CONFIRMED')",
        d.kind(), d.migId(), d.migName(), d.statementOfPurpose(), d.meetingNeeds(), Timestamp.from(d.updatedAt()), d.id());
    if (changed == 0) {
      return false;
    }
    jdbc.update("delete from petition_draft_organizer where draft_id = ?", d.id());
    insertOrganizers(d.id(), d.organizers());
    return true;
  }

  private void insertOrganizers(String draftId, List<Organizer> organizers) {
    for (int i = 0; i < organizers.size(); i++) {
      Organizer o = organizers.get(i);
      jdbc.update("insert into petition_draft_organizer (draft_id, position, name, email, address) values (?, ?, ?, ?, ?)",
          draftId, i, o.name(), o.email().toLowerCase(Locale.ROOT), o.address());
    }
  }

  Optional<Draft> find(String id) {
    // the organizers are read after the draft's row, not inside its row mapper: a query there would
    // take a second connection while the first is held, and enough requests at once would wait
    // for each other's connections until the pool's timeout (seen in bench B5)
    return jdbc.query("select * from petition_draft where id = ?", (rs, n) -> draft(rs), id).stream().findFirst()
        .map(draft -> draft.withOrganizers(organizers(id)));
  }

  /** Sets the status from COLLECTING to another; whether it was collecting. */
  boolean close(String id, DraftStatus status, String petitionId, Instant at) {
    return jdbc.update("update petition_draft set status = ?, petition_id = ?, updated_at = ? where id = ?"
        + " and status = 'COLLECTING'", status.name(), petitionId, Timestamp.from(at), id) == 1;
  }

  /** Marks petition-ready as sent; true only for the one caller that marked it. */
  boolean markReady(String id) {
    return jdbc.update("update petition_draft set ready_mailed = true where id = ? and ready_mailed = false", id) == 1;
  }

  /** The drafts (not withdrawn) whose organizers include this address, oldest first. */
  List<String> idsOrganizedBy(String email) {
    return jdbc.queryForList("select distinct d.id, d.created_at from petition_draft d join petition_draft_organizer o"
        + " on o.draft_id = d.id where o.email = ? and d.status <> 'WITHDRAWN' order by d.created_at, d.id",
        email.strip().toLowerCase(Locale.ROOT)).stream().map(row -> (String) row.get("id")).toList();
  }

  // --- signatures ------------------------------------------------------------------------------

  int confirmedCount(String draftId) {
    return jdbc.queryForObject("select count(*) from petition_draft_signature where draft_id = ? and status = 'CONFIRMED'",
        Integer.class, draftId);
  }

  Optional<StoredSignature> signature(String draftId, String memberId) {
    return jdbc.query("select * from petition_draft_signature where draft_id = ? and member_id = ?",
        (rs, n) -> signature(rs), draftId, memberId).stream().findFirst();
  }

  Optional<StoredSignature> signatureByToken(String draftId, String tokenHash) {
    return jdbc.query("select * from petition_draft_signature where draft_id = ? and token_hash = ?",
        (rs, n) -> signature(rs), draftId, tokenHash).stream().findFirst();
  }

  /** A new pending signature; throws DuplicateKeyException when the member has one for this draft. */
  void insertPending(String draftId, String memberId, String name, boolean show, String tokenHash, Instant at) {
    jdbc.update("insert into petition_draft_signature (draft_id, member_id, name, show_name_to_organizers, status,"
        + " token_hash, created_at, mailed_at) values (?, ?, ?, ?, 'PENDING', ?, ?, ?)",
        draftId, memberId, name, show, tokenHash, Timestamp.from(at), Timestamp.from(at));
  }

  /**
   * A pending or withdrawn signature signed again after its last mail: a new token, the name and
   * choice as now typed. Only when its last mail is older than {@code mailedBefore}; whether it was.
   */
  boolean renewPending(long id, String name, boolean show, String tokenHash, Instant at, Instant mailedBefore) {
    return jdbc.update("update petition_draft_signature set name = ?, show_name_to_organizers = ?, status = 'PENDING',"
        + " token_hash = ?, created_at = ?, mailed_at = ?, confirmed_at = null where id = ? and status <> 'CONFIRMED'"
        + " and (mailed_at is null or mailed_at < ?)",
        name, show, tokenHash, Timestamp.from(at), Timestamp.from(at), id, Timestamp.from(mailedBefore)) == 1;
  }

  /** PENDING to CONFIRMED; true for the one caller that changed it (two tabs at once count once). */
  boolean confirm(long id, Instant at) {
    return jdbc.update("update petition_draft_signature set status = 'CONFIRMED', confirmed_at = ? where id = ?"
        + " and status = 'PENDING'", Timestamp.from(at), id) == 1;
  }

  boolean withdraw(long id) {
    return jdbc.update("update petition_draft_signature set status = 'WITHDRAWN', confirmed_at = null where id = ?"
        + " and status <> 'WITHDRAWN'", id) == 1;
  }

  List<StoredSignature> confirmed(String draftId) {
    return jdbc.query("select * from petition_draft_signature where draft_id = ? and status = 'CONFIRMED'"
        + " order by confirmed_at, id", (rs, n) -> signature(rs), draftId);
  }

  List<StoredSignature> all(String draftId) {
    return jdbc.query("select * from petition_draft_signature where draft_id = ? order by created_at, id",
        (rs, n) -> signature(rs), draftId);
  }

  /** Deletes the signatures that do not count (pending, withdrawn) created before {@code before}. */
  int deleteNotCountingBefore(Instant before) {
    return jdbc.update("delete from petition_draft_signature where status <> 'CONFIRMED' and created_at < ?",
        Timestamp.from(before));
  }

  private List<Organizer> organizers(String draftId) {
    return jdbc.query("select name, email, address from petition_draft_organizer where draft_id = ? order by position",
        (o, n) -> new Organizer(o.getString("name"), o.getString("email"), o.getString("address")), draftId);
  }

  /** The draft of this row, its organizers still to be read. */
  private static Draft draft(ResultSet rs) throws SQLException {
    String id = rs.getString("id");
    List<Organizer> organizers = List.of();
    return new Draft(id, rs.getString("kind"), rs.getString("mig_id"), rs.getString("mig_name"),
        rs.getString("statement_of_purpose"), rs.getString("meeting_needs"), DraftStatus.valueOf(rs.getString("status")),
        rs.getString("petition_id"), rs.getBoolean("ready_mailed"), rs.getString("created_by"),
        rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant(), organizers);
  }

  private static StoredSignature signature(ResultSet rs) throws SQLException {
    Timestamp mailed = rs.getTimestamp("mailed_at");
    Timestamp confirmed = rs.getTimestamp("confirmed_at");
    return new StoredSignature(rs.getLong("id"), rs.getString("draft_id"), rs.getString("member_id"),
        rs.getString("name"), rs.getBoolean("show_name_to_organizers"), SignatureStatus.valueOf(rs.getString("status")),
        rs.getTimestamp("created_at").toInstant(), mailed == null ? null : mailed.toInstant(),
        confirmed == null ? null : confirmed.toInstant());
  }
}
