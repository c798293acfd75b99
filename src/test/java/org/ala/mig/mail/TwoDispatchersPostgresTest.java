package org.ala.mig.mail;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.ala.mig.common.MigProperties;
import org.ala.mig.mail.OutboxMail.Status;
import org.ala.mig.registry.Mig;
import org.ala.mig.registry.MigRepository;
import org.ala.mig.support.MigPostgresTest;
import org.ala.mig.support.TestMigs;
import org.ala.mig.support.TestSmtp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Two dispatchers (as on two nodes) drain one PostgreSQL outbox: every mail is sent once. */
@MigPostgresTest
class TwoDispatchersPostgresTest {

  private static final Logger log = LoggerFactory.getLogger(TwoDispatchersPostgresTest.class);
  static final int MAILS = 200;

  @Autowired MailService mail;
  @Autowired MailOutbox outbox;
  @Autowired MigRepository migs;
  @Autowired TransactionTemplate tx;
  @Autowired PlatformTransactionManager transactions;
  @Autowired MigProperties properties;
  @Autowired Clock clock;
  @Autowired org.springframework.jdbc.core.JdbcTemplate jdbc;
  final TestSmtp smtp = new TestSmtp();

  @AfterEach
  void stop() {
    smtp.stop();
  }

  @Test
  void eachMailIsSentOnceByOneOfTwoDispatchers() throws Exception {
    smtp.start();
    // what other tests of this context left unsent (their dispatcher is off) is parked, so that
    // the two dispatchers' counts here are this test's own mails
    jdbc.update("update mail_outbox set next_attempt_at = ? where status = 'PENDING'",
        java.sql.Timestamp.from(java.time.Instant.parse("2999-01-01T00:00:00Z")));
    Mig mig = TestMigs.active("Librarians Build Communities");
    tx.executeWithoutResult(s -> migs.insert(mig));
    String run = UUID.randomUUID().toString();
    tx.executeWithoutResult(s -> {
      for (int i = 0; i < MAILS; i++) {
        mail.send(MailRequest.of(MailTemplate.RENEWAL_REMINDER, mig.id(), "two-nodes/" + run + "/" + i)
            .with("daysLeft", 90));
      }
    });
    MigProperties settings = TestSmtp.withDispatcher(properties, 8, Duration.ofSeconds(1));
    List<MailDispatcher> nodes = List.of(
        new MailDispatcher(outbox, smtp.sender(), settings, clock, transactions, new SimpleMeterRegistry()),
        new MailDispatcher(outbox, smtp.sender(), settings, clock, transactions, new SimpleMeterRegistry()));
    assertThat(nodes.get(0).node()).isNotEqualTo(nodes.get(1).node());

    ExecutorService pool = Executors.newFixedThreadPool(2);
    long started = System.nanoTime();
    List<Future<Integer>> handled = new ArrayList<>();
    for (MailDispatcher node : nodes) {
      Callable<Integer> drain = () -> {
        int total = 0;
        for (int round = 0; round < 50; round++) {
          total += node.dispatchDue();
        }
        return total;
      };
      handled.add(pool.submit(drain));
    }
    int byFirst = handled.get(0).get();
    int bySecond = handled.get(1).get();
    double seconds = (System.nanoTime() - started) / 1e9;
    pool.shutdown();
    log.info("Two dispatchers sent {} mails in {} s ({} mails/s); node 1: {}, node 2: {}",
        MAILS, String.format("%.2f", seconds), String.format("%.0f", MAILS / seconds), byFirst, bySecond);

    List<OutboxMail> rows = outbox.list(mig.id(), null, 1000);
    assertThat(rows).hasSize(MAILS).allMatch(r -> r.status() == Status.SENT && r.attempts() == 1);
    assertThat(byFirst + bySecond).isEqualTo(MAILS);
    Set<String> keys = new HashSet<>();
    smtp.server().received().forEach(m -> {
      try {
        assertThat(keys.add(m.getHeader("X-MIG-Outbox-Key", null))).as("sent once").isTrue();
      } catch (jakarta.mail.MessagingException e) {
        throw new IllegalStateException(e);
      }
    });
    assertThat(keys).hasSize(MAILS);
  }
}
