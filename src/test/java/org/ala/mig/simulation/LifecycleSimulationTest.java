package org.ala.mig.simulation;

import static org.ala.mig.support.StoryInputs.SIGNATURES;
import static org.ala.mig.support.StoryInputs.petition;
import static org.ala.mig.support.StoryInputs.rosterOfSigners;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Month;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;
import org.ala.mig.mail.EmbeddedSmtpServer;
import org.ala.mig.support.HttpApi.Reply;
import org.ala.mig.support.HttpApi;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * One MIG from its petition to its automatic disbanding, driven only through the REST API (the
 * application's /api and Camunda's /engine-rest, each call as the user whose job it is) with the
 * job executor on and the mail dispatcher sending to the embedded SMTP server. The simulation
 * clock moves at most 30 days at a time, and stops on each day a notice is due, so that no
 * reminder is overtaken by a jump.
 *
 * <p>Every story starts on June 15, 10:00 in Chicago (the next one ahead of the simulated clock),
 * so the schedule is the same whatever day the test runs: the first report is due August 1 of the
 * next year (the first August 1 is less than 90 days away), the term ends June 14 three years on.
 * The second test runs a renewed MIG for six years and prints how long that takes over HTTP.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"camunda.bpm.job-execution.enabled=true",
        // another engine may be alive in this JVM (the other tests' context)
        "camunda.bpm.process-engine-name=" + LifecycleSimulationTest.ENGINE,
        "camunda.bpm.generate-unique-process-application-name=true",
        // application-test.yaml turns the dispatcher off: here mail really goes to the SMTP server
        "mig.mail.dispatcher.enabled=true",
        "mig.mail.dispatcher.poll-interval=200ms"})
@ActiveProfiles({"demo", "test", "simulation"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LifecycleSimulationTest {

  /** Engine REST of this test's engine, which is not the default one (see the engine name above). */
  static final String ENGINE = "lifecycleSimulation";
  static final String ENGINE_REST = "/engine-rest/engine/" + ENGINE;
  static final ZoneId CHICAGO = ZoneId.of("America/Chicago");
  static final Duration LONGEST_STEP = Duration.ofDays(30);
  static final Duration MAIL_WAIT = Duration.ofSeconds(20);
  /** The seed of the demo roster (DemoRosterLoader.SEED): its members are M000001, M000002, ... */
  static final ObjectMapper JSON = new ObjectMapper();

  @LocalServerPort int port;
  @Autowired EmbeddedSmtpServer smtp;
  HttpApi http;
  Instant simulatedNow;
  int clockMoves;
  final Set<String> seen = new HashSet<>();
  final List<ReceivedMail> arrivals = new ArrayList<>();

  @BeforeEach
  void client() {
    http = new HttpApi(port);
    simulatedNow = Instant.parse(ok(http.get("/api/simulation/clock", "admin")).json().path("now").asText());
  }

  @AfterAll
  static void realTimeAgain() {
    ClockUtil.reset();
  }

  // --- the story ---------------------------------------------------------------------------------

  @Test
  @Order(1)
  void aMigFromPetitionToAutomaticDisbandingWithItsMailsInOrder() {
    LocalDate start = startOnNextJune15();
    int y = start.getYear();
    String name = "Seed Libraries " + UUID.randomUUID().toString().substring(0, 6);

    // petition, verification, decision, Conference Services
    String migId = establish(name, start);
    JsonNode mig = mig(migId);
    assertThat(mig.path("status").asText()).isEqualTo("ACTIVE");
    assertThat(mig.path("termStart").asText()).isEqualTo(start.toString());
    LocalDate termEnd = LocalDate.of(y + 3, Month.JUNE, 14);
    assertThat(mig.path("termEnd").asText()).isEqualTo(termEnd.toString());
    assertThat(mig.path("nextAnnualReportDue").asText()).as("the first August 1 is < 90 days away")
        .isEqualTo(y + 1 + "-08-01");
    List<String> expected = new ArrayList<>(List.of(
        "petition-acknowledged on " + start,
        "petition-approved on " + start,
        "conference-services-notified on " + start));
    awaitMails(name, expected);

    // year 1: both reminders, then the report arrives and COO accepts it
    LocalDate due1 = LocalDate.of(y + 1, Month.AUGUST, 1);
    walkTo(tenAm(due1.minusDays(30)));
    expected.add("annual-report-reminder on " + due1.minusDays(30) + " in 30 days");
    awaitMails(name, expected);
    walkTo(tenAm(due1.minusDays(7)));
    expected.add("annual-report-reminder on " + due1.minusDays(7) + " in 7 days");
    awaitMails(name, expected);
    submitAnnualReport(migId, y + 1);
    String review = singleTask(migId + ":" + (y + 1), "reviewAnnualReport", "chair");
    assertThat(http.postJson(ENGINE_REST + "/task/" + review + "/claim", "council1", "{\"userId\":\"council1\"}")
        .status()).as("Council reads, COO reviews").isEqualTo(403);
    complete("chair", review, Map.of("reportAccepted", true, "reviewNotes", "A good first year."));
    settle();
    assertEndedAt(migId + ":" + (y + 1), "reportReviewed");
    walkTo(tenAm(due1.plusDays(1)));                                   // no overdue notice for it

    // year 2: the reminders, no report, the overdue notice the day after, and COO's follow-up
    LocalDate due2 = LocalDate.of(y + 2, Month.AUGUST, 1);
    assertThat(mig(migId).path("nextAnnualReportDue").asText()).isEqualTo(due2.toString());
    walkTo(tenAm(due2.minusDays(30)));
    expected.add("annual-report-reminder on " + due2.minusDays(30) + " in 30 days");
    awaitMails(name, expected);
    walkTo(tenAm(due2.minusDays(7)));
    expected.add("annual-report-reminder on " + due2.minusDays(7) + " in 7 days");
    awaitMails(name, expected);
    walkTo(tenAm(due2.plusDays(1)));
    expected.add("annual-report-overdue on " + due2.plusDays(1));
    awaitMails(name, expected);
    assertThat(openTasks(migId + ":" + (y + 2), "followUpOverdueReport", "chair")).hasSize(1);

    // the term's last 90 days: two renewal reminders, nothing filed, disbanded the day after
    walkTo(tenAm(termEnd.minusDays(90)));
    expected.add("renewal-reminder on " + termEnd.minusDays(90) + " in 90 days");
    awaitMails(name, expected);
    walkTo(tenAm(termEnd.minusDays(30)));
    expected.add("renewal-reminder on " + termEnd.minusDays(30) + " in 30 days");
    awaitMails(name, expected);
    walkTo(tenAm(termEnd));
    assertThat(mig(migId).path("status").asText()).as("still active on its last day").isEqualTo("ACTIVE");
    walkTo(tenAm(termEnd.plusDays(1)));
    expected.add("mig-disbanded on " + termEnd.plusDays(1));
    List<ReceivedMail> mails = awaitMails(name, expected);

    mig = mig(migId);
    assertThat(mig.path("status").asText()).isEqualTo("DISBANDED");
    assertThat(mig.path("disbandReason").asText()).isEqualTo("NOT_RENEWED");
    assertEndedAt(migId, "migDisbandedNotRenewed");
    // the overdue report of year 2 and the one opened for year 3 (due after the term) end with the MIG
    for (int year : new int[] {y + 2, y + 3}) {
      assertEndedAt(migId + ":" + year, "reportNoLongerDue");
    }
    assertThat(ok(http.get(ENGINE_REST + "/process-instance?businessKeyLike=" + enc(migId + "%"), "admin")).json())
        .as("nothing runs for the MIG any more").isEmpty();
    assertThat(openTasks(migId + ":" + (y + 2), "followUpOverdueReport", "chair")).isEmpty();

    // each mail once, to whom the contract says
    assertThat(mails).filteredOn(m -> m.template().equals("mig-disbanded")).singleElement().satisfies(m -> {
      assertThat(m.subject()).isEqualTo(name + ": disbanded");
      assertThat(m.to()).containsExactlyInAnyOrder("rosa@lib.example", "sam@lib.example");
      assertThat(m.cc()).containsExactlyInAnyOrder("membership@ala.org", "conferenceservices@ala.org");
      assertThat(m.text()).contains("its term ended and no re-petition was filed");
    });
    assertThat(mails).filteredOn(m -> m.template().equals("annual-report-overdue")).singleElement().satisfies(m -> {
      assertThat(m.subject()).isEqualTo(name + ": annual report for " + (y + 2) + " is overdue");
      assertThat(m.to()).containsExactlyInAnyOrder("rosa@lib.example", "sam@lib.example");
      // the staff liaison the executive office designated when the MIG was established is in copy too
      assertThat(m.cc()).containsExactly("coo-chair@ala.org", "lee.liaison@ala.example");
    });
    assertThat(mails).filteredOn(m -> m.template().equals("conference-services-notified")).singleElement()
        .satisfies(m -> {
          assertThat(m.to()).containsExactly("conferenceservices@ala.org");
          assertThat(m.cc()).containsExactly("membership@ala.org");
        });
    assertThat(mails).filteredOn(m -> m.template().equals("annual-report-reminder")).extracting(ReceivedMail::subject)
        .containsExactly(
            name + ": annual report for " + (y + 1) + " due August 1, " + (y + 1),
            name + ": annual report for " + (y + 1) + " due August 1, " + (y + 1),
            name + ": annual report for " + (y + 2) + " due August 1, " + (y + 2),
            name + ": annual report for " + (y + 2) + " due August 1, " + (y + 2));
    assertThat(mails).filteredOn(m -> m.template().equals("renewal-reminder")).extracting(ReceivedMail::subject)
        .containsOnly(name + ": the term ends on June 14, " + (y + 3) + " - re-petition to continue");

    // the outbox, as COO sees it: every mail sent, in the order the model wrote them
    List<JsonNode> outbox = outbox(migId);
    assertThat(outbox).extracting(m -> m.path("status").asText()).containsOnly("SENT");
    assertThat(outbox).extracting(m -> m.path("template").asText()).containsExactly(
        "petition-acknowledged", "petition-approved", "conference-services-notified",
        "annual-report-reminder", "annual-report-reminder", "annual-report-reminder", "annual-report-reminder",
        "annual-report-overdue", "renewal-reminder", "renewal-reminder", "mig-disbanded");
    assertThat(mails).hasSameSizeAs(outbox);
    assertNoFailedJobs();
  }

  @Test
  @Order(2)
  void sixYearsOfOneMigSimulatedOverHttp() {
    LocalDate start = startOnNextJune15();
    int y = start.getYear();
    String name = "Six Years " + UUID.randomUUID().toString().substring(0, 6);
    long started = System.nanoTime();
    int movesBefore = clockMoves;

    String migId = establish(name, start);
    LocalDate firstEnd = LocalDate.of(y + 3, Month.JUNE, 14);
    assertThat(mig(migId).path("termEnd").asText()).isEqualTo(firstEnd.toString());

    // years 1 and 2: a report each year, on the day of its 30-day reminder
    for (int year = y + 1; year <= y + 2; year++) {
      reportInJuly(migId, year);
    }
    // the first term's renewal reminders, then a re-petition, approved before the term ends
    walkTo(tenAm(firstEnd.minusDays(90)));
    walkTo(tenAm(firstEnd.minusDays(30)));
    walkTo(tenAm(firstEnd.minusDays(25)));
    renew(migId, name);
    LocalDate secondEnd = firstEnd.plusYears(3);
    JsonNode renewed = mig(migId);
    assertThat(renewed.path("status").asText()).isEqualTo("ACTIVE");
    assertThat(renewed.path("termStart").asText()).isEqualTo(start.toString());
    assertThat(renewed.path("termEnd").asText()).as("three years more").isEqualTo(secondEnd.toString());

    // years 3 to 5 in the second term, then its renewal reminders and the end
    for (int year = y + 3; year <= y + 5; year++) {
      reportInJuly(migId, year);
    }
    walkTo(tenAm(secondEnd.minusDays(90)));
    walkTo(tenAm(secondEnd.minusDays(30)));
    walkTo(tenAm(secondEnd.plusDays(1)));
    JsonNode ended = mig(migId);
    assertThat(ended.path("status").asText()).isEqualTo("DISBANDED");
    assertThat(ended.path("disbandReason").asText()).isEqualTo("NOT_RENEWED");
    double seconds = (System.nanoTime() - started) / 1e9;
    int moves = clockMoves - movesBefore;
    System.out.printf(Locale.ROOT, "6-year lifecycle simulated over HTTP in %.1f s (%d clock moves)%n", seconds, moves);

    List<ReceivedMail> mails = awaitMailCount(name, outbox(migId).size());
    Map<String, Long> byTemplate = mails.stream()
        .collect(Collectors.groupingBy(ReceivedMail::template, LinkedHashMap::new, Collectors.counting()));
    assertThat(byTemplate).containsExactlyInAnyOrderEntriesOf(Map.of(
        "petition-acknowledged", 2L,                                    // ESTABLISH and RENEW
        "petition-approved", 1L,
        "conference-services-notified", 1L,
        "annual-report-reminder", 5L,                                   // 30 days before each due date
        "renewal-reminder", 4L,
        "term-renewed", 1L,
        "mig-disbanded", 1L));
    assertThat(mails).filteredOn(m -> m.template().equals("renewal-reminder"))
        .extracting(m -> m.sentOn() + " in " + m.daysLeft() + " days")
        .containsExactly(
            firstEnd.minusDays(90) + " in 90 days", firstEnd.minusDays(30) + " in 30 days",
            secondEnd.minusDays(90) + " in 90 days", secondEnd.minusDays(30) + " in 30 days");
    assertThat(mails).filteredOn(m -> m.template().equals("annual-report-reminder")).extracting(ReceivedMail::label)
        .containsExactly(IntStream.rangeClosed(y + 1, y + 5)
            .mapToObj(year -> "annual-report-reminder on " + year + "-07-02 in 30 days").toArray(String[]::new));
    assertThat(mails).filteredOn(m -> m.template().equals("term-renewed")).singleElement()
        .satisfies(m -> assertThat(m.subject()).isEqualTo(name + ": renewed until June 14, " + (y + 6)));
    assertThat(outbox(migId)).extracting(m -> m.path("status").asText()).containsOnly("SENT");
    assertThat(ok(http.get(ENGINE_REST + "/process-instance?businessKeyLike=" + enc(migId + "%"), "admin")).json())
        .isEmpty();
    assertNoFailedJobs();
  }

  // --- the steps of the story, each as the user who does it ---------------------------------------

  /** ESTABLISH by MPS, verification by MPS, approval by the chair, acknowledgement by Conference Services. */
  private String establish(String name, LocalDate start) {
    uploadRosterOfSigners(start);
    Map<String, Object> body = petition("ESTABLISH", name, null);
    Reply submitted = http.postJson("/api/petitions", "mps1", write(body));
    assertThat(submitted.status()).as(submitted.body()).isEqualTo(201);
    String petitionId = submitted.json().path("petitionId").asText();
    String migId = submitted.json().path("migId").asText();
    settle();
    awaitMails(name, List.of("petition-acknowledged on " + start));
    assertThat(mig(migId).path("status").asText()).isEqualTo("PETITIONED");
    verifyAndApprove(petitionId);
    assertThat(mig(migId).path("status").asText()).isEqualTo("ACTIVE");
    complete("confsvc1", singleTask(petitionId, "acknowledgeNotification", "confsvc1"),
        Map.of("accommodationNotes", "A room for 40 at Annual; no special needs."));
    complete("exec1", singleTask(petitionId, "designateStaffLiaison", "exec1"),
        Map.of("staffLiaisons", "Lee Liaison <lee.liaison@ala.example>"));
    settle();
    assertEndedAt(petitionId, "migEstablished");
    return migId;
  }

  /** A re-petition (RENEW) by MPS, verified and approved. */
  private void renew(String migId, String name) {
    uploadRosterOfSigners(today());
    int mailsBefore = received(name).size();
    Reply submitted = http.postJson("/api/petitions", "mps1", write(petition("RENEW", null, migId)));
    assertThat(submitted.status()).as(submitted.body()).isEqualTo(201);
    String petitionId = submitted.json().path("petitionId").asText();
    settle();
    assertThat(awaitMailCount(name, mailsBefore + 1)).last().extracting(ReceivedMail::label)
        .isEqualTo("petition-acknowledged on " + today());
    verifyAndApprove(petitionId);
    assertEndedAt(petitionId, "termRenewed");
    assertThat(awaitMailCount(name, mailsBefore + 2)).last().extracting(ReceivedMail::label)
        .isEqualTo("term-renewed on " + today());
  }

  private void verifyAndApprove(String petitionId) {
    String verify = singleTask(petitionId, "verifySignatures", "mps1");
    assertThat(http.postJson(ENGINE_REST + "/task/" + verify + "/claim", "chair", "{\"userId\":\"chair\"}").status())
        .as("COO cannot take Member Programs' task").isEqualTo(403);
    JsonNode variables = ok(http.get(ENGINE_REST + "/task/" + verify + "/variables", "mps1")).json();
    assertThat(variables.path("autoValidSignatureCount").path("value").asInt()).isEqualTo(SIGNATURES);
    complete("mps1", verify, Map.of("validSignatureCount", SIGNATURES, "verificationNotes", "All on the roster."));
    settle();
    complete("chair", singleTask(petitionId, "cooDecision", "chair"),
        Map.of("approved", true, "noOverlapConfirmed", true));
    settle();
  }

  /** On the day of the 30-day reminder (July 2), MPS submits the year's report and the chair accepts it. */
  private void reportInJuly(String migId, int year) {
    walkTo(tenAm(LocalDate.of(year, Month.AUGUST, 1).minusDays(30)));
    submitAnnualReport(migId, year);
    complete("chair", singleTask(migId + ":" + year, "reviewAnnualReport", "chair"), Map.of("reportAccepted", true));
    settle();
    assertEndedAt(migId + ":" + year, "reportReviewed");
  }

  private void submitAnnualReport(String migId, int year) {
    Reply reply = http.postJson("/api/migs/" + migId + "/annual-reports", "mps1",
        write(Map.of("year", year, "activities", "Two programs at Annual, a webinar series and a newsletter.")));
    assertThat(reply.status()).as(reply.body()).isEqualTo(202);
    assertThat(reply.json().path("late").asBoolean()).isFalse();
    settle();
  }

  /**
   * Member Programs uploads the roster: the first members of the demo roster, in good standing
   * for a year from {@code from} (the demo roster's own dates lie within two years of the day
   * the application started, and the simulated clock runs years past that).
   */
  private void uploadRosterOfSigners(LocalDate from) {
    Reply reply = http.post("/api/roster", "mps1", "text/csv", rosterOfSigners(from.plusYears(1)));
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    assertThat(reply.json().path("imported").asInt()).isEqualTo(SIGNATURES);
  }

  // --- tasks over engine REST -------------------------------------------------------------------------

  private List<JsonNode> openTasks(String businessKey, String taskKey, String user) {
    Reply reply = ok(http.get(ENGINE_REST + "/task?processInstanceBusinessKey=" + enc(businessKey)
        + "&taskDefinitionKey=" + taskKey, user));
    return StreamSupport.stream(reply.json().spliterator(), false).toList();
  }

  private String singleTask(String businessKey, String taskKey, String user) {
    List<JsonNode> tasks = openTasks(businessKey, taskKey, user);
    assertThat(tasks).as(taskKey + " of " + businessKey + " for " + user).hasSize(1);
    return tasks.get(0).path("id").asText();
  }

  private void complete(String user, String taskId, Map<String, Object> outputs) {
    Reply claim = http.postJson(ENGINE_REST + "/task/" + taskId + "/claim", user, "{\"userId\":\"" + user + "\"}");
    assertThat(claim.status()).as(claim.body()).isEqualTo(204);
    Map<String, Object> variables = new LinkedHashMap<>();
    outputs.forEach((key, value) -> variables.put(key, Map.of("value", value)));
    Reply done = http.postJson(ENGINE_REST + "/task/" + taskId + "/complete", user, write(Map.of("variables", variables)));
    assertThat(done.status()).as(done.body()).isEqualTo(204);
  }

  private JsonNode historicInstance(String businessKey) {
    JsonNode found = ok(http.get(ENGINE_REST + "/history/process-instance?processInstanceBusinessKey="
        + enc(businessKey), "admin")).json();
    assertThat(found).as("historic instance " + businessKey).hasSize(1);
    return found.get(0);
  }

  /** The process of {@code businessKey} has ended, at the end event {@code endEventId}. */
  private void assertEndedAt(String businessKey, String endEventId) {
    JsonNode instance = historicInstance(businessKey);
    assertThat(instance.path("state").asText()).as(businessKey).isEqualTo("COMPLETED");
    JsonNode ends = ok(http.get(ENGINE_REST + "/history/activity-instance?processInstanceId="
        + instance.path("id").asText() + "&finished=true&sortBy=endTime&sortOrder=asc", "admin")).json();
    List<String> endEvents = StreamSupport.stream(ends.spliterator(), false)
        .filter(a -> a.path("activityType").asText().endsWith("EndEvent"))
        .map(a -> a.path("activityId").asText()).toList();
    assertThat(endEvents).as("end events of " + businessKey).contains(endEventId);
  }

  private void assertNoFailedJobs() {
    assertThat(ok(http.get(ENGINE_REST + "/job/count?withException=true", "admin")).json().path("count").asLong())
        .as("jobs that failed").isZero();
    assertThat(ok(http.get(ENGINE_REST + "/incident/count", "admin")).json().path("count").asLong())
        .as("incidents").isZero();
  }

  // --- the simulation clock ------------------------------------------------------------------------

  /** Moves to the next June 15, 10:00 in Chicago at least a week ahead: nothing of ours exists yet. */
  private LocalDate startOnNextJune15() {
    settle();
    LocalDate start = LocalDate.of(today().getYear(), Month.JUNE, 15);
    while (tenAm(start).isBefore(simulatedNow.plus(Duration.ofDays(7)))) {
      start = start.plusYears(1);
    }
    move("{\"setTo\": \"" + tenAm(start) + "\"}");
    settle();
    assertThat(today()).isEqualTo(start);
    return start;
  }

  /**
   * Moves the clock to {@code target} in steps of at most 30 days, settling after each. Steps of
   * 30 days alone would not do: a step that lands in the last 7 days before a report is due
   * passes the 30-day reminder too late, and the application rightly skips it as overtaken. So
   * the story walks to each notice day (10:00, an hour after notices go out) as a target.
   */
  private void walkTo(Instant target) {
    assertThat(target).as("time only moves forward").isAfter(simulatedNow);
    while (Duration.between(simulatedNow, target).compareTo(LONGEST_STEP) > 0) {
      move("{\"advance\": \"P30D\"}");
      settle();
    }
    move("{\"setTo\": \"" + target + "\"}");
    settle();
  }

  private void move(String body) {
    Reply moved = ok(http.postJson("/api/simulation/clock", "admin", body));
    simulatedNow = Instant.parse(moved.json().path("now").asText());
    clockMoves++;
  }

  private void settle() {
    Reply settled = ok(http.postJson("/api/simulation/settle", "admin", ""));
    assertThat(settled.json().path("settled").asBoolean()).as(settled.body()).isTrue();
    simulatedNow = Instant.parse(settled.json().path("now").asText());
  }

  private LocalDate today() {
    return LocalDate.ofInstant(simulatedNow, CHICAGO);
  }

  private static Instant tenAm(LocalDate date) {
    return date.atTime(10, 0).atZone(CHICAGO).toInstant();
  }

  // --- the MIG and its mail ------------------------------------------------------------------------

  private JsonNode mig(String migId) {
    return ok(http.get("/api/migs/" + migId, "chair")).json();
  }

  /** The outbox of the MIG, oldest first (the API lists newest first). */
  private List<JsonNode> outbox(String migId) {
    List<JsonNode> mails = new ArrayList<>(StreamSupport.stream(
        ok(http.get("/api/mail/outbox?migId=" + enc(migId), "chair")).json().spliterator(), false).toList());
    Collections.reverse(mails);
    return mails;
  }

  /** A mail as the SMTP server received it. */
  record ReceivedMail(String template, String subject, List<String> to, List<String> cc, Instant sentAt,
      String text) {

    LocalDate sentOn() {
      return LocalDate.ofInstant(sentAt, CHICAGO);
    }

    private static final Pattern DAYS_LEFT = Pattern.compile(", in (\\d+) days");

    Integer daysLeft() {
      Matcher m = DAYS_LEFT.matcher(text);
      return m.find() ? Integer.valueOf(m.group(1)) : null;
    }

    /** "annual-report-reminder on 2028-07-02 in 30 days": what it is and the day it went. */
    String label() {
      return template + " on " + sentOn() + (daysLeft() == null ? "" : " in " + daysLeft() + " days");
    }
  }

  /**
   * The mails about the MIG named {@code name} (every subject names the MIG), in the order this
   * test saw them arrive. {@link EmbeddedSmtpServer#received()} lists the messages mailbox by
   * mailbox, not in the order they came, so each poll appends what is new, ordered by the time
   * the dispatcher built it (its Date header, the simulated clock, to the second).
   */
  private List<ReceivedMail> received(String name) {
    smtp.received().stream().filter(m -> seen.add(messageId(m))).map(LifecycleSimulationTest::read)
        .sorted(Comparator.comparing(ReceivedMail::sentAt)).forEach(arrivals::add);
    return arrivals.stream().filter(m -> m.subject().contains(name)).toList();
  }

  /**
   * Waits until as many mails as expected have arrived (the dispatcher sends after each commit),
   * then checks they are exactly the expected ones in order. petition-approved and
   * conference-services-notified are written by two consecutive steps of the same moment: their
   * outbox order is checked separately; their arrival may swap when two dispatch rounds overlap.
   */
  private List<ReceivedMail> awaitMails(String name, List<String> expected) {
    List<ReceivedMail> mails = awaitMailCount(name, expected.size());
    List<String> labels = new ArrayList<>(mails.stream().map(ReceivedMail::label).toList());
    if (labels.size() >= 3 && labels.get(1).startsWith("conference-services-notified")
        && labels.get(2).startsWith("petition-approved")) {
      labels.add(1, labels.remove(2));
    }
    assertThat(labels).containsExactlyElementsOf(expected);
    return mails;
  }

  private List<ReceivedMail> awaitMailCount(String name, int count) {
    long deadline = System.nanoTime() + MAIL_WAIT.toNanos();
    List<ReceivedMail> mails = received(name);
    while (mails.size() < count && System.nanoTime() < deadline) {
      pause();
      mails = received(name);
    }
    return mails;
  }

  private static void pause() {
    try {
      Thread.sleep(50);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static ReceivedMail read(MimeMessage m) {
    try {
      String text = (String) ((MimeMultipart) m.getContent()).getBodyPart(0).getContent();
      return new ReceivedMail(m.getHeader("X-MIG-Template", null), m.getSubject(), addresses(m, RecipientType.TO),
          addresses(m, RecipientType.CC), m.getSentDate().toInstant(), text);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<String> addresses(MimeMessage m, RecipientType type) throws MessagingException {
    var addresses = m.getRecipients(type);
    return addresses == null ? List.of() : Arrays.stream(addresses).map(Object::toString).toList();
  }

  private static String messageId(MimeMessage m) {
    try {
      return m.getMessageID();
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  // --- plumbing ------------------------------------------------------------------------------------

  private static Reply ok(Reply reply) {
    assertThat(reply.status()).as(reply.body()).isBetween(200, 299);
    return reply;
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static String write(Object body) {
    try {
      return JSON.writeValueAsString(body);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
