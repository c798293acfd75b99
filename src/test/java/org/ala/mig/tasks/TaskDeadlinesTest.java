package org.ala.mig.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ala.mig.mail.MailOutbox;
import org.ala.mig.mail.OutboxMail;
import org.ala.mig.support.HttpApi;
import org.ala.mig.support.HttpApi.Reply;
import org.ala.mig.support.ManagedMigs;
import org.ala.mig.support.ManagedMigs.Managed;
import org.ala.mig.support.MigSpringBootTest;
import org.ala.mig.support.PetitionJson;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Every user task, as the engine creates it in the application: named after its MIG, described,
 * due by the deadline calendar (mig.tasks.due.*), and, still open at its due date, escalated once
 * with task-overdue to its office. The clock stands at Monday, November 23, 2026, 09:00 in Chicago.
 */
@MigSpringBootTest
class TaskDeadlinesTest {

  static final ZoneId CHICAGO = ZoneId.of("America/Chicago");
  static final Instant NOW = Instant.parse("2026-11-23T15:00:00Z");
  static final LocalDate TODAY = LocalDate.of(2026, 11, 23);

  @LocalServerPort int port;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired org.camunda.bpm.engine.RepositoryService repository;
  @Autowired ManagementService management;
  @Autowired MailOutbox outbox;
  @Autowired JdbcTemplate jdbc;
  @Autowired OverdueTasks overdue;
  @Autowired OpenTaskReconciler reconciler;
  HttpApi http;
  ManagedMigs migs;

  @BeforeEach
  void clockAndClient() {
    ManagedMigs.clockAt(NOW);
    http = new HttpApi(port);
    migs = new ManagedMigs(http, runtime, management, outbox, jdbc);
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  /** The end of a day in Chicago: when a task due that day is due. */
  static Instant endOf(LocalDate day) {
    return day.plusDays(1).atStartOfDay(CHICAGO).toInstant().minusMillis(1);
  }

  @Test
  void eachTaskIsNamedAfterItsMigDescribedAndDueByTheCalendar() {
    // given an active MIG that asks COO and the offices for everything at once
    Managed mig = migs.manage("Deadline Keepers", LocalDate.of(2025, 1, 10));
    String lifecycle = migs.lifecycle(mig.id());
    request(mig, "support-requests", "{\"type\": \"MEETING_SPACE\", \"details\": \"A room for 30 at Annual 2027.\"}");
    migs.runDueJobs(lifecycle);

    // when the meeting space task is created, then it carries the MIG's name, what it asks and its due day
    Task space = task(lifecycle, "arrangeMeetingSpace");
    assertThat(space.getName()).isEqualTo("Arrange meeting space: " + mig.name());
    assertThat(space.getDescription()).contains("meeting space").endsWith("Due by December 23, 2026.");
    assertThat(space.getDueDate().toInstant()).isEqualTo(endOf(TODAY.plusDays(30)));
    assertThat(tasks.getVariableLocal(space.getId(), "migName")).isEqualTo(mig.name());
    assertThat(tasks.getVariableLocal(space.getId(), "dueOn")).isEqualTo("December 23, 2026");
    // and the diagram keeps its plain name
    assertThat(historicElementName(space)).isEqualTo("Arrange meeting space");
  }

  @Test
  void aPetitionsTasksAreDueInFourteenAndSixtyDays() {
    // given a petition to establish a MIG
    String name = "Due Date Petitioners " + java.util.UUID.randomUUID().toString().substring(0, 6);
    Reply reply = http.postJson("/api/petitions", "mps1",
        PetitionJson.write(PetitionJson.establish(name, PetitionJson.signatures(jdbc, 110))));
    assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    String pid = reply.json().path("processInstanceId").asText();
    migs.runDueJobs(pid);

    // then Member Programs verifies the signatures within 14 days
    Task verify = task(pid, "verifySignatures");
    assertThat(verify.getName()).isEqualTo("Verify signatures: " + name);
    assertThat(verify.getDescription()).contains("good standing").endsWith("Due by December 7, 2026.");
    assertThat(verify.getDueDate().toInstant()).isEqualTo(endOf(TODAY.plusDays(14)));

    // when they do, on December 1, COO has 60 days from then
    ManagedMigs.clockAt(Instant.parse("2026-12-01T16:00:00Z"));
    tasks.complete(verify.getId(), Map.of("validSignatureCount", 110L));
    migs.runDueJobs(pid);
    Task decide = task(pid, "cooDecision");
    assertThat(decide.getName()).isEqualTo("Decide on the petition: " + name);
    assertThat(decide.getDueDate().toInstant()).isEqualTo(endOf(LocalDate.of(2026, 12, 1).plusDays(60)));
    assertThat(decide.getDescription()).endsWith("Due by January 30, 2027.");

    // (no check has run past a due date: no task-overdue)
    assertThat(migs.mails(reply.json().path("migId").asText(), "task-overdue")).isEmpty();

    // when COO approves, on December 2, Conference Services has 14 days to acknowledge the new MIG
    ManagedMigs.clockAt(Instant.parse("2026-12-02T16:00:00Z"));
    tasks.complete(decide.getId(), Map.of("approved", true, "noOverlapConfirmed", true));
    migs.runDueJobs(pid);
    Task acknowledge = task(pid, "acknowledgeNotification");
    assertThat(acknowledge.getName()).isEqualTo("Acknowledge the new MIG: " + name);
    assertThat(acknowledge.getDueDate().toInstant()).isEqualTo(endOf(LocalDate.of(2026, 12, 16)));
    assertThat(tasks.getVariableLocal(acknowledge.getId(), "dueOn")).isEqualTo("December 16, 2026");
  }

  @Test
  void anOverduePetitionTaskGoesToMemberProgramsOnce() {
    String name = "Slow Verification " + java.util.UUID.randomUUID().toString().substring(0, 6);
    Reply reply = http.postJson("/api/petitions", "mps1",
        PetitionJson.write(PetitionJson.establish(name, PetitionJson.signatures(jdbc, 110))));
    assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    String pid = reply.json().path("processInstanceId").asText();
    String migId = reply.json().path("migId").asText();
    migs.runDueJobs(pid);
    Task verify = task(pid, "verifySignatures");

    // at the last moment of its due day nothing is sent; a moment later, one mail to Member Programs
    ManagedMigs.clockAt(verify.getDueDate().toInstant());
    overdue.check();
    assertThat(migs.mails(migId, "task-overdue")).isEmpty();
    ManagedMigs.clockAt(verify.getDueDate().toInstant().plusMillis(1));
    overdue.check();
    overdue.check();
    List<OutboxMail> mails = migs.mails(migId, "task-overdue");
    assertThat(mails).hasSize(1);
    assertThat(mails.get(0).to()).containsExactly("membership@ala.org");
    assertThat(mails.get(0).subject()).isEqualTo("Overdue: Verify signatures: " + name);
    assertThat(migs.text(mails.get(0))).contains("was due on December 7, 2026, 11:59 PM CST",
        "for the group member-programs");
  }

  @Test
  void tasklistShowsTimesWithTheirOffsetAndHidesTheCamunda8Banner() {
    Reply config = http.get("/camunda/app/tasklist/scripts/config.js", null);
    assertThat(config.status()).isEqualTo(200);
    assertThat(config.body()).contains("csrfCookieName: 'CAMUNDA-XSRF-TOKEN'", "normal: 'LLL [(UTC]Z[)]'");
    Reply styles = http.get("/camunda/app/tasklist/styles/user-styles.css", null);
    assertThat(styles.status()).isEqualTo(200);
    assertThat(styles.body()).contains(".ce-eol-banner {\n  display: none;");
  }

  @Test
  void aTaskStillOpenAtItsDueDateSendsTaskOverdueOnceToItsOffice() {
    // given a MIG with a COO task (disband), a Conference Services task, an HQ task and a BARC task
    Managed mig = migs.manage("Late Answers", LocalDate.of(2025, 1, 10));
    String lifecycle = migs.lifecycle(mig.id());
    request(mig, "support-requests", "{\"type\": \"MEETING_SPACE\", \"details\": \"A room for 30 at Annual 2027.\"}");
    request(mig, "support-requests", "{\"type\": \"SUPPORT_ITEM\", \"details\": \"A banner for our booth.\"}");
    request(mig, "support-requests", "{\"type\": \"BUDGET\", \"details\": \"Speaker fees\", \"amount\": 500}");
    migs.runDueJobs(lifecycle);
    request(mig, "disband-requests", "{\"reason\": \"Our members now meet in the Maker Round Table.\"}");
    migs.runDueJobs(lifecycle);
    List<Task> open = tasks.createTaskQuery().processInstanceId(lifecycle).orderByDueDate().asc().list();
    Map<String, String> offices = new LinkedHashMap<>();
    offices.put("arrangeMeetingSpace", "conferenceservices@ala.org");
    offices.put("provideSupportItem", "hq-staff@ala.org");
    offices.put("reviewBudgetRequest", "barc@ala.org");
    offices.put("confirmDisband", "coo-chair@ala.org");
    assertThat(open).extracting(Task::getTaskDefinitionKey).containsAll(offices.keySet());

    // when the clock passes no due date yet, then nothing is sent
    overdue.check();
    assertThat(migs.mails(mig.id(), "task-overdue")).isEmpty();

    // when it passes each due date in turn (the three office tasks share theirs, 30 days out)
    List<Task> escalated = new ArrayList<>();
    for (Instant due : open.stream().map(t -> t.getDueDate().toInstant()).distinct().sorted().toList()) {
      ManagedMigs.clockAt(due.plusSeconds(1));
      overdue.check();
      overdue.check();
      open.stream().filter(t -> t.getDueDate().toInstant().equals(due)).forEach(escalated::add);

      // then exactly one mail went out for each task due by now, to its office, naming the MIG and the task
      List<OutboxMail> mails = migs.mails(mig.id(), "task-overdue");
      assertThat(mails).extracting(OutboxMail::key).as("at " + due)
          .containsExactlyInAnyOrderElementsOf(escalated.stream().map(t -> "task-overdue/" + t.getId()).toList());
    }
    assertThat(escalated).extracting(Task::getTaskDefinitionKey).containsAll(offices.keySet());
    for (Task task : escalated) {
      OutboxMail mail = migs.mails(mig.id(), "task-overdue").stream()
          .filter(m -> m.key().equals("task-overdue/" + task.getId())).findFirst().orElseThrow();
      String key = task.getTaskDefinitionKey();
      assertThat(mail.to()).as(key).containsExactly(offices.get(key));
      assertThat(mail.cc()).as(key).isEmpty();
      assertThat(mail.subject()).isEqualTo("Overdue: " + TaskKinds.KNOWN.get(key).plainName() + ": " + mig.name());
      assertThat(migs.text(mail)).contains(
          "for the MIG \"" + mig.name() + "\"",
          "was due on " + new org.ala.mig.mail.MailFormats(CHICAGO).dateTime(task.getDueDate().toInstant()),
          task.getDescription(),
          "/camunda/app/tasklist/default/#/?task=" + task.getId());
    }

    // and a later check, long after, sends none of them again
    ManagedMigs.clockAt(NOW.plusSeconds(400L * 24 * 3600));
    overdue.check();
    assertThat(migs.mails(mig.id(), "task-overdue")).hasSize(offices.size());
  }

  @Test
  void aTaskOpenedBeforeDueDatesExistedGetsOneAtStartUpOnce() {
    // given a MIG's task whose due date, name and description an older version never set
    Managed mig = migs.manage("Older Tasks", LocalDate.of(2025, 1, 10));
    String lifecycle = migs.lifecycle(mig.id());
    request(mig, "disband-requests", "{\"reason\": \"Our members now meet in the Maker Round Table.\"}");
    migs.runDueJobs(lifecycle);
    Task confirm = task(lifecycle, "confirmDisband");
    confirm.setDueDate(null);
    confirm.setName("Confirm the disbanding");
    confirm.setDescription(null);
    tasks.saveTask(confirm);
    tasks.removeVariableLocal(confirm.getId(), "migName");

    // when the application starts again (its reconciler runs), twice
    assertThat(reconciler.reconcile()).isPositive();
    assertThat(reconciler.reconcile()).isZero();

    // then the task has them, counted from its creation
    Task after = task(lifecycle, "confirmDisband");
    assertThat(after.getDueDate().toInstant()).isEqualTo(endOf(TODAY.plusDays(60)));
    assertThat(after.getName()).isEqualTo("Confirm the disbanding: " + mig.name());
    assertThat(after.getDescription()).startsWith("The MIG asked COO to disband it");
    assertThat(tasks.getVariableLocal(after.getId(), "migName")).isEqualTo(mig.name());
  }

  // --- helpers ---------------------------------------------------------------------------------

  private void request(Managed mig, String endpoint, String body) {
    Reply reply = http.postJson("/api/migs/" + mig.id() + "/" + endpoint, "coo1", body);
    assertThat(reply.status()).as(reply.body()).isEqualTo(202);
  }

  private Task task(String processInstanceId, String definitionKey) {
    Task task = tasks.createTaskQuery().processInstanceId(processInstanceId).taskDefinitionKey(definitionKey)
        .singleResult();
    assertThat(task).as(definitionKey).isNotNull();
    return task;
  }

  private String historicElementName(Task task) {
    return repository.getBpmnModelInstance(task.getProcessDefinitionId())
        .getModelElementById(task.getTaskDefinitionKey()).getAttributeValue("name");
  }
}
