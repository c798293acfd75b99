package org.ala.mig.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.ala.mig.mail.MailOutbox;
import org.ala.mig.mail.OutboxMail;
import org.ala.mig.registry.DeadlineCalendar;
import org.ala.mig.registry.Mig;
import org.ala.mig.registry.MigRepository;
import org.ala.mig.registry.MigStatus;
import org.ala.mig.registry.OrganizerInput;
import org.ala.mig.registry.StaffLiaison;
import org.ala.mig.support.HttpApi.Reply;
import org.ala.mig.support.HttpApi;
import org.ala.mig.support.ManagedMigs;
import org.ala.mig.support.MigSpringBootTest;
import org.ala.mig.support.PetitionJson;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A MIG's life over years on the real services, models and database: the engine clock jumps
 * from one due job of this MIG to the next (other MIGs' jobs are left alone), and the renewal
 * cases the policy cares about are told in full — renewed twice in a row, a re-petition filed
 * late and decided after the term ended (approved, or not), and an approval that is recorded
 * but not yet applied when the term runs out.
 */
@MigSpringBootTest
class LifecycleStoryTest {

  static final ZoneId CHICAGO = ZoneId.of("America/Chicago");
  static final Instant START = Instant.parse("2027-01-11T16:00:00Z");

  @LocalServerPort int port;
  @Autowired RegistryService registry;
  @Autowired MigRepository migs;
  @Autowired MailOutbox outbox;
  @Autowired ManagementService management;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired JdbcTemplate jdbc;
  @Autowired DeadlineCalendar calendar;
  @Autowired org.ala.mig.reporting.CouncilReportRepository councilReports;

  HttpApi http;
  String migId;
  final List<String> petitionInstances = new ArrayList<>();

  @BeforeEach
  void establishAMig() {
    http = new HttpApi(port);
    ClockUtil.setCurrentTime(Date.from(START));
    String name = "Story " + UUID.randomUUID().toString().substring(0, 8);
    Mig mig = registry.bringUnderManagement(new ExistingMigRequest(name, "To tell a MIG's story.",
        calendar.today(), null, new StaffLiaison("Lee Liaison", "lee@ala.example"),
        List.of(new OrganizerInput("Ana Núñez", "ana@lib.example", "1 Main St, Springfield")), null));
    migId = mig.id();
    assertThat(mig.termEnd()).isEqualTo(LocalDate.of(2030, 1, 10));
  }

  @AfterEach
  void realTime() {
    ClockUtil.reset();
  }

  @Test
  void aMigRenewedTwiceInARowLivesNineYearsThenIsDisbanded() {
    // given a MIG reminded 90 days before its first term ends, which then re-petitions
    runUntil(LocalDate.of(2029, 11, 1));
    String first = fileRenewal();
    decide(first, true);

    // then its term ends three years later, and the next term's timers follow
    assertThat(mig().termEnd()).isEqualTo(LocalDate.of(2033, 1, 10));
    assertThat(reminder90Due()).isEqualTo(Instant.parse("2032-10-12T14:00:00Z"));   // 09:00 CDT, 90 days before

    // and when it renews again in its second term
    runUntil(LocalDate.of(2032, 11, 1));
    decide(fileRenewal(), true);
    assertThat(mig().termEnd()).isEqualTo(LocalDate.of(2036, 1, 10));

    // and files nothing in its third
    runUntil(LocalDate.of(2036, 1, 12));

    // then nine years after it began it is disbanded as not renewed, with nothing left running
    Mig ended = mig();
    assertThat(ended.status()).isEqualTo(MigStatus.DISBANDED);
    assertThat(ended.disbandReason()).isEqualTo("NOT_RENEWED");
    assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKeyLike(migId + "%").count()).isZero();
    // one 90-day reminder in each renewed term (renewed before the 30-day one), both in the last
    assertThat(keys("renewal-reminder")).containsExactly(
        "renewal-reminder/" + migId + "/2030-01-10/90",
        "renewal-reminder/" + migId + "/2033-01-10/90",
        "renewal-reminder/" + migId + "/2036-01-10/90",
        "renewal-reminder/" + migId + "/2036-01-10/30");
    assertThat(templates()).filteredOn("term-renewed"::equals).hasSize(2);
    assertThat(templates()).filteredOn("mig-disbanded"::equals).hasSize(1);
    // a report a year from 2027 to 2035, each overdue since nobody sent one
    assertThat(templates()).filteredOn("annual-report-overdue"::equals).hasSize(9);
    assertThat(text("mig-disbanded")).contains("no re-petition was filed");
  }

  @Test
  void aRePetitionFiledLateAndApprovedAfterTheTermEndedStartsTheNextTerm() {
    // given a MIG that re-petitions after its second reminder
    runUntil(LocalDate.of(2030, 1, 1));
    assertThat(keys("renewal-reminder")).hasSize(2);
    String petition = fileRenewal();

    // when its term runs out before COO decides
    runUntil(LocalDate.of(2030, 1, 12));

    // then it waits, RENEWAL_PENDING, still listed, and is not disbanded
    assertThat(mig().status()).isEqualTo(MigStatus.RENEWAL_PENDING);
    assertThat(lifecycleWaitsAt()).containsExactly("awaitRenewalDecision");

    // when COO approves it
    decide(petition, true);

    // then the next term runs from the old end, three years on
    assertThat(mig().status()).isEqualTo(MigStatus.ACTIVE);
    assertThat(mig().termEnd()).isEqualTo(LocalDate.of(2033, 1, 10));
    assertThat(reminder90Due()).isEqualTo(Instant.parse("2032-10-12T14:00:00Z"));   // 09:00 CDT, 90 days before
    assertThat(templates()).doesNotContain("mig-disbanded");
  }

  @Test
  void aRePetitionNotApprovedAfterTheTermEndedDisbandsTheMig() {
    // given a MIG waiting, RENEWAL_PENDING, for its late re-petition
    runUntil(LocalDate.of(2030, 1, 1));
    String petition = fileRenewal();
    runUntil(LocalDate.of(2030, 1, 12));
    assertThat(mig().status()).isEqualTo(MigStatus.RENEWAL_PENDING);

    // when COO does not approve it
    decide(petition, false);
    runUntil(LocalDate.of(2030, 1, 13));

    // then the MIG is disbanded as not renewed, and told why
    assertThat(mig().status()).isEqualTo(MigStatus.DISBANDED);
    assertThat(mig().disbandReason()).isEqualTo("NOT_RENEWED");
    assertThat(text("mig-disbanded")).contains("its re-petition was not approved");
    assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(migId).count()).isZero();
  }

  @Test
  void anApprovalRecordedButNotYetAppliedWhenTheTermEndsIsWaitedFor() {
    // given a re-petition COO approved on the term's last day, the approval recorded but the
    // term not yet extended (the next step of mig-petition has not run)
    runUntil(LocalDate.of(2030, 1, 10));
    String petition = fileRenewal();
    runPetitionJobs(petition);
    completeTask(petition, "verifySignatures", Map.of("validSignatureCount", 100L));
    completeTask(petition, "cooDecision", Map.of("approved", true, "noOverlapConfirmed", true));
    Job record = management.createJobQuery().processInstanceId(petition).activityId("recordDecision").singleResult();
    management.executeJob(record.getId());

    // when the term runs out before the extension is applied
    runUntil(LocalDate.of(2030, 1, 11));

    // then the lifecycle waits for it instead of disbanding
    assertThat(mig().status()).isEqualTo(MigStatus.RENEWAL_PENDING);
    assertThat(lifecycleWaitsAt()).containsExactly("awaitRenewalDecision");

    // and when it is applied, the next term runs
    runPetitionJobs(petition);
    assertThat(mig().status()).isEqualTo(MigStatus.ACTIVE);
    assertThat(mig().termEnd()).isEqualTo(LocalDate.of(2033, 1, 10));
    assertThat(lifecycleWaitsAt()).contains("renewalReminder90Due").doesNotContain("awaitRenewalDecision");
  }

  /**
   * Step 12's year, in the MIG's third: a conference added at run time with the MIG's meeting in
   * its schedule, two staff liaisons, a rename, a returned report resubmitted, and a re-petition
   * refused before the renewal window and accepted within it; then the COO report to Council for
   * that conference carries the rename and the renewal.
   */
  @Test
  void aYearInWhichEveryOutcomeLands() {
    runUntil(LocalDate.of(2028, 12, 20));
    String oldName = mig().name();
    String suffix = migId.substring(migId.length() - 8);

    // a conference added at run time gets its COO report to Council at once
    String conferenceId = "annual-2029-" + suffix;
    Reply added = http.postJson("/api/conferences", "chair", """
        {"id": "%s", "name": "ALA Annual 2029 %s", "startDate": "2029-06-21", "endDate": "2029-06-26",
         "location": "Chicago"}""".formatted(conferenceId, suffix));
    assertThat(added.status()).as(added.body()).isEqualTo(201);
    String councilReport = runtime.createProcessInstanceQuery().processDefinitionKey("coo-council-report")
        .processInstanceBusinessKey(conferenceId).singleResult().getId();

    // a re-petition before the window (it opens a year before the term's last day, 2030-01-10) is refused
    Reply early = http.postJson("/api/petitions", "mps1",
        PetitionJson.write(PetitionJson.renew(migId, PetitionJson.signatures(jdbc, 100))));
    assertThat(early.status()).as(early.body()).isEqualTo(409);
    assertThat(early.json().path("message").asText()).contains("2029-01-10");

    // within the window it is filed and approved
    runUntil(LocalDate.of(2029, 1, 15));
    decide(fileRenewal(), true);
    assertThat(mig().termEnd()).isEqualTo(LocalDate.of(2033, 1, 10));

    // the executive office names two staff liaisons
    Reply named = http.send(http.request("/api/migs/" + migId + "/staff-liaisons", "exec1")
        .header("Content-Type", "application/json")
        .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("""
            [{"name": "Tina Coleman", "email": "tcoleman@ala.example"},
             {"name": "Jenny Levine", "email": "jlevine@ala.example"}]""")).build());
    assertThat(named.status()).as(named.body()).isEqualTo(200);
    assertThat(named.json().path("staffLiaisons").findValuesAsText("email"))
        .containsExactly("tcoleman@ala.example", "jlevine@ala.example");

    // meeting space at the new conference: arranged, in its schedule, and the MIG told, cc both liaisons
    Reply asked = http.postJson("/api/migs/" + migId + "/support-requests", "liaison1",
        "{\"type\": \"MEETING_SPACE\", \"details\": \"A room for 30 at Annual 2029.\"}");
    assertThat(asked.status()).as(asked.body()).isEqualTo(202);
    String meetingRequest = asked.json().path("requestId").asText();
    runLifecycleJobs();
    Instant meetingStart = Instant.parse("2029-06-22T14:00:00Z");
    completeTask(lifecycle(), "arrangeMeetingSpace", Map.of("meetingArrangements", "Room W183, Friday 9 a.m.",
        "spaceArranged", true, "conferenceId", conferenceId, "meetingStart", meetingStart.toString(),
        "meetingEnd", meetingStart.plusSeconds(5400).toString(), "room", "McCormick Place W183"));
    runLifecycleJobs();
    Reply schedule = http.get("/api/conferences/" + conferenceId + "/schedule", "council1");
    assertThat(schedule.json()).hasSize(1);
    assertThat(schedule.json().get(0).path("migId").asText()).isEqualTo(migId);
    assertThat(schedule.json().get(0).path("room").asText()).isEqualTo("McCormick Place W183");
    assertThat(Instant.parse(schedule.json().get(0).path("start").asText())).isEqualTo(meetingStart);
    OutboxMail spaceDecided = decidedMail(meetingRequest);
    assertThat(spaceDecided.to()).containsExactlyElementsOf(   // the organizers the re-petition named
        mig().organizers().stream().map(org.ala.mig.registry.Organizer::email).toList());
    assertThat(spaceDecided.cc()).containsExactlyInAnyOrder("tcoleman@ala.example", "jlevine@ala.example");

    // a rename, decided by COO: the id stays, the old name is remembered
    String newName = "Story Renamed " + suffix;
    Reply rename = http.postJson("/api/migs/" + migId + "/rename-requests", "liaison1",
        "{\"newName\": \"" + newName + "\", \"reason\": \"Our work grew beyond the old name.\"}");
    assertThat(rename.status()).as(rename.body()).isEqualTo(202);
    String renameRequest = rename.json().path("requestId").asText();
    runLifecycleJobs();
    completeTask(lifecycle(), "decideRename", Map.of("renameApproved", true, "decisionRationale", "A clearer name."));
    runLifecycleJobs();
    Reply renamed = http.get("/api/migs/" + migId, "council1");
    assertThat(renamed.json().path("name").asText()).isEqualTo(newName);
    assertThat(renamed.json().path("formerNames")).hasSize(1);
    assertThat(renamed.json().path("formerNames").get(0).asText()).isEqualTo(oldName);
    assertThat(http.get("/api/migs/" + migId + "/requests", "coo1").json().findValuesAsText("status"))
        .containsExactlyInAnyOrder("GRANTED", "GRANTED");
    OutboxMail renameDecided = decidedMail(renameRequest);
    // written as COO decides, before the new name applies: the subject still knows the MIG by its old name
    assertThat(renameDecided.subject()).isEqualTo(oldName + ": your rename request was granted");
    assertThat(jdbc.queryForObject("select body_text from mail_outbox where id = ?", String.class, renameDecided.id()))
        .contains(newName, "A clearer name.");
    assertThat(renameDecided.cc()).containsExactlyInAnyOrder("tcoleman@ala.example", "jlevine@ala.example");

    // the COO report to Council for the new conference is compiled with the year's decisions
    runUntil(LocalDate.of(2029, 6, 8));
    new org.ala.mig.support.ManagedMigs(http, runtime, management, outbox, jdbc)
        .fire(councilReport, "councilReportDue");
    assertThat(councilReports.find(conferenceId).orElseThrow().content().decisions())
        .filteredOn(d -> d.migId().equals(migId))
        .extracting(d -> d.subject().name())
        .contains("RENEW", "RENAME");

    // the 2029 report: returned with notes, resubmitted, accepted; both rounds kept
    runUntil(LocalDate.of(2029, 7, 10));
    String reportId = migId + ":2029";
    assertThat(http.postJson("/api/migs/" + migId + "/annual-reports", "liaison1",
        "{\"year\": 2029, \"activities\": \"A meeting at Annual.\"}").status()).isEqualTo(202);
    String report = runtime.createProcessInstanceQuery().processInstanceBusinessKey(reportId).singleResult().getId();
    runPetitionJobs(report);
    completeTask(report, "reviewAnnualReport", Map.of("reportAccepted", false, "reviewNotes", "Say who came."));
    runPetitionJobs(report);
    OutboxMail returned = mails().stream().filter(m -> m.template().equals("annual-report-returned")).findFirst()
        .orElseThrow();
    assertThat(returned.cc()).containsExactlyInAnyOrder("tcoleman@ala.example", "jlevine@ala.example");
    assertThat(text("annual-report-returned")).contains("Say who came.", newName);
    assertThat(http.postJson("/api/migs/" + migId + "/annual-reports", "liaison1",
        "{\"year\": 2029, \"activities\": \"A meeting at Annual, 30 came.\"}").status()).isEqualTo(202);
    runPetitionJobs(report);
    completeTask(report, "reviewAnnualReport", Map.of("reportAccepted", true, "reviewNotes", "Thank you."));
    runPetitionJobs(report);
    Reply rounds = http.get("/api/migs/" + migId + "/annual-reports/" + reportId, "coo1");
    assertThat(rounds.json().path("rounds").findValuesAsText("activities"))
        .containsExactly("A meeting at Annual.", "A meeting at Annual, 30 came.");
    assertThat(mig().status()).isEqualTo(MigStatus.ACTIVE);
  }

  // --- the story's tools -----------------------------------------------------------------------

  /** Runs this MIG's jobs in due order, moving the engine clock to each, until noon on {@code day}. */
  private void runUntil(LocalDate day) {
    ManagedMigs.runUntil(management, runtime, List.of(migId), day.atTime(12, 0).atZone(CHICAGO).toInstant());
  }


  /** A RENEW petition with 100 signatures, entered by MPS; returns its process instance. */
  private String fileRenewal() {
    Reply reply = http.postJson("/api/petitions", "mps1",
        PetitionJson.write(PetitionJson.renew(migId, PetitionJson.signatures(jdbc, 100))));
    assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    String instance = reply.json().path("processInstanceId").asText();
    petitionInstances.add(instance);
    return instance;
  }

  /** MPS confirms the signatures, COO decides, and the petition runs to its end. */
  private void decide(String petition, boolean approved) {
    runPetitionJobs(petition);
    if (tasks.createTaskQuery().processInstanceId(petition).taskDefinitionKey("verifySignatures").count() > 0) {
      completeTask(petition, "verifySignatures", Map.of("validSignatureCount", 100L));
    }
    completeTask(petition, "cooDecision", approved
        ? Map.of("approved", true, "noOverlapConfirmed", true)
        : Map.of("approved", false, "decisionRationale", "The group's work is now done by a section."));
    runPetitionJobs(petition);
    assertThat(runtime.createProcessInstanceQuery().processInstanceId(petition).count()).as("petition ended").isZero();
  }

  private void runPetitionJobs(String petition) {
    ManagedMigs.runDueJobs(management, petition);
  }

  private void completeTask(String instance, String key, Map<String, Object> outputs) {
    Task task = tasks.createTaskQuery().processInstanceId(instance).taskDefinitionKey(key).singleResult();
    assertThat(task).as(key).isNotNull();
    tasks.complete(task.getId(), outputs);
  }

  private String lifecycle() {
    return runtime.createProcessInstanceQuery().processInstanceBusinessKey(migId)
        .processDefinitionKey(LifecycleService.PROCESS_KEY).singleResult().getId();
  }

  private void runLifecycleJobs() {
    ManagedMigs.runDueJobs(management, lifecycle());
  }

  /** The request-decided mail of this request. */
  private OutboxMail decidedMail(String requestId) {
    return mails().stream().filter(m -> m.key().equals("request-decided/" + requestId)).findFirst()
        .orElseThrow(() -> new AssertionError("no request-decided mail for " + requestId));
  }

  private Mig mig() {
    return migs.find(migId).orElseThrow();
  }

  private List<String> lifecycleWaitsAt() {
    String instance = runtime.createProcessInstanceQuery().processInstanceBusinessKey(migId)
        .processDefinitionKey(LifecycleService.PROCESS_KEY).singleResult().getId();
    return runtime.getActiveActivityIds(instance);
  }

  /** When the running term's 90-day reminder is due. */
  private Instant reminder90Due() {
    String instance = runtime.createProcessInstanceQuery().processInstanceBusinessKey(migId)
        .processDefinitionKey(LifecycleService.PROCESS_KEY).singleResult().getId();
    return management.createJobQuery().processInstanceId(instance).activityId("renewalReminder90Due").singleResult()
        .getDuedate().toInstant();
  }

  /** This MIG's mails in the order they were written. */
  private List<OutboxMail> mails() {
    List<OutboxMail> all = new ArrayList<>(outbox.list(migId, null, 1000));
    all.sort(Comparator.comparingLong(OutboxMail::id));
    return all;
  }

  private List<String> templates() {
    return mails().stream().map(OutboxMail::template).toList();
  }

  private List<String> keys(String template) {
    return mails().stream().filter(m -> m.template().equals(template)).map(OutboxMail::key).toList();
  }

  private String text(String template) {
    List<String> texts = jdbc.queryForList("select body_text from mail_outbox where mig_id = ? and template = ?",
        String.class, migId, template);
    assertThat(texts).as(template).hasSize(1);
    return texts.get(0);
  }
}
