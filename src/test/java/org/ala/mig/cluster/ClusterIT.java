package org.ala.mig.cluster;

import static org.ala.mig.support.StoryInputs.SIGNATURES;
import static org.ala.mig.support.StoryInputs.petition;
import static org.ala.mig.support.StoryInputs.rosterOfSigners;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.ala.mig.support.HttpApi.Reply;
import org.ala.mig.support.HttpApi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Two nodes, one PostgreSQL database: two application processes ({@code java -jar}, profiles
 * demo, postgres and simulation) run 200 MIG lifecycles whose timers all fall due at the same
 * moments, on a simulated clock that either node moves (the clock is shared through the
 * database). In the middle node B is killed (SIGKILL) right after a move that made some 400 jobs
 * due, node A takes over the jobs B held once their lock runs out, and B comes back; in another
 * stretch the SMTP server is down, the backlog shows in the outbox and the health endpoint, and
 * it drains once the server is back. At the end every MIG is in the status its story implies,
 * every timer ran once, every mail was delivered once to each recipient, and nothing failed.
 *
 * <p>Runs after {@code package} with {@code -Ppostgres} (PostgreSQL on 127.0.0.1:5432, role mig
 * with CREATEDB, see .ci/run); creates and drops its own database {@value #DATABASE}.
 */
@Tag("postgres")
class ClusterIT {

  static final String DATABASE = "mig_cluster";
  static final String PG = "jdbc:postgresql://127.0.0.1:5432/";
  static final ZoneId CHICAGO = ZoneId.of("America/Chicago");
  static final int PER_STORY = 50;
  static final ObjectMapper JSON = new ObjectMapper();
  static final Duration START_LIMIT = Duration.ofSeconds(180);
  static final Duration MAIL_LIMIT = Duration.ofSeconds(90);

  /**
   * What happens to a MIG, and what that implies. Every MIG starts on June 15 of year y; its
   * first report is due August 1, y+1; each report opens the day after the previous one is due.
   * A report submitted as soon as it opens has no timer; one left overdue has three (30 and 7
   * days before, the day after), and its follow-up task is left open, so no more.
   */
  enum Story {
    /** Reports y+1 submitted, y+2 overdue; no re-petition: disbanded after June 14, y+3. */
    NOT_RENEWED("DISBANDED", "NOT_RENEWED",
        // lifecycle: next report opens Aug 2 y+1 and y+2, renewal reminders 90 and 30, term end
        5 + 3),
    /** Reports y+1, y+2, y+4 submitted, y+3 and y+5 overdue; renewed April 1, y+3; then not. */
    RENEWED_ONCE("DISBANDED", "NOT_RENEWED",
        // term 1: next report opens x2, reminder 90 (the renewal comes before the 30-day one);
        // term 2: next report opens Aug 2 y+3, y+4, y+5, reminders 90 and 30, term end
        2 + 1 + 3 + 3 + 3 + 3),
    /** Report y+1 overdue; asks to be disbanded October 1, y+1, and COO confirms. */
    DISBANDED_ON_REQUEST("DISBANDED", "REQUESTED", 1 + 3),
    /** Report y+1 submitted; transitioned January 15, y+2. */
    TRANSITIONED("TRANSITIONED", null, 1);

    final String status;
    final String disbandReason;
    final int timers;

    Story(String status, String disbandReason, int timers) {
      this.status = status;
      this.disbandReason = disbandReason;
      this.timers = timers;
    }
  }

  record Mig(String id, String petitionId, Story story) {}

  final String run = UUID.randomUUID().toString().substring(0, 6);
  final Path logs = Path.of("target", "cluster-it");
  final int smtpPort = freePort();
  final List<Process> processes = new ArrayList<>();
  final Map<String, Integer> ports = new HashMap<>();
  /** (recipient, outbox key) of every delivery, over every SMTP server the test ran. */
  final List<String> deliveries = new ArrayList<>();
  GreenMail smtp;
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
      smtp.stop();
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

    // rolling start: the first node alone creates the schemas on the empty database
    Process nodeA = start(jar, "node-a", "node-a.log");
    awaitUp(a, nodeA, "node-a.log");
    nodeB = start(jar, "node-b", "node-b.log");
    awaitUp(b, nodeB, "node-b.log");
    nodeBUp = true;
    long upAt = System.nanoTime();
    phase("both nodes up");

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

    // every outbox row sent; every key delivered once to each of its recipients
    awaitOutboxSent();
    collectDeliveries();
    Map<String, Integer> perRecipient = new HashMap<>();
    Set<String> keys = new HashSet<>();
    for (String delivery : deliveries) {
      perRecipient.merge(delivery, 1, Integer::sum);
      keys.add(delivery.substring(delivery.indexOf(' ') + 1));
    }
    List<String> duplicates = perRecipient.entrySet().stream().filter(e -> e.getValue() > 1)
        .map(Map.Entry::getKey).toList();
    assertThat(duplicates).as("deliveries of one outbox key to one recipient more than once").isEmpty();
    long outboxRows;
    long outboxSent;
    try (Connection db = database()) {
      outboxRows = single(db, "select count(*) from mail_outbox");
      outboxSent = single(db, "select count(*) from mail_outbox where status = 'SENT'");
    }
    assertThat(outboxSent).as("outbox rows SENT").isEqualTo(outboxRows);
    assertThat((long) keys.size()).as("outbox keys received").isEqualTo(outboxRows);

    double seconds = (System.nanoTime() - started) / 1e9;
    System.out.printf(Locale.ROOT,
        "ClusterIT summary: 2 nodes, %d lifecycles (%d per story, %d years simulated, %d clock moves), "
            + "%d timers fired (expected %d, each once), %d mails (%d outbox rows, %d deliveries), duplicates %d, "
            + "jobs run: node-a %d, node-b %d (%d after its restart), failed job runs %d, incidents 0; "
            + "crash: node-b held %d locked jobs, taken over by node-a; outage: %d mails queued and drained; "
            + "%.0f s in all (%.0f s after both nodes were up)%n",
        migs.size(), PER_STORY, 6, clockMoves, timers, expectedTimers, keys.size(), outboxRows, deliveries.size(),
        duplicates.size(), jobsByNode.getOrDefault("node-a", 0), jobsByNode.getOrDefault("node-b", 0),
        afterRestart, failedJobRuns, crash.lockedByB(), outage.queued(), seconds,
        (System.nanoTime() - upAt) / 1e9);
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

  record Outage(long queued) {}

  /**
   * Stops the SMTP server, moves the clock to {@code moment} (100 renewal reminders fall due),
   * then 20 minutes on: the outbox lists the mails waiting and the health endpoint is DEGRADED
   * with their count; a new server on the same port, a few minutes more, and the backlog drains.
   */
  private Outage smtpOutageAt(Instant moment) throws Exception {
    awaitOutboxSent();
    collectDeliveries();
    smtp.stop();
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
    advance(a, "PT5M");
    settle(b);
    awaitOutboxSent();
    JsonNode recovered = ok(a.get("/actuator/health", "admin")).json().path("components").path("mailOutbox");
    assertThat(recovered.path("status").asText()).as(recovered.toString()).isEqualTo("UP");
    assertThat(recovered.path("details").path("waiting").asLong()).isZero();
    return new Outage(queued);
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
          + completeTasks(petitionIds, "acknowledgeNotification", acknowledged);
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
    int port = freePort();
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
        "--mig.mail.dispatcher.poll-interval=1s");
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
    try {
      List<String> lines = Files.readAllLines(logs.resolve(logName));
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  // --- mail --------------------------------------------------------------------------------------

  private void startSmtp() {
    smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
        .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
    smtp.start();
  }

  /**
   * Every delivery so far, as "recipient key", mailbox by mailbox (a copy per recipient). Called
   * when the outbox is empty, so that no mail arrives meanwhile.
   */
  private void collectDeliveries() throws Exception {
    for (GreenMailUser user : List.copyOf(smtp.getUserManager().listUser())) {
      for (StoredMessage stored : List.copyOf(smtp.getManagers().getImapHostManager().getInbox(user).getMessages())) {
        MimeMessage message = stored.getMimeMessage();
        deliveries.add(user.getEmail() + " " + message.getHeader("X-MIG-Outbox-Key", null));
      }
    }
    smtp.reset();
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

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
