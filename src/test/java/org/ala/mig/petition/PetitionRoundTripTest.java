package org.ala.mig.petition;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.ala.mig.mail.EmbeddedSmtpServer;
import org.ala.mig.mail.MailDispatcher;
import org.ala.mig.mail.MailFormats;
import org.ala.mig.registry.DeadlineCalendar;
import org.ala.mig.registry.Mig;
import org.ala.mig.registry.MigRepository;
import org.ala.mig.registry.MigStatus;
import org.ala.mig.support.HttpApi.Reply;
import org.ala.mig.support.HttpApi;
import org.ala.mig.support.ManagedMigs;
import org.ala.mig.support.MigSpringBootTest;
import org.ala.mig.support.PetitionJson;
import org.ala.mig.support.TestMigs;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A petition from REST intake to an established MIG: jobs run as the job executor would, and the
 * tasks are done over engine REST as each group's user does them in Tasklist.
 */
@MigSpringBootTest
class PetitionRoundTripTest {

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  @Autowired ManagementService management;
  @Autowired TaskService tasks;
  @Autowired HistoryService history;
  @Autowired MigRepository migs;
  @Autowired MailDispatcher dispatcher;
  @Autowired EmbeddedSmtpServer smtp;
  @Autowired DeadlineCalendar calendar;
  @Autowired PlatformTransactionManager transactions;
  HttpApi http;

  @BeforeEach
  void client() {
    http = new HttpApi(port);
  }

  @Test
  void anApprovedPetitionEstablishesTheMigAndTellsEveryoneInOrder() throws Exception {
    String name = "Entrepreneurship and Maker Spaces " + UUID.randomUUID().toString().substring(0, 6);
    var signatures = PetitionJson.signatures(jdbc, 104);
    signatures.add(Map.of("memberId", "NOT-A-MEMBER", "name", "Nobody Atall"));
    signatures.add(signatures.get(0));                                  // the same member twice
    Map<String, Object> body = PetitionJson.establish(name, signatures);
    body.put("meetingNeeds", "A room for 40 at each Annual Conference, Saturday mornings");
    Reply submitted = http.postJson("/api/petitions", "mps1", PetitionJson.write(body));
    assertThat(submitted.status()).as(submitted.body()).isEqualTo(201);
    String pid = submitted.json().path("processInstanceId").asText();
    String migId = submitted.json().path("migId").asText();

    runJobs(pid);                                                       // acknowledge, pre-verify
    Task verify = task(pid, "verifySignatures");
    assertThat(tasks.getVariable(verify.getId(), "autoValidSignatureCount")).isEqualTo(104);
    assertThat(tasks.getVariable(verify.getId(), "flaggedSignatureCount")).isEqualTo(2);
    assertThat((String) tasks.getVariable(verify.getId(), "flaggedSignaturesSummary"))
        .contains("NOT-A-MEMBER", "NOT_A_MEMBER", "DUPLICATE");
    assertThat((String) tasks.getVariableLocal(verify.getId(), "signatureCollectionSummary"))
        .as("API signatures are paper").isEqualTo(
            "106 signatures: 0 confirmed online by a link mailed to the member's roster address, 106 on paper");
    assertThat(jdbc.queryForObject("select count(*) from petition_signature where status = 'VALID' and petition_id = ?",
        Integer.class, submitted.json().path("petitionId").asText())).isEqualTo(104);

    assertThat(http.postJson("/engine-rest/task/" + verify.getId() + "/claim", "coo1", "{\"userId\":\"coo1\"}")
        .status()).as("COO cannot take MPS's task").isEqualTo(403);
    Reply tooMany = submitForm("mps1", verify, "{\"validSignatureCount\":{\"value\":999,\"type\":\"Long\"}}");
    assertThat(tooMany.status()).isEqualTo(400);
    assertThat(tooMany.json().path("message").asText()).contains("validSignatureCount: must be between 0 and the 106");
    assertThat(submitForm("mps1", verify, "{\"validSignatureCount\":{\"value\":104,\"type\":\"Long\"},"
        + "\"verificationNotes\":{\"value\":\"one unknown, one duplicate\",\"type\":\"String\"}}").status()).isEqualTo(204);

    Task decide = task(pid, "cooDecision");
    Reply unconfirmed = submitForm("coo1", decide, "{\"approved\":{\"value\":true,\"type\":\"Boolean\"}}");
    assertThat(unconfirmed.status()).isEqualTo(400);
    assertThat(unconfirmed.json().path("message").asText()).startsWith("noOverlapConfirmed: confirm that");
    assertThat(submitForm("coo1", decide, "{\"approved\":{\"value\":true,\"type\":\"Boolean\"},"
        + "\"noOverlapConfirmed\":{\"value\":true,\"type\":\"Boolean\"}}").status()).isEqualTo(204);

    runJobs(pid);                                                       // record, establish, mails

    // the executive office designates the new MIG's staff liaisons in Tasklist, as lines Name <email>
    Task designate = task(pid, "designateStaffLiaison");
    assertThat(http.postJson("/engine-rest/task/" + designate.getId() + "/claim", "confsvc1",
        "{\"userId\":\"confsvc1\"}").status()).as("not Conference Services' task").isEqualTo(403);
    Reply badLine = submitForm("exec1", designate,
        "{\"staffLiaisons\":{\"value\":\"Tina Coleman <tcoleman@ala.org>\\nJenny Levine jlevine@ala.org\",\"type\":\"String\"}}");
    assertThat(badLine.status()).isEqualTo(400);
    assertThat(badLine.json().path("message").asText()).startsWith("staffLiaisons: line 2: write Name <email>");
    assertThat(submitForm("exec1", designate,
        "{\"staffLiaisons\":{\"value\":\"Tina Coleman <tcoleman@ala.org>\\n\\nJenny Levine <jlevine@ala.org>\",\"type\":\"String\"}}")
        .status()).isEqualTo(204);

    // and Conference Services sees the meeting needs, and notes how it accommodates them
    Task acknowledge = task(pid, "acknowledgeNotification");
    assertThat(tasks.getVariable(acknowledge.getId(), "meetingNeeds"))
        .isEqualTo("A room for 40 at each Annual Conference, Saturday mornings");
    assertThat(submitForm("confsvc1", acknowledge,
        "{\"accommodationNotes\":{\"value\":\"Room for 40 at Annual\",\"type\":\"String\"}}").status()).isEqualTo(204);

    assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(pid).singleResult().getEndActivityId())
        .isEqualTo("migEstablished");
    Mig mig = migs.find(migId).orElseThrow();
    assertThat(mig.status()).isEqualTo(MigStatus.ACTIVE);
    assertThat(mig.termStart()).isEqualTo(calendar.today());
    assertThat(mig.termEnd()).isEqualTo(calendar.today().plusYears(3).minusDays(1));
    assertThat(jdbc.queryForObject("select count(*) from coo_decision where mig_id = ? and approved", Integer.class, migId))
        .isEqualTo(1);

    Reply asCoo = http.get("/api/migs/" + migId, "coo1");
    assertThat(asCoo.json().path("status").asText()).isEqualTo("ACTIVE");
    assertThat(asCoo.json().path("staffLiaison").path("email").asText()).isEqualTo("tcoleman@ala.org");
    assertThat(asCoo.json().path("staffLiaisons").findValuesAsText("email"))
        .containsExactly("tcoleman@ala.org", "jlevine@ala.org");
    assertThat(asCoo.json().path("meetingNeeds").asText())
        .isEqualTo("A room for 40 at each Annual Conference, Saturday mornings");
    assertThat(asCoo.json().path("accommodation").asText()).isEqualTo("Room for 40 at Annual");
    var page = new org.ala.mig.support.PageClient(port).signedInAs("coo1").get("/migs/" + migId);
    assertThat(page.byId("meeting-needs").text()).isEqualTo("A room for 40 at each Annual Conference, Saturday mornings");
    assertThat(page.byId("accommodation").text()).isEqualTo("Room for 40 at Annual");
    assertThat(page.html().select("dd.staff-liaison").eachText())
        .containsExactly("Tina Coleman, tcoleman@ala.org", "Jenny Levine, jlevine@ala.org");
    assertThat(asCoo.json().path("organizers").get(0).path("email").asText()).isEqualTo("rosa@lib.example");
    Reply asCouncil = http.get("/api/migs/" + migId, "council1");
    assertThat(asCouncil.json().has("organizers")).isFalse();
    assertThat(asCouncil.json().path("nextAnnualReportDue").asText()).endsWith("-08-01");

    dispatcher.dispatchDue();
    List<MimeMessage> mails = smtp.received().stream().filter(m -> subject(m).contains(name)).toList();
    assertThat(mails).extracting(PetitionRoundTripTest::subject).containsExactly(
        name + ": your petition has been received",
        name + ": approved as a Membership Initiative Group",
        "New Membership Initiative Group: " + name);
    assertThat(recipients(mails.get(0))).contains("rosa@lib.example", "sam@lib.example", "membership@ala.org");
    assertThat(recipients(mails.get(2))).containsExactly("conferenceservices@ala.org", "membership@ala.org");
  }

  @Test
  void tooFewConfirmedSignaturesCloseThePetitionAndTheMigIsNotEstablished() {
    String name = "Too Few " + UUID.randomUUID().toString().substring(0, 6);
    Started p = submit(PetitionJson.establish(name, PetitionJson.signatures(jdbc, 100)));
    runJobs(p.pid);
    tasks.complete(task(p.pid, "verifySignatures").getId(), Map.of("validSignatureCount", 99L));
    runJobs(p.pid);

    assertEnded(p.pid, "petitionClosedInsufficient");
    assertThat(migs.find(p.migId).orElseThrow().status()).isEqualTo(MigStatus.NOT_ESTABLISHED);
    assertThat(mailText(name + ": the petition does not have enough valid signatures")).contains("99 of them are valid");
  }

  @Test
  void aDisapprovedPetitionTellsTheOrganizersWhy() {
    String name = "Overlapping " + UUID.randomUUID().toString().substring(0, 6);
    Started p = submit(PetitionJson.establish(name, PetitionJson.signatures(jdbc, 100)));
    runJobs(p.pid);
    tasks.complete(task(p.pid, "verifySignatures").getId(), Map.of("validSignatureCount", 100L));
    tasks.complete(task(p.pid, "cooDecision").getId(),
        Map.of("approved", false, "decisionRationale", "The Maker Round Table already covers this."));
    runJobs(p.pid);

    assertEnded(p.pid, "petitionDisapproved");
    assertThat(migs.find(p.migId).orElseThrow().status()).isEqualTo(MigStatus.NOT_ESTABLISHED);
    assertThat(jdbc.queryForObject("select rationale from coo_decision where mig_id = ?", String.class, p.migId))
        .isEqualTo("The Maker Round Table already covers this.");
    assertThat(mailText(name + ": petition not approved")).contains("The Maker Round Table already covers this.");
  }

  @Test
  void anApprovedRenewalExtendsTheTermByThreeYearsFromItsEnd() {
    // a term ending in six months: its renewal window (twelve months before its last day) is open
    var active = TestMigs.activeUntil("Renewing", java.time.LocalDate.now(ZoneId.of("America/Chicago")).plusMonths(6));
    new TransactionTemplate(transactions)
        .executeWithoutResult(s -> migs.insert(active));
    Started p = submit(PetitionJson.renew(active.id(), PetitionJson.signatures(jdbc, 100)));
    runJobs(p.pid);
    tasks.complete(task(p.pid, "verifySignatures").getId(), Map.of("validSignatureCount", 100L));
    tasks.complete(task(p.pid, "cooDecision").getId(), Map.of("approved", true, "noOverlapConfirmed", true));
    runJobs(p.pid);

    assertEnded(p.pid, "termRenewed");
    Mig renewed = migs.find(active.id()).orElseThrow();
    assertThat(renewed.termEnd()).isEqualTo(active.termEnd().plusYears(3));
    assertThat(renewed.organizers().get(0).email()).isEqualTo("rosa@lib.example");
    assertThat(mailText(active.name() + ": renewed until " + new MailFormats(ZoneId.of("America/Chicago")).date(renewed.termEnd()))).contains("approved your re-petition");
  }

  @Test
  void unknownMigIs404ForAnyone() {
    assertThat(http.get("/api/migs/nothing-here", "council1").status()).isEqualTo(404);
    assertThat(http.get("/api/migs?status=ALIVE", "council1").status()).isEqualTo(400);
  }

  // --- helpers ---------------------------------------------------------------------------------

  record Started(String pid, String migId) {}

  private Started submit(Map<String, Object> body) {
    Reply reply = http.postJson("/api/petitions", "coo1", PetitionJson.write(body));
    assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    return new Started(reply.json().path("processInstanceId").asText(), reply.json().path("migId").asText());
  }

  private void assertEnded(String pid, String endEvent) {
    assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(pid).singleResult().getEndActivityId())
        .isEqualTo(endEvent);
  }

  private String mailText(String subject) {
    dispatcher.dispatchDue();
    List<MimeMessage> found = smtp.received().stream().filter(m -> subject(m).equals(subject)).toList();
    assertThat(found).as(subject).hasSize(1);
    try {
      return (String) ((MimeMultipart) found.get(0).getContent()).getBodyPart(0).getContent();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private void runJobs(String processInstanceId) {
    ManagedMigs.runDueJobs(management, processInstanceId);
  }

  private Task task(String processInstanceId, String definitionKey) {
    Task task = tasks.createTaskQuery().processInstanceId(processInstanceId).taskDefinitionKey(definitionKey)
        .singleResult();
    assertThat(task).as(definitionKey).isNotNull();
    return task;
  }

  private Reply submitForm(String user, Task task, String variables) {
    Reply claim = http.postJson("/engine-rest/task/" + task.getId() + "/claim", user, "{\"userId\":\"" + user + "\"}");
    assertThat(claim.status()).as(claim.body()).isEqualTo(204);
    Reply reply = http.postJson("/engine-rest/task/" + task.getId() + "/submit-form", user,
        "{\"variables\":" + variables + "}");
    if (reply.status() == 400) {
      tasks.setAssignee(task.getId(), null);
    }
    return reply;
  }

  private static String subject(MimeMessage m) {
    try {
      return m.getSubject();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<String> recipients(MimeMessage m) throws Exception {
    return Arrays.stream(m.getAllRecipients()).map(Object::toString).toList();
  }

}
