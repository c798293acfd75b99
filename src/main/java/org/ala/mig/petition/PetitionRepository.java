package org.ala.mig.petition;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.ala.mig.lifecycle.RenewalPetitions;
import org.ala.mig.petition.PetitionRequest.OnlineConfirmation;
import org.ala.mig.petition.PetitionRequest.SignatureInput;
import org.ala.mig.registry.Organizer;
import org.ala.mig.verification.Signature;
import org.ala.mig.verification.SignatureCheck;
import org.ala.mig.verification.SignatureStatus;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Petitions, their organizers and their signatures with what verification found. */
@Repository
public class PetitionRepository implements RenewalPetitions {

  private static final int BATCH = 1000;
  private final JdbcTemplate jdbc;

  public PetitionRepository(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public void insert(Petition p, List<Organizer> organizers, List<SignatureInput> signatures) {
    insert(p, organizers, signatures, null);
  }

  /**
   * Stores the petition; {@code online}, when not null, has one entry per signature: how it was
   * confirmed online, or null for a paper signature.
   */
  public void insert(Petition p, List<Organizer> organizers, List<SignatureInput> signatures,
      List<OnlineConfirmation> online) {
    if (online != null && online.size() != signatures.size()) {
      throw new IllegalArgumentException(online.size() + " online confirmations for " + signatures.size() + " signatures");
    }
    jdbc.update("""
        insert into petition (id, mig_id, kind, mig_name, statement_of_purpose, status, submitted_at,
          submitted_by, signature_count) values (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
        p.id(), p.migId(), p.kind().name(), p.migName(), p.statementOfPurpose(), p.status(),
        Timestamp.from(p.submittedAt()), p.submittedBy(), p.signatureCount());
    List<Object[]> organizerRows = new ArrayList<>();
    for (int i = 0; i < organizers.size(); i++) {
      Organizer o = organizers.get(i);
      organizerRows.add(new Object[] {p.id(), i, o.name(), o.email(), o.address()});
    }
    jdbc.batchUpdate("insert into petition_organizer (petition_id, position, name, email, address)"
        + " values (?, ?, ?, ?, ?)", organizerRows);
    List<Object[]> signatureRows = new ArrayList<>(BATCH);
    for (int i = 0; i < signatures.size(); i++) {
      SignatureInput s = signatures.get(i);
      OnlineConfirmation confirmation = online == null ? null : online.get(i);
      signatureRows.add(new Object[] {p.id(), i, s.memberId().strip(), s.name().strip(),
          confirmation == null ? "PAPER" : "ONLINE",
          confirmation == null ? null : Timestamp.from(confirmation.confirmedAt()),
          confirmation != null && confirmation.mailedToRosterAddress()});
      if (signatureRows.size() == BATCH || i == signatures.size() - 1) {
        jdbc.batchUpdate("insert into petition_signature (petition_id, position, member_id, name, collected,"
            + " confirmed_at, mailed_to_roster_address) values (?, ?, ?, ?, ?, ?, ?)", signatureRows);
        signatureRows.clear();
      }
    }
  }

  public Optional<Petition> find(String id) {
    return jdbc.query("select * from petition where id = ?", this::petition, id).stream().findFirst();
  }

  /** The MIG's petitions, oldest first. */
  public List<Petition> forMig(String migId) {
    return jdbc.query("select * from petition where mig_id = ? order by submitted_at, id", this::petition, migId);
  }

  public boolean hasOpenPetition(String migId) {
    Integer n = jdbc.queryForObject(
        "select count(*) from petition where mig_id = ? and status = 'OPEN'", Integer.class, migId);
    return n != null && n > 0;
  }

  public List<Organizer> organizers(String petitionId) {
    return jdbc.query("select name, email, address from petition_organizer where petition_id = ? order by position",
        (rs, n) -> new Organizer(rs.getString("name"), rs.getString("email"), rs.getString("address")), petitionId);
  }

  public List<Signature> signatures(String petitionId) {
    return jdbc.query("""
        select member_id, name, collected, mailed_to_roster_address from petition_signature
        where petition_id = ? order by position""",
        (rs, n) -> new Signature(rs.getString("member_id"), rs.getString("name"),
            "ONLINE".equals(rs.getString("collected")) && rs.getBoolean("mailed_to_roster_address")), petitionId);
  }

  /**
   * How the petition's signatures were collected: how many online (confirmed by a mailed link) and
   * on paper, the first and last online confirmation, and how many online signatures the roster
   * check counted (pre-verified).
   */
  public record SignatureCollection(int online, int mailedToRosterAddress, int paper, Instant firstConfirmed,
      Instant lastConfirmed, int onlineValid) {}

  public SignatureCollection collection(String petitionId) {
    return jdbc.queryForObject("""
        select
          coalesce(sum(case when collected = 'ONLINE' then 1 else 0 end), 0) as online,
          coalesce(sum(case when collected = 'ONLINE' and mailed_to_roster_address then 1 else 0 end), 0) as mailed,
          coalesce(sum(case when collected = 'PAPER' then 1 else 0 end), 0) as paper,
          min(case when collected = 'ONLINE' then confirmed_at end) as first_confirmed,
          max(case when collected = 'ONLINE' then confirmed_at end) as last_confirmed,
          coalesce(sum(case when collected = 'ONLINE' and status = 'VALID' then 1 else 0 end), 0) as online_valid
        from petition_signature where petition_id = ?""", (rs, n) -> {
          Timestamp first = rs.getTimestamp("first_confirmed");
          Timestamp last = rs.getTimestamp("last_confirmed");
          return new SignatureCollection(rs.getInt("online"), rs.getInt("mailed"), rs.getInt("paper"),
              first == null ? null : first.toInstant(), last == null ? null : last.toInstant(), rs.getInt("online_valid"));
        }, petitionId);
  }

  /** The signatures the roster check flagged (status other than VALID), in petition order. */
  public List<SignatureCheck> flaggedChecks(String petitionId) {
    return jdbc.query("""
        select position, member_id, name, status, reason from petition_signature
        where petition_id = ? and status is not null and status <> 'VALID' order by position""",
        (rs, n) -> new SignatureCheck(rs.getInt("position"), rs.getString("member_id"), rs.getString("name"),
            SignatureStatus.valueOf(rs.getString("status")), rs.getString("reason")), petitionId);
  }

  /** Stores what verification found for each signature. */
  public void saveChecks(String petitionId, List<SignatureCheck> checks, int autoValidCount) {
    List<Object[]> rows = new ArrayList<>(BATCH);
    for (int i = 0; i < checks.size(); i++) {
      SignatureCheck c = checks.get(i);
      rows.add(new Object[] {c.status().name(), c.reason(), petitionId, c.index()});
      if (rows.size() == BATCH || i == checks.size() - 1) {
        jdbc.batchUpdate("update petition_signature set status = ?, reason = ? where petition_id = ? and position = ?",
            rows);
        rows.clear();
      }
    }
    jdbc.update("update petition set auto_valid_count = ? where id = ?", autoValidCount, petitionId);
  }

  public void saveVerification(String petitionId, int validSignatureCount, String notes) {
    jdbc.update("update petition set valid_signature_count = ?, verification_notes = ? where id = ?",
        validSignatureCount, notes, petitionId);
  }

  @Override
  public boolean hasUndecidedRenewal(String migId) {
    Integer n = jdbc.queryForObject("""
        select count(*) from petition where mig_id = ? and kind = 'RENEW'
          and (status = 'OPEN' or (status = 'APPROVED' and term_extended_at is null))""", Integer.class, migId);
    return n != null && n > 0;
  }

  /**
   * Marks the approved re-petition's three years as added to the term.
   *
   * @return false when they were added already
   */
  public boolean markTermExtended(String petitionId, Instant at) {
    return jdbc.update("update petition set term_extended_at = ? where id = ? and term_extended_at is null",
        Timestamp.from(at), petitionId) == 1;
  }

  @Override
  public boolean latestRenewalDisapproved(String migId) {
    return jdbc.queryForList("""
        select status from petition where mig_id = ? and kind = 'RENEW' and status in ('APPROVED', 'DISAPPROVED')
        order by decided_at desc""", String.class, migId).stream().findFirst()
        .map("DISAPPROVED"::equals).orElse(false);
  }

  /**
   * Makes the petition its MIG's one open petition, in the caller's transaction; false when the
   * MIG has one already, also one submitted at this very moment and not yet committed (the
   * database's key decides, and the caller's transaction must then roll back).
   */
  public boolean open(String migId, String petitionId) {
    try {
      jdbc.update("insert into open_petition (mig_id, petition_id) values (?, ?)", migId, petitionId);
      return true;
    } catch (DuplicateKeyException taken) {
      return false;
    }
  }

  public void close(String petitionId, String status, Instant at) {
    jdbc.update("delete from open_petition where petition_id = ?", petitionId);
    jdbc.update("update petition set status = ?, decided_at = ? where id = ?", status, Timestamp.from(at), petitionId);
  }

  private Petition petition(ResultSet rs, int row) throws SQLException {
    Timestamp decided = rs.getTimestamp("decided_at");
    return new Petition(rs.getString("id"), rs.getString("mig_id"), PetitionKind.valueOf(rs.getString("kind")),
        rs.getString("mig_name"), rs.getString("statement_of_purpose"), rs.getString("status"),
        rs.getTimestamp("submitted_at").toInstant(), rs.getString("submitted_by"), rs.getInt("signature_count"),
        (Integer) rs.getObject("auto_valid_count", Integer.class),
        (Integer) rs.getObject("valid_signature_count", Integer.class),
        rs.getString("verification_notes"), decided == null ? null : decided.toInstant());
  }
}
