package org.ala.mig.mail;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.ala.mig.mail.OutboxMail.Status;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.stereotype.Repository;

/**
 * The table mail_outbox. Claiming is safe with several dispatchers on several nodes: each row is
 * taken by a conditional update that only one of them wins (on PostgreSQL the candidates are
 * also selected FOR UPDATE SKIP LOCKED, so dispatchers do not queue behind each other), and a
 * claim is a lease on the database's own clock, so a node that dies mid-send gives its rows
 * back when the lease runs out.
 */
@Repository
public class MailOutbox {

  /** A mail ready to be stored: rendered, with its recipients checked. */
  public record NewMail(String idempotencyKey, MailTemplate template, String migId, List<String> to,
      List<String> cc, String subject, String text, String html, Status status, String problem) {}

  /**
   * What a dispatcher needs to send one row, with the token of its claim; {@code resent} when it
   * was found SENDING after its lease ran out, so that its first sending may have arrived.
   */
  public record Sendable(long id, String idempotencyKey, String template, String migId, List<String> to,
      List<String> cc, String subject, String text, String html, int attempts, String claim, boolean resent) {}

  /** The rows one claim took, and its token. */
  public record Claim(String token, List<Long> ids) {}

  private static final String DUE =
      "(status = 'PENDING' and next_attempt_at <= ?) or (status = 'SENDING' and claimed_until < current_timestamp)";

  private final JdbcTemplate jdbc;
  private final boolean postgres;

  public MailOutbox(JdbcTemplate jdbc, DataSource dataSource) throws Exception {
    this.jdbc = jdbc;
    String product = JdbcUtils.extractDatabaseMetaData(dataSource, m -> m.getDatabaseProductName());
    this.postgres = "PostgreSQL".equals(product);
  }

  public boolean exists(String idempotencyKey) {
    Integer n = jdbc.queryForObject(
        "select count(*) from mail_outbox where idempotency_key = ?", Integer.class, idempotencyKey);
    return n != null && n > 0;
  }

  /** Stores the mail in the caller's transaction. */
  public void insert(NewMail mail, Instant now) {
    jdbc.update("""
        insert into mail_outbox (idempotency_key, template, mig_id, to_addresses, cc_addresses, subject,
          body_text, body_html, status, attempts, problems, created_at, next_attempt_at)
        values (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?)""",
        mail.idempotencyKey(), mail.template().id(), mail.migId(), String.join(", ", mail.to()),
        String.join(", ", mail.cc()), mail.subject(), mail.text(), mail.html(), mail.status().name(),
        mail.problem(), Timestamp.from(now), Timestamp.from(now));
  }

  /**
   * Claims up to {@code limit} due rows for {@code node} under one new claim token, which every
   * later change of those rows must name; call in its own short transaction. A row found SENDING
   * after its lease ran out is flagged as possibly repeated.
   */
  public Claim claimDue(Instant now, int limit, String node, int leaseSeconds) {
    String claim = UUID.randomUUID().toString();
    Timestamp at = Timestamp.from(now);
    List<Long> candidates = jdbc.queryForList(
        "select id from mail_outbox where " + DUE + " order by next_attempt_at, id"
            + " fetch first " + limit + " rows only" + (postgres ? " for update skip locked" : ""),
        Long.class, at);
    List<Long> claimed = new ArrayList<>();
    for (Long id : candidates) {
      int won = jdbc.update(
          "update mail_outbox set possibly_repeated = (possibly_repeated or status = 'SENDING'),"
              + " status = 'SENDING', claimed_by = ?, claim_token = ?, claimed_until = current_timestamp + "
              + "interval '" + leaseSeconds + "' second where id = ? and (" + DUE + ")",
          node, claim, id, at);
      if (won == 1) {
        claimed.add(id);
      }
    }
    return new Claim(claim, claimed);
  }

  /**
   * How many mails are due at {@code now} or being sent under a live lease: what a dispatcher
   * still has to do now. A mail waiting out its backoff after a failed attempt is not counted.
   */
  public long countDueOrSending(Instant now) {
    return jdbc.queryForObject("select count(*) from mail_outbox where " + DUE
        + " or (status = 'SENDING' and claimed_until >= current_timestamp)", Long.class, Timestamp.from(now));
  }

  /** Extends the lease of every row {@code node} is still sending; returns how many. */
  public int renewClaims(String node, int leaseSeconds) {
    return jdbc.update("update mail_outbox set claimed_until = current_timestamp + interval '" + leaseSeconds
        + "' second where status = 'SENDING' and claimed_by = ?", node);
  }

  /** The claimed rows still held under {@code claim}, in outbox order, read in one query. */
  public List<Sendable> sendables(List<Long> ids, String claim) {
    if (ids.isEmpty()) {
      return List.of();
    }
    String marks = String.join(", ", Collections.nCopies(ids.size(), "?"));
    List<Object> args = new ArrayList<>(ids);
    args.add(claim);
    return jdbc.query(
        "select * from mail_outbox where id in (" + marks + ") and status = 'SENDING' and claim_token = ? order by id",
        (rs, n) -> new Sendable(rs.getLong("id"), rs.getString("idempotency_key"), rs.getString("template"),
            rs.getString("mig_id"), split(rs.getString("to_addresses")), split(rs.getString("cc_addresses")),
            rs.getString("subject"), rs.getString("body_text"), rs.getString("body_html"), rs.getInt("attempts"),
            rs.getString("claim_token"), rs.getBoolean("possibly_repeated")),
        args.toArray());
  }

  /*
   * Every change of a claimed row names the claim: false when the claim is no longer this row's
   * (its lease ran out and another dispatcher took it), and nothing changed then.
   */

  /** Sent; {@code rejected} lists the recipients the server refused (null when it took them all). */
  public boolean markSent(long id, String claim, int attempts, Instant sentAt, String rejected, String note) {
    return jdbc.update("""
        update mail_outbox set status = 'SENT', attempts = ?, sent_at = ?, rejected_recipients = ?, last_error = ?,
          claimed_by = null, claim_token = null, claimed_until = null where id = ? and claim_token = ?""",
        attempts, Timestamp.from(sentAt), truncate(rejected), truncate(note), id, claim) == 1;
  }

  public boolean markRetry(long id, String claim, int attempts, Instant nextAttempt, String error) {
    return jdbc.update("""
        update mail_outbox set status = 'PENDING', attempts = ?, next_attempt_at = ?, last_error = ?,
          claimed_by = null, claim_token = null, claimed_until = null where id = ? and claim_token = ?""",
        attempts, Timestamp.from(nextAttempt), truncate(error), id, claim) == 1;
  }

  public boolean markFailed(long id, String claim, int attempts, String error) {
    return jdbc.update("""
        update mail_outbox set status = 'FAILED', attempts = ?, last_error = ?,
          claimed_by = null, claim_token = null, claimed_until = null where id = ? and claim_token = ?""",
        attempts, truncate(error), id, claim) == 1;
  }

  /** Gives back a claimed row that was not tried (the connection broke before its turn): due again now. */
  public boolean release(long id, String claim, Instant now) {
    return jdbc.update("""
        update mail_outbox set status = 'PENDING', next_attempt_at = ?,
          claimed_by = null, claim_token = null, claimed_until = null where id = ? and claim_token = ?""",
        Timestamp.from(now), id, claim) == 1;
  }

  /** Newest first, optionally of one MIG and one status. */
  public List<OutboxMail> list(String migId, Status status, int limit) {
    StringBuilder sql = new StringBuilder("select * from mail_outbox where 1 = 1");
    List<Object> args = new ArrayList<>();
    if (migId != null) {
      sql.append(" and mig_id = ?");
      args.add(migId);
    }
    if (status != null) {
      sql.append(" and status = ?");
      args.add(status.name());
    }
    sql.append(" order by id desc fetch first ").append(limit).append(" rows only");
    return jdbc.query(sql.toString(), this::outboxMail, args.toArray());
  }

  /** One row with its bodies, as stored. */
  public Optional<OutboxMailInFull> find(long id) {
    return jdbc.query("select * from mail_outbox where id = ?",
        (rs, n) -> new OutboxMailInFull(outboxMail(rs, n), rs.getString("body_text"), rs.getString("body_html")), id)
        .stream().findFirst();
  }

  public Map<Status, Long> countByStatus() {
    Map<Status, Long> counts = new EnumMap<>(Status.class);
    for (Status s : Status.values()) {
      counts.put(s, 0L);
    }
    jdbc.query("select status, count(*) as n from mail_outbox group by status",
        rs -> {
          counts.put(Status.valueOf(rs.getString("status")), rs.getLong("n"));
        });
    return counts;
  }

  /** When the oldest mail not yet sent was written, if any is waiting. */
  public Optional<Instant> oldestWaitingSince() {
    Timestamp oldest = jdbc.queryForObject(
        "select min(created_at) from mail_outbox where status in ('PENDING', 'SENDING')", Timestamp.class);
    return Optional.ofNullable(oldest).map(Timestamp::toInstant);
  }

  private OutboxMail outboxMail(ResultSet rs, int row) throws SQLException {
    return new OutboxMail(rs.getLong("id"), rs.getString("idempotency_key"), rs.getString("template"), rs.getString("mig_id"),
        split(rs.getString("to_addresses")), split(rs.getString("cc_addresses")), rs.getString("subject"),
        Status.valueOf(rs.getString("status")), rs.getInt("attempts"), rs.getString("problems"),
        rs.getString("last_error"),
        instant(rs.getTimestamp("created_at")), instant(rs.getTimestamp("next_attempt_at")),
        instant(rs.getTimestamp("sent_at")), split(rs.getString("rejected_recipients")),
        rs.getBoolean("possibly_repeated"));
  }

  private static Instant instant(Timestamp t) {
    return t == null ? null : t.toInstant();
  }

  private static List<String> split(String addresses) {
    return addresses == null || addresses.isBlank() ? List.of() : Arrays.asList(addresses.split(",\\s*"));
  }

  private static String truncate(String error) {
    return error == null || error.length() <= 2000 ? error : error.substring(0, 1997) + "...";
  }
}
