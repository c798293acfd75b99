package org.ala.mig.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.ala.mig.mail.MailOutbox;
import org.ala.mig.registry.DeadlineCalendar;
import org.ala.mig.reporting.AnnualReportService;
import org.ala.mig.reporting.CouncilReportService;
import org.ala.mig.support.HttpApi.Reply;
import org.ala.mig.support.HttpApi;
import org.ala.mig.support.ManagedMigs;
import org.ala.mig.support.MigSpringBootTest;
import org.ala.mig.support.PageClient.Page;
import org.ala.mig.support.PageClient;
import org.ala.mig.support.PetitionJson;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Markup stored through valid requests (names, statements, organizers, reasons, report texts, a
 * decision's rationale, the chair's remarks) is shown as text: on the registry, the MIG's page, the
 * Council pages and the outbox no element or attribute comes from it, and each text is there to
 * read. The HTML part of each mail about it is escaped; its text part carries the text as typed.
 */
@MigSpringBootTest
class EscapingTest {

  static final String SCRIPT = "<script>alert(1)</script>";
  static final String IMG = "\"><img src=x onerror=alert(1)>";

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;
  @Autowired MailOutbox outbox;
  @Autowired DeadlineCalendar calendar;
  @Autowired AnnualReportService reports;
  @Autowired CouncilReportService councilReports;

  String conference;

  @AfterEach
  void forgetTheReport() {
    ClockUtil.reset();
    if (conference != null) {   // a published report would start the next report's period
      jdbc.update("delete from council_report where conference_id = ?", conference);
    }
  }

  @Test
  void markupInWhatWasStoredIsShownAsTextOnEveryPageAndInEveryMail() {
    HttpApi http = new HttpApi(port);
    ManagedMigs migs = new ManagedMigs(http, runtime, management, outbox, jdbc);
    String u = UUID.randomUUID().toString().substring(0, 6);
    LocalDate today = calendar.today();

    // an existing MIG, its requests and its report, every text with markup in it
    String name = "Escapes " + u + " " + IMG;
    String purpose = "To test " + SCRIPT + " and " + IMG + " in a statement.";
    Reply created = http.postJson("/api/migs", "coo1", PetitionJson.write(Map.of("name", name,
        "statementOfPurpose", purpose, "termStart", today.minusYears(1).toString(),
        "staffLiaison", Map.of("name", "Liaison " + SCRIPT, "email", "liaison-" + u + "@ala.example"),
        "organizers", List.of(Map.of("name", "Org " + IMG, "email", "org-" + u + "@lib.example",
            "address", "1 Main St " + SCRIPT)))));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String migId = created.json().path("id").asText();
    String reason = "Reason " + SCRIPT + IMG;
    assertThat(http.postJson("/api/migs/" + migId + "/support-requests", "liaison1", PetitionJson.write(Map.of(
        "type", "SUPPORT_ITEM", "details", "Details " + IMG))).status()).isEqualTo(202);
    LocalDate due = today.plusDays(40);
    reports.requestExtra(migId, due, "coo1");
    assertThat(http.postJson("/api/migs/" + migId + "/annual-reports", "mps1", PetitionJson.write(Map.of(
        "year", due.getYear(), "dueDate", due.toString(), "activities", "Activities " + SCRIPT + IMG))).status())
        .isEqualTo(202);
    assertThat(http.postJson("/api/migs/" + migId + "/disband-requests", "liaison1",
        PetitionJson.write(Map.of("reason", reason))).status()).isEqualTo(202);
    String confirm = tasks.createTaskQuery().processInstanceId(migs.lifecycle(migId)).taskDefinitionKey("confirmDisband")
        .singleResult().getId();
    tasks.complete(confirm, Map.of("disbandConfirmed", false));   // recorded with the MIG's reason

    // a petition whose name and organizers carry markup: its receipt is mailed
    String petitionName = "Petition " + u + " " + SCRIPT;
    Map<String, Object> petition = PetitionJson.establish(petitionName, PetitionJson.signatures(jdbc, 100));
    petition.put("statementOfPurpose", purpose);
    petition.put("organizers", List.of(Map.of("name", "Ana " + IMG, "email", "ana-" + u + "@lib.example",
        "address", "2 Oak Ave " + SCRIPT)));
    Reply submitted = http.postJson("/api/petitions", "mps1", PetitionJson.write(petition));
    assertThat(submitted.status()).as(submitted.body()).isEqualTo(201);
    String petitionMig = submitted.json().path("migId").asText();
    migs.runDueJobs(submitted.json().path("processInstanceId").asText());

    // the COO report to Council with the decision, and the chair's remarks
    conference = "escape-" + u;
    ManagedMigs.clockAt(java.time.Instant.now().plus(java.time.Duration.ofDays(1)));   // today's decisions are in
    councilReports.compile(conference, "Conference " + SCRIPT, today.plusDays(15));   // compiled tomorrow
    councilReports.publish(conference, "Remarks " + SCRIPT + IMG);

    PageClient chair = new PageClient(port).signIn("chair", "/registry");
    shownAsText(chair.get("/registry"), name, purpose);
    shownAsText(chair.get("/registry?status=ALL"), name, petitionName);
    shownAsText(chair.get("/migs/" + migId), name, purpose, "Org " + IMG, "1 Main St " + SCRIPT, "Liaison " + SCRIPT);
    shownAsText(chair.get("/migs/" + petitionMig), petitionName, purpose, "Ana " + IMG);
    shownAsText(chair.get("/council"));
    shownAsText(chair.get("/council/reports"), "Conference " + SCRIPT);
    shownAsText(chair.get("/council/reports/" + conference), reason, "Remarks " + SCRIPT + IMG,
        name);
    shownAsText(chair.get("/outbox"), petitionName);
    shownAsText(chair.get("/outbox?migId=" + petitionMig), petitionName);

    // the mails: HTML escaped, text as typed
    Map<String, Object> receipt = jdbc.queryForMap("select subject, body_text, body_html from mail_outbox"
        + " where mig_id = ? and template = 'petition-acknowledged'", petitionMig);
    assertThat((String) receipt.get("SUBJECT")).contains(petitionName);
    assertThat((String) receipt.get("BODY_TEXT")).contains(petitionName);
    mailHtmlEscaped((String) receipt.get("BODY_HTML"), petitionName);
    Map<String, Object> council = jdbc.queryForMap("select body_text, body_html from mail_outbox"
        + " where idempotency_key = ?", "council-report/" + conference);
    assertThat((String) council.get("BODY_TEXT")).contains("Remarks " + SCRIPT + IMG);
    mailHtmlEscaped((String) council.get("BODY_HTML"), "Remarks " + SCRIPT + IMG);
  }

  /** The page came, no element or attribute of it came from stored text, and each text reads as it was typed. */
  static void shownAsText(Page page, String... texts) {
    assertThat(page.status()).as(page.body()).isEqualTo(200);
    Document html = page.html();
    noInjection(html);
    for (String text : texts) {
      assertThat(html.text().replaceAll("\\s+", " ")).as("shown as text").contains(text.replaceAll("\\s+", " "));
    }
  }

  static void mailHtmlEscaped(String html, String text) {
    assertThat(html).doesNotContain(SCRIPT).doesNotContain("<img src=x");
    Document mail = Jsoup.parse(html);
    noInjection(mail);
    assertThat(mail.text()).contains(text);
  }

  /** No script that alerts, no image from the text, no event handler, no javascript: link. */
  static void noInjection(Document html) {
    assertThat(html.select("script").stream().filter(s -> s.data().contains("alert")).toList()).as("script").isEmpty();
    assertThat(html.select("img[src=x]")).as("img").isEmpty();
    for (Element element : html.getAllElements()) {
      for (Attribute attribute : element.attributes()) {
        assertThat(attribute.getKey()).as("attribute of <" + element.tagName() + ">").doesNotStartWithIgnoringCase("on");
      }
    }
  }
}
