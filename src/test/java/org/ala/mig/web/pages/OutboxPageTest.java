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
import org.ala.mig.support.HttpApi.Reply;
import org.ala.mig.support.HttpApi;
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

/**
 * The outbox page: COO and administrators see the latest mails, filtered, with the counts by
 * status, and each mail on its own page. No view shows a token of a link.
 */
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
    outbox.insert(new NewMail(sentKey, MailTemplate.ANNUAL_REPORT_REMINDER, other.id(),
        List.of("bo@lib.example", "cy@lib.example"), List.of("dee@lib.example"), sentSubject,
        "Dear organizers,\nthe report is due.\n", "<p>Dear organizers, the <b>report</b> is due.</p>", Status.PENDING,
        null), clock.instant());
    jdbc.update("update mail_outbox set status = 'FAILED', attempts = 8, last_error = ? where idempotency_key = ?",
        "gave up after 8 attempts: Connection refused", failedKey);
    jdbc.update("update mail_outbox set status = 'SENT', attempts = 1, sent_at = created_at,"
        + " rejected_recipients = 'cy@lib.example', possibly_repeated = true where idempotency_key = ?", sentKey);
  }

  @Test
  void theChairSeesTheLatestMailsWithTheirDetailsAndTheCountsByStatus() {
    Page page = new PageClient(port).signIn("chair", "/outbox").get("/outbox");

    assertThat(page.status()).isEqualTo(200);
    Element failed = row(page, failedSubject);
    assertThat(failed.select("td").eachText()).containsExactly("renewal-reminder", mig.id(), "ana@lib.example",
        failedSubject, "FAILED", "8", failed.select("td").get(6).text());
    assertThat(failed.select("td").get(6).text()).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} C[SD]T");
    assertThat(failed.select("td.subject a").attr("href")).isEqualTo("/outbox/" + id(failedSubject));
    Element sent = row(page, sentSubject);
    assertThat(sent.select("td").get(2).select("span").eachText())
        .containsExactly("bo@lib.example", "cy@lib.example (refused by the server)");
    assertThat(sent.select("td").get(2).select("span.refused").text()).startsWith("cy@lib.example");
    assertThat(sent.select("td").get(4).text()).isEqualTo("SENT possibly twice 1 recipient refused");
    assertThat(sent.select("td time").eachAttr("datetime")).hasSize(1);
    for (Status status : Status.values()) {
      Long n = jdbc.queryForObject("select count(*) from mail_outbox where status = ?", Long.class, status.name());
      assertThat(page.byId("count-" + status.name()).text()).as(status.name()).isEqualTo(String.valueOf(n));
    }
    // cc, the last error, the problems and the sent time are on each mail's page
    assertThat(page.html().select("th[scope=col]").eachText()).containsExactly("Template", "MIG", "To",
        "Subject", "Status", "Attempts", "Created");
  }

  @Test
  void theMailsAreFilteredByStatusAndByMig() {
    PageClient admin = new PageClient(port).signIn("admin", "/outbox");

    Page failed = admin.get("/outbox?status=FAILED");
    assertThat(failed.html().select("#mails tbody td:eq(3)").eachText()).contains(failedSubject).doesNotContain(sentSubject);
    assertThat(failed.html().select("#mails tbody td:eq(4)").eachText()).containsOnly("FAILED");
    assertThat(failed.html().selectFirst("select#status option[selected]").val()).isEqualTo("FAILED");

    Page ofMig = admin.get("/outbox?migId=" + other.id());
    assertThat(ofMig.html().select("#mails tbody td:eq(3)").eachText()).containsExactly(sentSubject);
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

  @Test
  void eachMailHasItsPageWithEverythingTheListLeavesOut() {
    PageClient chair = new PageClient(port).signIn("chair", "/outbox");
    String link = row(chair.get("/outbox?status=FAILED"), failedSubject).selectFirst("td.subject a").attr("href");

    Page failed = chair.get(link);

    assertThat(failed.status()).isEqualTo(200);
    assertThat(failed.byId("subject").text()).isEqualTo(failedSubject);
    assertThat(failed.byId("template").text()).isEqualTo("renewal-reminder");
    assertThat(failed.byId("mig").text()).isEqualTo(mig.name() + " (" + mig.id() + ")");
    assertThat(failed.byId("mig").selectFirst("a").attr("href")).isEqualTo("/migs/" + mig.id());
    assertThat(failed.byId("to").text()).isEqualTo("ana@lib.example");
    assertThat(failed.byId("cc").text()).isEqualTo("liaison@ala.example");
    assertThat(failed.byId("status").text()).isEqualTo("FAILED");
    assertThat(failed.byId("attempts").text()).isEqualTo("8");
    assertThat(failed.byId("last-error").text()).isEqualTo("gave up after 8 attempts: Connection refused");
    assertThat(failed.byId("problems").text()).isEqualTo("invalid address of organizer Cy left out: 'bad@'");
    assertThat(failed.byId("created").text()).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} C[SD]T");
    assertThat(failed.byId("sent").text()).isEqualTo("—");
    assertThat(failed.byId("text").text()).isEqualTo("text");
    assertThat(failed.byId("html").text()).isEqualTo("<p>html</p>");
    assertThat(failed.html().select("main a").eachAttr("href")).contains("/outbox?migId=" + mig.id());

    Page sent = chair.get("/outbox/" + id(sentSubject));
    assertThat(sent.byId("to").select("span").eachText())
        .containsExactly("bo@lib.example", "cy@lib.example (refused by the server)");
    assertThat(sent.byId("to").select("span.refused").text()).isEqualTo("cy@lib.example (refused by the server)");
    assertThat(sent.byId("cc").text()).isEqualTo("dee@lib.example");
    assertThat(sent.byId("status").text()).startsWith("SENT possibly sent twice");
    assertThat(sent.byId("last-error").text()).isEqualTo("—");
    assertThat(sent.html().getElementById("problems")).isNull();
    assertThat(sent.byId("sent").select("time").attr("datetime")).isNotEmpty();
    assertThat(sent.byId("text").wholeText()).isEqualTo("Dear organizers,\nthe report is due.\n");
    assertThat(sent.byId("html").text()).isEqualTo("<p>Dear organizers, the <b>report</b> is due.</p>");
    assertThat(sent.html().select("main b")).as("the HTML body is shown as its source, never as markup").isEmpty();
  }

  @Test
  void anUnknownMailIsNotFoundAndOnlyCooAndAdministratorsSeeAMail() {
    PageClient admin = new PageClient(port).signIn("admin", "/outbox");
    for (String id : List.of("999999999", "abc")) {
      Page unknown = admin.get("/outbox/" + id);
      assertThat(unknown.status()).as(id).isEqualTo(404);
      assertThat(unknown.html().select("main h1").text()).isEqualTo("Not found");
      assertThat(unknown.html().select("main [role=alert]").text()).isEqualTo("There is no mail " + id + " in the outbox.");
    }
    assertThat(admin.get("/outbox/" + id(sentSubject)).status()).isEqualTo(200);

    String path = "/outbox/" + id(failedSubject);
    assertThat(new PageClient(port).signIn("mps1", "/outbox").get(path).status()).isEqualTo(403);
    Page anonymous = new PageClient(port).get(path);
    assertThat(anonymous.status()).isEqualTo(302);
    assertThat(anonymous.location()).contains("/login");
  }

  @Test
  void noViewOfAMailShowsTheTokenOfItsLink() {
    String token = UUID.randomUUID().toString();
    String other = UUID.randomUUID().toString();
    String link = "http://localhost:" + port + "/login/ott?token=" + token;
    String key = "test/" + UUID.randomUUID();
    String subject = mig.name() + ": your link " + link;
    outbox.insert(new NewMail(key, MailTemplate.PETITION_ACKNOWLEDGED, mig.id(), List.of("ana@lib.example"), List.of(),
        subject, "Sign in: " + link + "\nOr confirm: http://localhost/sign/D-1/confirm?lang=en&token=" + other + ".\n",
        "<p><a href=\"" + link + "\">" + link + "</a> <a href='http://localhost/sign/D-1/confirm?lang=en&amp;token="
            + other + "'>confirm</a></p>", Status.PENDING, "token=" + other), clock.instant());
    jdbc.update("update mail_outbox set last_error = ? where idempotency_key = ?", "refused " + link, key);
    long id = jdbc.queryForObject("select id from mail_outbox where idempotency_key = ?", Long.class, key);
    String masked = mig.name() + ": your link http://localhost:" + port + "/login/ott?token=••••••";

    PageClient chair = new PageClient(port).signIn("chair", "/outbox");
    Page list = chair.get("/outbox");
    Page ofMig = chair.get("/outbox?migId=" + mig.id());
    Page one = chair.get("/outbox/" + id);
    Page migPage = chair.get("/migs/" + mig.id());
    HttpApi api = new HttpApi(port);
    Reply listApi = api.get("/api/mail/outbox?migId=" + mig.id(), "chair");
    Reply oneApi = api.get("/api/mail/outbox/" + id, "chair");

    for (String body : List.of(list.body(), ofMig.body(), one.body(), migPage.body(), listApi.body(), oneApi.body())) {
      assertThat(body).doesNotContain(token).doesNotContain(other);
    }
    assertThat(row(list, masked).select("td.subject a").attr("href")).isEqualTo("/outbox/" + id);
    assertThat(one.byId("subject").text()).isEqualTo(masked);
    assertThat(one.byId("text").wholeText()).contains("/login/ott?token=••••••\nOr confirm: "
        + "http://localhost/sign/D-1/confirm?lang=en&token=••••••.\n");
    assertThat(one.byId("html").text()).contains("href=\"http://localhost:" + port + "/login/ott?token=••••••\"",
        "confirm?lang=en&amp;token=••••••'");
    assertThat(one.byId("last-error").text()).endsWith("token=••••••");
    assertThat(migPage.body()).contains("/login/ott?token=••••••");
    assertThat(oneApi.json().path("subject").asText()).isEqualTo(masked);
    assertThat(oneApi.json().path("text").asText()).contains("/login/ott?token=••••••\n");
    assertThat(oneApi.json().path("html").asText()).contains("/login/ott?token=••••••\">");
    assertThat(listApi.json().findValuesAsText("subject")).contains(masked);

    // the stored mail, which the dispatcher sends, keeps the real link
    assertThat(jdbc.queryForObject("select body_text from mail_outbox where id = ?", String.class, id)).contains(link);
    assertThat(jdbc.queryForObject("select body_html from mail_outbox where id = ?", String.class, id)).contains(link);
  }

  private long id(String subject) {
    return jdbc.queryForObject("select id from mail_outbox where subject = ?", Long.class, subject);
  }

  private static Element row(Page page, String subject) {
    return page.html().select("#mails tbody tr").stream()
        .filter(tr -> tr.select("td").get(3).text().equals(subject))
        .findFirst().orElseThrow(() -> new AssertionError("no row with subject " + subject + " in\n" + page.body()));
  }
}
