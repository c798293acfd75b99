package org.ala.mig.mail;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.ala.mig.common.MigProperties;
import org.ala.mig.mail.OutboxMail.Status;
import org.ala.mig.registry.Mig;
import org.ala.mig.registry.MigRepository;
import org.ala.mig.support.FaultySmtp;
import org.ala.mig.support.FaultySmtp.Delivery;
import org.ala.mig.support.HttpApi;
import org.ala.mig.support.PageClient;
import org.ala.mig.support.PageClient.Page;
import org.ala.mig.support.MigSpringBootTest;
import org.ala.mig.support.TestMigs;
import org.ala.mig.support.TestSmtp;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The outbox against an SMTP server that misbehaves (FaultySmtp): what arrives, how often, and
 * what each row says. At most one delivery per recipient; a repeat after a failure inside an SMTP
 * transaction carries the same Message-ID.
 */
@MigSpringBootTest
class OutboxFaultsTest {

  @Autowired MailService mail;
  @Autowired MailOutbox outbox;
  @Autowired org.springframework.jdbc.core.JdbcTemplate jdbc;
  @Autowired MailDispatcher dispatcher;
  @Autowired MigRepository migs;
  @Autowired TransactionTemplate tx;
  @Autowired PlatformTransactionManager transactions;
  @Autowired MigProperties properties;
  @Autowired Clock clock;
  @LocalServerPort int port;
  Mig mig;
  FaultySmtp smtp;

  @BeforeEach
  void aMigAnEmptyQueueAndAFaultyServer() throws Exception {
    mig = TestMigs.active("Outbox Faults");
    tx.executeWithoutResult(s -> migs.insert(mig));
    dispatcher.dispatchDue();
    // what other tests of this context left waiting for a later time (written while their clock
    // stood ahead) is parked, so that the counts and sendings here are this test's own
    java.sql.Timestamp later = java.sql.Timestamp.from(java.time.Instant.parse("2999-01-01T00:00:00Z"));
    jdbc.update("update mail_outbox set next_attempt_at = ? where status = 'PENDING'", later);
    jdbc.update("update mail_outbox set claimed_until = ? where status = 'SENDING'", later);
    ClockUtil.setCurrentTime(Date.from(clock.instant()));    // time stands still until moved
    smtp = new FaultySmtp();
  }

  @AfterEach
  void restore() throws Exception {
    ClockUtil.reset();
    smtp.close();
  }

  @Test
  void aCloseThatFailsAfterTheServerTookEveryMailSendsNothingTwice() {
    smtp.resetOnQuit();
    MailDispatcher faulty = dispatcherTo(smtp);
    List<String> keys = written(3);

    assertThat(faulty.dispatchDue()).isEqualTo(3);
    assertThat(faulty.dispatchDue()).as("a second round finds nothing to send").isZero();

    assertThat(sendingsByKey()).containsOnlyKeys(keys).allSatisfy((key, n) -> assertThat(n).as(key).isEqualTo(1));
    for (String key : keys) {
      assertThat(row(key).status()).isEqualTo(Status.SENT);
      assertThat(row(key).attempts()).isEqualTo(1);
    }
  }

  @Test
  void aRecipientTheServerRefusesIsListedAndTheOthersGetTheMail() {
    smtp.refuse(mig.staffLiaison().email());
    MailDispatcher faulty = dispatcherTo(smtp);
    String key = written(1).get(0);

    faulty.dispatchDue();

    assertThat(smtp.deliveries()).singleElement().satisfies(d -> {
      assertThat(d.recipients()).containsExactlyInAnyOrderElementsOf(
          mig.organizers().stream().map(o -> o.email()).toList());
      assertThat(d.recipients()).doesNotContain(mig.staffLiaison().email());
    });
    OutboxMail row = row(key);
    assertThat(row.status()).isEqualTo(Status.SENT);
    assertThat(row.attempts()).isEqualTo(1);
    assertThat(row.rejectedRecipients()).containsExactly(mig.staffLiaison().email());
    assertThat(faulty.dispatchDue()).as("nothing is retried").isZero();
    assertThat(smtp.deliveries()).hasSize(1);

    // operators see it: the API lists the refused address, the outbox page says so beside the mail,
    // and the mail's page (where its cc is) beside the address
    assertThat(new HttpApi(port).get("/api/mail/outbox?migId=" + mig.id(), "chair").json().get(0)
        .path("rejectedRecipients").get(0).asText()).isEqualTo(mig.staffLiaison().email());
    PageClient chair = new PageClient(port).signIn("chair", "/outbox");
    Page page = chair.get("/outbox?migId=" + mig.id());
    assertThat(page.byId("mail-" + row.id()).text()).contains("1 recipient refused");
    assertThat(chair.get("/outbox/" + row.id()).byId("cc").text())
        .contains(mig.staffLiaison().email() + " (refused by the server)");
    assertThat(row.lastError()).as("the server's reason").contains("550", "no such user here");
  }

  @Test
  void aConnectionThatDropsMidBatchLosesNothingAndSendsNothingTwice() {
    smtp.dropAfterMessage(2, false);
    MailDispatcher faulty = dispatcherTo(smtp);
    List<String> keys = written(5);

    faulty.dispatchDue();
    assertThat(sendingsByKey()).containsOnlyKeys(keys.get(0), keys.get(1));
    assertThat(row(keys.get(0)).status()).isEqualTo(Status.SENT);
    assertThat(row(keys.get(1)).status()).isEqualTo(Status.SENT);
    OutboxMail third = row(keys.get(2));
    assertThat(third.status()).as("tried on the broken connection").isEqualTo(Status.PENDING);
    assertThat(third.attempts()).isEqualTo(1);
    assertThat(third.lastError()).isNotBlank();
    for (String untried : keys.subList(3, 5)) {
      assertThat(row(untried).status()).as("given back untried").isEqualTo(Status.PENDING);
      assertThat(row(untried).attempts()).isZero();
    }

    assertThat(faulty.dispatchDue()).as("the untried ones go at once").isEqualTo(2);
    ClockUtil.setCurrentTime(Date.from(clock.instant().plusSeconds(31)));
    assertThat(faulty.dispatchDue()).as("the one tried goes after its backoff").isEqualTo(1);

    assertThat(sendingsByKey()).containsOnlyKeys(keys).allSatisfy((key, n) -> assertThat(n).as(key).isEqualTo(1));
    keys.forEach(key -> assertThat(row(key).status()).isEqualTo(Status.SENT));
  }

  @Test
  void aMailTakenByTheServerWithoutAnAnswerIsSentAgainWithTheSameMessageId() {
    smtp.dropAfterMessage(1, true);
    MailDispatcher faulty = dispatcherTo(smtp);
    String key = written(1).get(0);
    long id = row(key).id();

    faulty.dispatchDue();
    assertThat(row(key).status()).isEqualTo(Status.PENDING);
    ClockUtil.setCurrentTime(Date.from(clock.instant().plusSeconds(31)));
    faulty.dispatchDue();

    assertThat(smtp.deliveries()).hasSize(2).extracting(Delivery::messageId).containsOnly(faulty.messageId(id, key));
    assertThat(faulty.messageId(id, key)).startsWith("<outbox-" + id + ".").endsWith("@ala.org>");
    assertThat(row(key).status()).isEqualTo(Status.SENT);
    assertThat(row(key).attempts()).isEqualTo(2);
  }

  // --- helpers ---------------------------------------------------------------------------------

  private MailDispatcher dispatcherTo(FaultySmtp server) {
    return new MailDispatcher(outbox, server.sender(), TestSmtp.withDispatcher(properties, 8, Duration.ofSeconds(30)),
        clock, transactions, new SimpleMeterRegistry());
  }

  private List<String> written(int n) {
    List<String> keys = java.util.stream.IntStream.range(0, n).mapToObj(i -> "test/" + UUID.randomUUID()).toList();
    tx.executeWithoutResult(s -> keys.forEach(key ->
        mail.send(MailRequest.of(MailTemplate.RENEWAL_REMINDER, mig.id(), key).with("daysLeft", 90))));
    return keys;
  }

  /** How many times the server took each outbox row's mail. */
  private Map<String, Long> sendingsByKey() {
    return smtp.deliveries().stream().collect(Collectors.groupingBy(Delivery::outboxKey, Collectors.counting()));
  }

  private OutboxMail row(String key) {
    return outbox.list(null, null, 1000).stream().filter(r -> r.key().equals(key)).findFirst().orElseThrow();
  }
}
