package org.ala.mig.bench;

import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.management.Metrics;
import org.camunda.bpm.engine.task.Task;

/**
 * What the application story and the baseline share: N lifecycles driven in lock-step with the
 * engine clock (every lifecycle's timers fall due at the same moments, so the job executor gets
 * N jobs at each step), users standing in by a few driver threads, and the figures of the run:
 * wall time, lifecycles/s, jobs/s and commits per lifecycle.
 */
abstract class StoryRun {

  static final ZoneId CHICAGO = ZoneId.of("America/Chicago");
  static final List<String> MPS = List.of("member-programs");
  static final List<String> CHAIR = List.of("coo", "coo-chair");
  static final List<String> CONFERENCE_SERVICES = List.of("conference-services");
  static final List<String> EXECUTIVE_OFFICE = List.of("executive-office");

  /** What one run measured. */
  record Figures(String name, int lifecycles, double seconds, double cpuSeconds, long jobs, long commits,
      long statements, int clockSteps, long settleMillis, Map<String, Object> jobExecutor, Map<String, Long> history,
      Map<String, Double> phases, List<Map<String, Object>> sqlProfile) {

    double lifecyclesPerSecond() {
      return lifecycles / seconds;
    }

    double jobsPerSecond() {
      return jobs / seconds;
    }

    double commitsPerLifecycle() {
      return (double) commits / lifecycles;
    }

    /** CPU time of this JVM (the application, the harness's users and, on H2, the database) per lifecycle. */
    double cpuMillisPerLifecycle() {
      return cpuSeconds * 1000 / lifecycles;
    }

    Map<String, Object> asMap() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("lifecycles", lifecycles);
      m.put("seconds", seconds);
      m.put("lifecyclesPerSecond", lifecyclesPerSecond());
      m.put("jobs", jobs);
      m.put("jobsPerSecond", jobsPerSecond());
      m.put("commits", commits);
      m.put("commitsPerLifecycle", commitsPerLifecycle());
      m.put("statements", statements);
      m.put("statementsPerLifecycle", (double) statements / lifecycles);
      m.put("jvmCpuSeconds", cpuSeconds);
      m.put("jvmCpuMillisPerLifecycle", cpuMillisPerLifecycle());
      m.put("clockSteps", clockSteps);
      m.put("secondsWaitingForJobs", settleMillis / 1000.0);
      m.put("jobExecutor", jobExecutor);
      m.put("historyPerLifecycle", perLifecycle(history, lifecycles));
      m.put("phaseSeconds", phases);
      if (!sqlProfile.isEmpty()) {
        m.put("sqlProfile", sqlProfile);
      }
      return m;
    }

    private static Map<String, Double> perLifecycle(Map<String, Long> counts, int n) {
      Map<String, Double> m = new LinkedHashMap<>();
      counts.forEach((key, value) -> m.put(key, (double) value / n));
      return m;
    }
  }

  protected final BenchApp app;
  protected final BenchDatabase db;
  protected final EngineWatch watch;
  protected final int lifecycles;
  protected final TaskService tasks;
  protected final IdentityService identity;
  private final ExecutorService users;
  private final Connection statistics;
  private final Map<String, Double> phases = new LinkedHashMap<>();
  private int clockSteps;
  private long phaseStart;

  StoryRun(BenchApp app, BenchDatabase db, BenchDatabase.Target target, int lifecycles, int driverThreads)
      throws SQLException {
    this.app = app;
    this.db = db;
    this.watch = new EngineWatch(db.connect(target));
    this.statistics = db.postgres() ? db.connect(target) : null;
    this.lifecycles = lifecycles;
    this.tasks = app.engine.getTaskService();
    this.identity = app.engine.getIdentityService();
    this.users = Executors.newFixedThreadPool(driverThreads, r -> {
      Thread t = new Thread(r, "bench-user");
      t.setDaemon(true);
      return t;
    });
  }

  /** Sets up what the story needs before the stopwatch starts (the roster, ...). */
  abstract void prepare() throws Exception;

  /** The story of every lifecycle, from the first step to the last process instance's end. */
  abstract void story() throws Exception;

  /** Checks that every lifecycle ended as the story says; throws otherwise. */
  abstract void check() throws Exception;

  Figures run() throws Exception {
    prepare();
    settle();
    long jobsBefore = jobsSucceeded();
    long commitsBefore = commits();
    long watchBefore = watch.statements();
    int stepsBefore = clockSteps;
    long settleBefore = watch.settleMillis();
    long statementsBefore = app.counter.statements();
    app.counter.resetProfile();
    long cpuBefore = cpuNanos();
    long started = System.nanoTime();
    phaseStart = started;

    story();
    watch.awaitMailSent();

    double seconds = (System.nanoTime() - started) / 1e9;
    double cpuSeconds = (cpuNanos() - cpuBefore) / 1e9;
    long statements = app.counter.statements() - statementsBefore;
    List<Map<String, Object>> profile = app.counter.profiling()
        ? app.counter.top(30).stream().map(CountingDataSource::asMap).toList() : List.of();
    long jobs = jobsSucceeded() - jobsBefore;
    long commits = commits() - commitsBefore - (db.postgres() ? watch.statements() - watchBefore : 0);
    check();
    return new Figures(app.name, lifecycles, seconds, cpuSeconds, jobs, commits, statements, clockSteps - stepsBefore,
        watch.settleMillis() - settleBefore, app.jobExecutorSettings(), watch.historyCounts(), phases, profile);
  }

  /** Notes the time since the last phase ended under {@code name}. */
  protected void phase(String name) {
    long now = System.nanoTime();
    phases.merge(name, (now - phaseStart) / 1e9, Double::sum);
    phaseStart = now;
  }

  // --- the clock ---------------------------------------------------------------------------------

  protected static Instant tenAm(LocalDate date) {
    return date.atTime(10, 0).atZone(CHICAGO).toInstant();
  }

  protected void clockAt(Instant instant) {
    ClockUtil.setCurrentTime(Date.from(instant));
    clockSteps++;
  }

  protected Instant now() {
    return ClockUtil.getCurrentTime().toInstant();
  }

  protected void settle() throws SQLException, InterruptedException {
    watch.settle(app.jobExecutor());
  }

  /** Fires every timer due up to {@code target}, one due moment at a time, then stops the clock there. */
  protected void walkTo(Instant target) throws SQLException, InterruptedException {
    if (target.isBefore(now())) {
      throw new IllegalStateException("the story goes back in time to " + target);
    }
    Instant next = watch.nextTimer();
    while (next != null && !next.isAfter(target)) {
      clockAt(next);
      settle();
      next = watch.nextTimer();
    }
    clockAt(target);
    settle();
  }

  /** Fires the timers one due moment after another until no process instance runs any more. */
  protected void runToTheEnd() throws SQLException, InterruptedException {
    while (watch.runningProcessInstances() > 0) {
      Instant next = watch.nextTimer();
      if (next == null) {
        throw new IllegalStateException(watch.runningProcessInstances()
            + " process instances still run, and no timer is left to move the clock to");
      }
      clockAt(next);
      settle();
    }
  }

  // --- the users -----------------------------------------------------------------------------------

  /** Runs {@code step} for every item on the driver threads, as concurrent users would. */
  protected <T> void forEach(List<T> items, Consumer<T> step) throws InterruptedException, ExecutionException {
    List<Future<Object>> futures = new ArrayList<>();
    for (T item : items) {
      Callable<Object> call = () -> {
        step.accept(item);
        return null;
      };
      futures.add(users.submit(call));
    }
    for (Future<Object> f : futures) {
      f.get();
    }
  }

  /** Runs {@code work} with the engine authentication of {@code user} in {@code groups}, as the REST API does. */
  protected <T> T as(String user, List<String> groups, Callable<T> work) {
    identity.setAuthentication(user, groups);
    try {
      return work.call();
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    } finally {
      identity.clearAuthentication();
    }
  }

  /** The user finds the task, claims it and completes it with {@code outputs}, as in Tasklist. */
  protected void claimAndComplete(String user, List<String> groups, Supplier<Task> find, Map<String, Object> outputs) {
    as(user, groups, () -> {
      Task task = find.get();
      if (task == null) {
        throw new IllegalStateException("no task for " + user);
      }
      tasks.claim(task.getId(), user);
      tasks.complete(task.getId(), outputs);
      return null;
    });
  }

  // --- counters ----------------------------------------------------------------------------------

  private long jobsSucceeded() {
    var management = app.engine.getManagementService();
    management.reportDbMetricsNow();
    return management.createMetricsQuery().name(Metrics.JOB_SUCCESSFUL).sum();
  }

  private static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  private long commits() throws SQLException, InterruptedException {
    if (!db.postgres()) {
      return app.counter.commits();
    }
    // the server's statistics lag up to a second behind the backends
    Thread.sleep(1500);
    return db.committedTransactions(statistics);
  }

  void close() throws SQLException {
    users.shutdownNow();
    watch.close();
    if (statistics != null) {
      statistics.close();
    }
  }

  /** MPS confirms each petition's signatures, then the COO chair approves it. */
  protected <T> void verifyAndDecide(List<T> stories, Function<T, String> petition) throws Exception {
    forEach(stories, s -> claimAndComplete("mps1", MPS, () -> task(petition.apply(s), "verifySignatures"),
        Map.of("validSignatureCount", AppStory.SIGNATURES, "verificationNotes", "All on the roster.")));
    settle();
    forEach(stories, s -> claimAndComplete("chair", CHAIR, () -> task(petition.apply(s), "cooDecision"),
        Map.of("approved", true, "noOverlapConfirmed", true)));
    settle();
  }

  /** Conference Services acknowledges each approved petition. */
  protected <T> void acknowledge(List<T> stories, Function<T, String> petition) throws Exception {
    forEach(stories, s -> claimAndComplete("confsvc1", CONFERENCE_SERVICES,
        () -> task(petition.apply(s), "acknowledgeNotification"),
        Map.of("accommodationNotes", "A room for 40 at Annual; no special needs.")));
    settle();
  }

  /** The open task {@code key} of a process instance. */
  protected Task task(String processInstance, String key) {
    return tasks.createTaskQuery().processInstanceId(processInstance).taskDefinitionKey(key).singleResult();
  }
}
