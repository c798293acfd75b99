package org.ala.mig.web.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.ala.mig.mail.MailOutbox.NewMail;
import org.ala.mig.mail.MailOutbox;
import org.ala.mig.mail.MailTemplate;
import org.ala.mig.mail.OutboxMail.Status;
import org.ala.mig.registry.Mig;
import org.ala.mig.registry.MigRepository;
import org.ala.mig.support.MigSpringBootTest;
import org.ala.mig.support.PageClient.Page;
import org.ala.mig.support.PageClient;
import org.ala.mig.support.TestMigs;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/** The outbox page: COO and administrators see the latest mails, filtered, with the counts by status. */
@MigSpringBootTest
class OutboxPageTest {

  @LocalServerPort int port;
  @Autowired MailOutbox outbox;
  @Autowired MigRepository migs;
  @Autowired JdbcTemplate jdbc;
  @Autowired TransactionTemplate tx;
  @Autowired Clock clock;
  Mig mig;
  Mig other;
  String failedSubject;
  String sentSubject;

  @BeforeEach
  void twoMails() {
    mig = TestMigs.active("Outbox Failed");
    other = TestMigs.active("Outbox Sent");
    tx.executeWithoutResult(s -> {
      migs.insert(mig);
      migs.insert(other);
    });
    failedSubject = mig.name() + ": the term ends soon";
    sentSubject = other.name() + ": an annual report is due";
    String failedKey = "test/" + UUID.randomUUID();
    String sentKey = "test/" + UUID.randomUUID();
    outbox.insert(new NewMail(failedKey, MailTemplate.RENEWAL_REMINDER, mig.id(), List.of("ana@lib.example"),
        List.of("liaison@ala.example"), failedSubject, "text", "<p>html</p>", Status.PENDING, "invalid address of organizer Cy left out: 'bad@'"), clock.instant());
    outbox.insert(new NewMail(sentKey, MailTemplate.ANNUAL_REPORT_REMINDER, other.id(), List.of("bo@lib.example"),
        List.of(), sentSubject, "text", "<p>html</p>", Status.PENDING, null), clock.instant());
    jdbc.update("update mail_outbox set status = 'FAILED', attempts = 8, last_error = ? where idempotency_key = ?",
        "gave up after 8 attempts: Connection refused", failedKey);
    jdbc.update("update mail_outbox set status = 'SENT', attempts = 1, sent_at = created_at where idempotency_key = ?",
        sentKey);
  }

  @Test
  void theChairSeesTheLatestMailsWithTheirDetailsAndTheCountsByStatus() {
    Page page = new PageClient(port).signIn("chair", "/outbox").get("/outbox");

    assertThat(page.status()).isEqualTo(200);
    Element failed = row(page, failedSubject);
    assertThat(failed.select("td").eachText()).containsExactly("renewal-reminder", mig.id(), "ana@lib.example",
        "liaison@ala.example", failedSubject, "FAILED", "8",
        "gave up after 8 attempts: Connection refused Problems: invalid address of organizer Cy left out: 'bad@'",
        failed.select("td").get(8).text(), "—");
    assertThat(failed.select("td").get(8).text()).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} C[SD]T");
    assertThat(row(page, sentSubject).select("td").get(5).text()).isEqualTo("SENT");
    assertThat(row(page, sentSubject).select("td time").eachAttr("datetime")).hasSize(2);
    for (Status status : Status.values()) {
      Long n = jdbc.queryForObject("select count(*) from mail_outbox where status = ?", Long.class, status.name());
      assertThat(page.byId("count-" + status.name()).text()).as(status.name()).isEqualTo(String.valueOf(n));
    }
    assertThat(page.html().select("th[scope=col]").eachText()).containsExactly("Template", "MIG", "To", "Cc",
        "Subject", "Status", "Attempts", "Last error", "Created", "Sent");
  }

  @Test
  void theMailsAreFilteredByStatusAndByMig() {
    PageClient admin = new PageClient(port).signIn("admin", "/outbox");

    Page failed = admin.get("/outbox?status=FAILED");
    assertThat(failed.html().select("#mails tbody td:eq(4)").eachText()).contains(failedSubject).doesNotContain(sentSubject);
    assertThat(failed.html().select("#mails tbody td:eq(5)").eachText()).containsOnly("FAILED");
    assertThat(failed.html().selectFirst("select#status option[selected]").val()).isEqualTo("FAILED");

    Page ofMig = admin.get("/outbox?migId=" + other.id());
    assertThat(ofMig.html().select("#mails tbody td:eq(4)").eachText()).containsExactly(sentSubject);
    assertThat(ofMig.html().selectFirst("select#migId option[selected]").val()).isEqualTo(other.id());

    Page none = admin.get("/outbox?migId=" + other.id() + "&status=FAILED");
    assertThat(none.byId("no-mail").text()).isEqualTo("No mail matches the filter.");
  }

  @Test
  void onlyCooAndAdministratorsSeeTheOutbox() {
    assertThat(new PageClient(port).signIn("mps1", "/outbox").get("/outbox").status()).isEqualTo(403);
    Page anonymous = new PageClient(port).get("/outbox");
    assertThat(anonymous.status()).isEqualTo(302);
    assertThat(anonymous.location()).endsWith("/login?next=%2Foutbox");
  }

  @Test
  void anUnknownStatusIsABadRequest() {
    Page page = new PageClient(port).signIn("chair", "/outbox").get("/outbox?status=LOST");
    assertThat(page.status()).isEqualTo(400);
    assertThat(page.html().select("main li").text()).contains("status").contains("PENDING, SENDING, SENT, FAILED");
  }

  private static Element row(Page page, String subject) {
    return page.html().select("#mails tbody tr").stream()
        .filter(tr -> tr.select("td").get(4).text().equals(subject))
        .findFirst().orElseThrow(() -> new AssertionError("no row with subject " + subject + " in\n" + page.body()));
  }
}
