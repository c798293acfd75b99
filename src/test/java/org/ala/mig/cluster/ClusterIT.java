package org.ala.mig.cluster;

import static org.ala.mig.support.StoryInputs.SIGNATURES;
import static org.ala.mig.support.StoryInputs.petition;
import static org.ala.mig.support.StoryInputs.rosterOfSigners;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Month;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ala.mig.support.LocalProcesses;
import org.ala.mig.support.FaultySmtp;
import org.ala.mig.support.HttpApi.Reply;
import org.ala.mig.support.HttpApi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Two nodes, one PostgreSQL database: two application processes ({@code java -jar}, profiles
 * demo, postgres and simulation) start at the same moment on the empty database, and each
 * filter, group, user, demo MIG and COO report is made once. They run 200 MIG lifecycles whose
 * timers all fall due at the same moments, on a simulated clock that either node moves (the
 * clock is shared through the database). In the middle node B is killed (SIGKILL) right after a
 * move that made some 400 jobs due, node A takes over the jobs B held once their lock runs out,
 * and B comes back; in another stretch the SMTP server is down, the backlog shows in the outbox
 * and the health endpoint, and when the server is back (slow now: 200 ms a message) node B is
 * killed again while it sends, and node A sends what B held. At the end every MIG is in the
 * status its story implies, every timer ran once, each cluster MIG got exactly the mails its
 * story implies, every mail reached each of its recipients, and no Message-ID reached a
 * recipient twice, but for a mail the outbox flags possibly repeated (its node died inside the
 * SMTP transaction).
 *
 * <p>Runs after {@code package} with {@code -Ppostgres} (PostgreSQL on 127.0.0.1:5432, role mig
 * with CREATEDB, see .ci/run); creates and drops its own database, {@code mig_cluster} unless
 * the system property {@code cluster.database} names another (two checkouts testing at once).
 */
@Tag("postgres")
class ClusterIT {

  static final String DATABASE = System.getProperty("cluster.database", "mig_cluster");
  static final String PG = "jdbc:postgresql://127.0.0.1:5432/";
  static final ZoneId CHICAGO = ZoneId.of("America/Chicago");
  static final int PER_STORY = 50;
  static final ObjectMapper JSON = new ObjectMapper();
  static final Pattern OUTBOX_ID = Pattern.compile("<outbox-(\\d+)\\.");
  static final Duration START_LIMIT = Duration.ofSeconds(240);
  /** How long the SMTP server takes over each message while node B is killed in its sending. */
  static final Duration SLOW_SMTP = Duration.ofMillis(200);
  static final List<String> ORGANIZERS = List.of("rosa@lib.example", "sam@lib.example");
  static final String MEMBER_PROGRAMS = "membership@ala.org";
  static final String CONFERENCE_SERVICES = "conferenceservices@ala.org";
  static final String COO_CHAIR = "coo-chair@ala.org";
  static final String STAFF_LIAISON = "lee.liaison@ala.example";
  /**
   * Who gets each mail of a cluster MIG (CONTRACT.md, "Mail"): its two organizers and the
   * offices, and the staff liaison the executive office designates for each cluster MIG.
   */
  static final Map<String, Set<String>> RECIPIENTS = Map.of(
      "petition-acknowledged", recipients(ORGANIZERS, MEMBER_PROGRAMS),
      "petition-approved", recipients(ORGANIZERS, MEMBER_PROGRAMS),
      "conference-services-notified", Set.of(CONFERENCE_SERVICES, MEMBER_PROGRAMS),
      "renewal-reminder", recipients(ORGANIZERS, STAFF_LIAISON),
      "term-renewed", recipients(ORGANIZERS, STAFF_LIAISON),
      "annual-report-reminder", recipients(ORGANIZERS, STAFF_LIAISON),
      "annual-report-overdue", recipients(ORGANIZERS, COO_CHAIR, STAFF_LIAISON),
      "mig-disbanded", recipients(ORGANIZERS, MEMBER_PROGRAMS, CONFERENCE_SERVICES),
      "request-decided", recipients(ORGANIZERS, STAFF_LIAISON));
  static final Duration MAIL_LIMIT = Duration.ofSeconds(90);

  /**
   * What happens to a MIG, and what that implies. Every MIG starts on June 15 of year y; its
   * first report is due August 1, y+1; each report opens the day after the previous one is due.
   * A report submitted as soon as it opens has no timer; one left overdue has three (30 and 7
   * days before, the day after), and its follow-up task is left open, so no more.
   *
   * <p>Mails: every MIG is established (acknowledged, approved, Conference Services notified); a
   * report left overdue brings two reminders and the overdue notice; each renewal reminder the
   * term reaches is one mail; a renewal is acknowledged and confirmed; a disbanding is one mail;
   * a transition none; a request COO decides (disband, transition) is one request-decided.
   */
  enum Story {
    /** Reports y+1 submitted, y+2 overdue; no re-petition: disbanded after June 14, y+3. */
    NOT_RENEWED("DISBANDED", "NOT_RENEWED",
        // lifecycle: next report opens Aug 2 y+1 and y+2, renewal reminders 90 and 30, term end
        5 + 3,
        mails(1, 0, 2, 2, 1, 1, 0)),
    /** Reports y+1, y+2, y+4 submitted, y+3 and y+5 overdue; renewed April 1, y+3; then not. */
    RENEWED_ONCE("DISBANDED", "NOT_RENEWED",
        // term 1: next report opens x2, reminder 90 (the renewal comes before the 30-day one);
        // term 2: next report opens Aug 2 y+3, y+4, y+5, reminders 90 and 30, term end
        2 + 1 + 3 + 3 + 3 + 3,
        // reminders: 90 days before the first term's end, 90 and 30 before the second's
        mails(2, 1, 3, 4, 2, 1, 0)),
    /** Report y+1 overdue; asks to be disbanded October 1, y+1, and COO confirms. */
    DISBANDED_ON_REQUEST("DISBANDED", "REQUESTED", 1 + 3, mails(1, 0, 0, 2, 1, 1, 1)),
    /** Report y+1 submitted; transitioned January 15, y+2. */
    TRANSITIONED("TRANSITIONED", null, 1, mails(1, 0, 0, 0, 0, 0, 1));

    final String status;
    final String disbandReason;
    final int timers;
    /** Outbox rows of one MIG of the story, by template. */
    final Map<String, Integer> mails;

    Story(String status, String disbandReason, int timers, Map<String, Integer> mails) {
      this.status = status;
      this.disbandReason = disbandReason;
      this.timers = timers;
      this.mails = mails;
    }

    /** The mails of one MIG by template; establishing makes one approval and one note to Conference Services. */
    private static Map<String, Integer> mails(int acknowledged, int renewed, int renewalReminders, int reportReminders,
        int overdue, int disbanded, int requestsDecided) {
      Map<String, Integer> mails = new TreeMap<>();
      mails.put("petition-acknowledged", acknowledged);
      mails.put("petition-approved", 1);
      mails.put("conference-services-notified", 1);
      mails.put("term-renewed", renewed);
      mails.put("renewal-reminder", renewalReminders);
      mails.put("annual-report-reminder", reportReminders);
      mails.put("annual-report-overdue", overdue);
      mails.put("mig-disbanded", disbanded);
      mails.put("request-decided", requestsDecided);
      mails.values().removeIf(n -> n == 0);
      return mails;
    }

    int mailCount() {
      return mails.values().stream().mapToInt(Integer::intValue).sum();
    }
  }

  record Mig(String id, String petitionId, Story story) {}

  final String run = UUID.randomUUID().toString().substring(0, 6);
  final Path logs = Path.of("target", "cluster-it");
  final int smtpPort = LocalProcesses.freePort();
  final List<Process> processes = new ArrayList<>();
  final Map<String, Integer> ports = new HashMap<>();
  /** The messages taken by the SMTP servers the test stopped (the one running has its own). */
  final List<FaultySmtp.Delivery> earlierDeliveries = new ArrayList<>();
  FaultySmtp smtp;
  Process nodeB;
  HttpApi a;
  HttpApi b;
  volatile boolean nodeBUp;
  int year;
  int clockMoves;
  long testStart = System.nanoTime();

  /** A progress line in the test's output: where the run is, after how long. */
  private void phase(String what) {
    System.out.printf(Locale.ROOT, "ClusterIT %6.1f s: %s%n", (System.nanoTime() - testStart) / 1e9, what);
  }

  @AfterEach
  void stopEverything() throws Exception {
    for (Process p : processes) {
      p.destroy();
    }
    for (Process p : processes) {
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
    if (smtp != null) {
      smtp.close();
    }
    dropDatabase();
  }

  @Test
  void twoNodesRun200LifecyclesThroughACrashAndAnSmtpOutage() throws Exception {
    long started = System.nanoTime();
    String jar = System.getProperty("mig.jar");
    assertThat(jar).as("system property mig.jar (set by the pom)").isNotBlank();
    assertThat(new File(jar)).as(jar).exists();
    Files.createDirectories(logs);
    createDatabase();
    startSmtp();

    // both nodes start at the same moment on the empty database; they take turns at the start-up lock
    Process nodeA = start(jar, "node-a", "node-a.log");
    nodeB = start(jar, "node-b", "node-b.log");
    awaitUp(a, nodeA, "node-a.log");
    awaitUp(b, nodeB, "node-b.log");
    nodeBUp = true;
    long upAt = System.nanoTime();
    phase("both nodes up");
    assertSeededOnce();

    // every MIG starts on the next June 15 at 10:00 in Chicago, set on A, seen by B
    Instant now = clock(a);
    LocalDate first = LocalDate.of(LocalDate.ofInstant(now, CHICAGO).getYear(), Month.JUNE, 15);
    while (tenAm(first).isBefore(now.plus(Duration.ofDays(7)))) {
      first = first.plusYears(1);
    }
    year = first.getYear();
    setClock(a, tenAm(first));
    awaitClockAtLeast(b, tenAm(first));
    settle(b);

    uploadRoster(first);
    List<Mig> migs = establish();
    phase("200 MIGs established");
    Map<String, JsonNode> views = migViews();
    for (Mig mig : migs) {
      assertThat(views.get(mig.id()).path("status").asText()).as(mig.id()).isEqualTo("ACTIVE");
      assertThat(views.get(mig.id()).path("termEnd").asText()).isEqualTo((year + 3) + "-06-14");
    }
    submitReports(migs, y(1), Story.NOT_RENEWED, Story.RENEWED_ONCE, Story.TRANSITIONED);

    // year 1: reminders of the reports left open, then at 00:30 on August 2 the next reports
    // open for all 200 MIGs at once, and node B is killed in the middle of them
    walk(b, at(y(1), Month.JULY, 2, 10), a);
    walk(a, at(y(1), Month.JULY, 25, 10), b);
    Crash crash = crashNodeBInTheMiddleOf(at(y(1), Month.AUGUST, 2, 0));
    phase("crash handled");
    submitReports(migs, y(2), Story.RENEWED_ONCE);
    walk(a, at(y(1), Month.AUGUST, 2, 10), a);

    // year 2: disband on request, transition; node-b is back in time for them
    Instant restartedAt = awaitRestartedNodeB(at(y(1), Month.AUGUST, 2, 10));
    walk(a, at(y(1), Month.OCTOBER, 1, 10), b);
    request(migs, Story.DISBANDED_ON_REQUEST, "disband-requests",
        Map.of("reason", "Our work is done: the members joined a round table."));
    completeTasks(businessKeys(migs, Story.DISBANDED_ON_REQUEST), "confirmDisband",
        Map.of("disbandConfirmed", true));
    walk(b, at(y(2), Month.JANUARY, 15, 10), a);
    request(migs, Story.TRANSITIONED, "transition-requests",
        Map.of("targetUnit", "Library Technology Round Table", "reason", "Our topic grew into a unit of its own."));
    completeTasks(businessKeys(migs, Story.TRANSITIONED), "decideTransition",
        Map.of("transitionApproved", true, "decisionRationale", "LITA's successor takes the topic on."));
    walk(a, at(y(2), Month.JULY, 2, 10), b);
    phase("year 2");
    walk(b, at(y(2), Month.JULY, 25, 10), a);
    walk(a, at(y(2), Month.AUGUST, 2, 0), b);
    walk(b, at(y(2), Month.AUGUST, 2, 10), a);

    // year 3: renewal reminders sent while SMTP is down; renewals; the first term ends
    Outage outage = smtpOutageAt(at(y(3), Month.MARCH, 16, 10));
    phase("outage drained");
    walk(a, at(y(3), Month.APRIL, 1, 10), b);
    renew(migs);
    phase("50 MIGs renewed");
    walk(b, at(y(3), Month.MAY, 15, 10), a);
    walk(a, at(y(3), Month.JUNE, 15, 10), b);
    walk(b, at(y(3), Month.JULY, 2, 10), a);
    walk(a, at(y(3), Month.JULY, 25, 10), b);
    walk(b, at(y(3), Month.AUGUST, 2, 0), a);
    submitReports(migs, y(4), Story.RENEWED_ONCE);
    walk(a, at(y(3), Month.AUGUST, 2, 10), b);

    // years 4 to 6: the renewed MIGs to the end of their second term
    walk(b, at(y(4), Month.AUGUST, 2, 0), a);
    phase("year 4");
    walk(a, at(y(5), Month.JULY, 2, 10), b);
    walk(b, at(y(5), Month.JULY, 25, 10), a);
    walk(a, at(y(5), Month.AUGUST, 2, 0), b);
    walk(b, at(y(5), Month.AUGUST, 2, 10), a);
    walk(a, at(y(6), Month.MARCH, 16, 10), b);
    walk(b, at(y(6), Month.MAY, 15, 10), a);
    walk(a, at(y(6), Month.JUNE, 15, 10), b);
    phase("year 6 ended");

    // --- the end: statuses, jobs, timers, mail ---------------------------------------------------
    views = migViews();
    for (Mig mig : migs) {
      JsonNode view = views.get(mig.id());
      assertThat(view.path("status").asText()).as(mig.id() + " " + mig.story()).isEqualTo(mig.story().status);
      if (mig.story().disbandReason != null) {
        assertThat(view.path("disbandReason").asText()).as(mig.id()).isEqualTo(mig.story().disbandReason);
      }
    }
    assertThat(count(a, "/engine-rest/incident/count")).as("incidents").isZero();
    assertThat(count(b, "/engine-rest/job/count?withException=true")).as("jobs with an exception").isZero();
    assertThat(count(a, "/engine-rest/process-instance/count?businessKeyLike=" + enc("cluster-" + run + "%")))
        .as("nothing runs for our MIGs any more").isZero();

    Map<String, Integer> timersByMig = new HashMap<>();
    Map<String, Integer> runsByTimerJob = new HashMap<>();
    Map<String, Integer> jobsByNode = new HashMap<>();
    long failedJobRuns;
    long afterRestart;
    try (Connection db = database()) {
      query(db, """
          select p.business_key_, l.job_id_ from act_hi_job_log l
          join act_hi_procinst p on p.proc_inst_id_ = l.process_instance_id_
          where l.job_def_type_ = 'timer-intermediate-transition' and l.job_state_ = 2
            and p.business_key_ like ?""", rs -> {
        String mig = rs.getString(1).split(":")[0];
        timersByMig.merge(mig, 1, Integer::sum);
        runsByTimerJob.merge(rs.getString(2), 1, Integer::sum);
      }, "cluster-" + run + "%");
      query(db, "select hostname_, count(*) from act_hi_job_log where job_state_ = 2 group by hostname_",
          rs -> jobsByNode.put(rs.getString(1), rs.getInt(2)));
      afterRestart = single(db, "select count(*) from act_hi_job_log where job_state_ = 2 and hostname_ = 'node-b'"
          + " and timestamp_ > ?", Timestamp.from(restartedAt));
      failedJobRuns = single(db, "select count(*) from act_hi_job_log where job_state_ = 1");
    }
    assertThat(runsByTimerJob.values()).as("each timer job ran successfully once").allMatch(n -> n == 1);
    int expectedTimers = 0;
    for (Mig mig : migs) {
      assertThat(timersByMig.getOrDefault(mig.id(), 0)).as("timers of " + mig.id() + " " + mig.story())
          .isEqualTo(mig.story().timers);
      expectedTimers += mig.story().timers;
    }
    int timers = timersByMig.values().stream().mapToInt(Integer::intValue).sum();
    assertThat(timers).isEqualTo(expectedTimers);
    assertThat(jobsByNode).containsKeys("node-a", "node-b");
    assertThat(crash.ranBeforeKill()).as("jobs node-b ran before it was killed").isPositive();
    assertThat(afterRestart).as("jobs node-b ran after its restart").isPositive();

    // every outbox row sent; each cluster MIG got its story's mails; each reached every recipient
    // once by Message-ID, but for a mail flagged possibly repeated (its node died while sending it)
    awaitOutboxSent();
    List<FaultySmtp.Delivery> deliveries = new ArrayList<>(earlierDeliveries);
    deliveries.addAll(smtp.deliveries());
    Map<String, Integer> perRecipientAndId = new HashMap<>();
    for (FaultySmtp.Delivery delivery : deliveries) {
      for (String recipient : delivery.recipients()) {
        perRecipientAndId.merge(recipient.toLowerCase(Locale.ROOT) + " " + delivery.messageId(), 1, Integer::sum);
      }
    }
    Map<Long, Outboxed> outbox = outbox();
    assertThat(outbox.values()).as("outbox rows not SENT").filteredOn(m -> !m.status().equals("SENT")).isEmpty();
    // one Message-ID per outbox row, on every sending of it (X-MIG-Outbox-Key names the row)
    Map<String, Set<String>> messageIdsByKey = new HashMap<>();
    deliveries.forEach(d -> messageIdsByKey.computeIfAbsent(d.outboxKey(), k -> new TreeSet<>()).add(d.messageId()));
    Map<Long, String> messageIds = new HashMap<>();
    for (Outboxed mail : outbox.values()) {
      Set<String> ids = messageIdsByKey.getOrDefault(mail.key(), Set.of());
      assertThat(ids).as("Message-IDs of outbox row " + mail.id()).hasSize(1)
          .allMatch(id -> outboxId(id) == mail.id());
      messageIds.put(mail.id(), ids.iterator().next());
    }
    List<String> repeats = new ArrayList<>();
    List<String> repeatsNotFlagged = new ArrayList<>();
    perRecipientAndId.forEach((recipientAndId, n) -> {
      if (n > 1) {
        Outboxed mail = outbox.get(outboxId(recipientAndId.substring(recipientAndId.indexOf(' ') + 1)));
        (mail != null && mail.possiblyRepeated() ? repeats : repeatsNotFlagged).add(recipientAndId + " x" + n);
      }
    });
    assertThat(repeatsNotFlagged).as("a Message-ID delivered twice to one recipient, its mail not flagged").isEmpty();
    List<String> missing = new ArrayList<>();
    for (Outboxed mail : outbox.values()) {
      for (String recipient : mail.recipients()) {
        if (!perRecipientAndId.containsKey(recipient + " " + messageIds.get(mail.id()))) {
          missing.add(mail.id() + " " + mail.template() + " to " + recipient);
        }
      }
    }
    assertThat(missing).as("outbox mails that did not reach a recipient").isEmpty();

    Map<String, Map<String, Integer>> mailsByMig = new TreeMap<>();
    long demoMails = 0;
    for (Outboxed mail : outbox.values()) {
      if (mail.migId() != null && mail.migId().startsWith("cluster-" + run)) {
        mailsByMig.computeIfAbsent(mail.migId(), id -> new TreeMap<>()).merge(mail.template(), 1, Integer::sum);
        assertThat(mail.recipients()).as(mail.id() + " " + mail.template()).isEqualTo(RECIPIENTS.get(mail.template()));
      } else {
        demoMails++;                 // the demo MIGs (terms on the real date) and the COO reports
      }
    }
    int expectedMails = 0;
    int expectedDeliveries = 0;
    for (Mig mig : migs) {
      assertThat(mailsByMig.getOrDefault(mig.id(), Map.of())).as("mails of " + mig.id() + " " + mig.story())
          .isEqualTo(mig.story().mails);
      expectedMails += mig.story().mailCount();
      for (Map.Entry<String, Integer> mail : mig.story().mails.entrySet()) {
        expectedDeliveries += mail.getValue() * RECIPIENTS.get(mail.getKey()).size();
      }
    }
    int clusterMails = mailsByMig.values().stream().flatMap(m -> m.values().stream()).mapToInt(Integer::intValue).sum();
    long clusterDeliveries = outbox.values().stream()
        .filter(m -> m.migId() != null && m.migId().startsWith("cluster-" + run))
        .flatMap(m -> m.recipients().stream().map(to -> perRecipientAndId.get(to + " " + messageIds.get(m.id()))))
        .mapToLong(Integer::longValue).sum();
    assertThat(clusterMails).isEqualTo(expectedMails);
    long recipientDeliveries = perRecipientAndId.values().stream().mapToLong(Integer::longValue).sum();

    double seconds = (System.nanoTime() - started) / 1e9;
    System.out.printf(Locale.ROOT,
        "ClusterIT summary: 2 nodes started together, %d lifecycles (%d per story, %d years simulated, %d clock moves), "
            + "%d timers fired (expected %d, each once); cluster MIG mails: %d expected, %d sent, %d deliveries to "
            + "recipients (expected %d); demo MIG and council mails %d; all mails: %d outbox rows, %d messages taken, "
            + "%d deliveries to recipients, duplicates by Message-ID %d (flagged possibly repeated, %s), unflagged 0; "
            + "jobs run: node-a %d, node-b %d (%d after its restart), failed job runs %d, incidents 0; "
            + "crash: node-b held %d locked jobs, taken over by node-a; outage: %d mails queued and drained; "
            + "mid-send kill: node-b had sent %d and held %d being sent (SMTP %d ms a message), node-a sent them, "
            + "%d rows flagged possibly repeated, %d repeated at the server with the same Message-ID; "
            + "%.0f s in all (%.0f s after both nodes were up)%n",
        migs.size(), PER_STORY, 6, clockMoves, timers, expectedTimers, expectedMails, clusterMails, clusterDeliveries,
        expectedDeliveries, demoMails, outbox.size(), deliveries.size(), recipientDeliveries, repeats.size(), repeats,
        jobsByNode.getOrDefault("node-a", 0), jobsByNode.getOrDefault("node-b", 0),
        afterRestart, failedJobRuns, crash.lockedByB(), outage.queued(), outage.kill().sentByB(),
        outage.kill().heldByB().size(), SLOW_SMTP.toMillis(), outage.kill().flagged(), outage.kill().repeatedAtServer(),
        seconds, (System.nanoTime() - upAt) / 1e9);
  }

  // --- the simultaneous first start ----------------------------------------------------------------

  /**
   * After both nodes started together on the empty database: each shared filter, group, user,
   * membership and grant exists once, the demo data once, each demo MIG has one lifecycle and
   * each configured conference one COO report.
   */
  private void assertSeededOnce() throws SQLException {
    try (Connection db = database()) {
      assertThat(counts(db, "select name_, count(*) from act_ru_filter group by name_"))
          .as("shared Tasklist filters by name").isEqualTo(Map.of("My Tasks", 1L, "My Group Tasks", 1L, "Due this week", 1L));
      assertThat(counts(db, "select id_, count(*) from act_id_group group by id_")).as("groups").hasSize(9)
          .allSatisfy((id, n) -> assertThat(n).as(id).isOne());
      assertThat(counts(db, "select id_, count(*) from act_id_user group by id_")).as("users").hasSize(9)
          .allSatisfy((id, n) -> assertThat(n).as(id).isOne());
      assertThat(counts(db, "select coalesce(group_id_, user_id_) || ' ' || resource_type_ || ' ' || resource_id_,"
          + " count(*) from act_ru_authorization where type_ = 1 group by 1")).as("grants").isNotEmpty()
          .allSatisfy((grant, n) -> assertThat(n).as(grant).isOne());
      // the seven MIGs of ALA's list and the four illustrative ones of the demo's history, which ended
      assertThat(single(db, "select count(*) from mig")).as("demo MIGs").isEqualTo(11);
      assertThat(counts(db, "select mig_id || ' ' || event || ' ' || effective_on, count(*) from mig_history"
          + " where mig_id not like 'cluster-%' group by 1")).as("the demo's history").isNotEmpty()
          .allSatisfy((change, n) -> assertThat(n).as(change).isOne());
      assertThat(counts(db, "select mig_id || ' ' || kind || ' ' || submitted_at, count(*) from petition"
          + " where submitted_by = 'earlier-record' group by 1")).as("the demo's earlier petitions").isNotEmpty()
          .allSatisfy((petition, n) -> assertThat(n).as(petition).isOne());
      assertThat(single(db, "select count(*) from member")).as("demo roster").isEqualTo(5000);
      assertThat(counts(db, "select e.business_key_, count(*) from act_ru_execution e join act_re_procdef d"
          + " on d.id_ = e.proc_def_id_ where e.parent_id_ is null and d.key_ = 'mig-lifecycle' group by 1"))
          .as("lifecycles of the demo MIGs").hasSize(7).allSatisfy((mig, n) -> assertThat(n).as(mig).isOne());
      assertThat(counts(db, "select p.business_key_, count(*) from act_hi_procinst p where p.proc_def_key_ ="
          + " 'coo-council-report' group by 1")).as("COO reports by conference")
          .allSatisfy((conference, n) -> assertThat(n).as(conference).isOne());
      assertThat(counts(db, "select deployment_id_, count(*) from act_re_procdef where key_ = 'mig-lifecycle'"
          + " group by 1")).as("deployments of the models").hasSize(1);
    }
  }

  private static Map<String, Long> counts(Connection db, String sql) throws SQLException {
    Map<String, Long> counts = new TreeMap<>();
    query(db, sql, rs -> counts.put(rs.getString(1), rs.getLong(2)));
    return counts;
  }

  // --- the crash --------------------------------------------------------------------------------

  /** Jobs node-b held locked when killed, and jobs it had run since the move. */
  record Crash(long lockedByB, long ranBeforeKill) {}

  /**
   * Moves the clock on B to {@code moment} (all 200 next reports open then), kills B (SIGKILL)
   * while it holds some of those jobs, shows that A finishes everything else and is told what B
   * still holds, moves the clock past the lock time so A takes those too, and restarts B, which
   * takes up the shared clock (see {@link #awaitRestartedNodeB}).
   */
  private Crash crashNodeBInTheMiddleOf(Instant moment) throws Exception {
    Timestamp since = Timestamp.from(moment);
    setClock(b, moment);
    List<String> heldByB = new ArrayList<>();
    long ranBeforeKill;
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    try (Connection db = database()) {
      while (true) {
        assertThat(System.nanoTime()).as("node-b ran and held jobs after the move").isLessThan(deadline);
        long ranByB = single(db, "select count(*) from act_hi_job_log where hostname_ = 'node-b' and job_state_ = 2"
            + " and timestamp_ >= ?", since);
        long held = single(db, "select count(*) from act_ru_job where lock_owner_ like 'node-b:%' and lock_exp_time_ > ?",
            since);
        if (ranByB >= 10 && held > 0) {
          ranBeforeKill = ranByB;
          nodeBUp = false;
          nodeB.destroyForcibly();       // SIGKILL: no shutdown hook, no unlocking
          assertThat(nodeB.waitFor(20, TimeUnit.SECONDS)).isTrue();
          break;
        }
        Thread.sleep(20);
      }
      query(db, "select id_ from act_ru_job where lock_owner_ like 'node-b:%' and lock_exp_time_ > ?",
          rs -> heldByB.add(rs.getString(1)), since);
    }
    assertThat(heldByB).as("jobs node-b held when it was killed").isNotEmpty();

    // A runs everything else; settling stops early and says what the dead node holds
    JsonNode stalled = settleReply(a);
    assertThat(stalled.path("settled").asBoolean()).as(stalled.toString()).isFalse();
    assertThat(stalled.path("lockedElsewhere").asLong()).as(stalled.toString()).isEqualTo(heldByB.size());
    assertThat(Instant.parse(stalled.path("lockedUntil").asText()))
        .isBefore(Instant.parse(stalled.path("now").asText()).plus(Duration.ofMinutes(2)));

    // B restarts meanwhile; the clock moves past the lock time and A takes B's jobs
    nodeB = start(System.getProperty("mig.jar"), "node-b", "node-b-restarted.log");
    advance(a, "PT2M");
    settle(a);
    try (Connection db = database()) {
      for (String job : heldByB) {
        long byA = single(db, "select count(*) from act_hi_job_log where job_id_ = ? and job_state_ = 2"
            + " and hostname_ = 'node-a'", job);
        long ok = single(db, "select count(*) from act_hi_job_log where job_id_ = ? and job_state_ = 2", job);
        assertThat(byA).as("job " + job + " held by the dead node, run by node-a").isEqualTo(1);
        assertThat(ok).as("job " + job + " ran once").isEqualTo(1);
      }
    }
    return new Crash(heldByB.size(), ranBeforeKill);
  }

  /** Waits until node-b is up again; it has taken up the shared clock. Returns its now then. */
  private Instant awaitRestartedNodeB(Instant atLeast) throws Exception {
    awaitUp(b, nodeB, "node-b-restarted.log");
    nodeBUp = true;
    Instant restartedAt = clock(b);
    assertThat(restartedAt).as("the restarted node took up the shared clock").isAfterOrEqualTo(atLeast);
    phase("node-b back");
    return restartedAt;
  }

  // --- the SMTP outage -----------------------------------------------------------------------------

  record Outage(long queued, MidSendKill kill) {}

  /**
   * Node B killed while it sends: the mails it had sent since the server came back, the rows it
   * held SENDING then, how many of those the outbox flagged possibly repeated, and how many of
   * them reached the server twice (the one inside its SMTP transaction, if the kill landed there).
   */
  record MidSendKill(long sentByB, List<Long> heldByB, long flagged, long repeatedAtServer) {}

  /**
   * Stops the SMTP server, moves the clock to {@code moment} (100 renewal reminders fall due),
   * then 20 minutes on: the outbox lists the mails waiting and the health endpoint is DEGRADED
   * with their count; a new server on the same port, slow now, a few minutes more, and both
   * nodes send the backlog; node B is killed in the middle of it (see {@link #killNodeBWhileItSends})
   * and comes back, and node A sends what B held.
   */
  private Outage smtpOutageAt(Instant moment) throws Exception {
    awaitOutboxSent();
    stopSmtp();
    walk(a, moment, b);
    advance(b, "PT20M");
    settle(a);
    // the backlog as COO sees it: newest first, each row PENDING, or SENDING while a dispatcher tries
    JsonNode pending = ok(a.get("/api/mail/outbox?status=PENDING&limit=1000", "chair")).json();
    assertThat(pending).isNotEmpty().allMatch(m -> m.path("status").asText().equals("PENDING"));
    long waiting = 0;
    for (JsonNode m : ok(a.get("/api/mail/outbox?limit=1000", "chair")).json()) {
      String status = m.path("status").asText();
      assertThat(status).as("nothing given up").isNotEqualTo("FAILED");
      waiting += status.equals("PENDING") || status.equals("SENDING") ? 1 : 0;
    }
    assertThat(waiting).as("mails waiting while SMTP is down").isGreaterThanOrEqualTo(2 * PER_STORY);
    // the whole health is DOWN (HTTP 503) while the mail server is: Spring Boot's own mail check
    Reply down = b.get("/actuator/health", "admin");
    assertThat(down.status()).as(down.body()).isEqualTo(503);
    assertThat(down.json().path("components").path("mail").path("status").asText()).isEqualTo("DOWN");
    JsonNode health = down.json().path("components").path("mailOutbox");
    assertThat(health.path("status").asText()).as(health.toString()).isEqualTo("DEGRADED");
    assertThat(health.path("details").path("waiting").asLong()).isEqualTo(waiting);
    assertThat(health.path("details").path("failed").asLong()).isZero();
    long queued = health.path("details").path("waiting").asLong();

    startSmtp();
    smtp.delayEachMessage(SLOW_SMTP);
    advance(a, "PT5M");
    MidSendKill kill = killNodeBWhileItSends();
    awaitOutboxSent();
    smtp.delayEachMessage(Duration.ZERO);
    awaitUp(b, nodeB, "node-b-after-mail-kill.log");
    nodeBUp = true;
    phase("node-b back after the mid-send kill");
    JsonNode recovered = ok(a.get("/actuator/health", "admin")).json().path("components").path("mailOutbox");
    assertThat(recovered.path("status").asText()).as(recovered.toString()).isEqualTo("UP");
    assertThat(recovered.path("details").path("waiting").asLong()).isZero();
    return new Outage(queued, kill);
  }

  /**
   * Waits until node B, sending the backlog, has sent some mails and holds more being sent, then
   * kills it (SIGKILL): with the server taking 200 ms over each message, the kill lands inside
   * an SMTP transaction, where the server has the message and B never heard so. B starts again
   * at once; node A takes B's rows when their lease (20 s here) runs out, and sends them with the
   * same Message-ID. Every row B held ends SENT, and the outbox flags them possibly repeated.
   */
  private MidSendKill killNodeBWhileItSends() throws Exception {
    String dispatcherB = "%:" + nodeB.pid() + ":%";
    // a SENT row no longer names its sender: B's sent mails are the rows seen SENDING under B, now SENT
    Set<Long> claimedByB = new TreeSet<>();
    List<Long> held = new ArrayList<>();
    long sentByB;
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    try (Connection db = database()) {
      while (true) {
        assertThat(System.nanoTime()).as("node-b sent mails and held more being sent").isLessThan(deadline);
        List<Long> sending = new ArrayList<>();
        query(db, "select id from mail_outbox where status = 'SENDING' and claimed_by like ?",
            rs -> sending.add(rs.getLong(1)), dispatcherB);
        claimedByB.addAll(sending);
        sentByB = claimedByB.isEmpty() ? 0 : single(db, "select count(*) from mail_outbox where status = 'SENT'"
            + " and id = any (?)", db.createArrayOf("bigint", claimedByB.toArray()));
        if (sentByB >= 1 && !sending.isEmpty()) {
          nodeBUp = false;
          nodeB.destroyForcibly();       // SIGKILL, in the middle of a batch
          assertThat(nodeB.waitFor(20, TimeUnit.SECONDS)).isTrue();
          break;
        }
        Thread.sleep(20);
      }
      query(db, "select id from mail_outbox where status = 'SENDING' and claimed_by like ? order by id",
          rs -> held.add(rs.getLong(1)), dispatcherB);
    }
    assertThat(held).as("mails node-b held being sent when it was killed").isNotEmpty();
    nodeB = start(System.getProperty("mig.jar"), "node-b", "node-b-after-mail-kill.log");
    settle(a);
    awaitOutboxSent();
    long flagged;
    Map<String, Integer> copies = new HashMap<>();
    try (Connection db = database()) {
      for (long id : held) {
        assertThat(single(db, "select count(*) from mail_outbox where id = ? and status = 'SENT'", id))
            .as("mail " + id + " held by the dead node, sent").isOne();
      }
      flagged = single(db, "select count(*) from mail_outbox where possibly_repeated and id = any (?)",
          db.createArrayOf("bigint", held.toArray()));
    }
    for (FaultySmtp.Delivery delivery : smtp.deliveries()) {
      copies.merge(delivery.messageId(), 1, Integer::sum);
    }
    long repeated = copies.entrySet().stream().filter(e -> e.getValue() > 1 && held.contains(outboxId(e.getKey())))
        .count();
    assertThat(repeated).as("mails the server took twice: at most the one being sent at the kill").isLessThanOrEqualTo(1);
    phase("mid-send kill: node-b held " + held.size() + " mails, node-a sent them; repeated at the server " + repeated);
    return new MidSendKill(sentByB, held, flagged, repeated);
  }

  // --- the stories' steps ---------------------------------------------------------------------------

  /** 200 ESTABLISH petitions over both nodes, each verified, approved and acknowledged. */
  private List<Mig> establish() throws Exception {
    List<Mig> migs = new ArrayList<>();
    List<Integer> indexes = new ArrayList<>();
    for (int i = 0; i < PER_STORY * Story.values().length; i++) {
      indexes.add(i);
    }
    Map<Integer, Mig> byIndex = new java.util.concurrent.ConcurrentHashMap<>();
    parallel(indexes, i -> {
      Story story = Story.values()[i % Story.values().length];
      String name = String.format(Locale.ROOT, "Cluster %s %s %03d", run, story.name().toLowerCase(Locale.ROOT)
          .replace('_', ' '), i);
      Reply reply = node(i).postJson("/api/petitions", "mps1", write(petition("ESTABLISH", name, null)));
      assertThat(reply.status()).as(reply.body()).isEqualTo(201);
      byIndex.put(i, new Mig(reply.json().path("migId").asText(), reply.json().path("petitionId").asText(), story));
    });
    indexes.forEach(i -> migs.add(byIndex.get(i)));
    assertThat(migs).extracting(Mig::id).allMatch(id -> id.startsWith("cluster-" + run));
    decidePetitions(migs.stream().map(Mig::petitionId).toList());
    return migs;
  }

  /** A re-petition for each MIG of the renewed story, verified and approved. */
  private void renew(List<Mig> migs) throws Exception {
    List<Mig> renewing = migs.stream().filter(m -> m.story() == Story.RENEWED_ONCE).toList();
    List<String> petitions = java.util.Collections.synchronizedList(new ArrayList<>());
    AtomicInteger n = new AtomicInteger();
    parallel(renewing, mig -> {
      Reply reply = node(n.getAndIncrement()).postJson("/api/petitions", "mps1",
          write(petition("RENEW", null, mig.id())));
      assertThat(reply.status()).as(reply.body()).isEqualTo(201);
      petitions.add(reply.json().path("petitionId").asText());
    });
    decidePetitions(petitions);
    Map<String, JsonNode> views = migViews();
    for (Mig mig : renewing) {
      assertThat(views.get(mig.id()).path("termEnd").asText()).as(mig.id()).isEqualTo((year + 6) + "-06-14");
    }
  }

  /** Works the petitions' tasks until none is open: verification, COO's decision, Conference Services. */
  private void decidePetitions(List<String> petitionIds) throws Exception {
    Map<String, Object> verified = Map.of("validSignatureCount", SIGNATURES, "verificationNotes", "All on the roster.");
    Map<String, Object> approved = Map.of("approved", true, "noOverlapConfirmed", true);
    Map<String, Object> acknowledged = Map.of("accommodationNotes", "A room for 40 at Annual.");
    for (int round = 0; round < 6; round++) {
      settle(round % 2 == 0 ? a : b);
      int done = completeTasks(petitionIds, "verifySignatures", verified)
          + completeTasks(petitionIds, "cooDecision", approved)
          + completeTasks(petitionIds, "acknowledgeNotification", acknowledged)
          + completeTasks(petitionIds, "designateStaffLiaison", Map.of("staffLiaisons", "Lee Liaison <" + STAFF_LIAISON + ">"));
      if (done == 0) {
        settle(a);
        return;
      }
    }
    throw new AssertionError("the petitions still have tasks after 6 rounds");
  }

  /**
   * Completes every open task {@code taskKey} of the given business keys through engine REST, as
   * the user whose job it is, alternating the nodes; returns how many.
   */
  private int completeTasks(Collection<String> businessKeys, String taskKey, Map<String, Object> outputs)
      throws Exception {
    String user = switch (taskKey) {
      case "verifySignatures" -> "mps1";
      case "acknowledgeNotification" -> "confsvc1";
      case "designateStaffLiaison" -> "exec1";
      default -> "chair";
    };
    settle(a);
    List<String> tasks = new ArrayList<>();
    List<String> keys = new ArrayList<>(businessKeys);
    for (int i = 0; i < keys.size(); i += 40) {
      String in = String.join(",", keys.subList(i, Math.min(keys.size(), i + 40)));
      ok(a.get("/engine-rest/task?taskDefinitionKey=" + taskKey + "&processInstanceBusinessKeyIn=" + enc(in)
          + "&maxResults=1000", user)).json().forEach(t -> tasks.add(t.path("id").asText()));
    }
    Map<String, Object> variables = new LinkedHashMap<>();
    outputs.forEach((key, value) -> variables.put(key, Map.of("value", value)));
    String body = write(Map.of("variables", variables));
    AtomicInteger n = new AtomicInteger();
    parallel(tasks, task -> {
      // a candidate may complete without claiming first
      Reply done = node(n.getAndIncrement()).postJson("/engine-rest/task/" + task + "/complete", user, body);
      assertThat(done.status()).as(done.body()).isEqualTo(204);
    });
    if (!tasks.isEmpty()) {
      settle(b);
    }
    return tasks.size();
  }

  private void submitReports(List<Mig> migs, int reportYear, Story... stories) throws Exception {
    List<Mig> reporting = migs.stream().filter(m -> List.of(stories).contains(m.story())).toList();
    AtomicInteger n = new AtomicInteger();
    parallel(reporting, mig -> {
      Reply reply = node(n.getAndIncrement()).postJson("/api/migs/" + mig.id() + "/annual-reports", "mps1",
          write(Map.of("year", reportYear, "activities", "Two programs at Annual and a webinar series.")));
      assertThat(reply.status()).as(reply.body()).isEqualTo(202);
      assertThat(reply.json().path("late").asBoolean()).isFalse();
    });
    settle(a);
  }

  private void request(List<Mig> migs, Story story, String kind, Map<String, Object> body) throws Exception {
    AtomicInteger n = new AtomicInteger();
    parallel(migs.stream().filter(m -> m.story() == story).toList(), mig -> {
      Reply reply = node(n.getAndIncrement()).postJson("/api/migs/" + mig.id() + "/" + kind, "mps1", write(body));
      assertThat(reply.status()).as(reply.body()).isEqualTo(202);
    });
  }

  private static List<String> businessKeys(List<Mig> migs, Story story) {
    return migs.stream().filter(m -> m.story() == story).map(Mig::id).toList();
  }

  /** The signers, in good standing for ten years from the start. */
  private void uploadRoster(LocalDate from) {
    Reply reply = a.post("/api/roster", "mps1", "text/csv", rosterOfSigners(from.plusYears(10)));
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
  }

  private Map<String, JsonNode> migViews() {
    Map<String, JsonNode> views = new HashMap<>();
    ok(a.get("/api/migs", "chair")).json().forEach(m -> views.put(m.path("id").asText(), m));
    return views;
  }

  // --- the shared clock ----------------------------------------------------------------------------

  /** Moves the clock on one node and settles on the other. */
  private void walk(HttpApi mover, Instant target, HttpApi settler) {
    setClock(mover, target);
    settle(settler);
  }

  private void setClock(HttpApi node, Instant target) {
    ok(node.postJson("/api/simulation/clock", "admin", "{\"setTo\": \"" + target + "\"}"));
    clockMoves++;
  }

  private void advance(HttpApi node, String period) {
    ok(node.postJson("/api/simulation/clock", "admin", "{\"advance\": \"" + period + "\"}"));
    clockMoves++;
  }

  private void settle(HttpApi node) {
    JsonNode settled = settleReply(node);
    assertThat(settled.path("settled").asBoolean()).as(settled.toString()).isTrue();
  }

  private static JsonNode settleReply(HttpApi node) {
    return ok(node.postJson("/api/simulation/settle", "admin", "")).json();
  }

  private static Instant clock(HttpApi node) {
    return Instant.parse(ok(node.get("/api/simulation/clock", "admin")).json().path("now").asText());
  }

  private static void awaitClockAtLeast(HttpApi node, Instant moment) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (clock(node).isBefore(moment)) {
      assertThat(System.nanoTime()).as("the other node follows the shared clock").isLessThan(deadline);
      Thread.sleep(100);
    }
  }

  private int y(int n) {
    return year + n;
  }

  private static Instant at(int year, Month month, int day, int hour) {
    return LocalDate.of(year, month, day).atTime(hour, hour == 0 ? 30 : 0).atZone(CHICAGO).toInstant();
  }

  private static Instant tenAm(LocalDate date) {
    return date.atTime(10, 0).atZone(CHICAGO).toInstant();
  }

  // --- the nodes -----------------------------------------------------------------------------------

  /** The nodes in turn; only node-a while node-b is down. */
  private HttpApi node(int i) {
    return i % 2 == 0 || !nodeBUp ? a : b;
  }

  private Process start(String jar, String name, String logName) throws IOException {
    int port = LocalProcesses.freePort();
    ports.put(name, port);
    List<String> command = List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m", "-XX:+UseSerialGC",
        // C1 only: half the start-up CPU on a small machine; these runs are short
        "-XX:TieredStopAtLevel=1",
        "-Duser.timezone=UTC", "-jar", jar,
        "--spring.profiles.active=demo,postgres,simulation",
        "--server.port=" + port,
        "--mig.node-name=" + name,
        // the job log (history level full) records each job run and the node that ran it
        "--camunda.bpm.history-level=full",
        "--spring.mail.host=127.0.0.1",
        "--spring.mail.port=" + smtpPort,
        "--mig.mail.dispatcher.poll-interval=1s",
        // a node killed while it sends gives its mails back within 20 s (renewed every 6 s while alive)
        "--mig.mail.dispatcher.lease=20s",
        // batches of 10: both nodes take part in sending a backlog, batch after batch
        "--mig.mail.dispatcher.batch-size=10");
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(logs.resolve(logName).toFile());
    builder.environment().put("MIG_DB_URL", PG + DATABASE);
    Process process = builder.start();
    processes.add(process);
    if (name.equals("node-a")) {
      a = new HttpApi(port);
    } else {
      b = new HttpApi(port);
    }
    return process;
  }

  private void awaitUp(HttpApi http, Process process, String logName) throws Exception {
    long deadline = System.nanoTime() + START_LIMIT.toNanos();
    while (System.nanoTime() < deadline) {
      assertThat(process.isAlive()).as("%s exited early:%n%s", logName, logTail(logName)).isTrue();
      try {
        if (http.get("/actuator/health", null).status() == 200
            && http.get("/api/simulation/clock", "admin").status() == 200) {
          return;
        }
      } catch (RuntimeException notYet) {
        // not listening yet
      }
      Thread.sleep(500);
    }
    throw new AssertionError(logName + " did not come up in " + START_LIMIT.toSeconds() + " s:\n" + logTail(logName));
  }

  private String logTail(String logName) {
    return LocalProcesses.logTail(logs.resolve(logName));
  }

  // --- mail --------------------------------------------------------------------------------------

  /** A server on the test's SMTP port (the same after an outage), answering at once until told otherwise. */
  private void startSmtp() throws IOException {
    smtp = new FaultySmtp(smtpPort);
  }

  /** The server goes down; what it took so far is kept for the final count. */
  private void stopSmtp() throws IOException {
    smtp.close();
    earlierDeliveries.addAll(smtp.deliveries());
  }

  /** An outbox row as the end of the run sees it; recipients in lower case, to and cc together. */
  record Outboxed(long id, String template, String migId, Set<String> recipients, String status,
      boolean possiblyRepeated, String key) {}

  /** Every outbox row by id. */
  private Map<Long, Outboxed> outbox() throws SQLException {
    Map<Long, Outboxed> rows = new TreeMap<>();
    try (Connection db = database()) {
      query(db, "select id, template, mig_id, to_addresses, cc_addresses, status, possibly_repeated, idempotency_key"
          + " from mail_outbox", rs -> {
            Set<String> to = new TreeSet<>();
            for (String list : List.of(rs.getString(4), rs.getString(5))) {
              for (String address : list.split(",")) {
                if (!address.isBlank()) {
                  to.add(address.strip().toLowerCase(Locale.ROOT));
                }
              }
            }
            rows.put(rs.getLong(1), new Outboxed(rs.getLong(1), rs.getString(2), rs.getString(3), to, rs.getString(6),
                rs.getBoolean(7), rs.getString(8)));
          });
    }
    return rows;
  }

  /** The outbox row of a Message-ID {@code <outbox-{id}.{hash}@{domain}>}, or -1. */
  private static long outboxId(String messageId) {
    Matcher m = OUTBOX_ID.matcher(messageId == null ? "" : messageId);
    return m.find() ? Long.parseLong(m.group(1)) : -1;
  }

  private static Set<String> recipients(List<String> organizers, String... offices) {
    Set<String> all = new TreeSet<>(organizers);
    all.addAll(List.of(offices));
    return all;
  }

  private void awaitOutboxSent() throws Exception {
    long deadline = System.nanoTime() + MAIL_LIMIT.toNanos();
    try (Connection db = database()) {
      while (single(db, "select count(*) from mail_outbox where status <> 'SENT'") > 0) {
        assertThat(System.nanoTime()).as("every outbox row sent").isLessThan(deadline);
        Thread.sleep(250);
      }
    }
  }

  // --- the database ---------------------------------------------------------------------------------

  private static Connection connect(String database) throws SQLException {
    return DriverManager.getConnection(PG + database, "mig", "mig");
  }

  private static Connection database() throws SQLException {
    return connect(DATABASE);
  }

  private static void createDatabase() throws SQLException {
    try (Connection c = connect("postgres"); Statement s = c.createStatement()) {
      s.execute("drop database if exists " + DATABASE + " with (force)");
      s.execute("create database " + DATABASE);
    }
  }

  private static void dropDatabase() {
    try (Connection c = connect("postgres"); Statement s = c.createStatement()) {
      s.execute("drop database if exists " + DATABASE + " with (force)");
    } catch (SQLException e) {
      System.err.println("ClusterIT: could not drop " + DATABASE + ": " + e);
    }
  }

  interface Row {
    void read(ResultSet rs) throws SQLException;
  }

  private static void query(Connection db, String sql, Row row, Object... args) throws SQLException {
    try (PreparedStatement statement = db.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        statement.setObject(i + 1, args[i]);
      }
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          row.read(rs);
        }
      }
    }
  }

  private static long single(Connection db, String sql, Object... args) throws SQLException {
    long[] value = new long[1];
    query(db, sql, rs -> value[0] = rs.getLong(1), args);
    return value[0];
  }

  // --- plumbing -------------------------------------------------------------------------------------

  interface Step<T> {
    void run(T item) throws Exception;
  }

  /** Runs the step for every item on four threads (the nodes serve requests in parallel). */
  private static <T> void parallel(List<T> items, Step<T> step) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (T item : items) {
        futures.add(pool.submit(() -> {
          step.run(item);
          return null;
        }));
      }
      for (Future<?> f : futures) {
        try {
          f.get();
        } catch (java.util.concurrent.ExecutionException e) {
          if (e.getCause() instanceof Error error) {
            throw error;
          }
          throw (Exception) e.getCause();
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static long count(HttpApi node, String path) {
    return ok(node.get(path, "admin")).json().path("count").asLong();
  }

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
