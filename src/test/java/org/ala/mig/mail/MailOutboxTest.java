package org.ala.mig.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.ala.mig.common.MigProperties;
import org.ala.mig.mail.OutboxMail.Status;
import org.ala.mig.registry.Mig;
import org.ala.mig.registry.MigRepository;
import org.ala.mig.registry.Organizer;
import org.ala.mig.support.HttpApi.Reply;
import org.ala.mig.support.HttpApi;
import org.ala.mig.support.MigSpringBootTest;
import org.ala.mig.support.TestMigs;
import org.ala.mig.support.TestSmtp;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The outbox's promises: nothing lost, nothing sent twice, failures visible to operators. */
@MigSpringBootTest
class MailOutboxTest {

  @Autowired MailService mail;
  @Autowired MailOutbox outbox;
  @Autowired MailDispatcher dispatcher;
  @Autowired EmbeddedSmtpServer smtp;
  @Autowired MigRepository migs;
  @Autowired TransactionTemplate tx;
  @Autowired PlatformTransactionManager transactions;
  @Autowired MigProperties properties;
  @Autowired Clock clock;
  @Autowired JdbcTemplate jdbc;
  @LocalServerPort int port;
  Mig mig;
  final TestSmtp flakySmtp = new TestSmtp();

  @BeforeEach
  void aMigAndAnEmptyQueue() {
    mig = TestMigs.active("Virtual Communities");
    tx.executeWithoutResult(s -> migs.insert(mig));
    dispatcher.dispatchDue();
  }

  @AfterEach
  void restoreClockAndServer() {
    ClockUtil.reset();
    flakySmtp.stop();
  }

  @Test
  void aMailWrittenInATransactionThatRollsBackIsNeverSent() {
    String key = key();
    assertThatThrownBy(() -> tx.executeWithoutResult(s -> {
      mail.send(reminder(key));
      throw new IllegalStateException("the engine step failed");
    })).hasMessage("the engine step failed");

    dispatcher.dispatchDue();
    assertThat(outbox.exists(key)).isFalse();
    assertThat(receivedWithKey(smtp, key)).isZero();
  }

  @Test
  void theSameStepRunTwiceWritesOneMail() {
    String key = key();
    tx.executeWithoutResult(s -> assertThat(mail.send(reminder(key))).isTrue());
    tx.executeWithoutResult(s -> assertThat(mail.send(reminder(key))).isFalse());
    dispatcher.dispatchDue();
    dispatcher.dispatchDue();
    assertThat(receivedWithKey(smtp, key)).isEqualTo(1);
  }

  @Test
  void anInvalidOrganizerAddressIsLeftOutAndReportedOnTheRow() {
    String key = key();
    List<Organizer> organizers = List.of(new Organizer("Good", "good@lib.example", "1 Main St"),
        new Organizer("Typo", "typo-at-lib.example", "2 Main St"));
    tx.executeWithoutResult(s -> mail.send(reminder(key).organizers(organizers)));
    dispatcher.dispatchDue();

    OutboxMail row = row(key);
    assertThat(row.status()).isEqualTo(Status.SENT);
    assertThat(row.to()).containsExactly("good@lib.example");
    assertThat(row.problems()).isEqualTo("invalid address of organizer Typo left out: 'typo-at-lib.example'");
    assertThat(row.lastError()).isNull();
    assertThat(receivedWithKey(smtp, key)).isEqualTo(1);
  }

  @Test
  void aMailWithNoValidRecipientFailsAtOnceWithoutBlockingTheStep() {
    String key = key();
    Mig noLiaison = new Mig(mig.id() + "-x", mig.name() + " X", mig.status(), mig.statementOfPurpose(),
        mig.termStart(), mig.termEnd(), null, null, List.of(new Organizer("Nobody", "nobody", "nowhere")));
    tx.executeWithoutResult(s -> migs.insert(noLiaison));
    tx.executeWithoutResult(s -> assertThat(mail.send(
        MailRequest.of(MailTemplate.RENEWAL_REMINDER, noLiaison.id(), key).with("daysLeft", 30))).isTrue());
    OutboxMail row = row(key);
    assertThat(row.status()).isEqualTo(Status.FAILED);
    assertThat(row.problems()).contains("'nobody'", "no valid recipient");
  }

  @Test
  void smtpDownThenUpDeliversEveryMailExactlyOnce() {
    ClockUtil.setCurrentTime(Date.from(clock.instant()));    // time stands still until moved
    MailDispatcher flaky = dispatcherTo(flakySmtp, 8, Duration.ofSeconds(30));
    List<String> keys = List.of(key(), key(), key());
    tx.executeWithoutResult(s -> keys.forEach(k -> mail.send(reminder(k))));

    flaky.dispatchDue();                                   // the server is down
    for (String k : keys) {
      OutboxMail row = row(k);
      assertThat(row.status()).isEqualTo(Status.PENDING);
      assertThat(row.attempts()).isEqualTo(1);
      assertThat(row.lastError()).containsIgnoringCase("connect");
      assertThat(row.nextAttemptAt()).isEqualTo(row.createdAt().plusSeconds(30));
    }

    flakySmtp.start();
    assertThat(flaky.dispatchDue()).as("nothing is due before the backoff").isZero();
    ClockUtil.setCurrentTime(Date.from(clock.instant().plusSeconds(31)));
    assertThat(flaky.dispatchDue()).isEqualTo(3);
    assertThat(flaky.dispatchDue()).isZero();

    for (String k : keys) {
      assertThat(receivedWithKey(flakySmtp.server(), k)).as(k).isEqualTo(1);
      assertThat(row(k).status()).isEqualTo(Status.SENT);
      assertThat(row(k).attempts()).isEqualTo(2);
    }
  }

  @Test
  void afterTheLastAttemptTheMailIsFailedAndOperatorsSeeWhy() {
    MailDispatcher flaky = dispatcherTo(flakySmtp, 2, Duration.ofSeconds(1));
    String key = key();
    tx.executeWithoutResult(s -> mail.send(reminder(key)));
    flaky.dispatchDue();
    ClockUtil.setCurrentTime(Date.from(clock.instant().plusSeconds(5)));
    flaky.dispatchDue();

    OutboxMail row = row(key);
    assertThat(row.status()).isEqualTo(Status.FAILED);
    assertThat(row.attempts()).isEqualTo(2);
    assertThat(row.lastError()).startsWith("gave up after 2 attempts:");

    Reply api = new HttpApi(port).get("/api/mail/outbox?migId=" + mig.id() + "&status=FAILED", "coo1");
    assertThat(api.status()).isEqualTo(200);
    assertThat(api.json().get(0).path("template").asText()).isEqualTo("renewal-reminder");
    assertThat(api.json().get(0).path("lastError").asText()).startsWith("gave up");

    Reply health = new HttpApi(port).get("/actuator/health", "admin");
    assertThat(health.json().path("components").path("mailOutbox").path("status").asText()).isEqualTo("DEGRADED");
    assertThat(health.json().path("components").path("mailOutbox").path("details").path("failed").asLong())
        .isPositive();
  }

  @Test
  void aClaimIsLeasedBrieflyRenewedByItsNodeAndTakenOverWhenItsNodeFallsSilent() {
    String key = key();
    tx.executeWithoutResult(s -> mail.send(reminder(key)));
    long id = row(key).id();
    MailOutbox.Claim byA = tx.execute(s -> outbox.claimDue(clock.instant(), 10, "node-a", 1));
    List<Long> claimed = byA.ids();
    assertThat(claimed).containsExactly(id);
    List<Long> byB = tx.execute(s -> outbox.claimDue(clock.instant(), 10, "node-b", 1)).ids();
    assertThat(byB).as("leased to node-a").isEmpty();

    // while node-a sends, it renews its lease; nobody else's
    assertThat(outbox.renewClaims("node-b", 600)).isZero();
    assertThat(outbox.renewClaims("node-a", 600)).isEqualTo(1);
    assertThat(jdbc.queryForObject("select claimed_until > current_timestamp + interval '500' second"
        + " from mail_outbox where id = ?", Boolean.class, id)).isTrue();

    // node-a dies: once its lease has run out, node-b takes the mail
    jdbc.update("update mail_outbox set claimed_until = current_timestamp - interval '1' second where id = ?", id);
    MailOutbox.Claim byBLater = tx.execute(s -> outbox.claimDue(clock.instant(), 10, "node-b", 120));
    List<Long> takenOver = byBLater.ids();
    assertThat(takenOver).containsExactly(id);
    assertThat(outbox.sendables(List.of(id), byA.token())).as("no longer node-a's to send").isEmpty();

    // node-a comes back and reports its sending: its claim is gone, so nothing changes
    assertThat(outbox.markSent(id, byA.token(), 1, clock.instant(), null, null)).isFalse();
    assertThat(outbox.markRetry(id, byA.token(), 1, clock.instant(), "late")).isFalse();
    assertThat(row(key).status()).isEqualTo(Status.SENDING);
    // node-b sends it again, with the same Message-ID, and the row says it may have arrived twice
    assertThat(outbox.sendables(List.of(id), byBLater.token())).singleElement()
        .satisfies(mail -> assertThat(mail.resent()).isTrue());
    assertThat(outbox.markSent(id, byBLater.token(), 1, clock.instant(), null, null)).isTrue();
    assertThat(row(key).possiblyRepeated()).isTrue();
  }

  @Test
  void backoffDoublesUpToTheMaximum() {
    MailDispatcher d = dispatcherTo(flakySmtp, 8, Duration.ofSeconds(30));
    assertThat(d.backoff(1)).isEqualTo(Duration.ofSeconds(30));
    assertThat(d.backoff(2)).isEqualTo(Duration.ofMinutes(1));
    assertThat(d.backoff(4)).isEqualTo(Duration.ofMinutes(4));
    assertThat(d.backoff(20)).isEqualTo(Duration.ofHours(1));
  }

  @Test
  void theOutboxApiIsForCooAndAdministrators() {
    HttpApi http = new HttpApi(port);
    String key = key();
    tx.executeWithoutResult(s -> mail.send(reminder(key)));
    dispatcher.dispatchDue();

    assertThat(http.get("/api/mail/outbox", null).status()).isEqualTo(401);
    assertThat(http.get("/api/mail/outbox", "mps1").status()).isEqualTo(403);
    assertThat(http.get("/api/mail/outbox", "council1").json().path("message").asText())
        .isEqualTo("User 'council1' is not a member of coo or camunda-admin");
    Reply mine = http.get("/api/mail/outbox?migId=" + mig.id(), "admin");
    assertThat(mine.status()).isEqualTo(200);
    assertThat(mine.json()).hasSize(1);
    assertThat(mine.json().get(0).path("status").asText()).isEqualTo("SENT");
    assertThat(mine.json().get(0).path("to").toString()).contains(mig.organizers().get(0).email());
    assertThat(mine.json().get(0).path("sentAt").asText()).isNotEmpty();

    Reply bad = http.get("/api/mail/outbox?status=LOST", "coo1");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().path("errors").get(0).path("field").asText()).isEqualTo("status");
  }

  @Test
  void oneMailOfTheOutboxIsReadWithItsBodies() {
    HttpApi http = new HttpApi(port);
    String key = key();
    tx.executeWithoutResult(s -> mail.send(reminder(key)));
    dispatcher.dispatchDue();
    OutboxMail row = row(key);

    Reply one = http.get("/api/mail/outbox/" + row.id(), "coo1");
    assertThat(one.status()).isEqualTo(200);
    assertThat(one.json().path("id").asLong()).isEqualTo(row.id());
    assertThat(one.json().path("key").asText()).isEqualTo(key);
    assertThat(one.json().path("template").asText()).isEqualTo("renewal-reminder");
    assertThat(one.json().path("migId").asText()).isEqualTo(mig.id());
    assertThat(one.json().path("subject").asText()).isEqualTo(row.subject());
    assertThat(one.json().path("status").asText()).isEqualTo("SENT");
    assertThat(one.json().path("attempts").asInt()).isEqualTo(1);
    assertThat(one.json().path("cc").toString()).contains(mig.staffLiaison().email());
    assertThat(one.json().path("text").asText()).contains("in 90 days", "disbanded automatically");
    assertThat(one.json().path("html").asText()).startsWith("<!DOCTYPE html>").contains("disbanded automatically");
    assertThat(http.get("/api/mail/outbox/" + row.id(), "admin").status()).isEqualTo(200);

    Reply unknown = http.get("/api/mail/outbox/999999999", "coo1");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.json().path("message").asText()).isEqualTo("no mail 999999999 in the outbox");
    assertThat(http.get("/api/mail/outbox/abc", "coo1").status()).isEqualTo(400);
    assertThat(http.get("/api/mail/outbox/" + row.id(), "mps1").status()).isEqualTo(403);
    assertThat(http.get("/api/mail/outbox/" + row.id(), null).status()).isEqualTo(401);
  }

  @Test
  void anUnknownMigIsAProgrammingErrorNotASilentMail() {
    assertThatThrownBy(() -> tx.executeWithoutResult(s ->
        mail.send(MailRequest.of(MailTemplate.RENEWAL_REMINDER, "no-such-mig", key()))))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("no MIG with id no-such-mig");
  }

  // --- helpers ---------------------------------------------------------------------------------

  private MailDispatcher dispatcherTo(TestSmtp server, int maxAttempts, Duration backoff) {
    return new MailDispatcher(outbox, server.sender(), TestSmtp.withDispatcher(properties, maxAttempts, backoff),
        clock, transactions, new SimpleMeterRegistry());
  }

  private MailRequest reminder(String key) {
    return MailRequest.of(MailTemplate.RENEWAL_REMINDER, mig.id(), key).with("daysLeft", 90);
  }

  private OutboxMail row(String key) {
    return outbox.list(null, null, 1000).stream().filter(r -> r.key().equals(key)).findFirst().orElseThrow();
  }

  static String key() {
    return "test/" + UUID.randomUUID();
  }

  static long receivedWithKey(EmbeddedSmtpServer server, String key) {
    return server.received().stream().filter(m -> {
      try {
        return key.equals(m.getHeader("X-MIG-Outbox-Key", null));
      } catch (Exception e) {
        return false;
      }
    }).count();
  }
}
