package org.ala.mig.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.springframework.util.FileSystemUtils;

/**
 * B4, start-up. Three starts of each, on an empty database unless said otherwise:
 * <ul>
 *   <li>the demo ({@code java -jar}, no JVM options; demo profile with its users, MIGs and years of
 *       history) on H2 (a fresh file database) and, when {@code MIG_DB_URL} is set, on PostgreSQL;
 *   <li>the same through {@code scripts/fast-start} (the jar extracted and a class data sharing
 *       archive trained once; the preparation is timed on its own);
 *   <li>on PostgreSQL, <b>the production command</b> of the README, {@code scripts/fast-start
 *       --spring.profiles.active=prod,postgres}, which is also how the image starts (the same
 *       extracted layout and archive): its first start on an empty database, and restarts on the
 *       database it made, as every later deployment starts.
 * </ul>
 * Reported: the median time from the process's start until it is ready ({@code /actuator/health}
 * answers 200, or for production the readiness probe {@code /actuator/health/readiness}, what
 * the image's {@code HEALTHCHECK} and an orchestrator wait for), and the median resident memory
 * (VmRSS) two seconds after that. Targets: the demo ready in at most 10 s and 600 MiB; the
 * production command in at most 5 s and 400 MiB.
 */
final class StartupBenchmark {

  static final double TARGET_SECONDS = 10;
  static final double TARGET_MIB = 600;
  static final double PRODUCTION_TARGET_SECONDS = 5;
  static final double PRODUCTION_TARGET_MIB = 400;
  /** A strong password for the production starts' admin (the prod profile refuses weak ones). */
  private static final String ADMIN_PASSWORD = "bench-" + java.util.UUID.randomUUID();
  private static final Duration LIMIT = Duration.ofMinutes(3);

  /** One start: time to ready and resident memory. */
  record Start(double seconds, double rssMiB) {}

  /** What is started: its arguments, environment, whether through fast start, and what "ready" is. */
  record Launch(List<String> args, Map<String, String> environment, boolean fast, String readyPath) {}

  private final BenchOptions options;
  private final BenchDatabase db;
  private final Results results;

  StartupBenchmark(BenchOptions options, BenchDatabase db, Results results) {
    this.options = options;
    this.db = db;
    this.results = results;
  }

  void run() throws Exception {
    if (options.jar() == null || !Files.isRegularFile(options.jar())) {
      throw new IllegalStateException("B4 needs the packaged jar (-Dmig.jar=target/mig-lifecycle-*.jar; "
          + "./mvnw -Pbench verify sets it): " + options.jar());
    }
    Map<String, Object> details = results.details("B4");
    details.put("jar", options.jar().toString());
    measure("H2", details, false, false);
    prepareFastStart(details);
    measure("H2, fast start", details, false, true);
    if (db.postgres()) {
      measure("PostgreSQL", details, true, false);
      measure("PostgreSQL, fast start", details, true, true);
      production(details);
    } else {
      details.put("PostgreSQL", "not measured: MIG_DB_URL is not set");
    }
  }

  /** {@code scripts/fast-start}, run the way an operator runs it, on this run's jar. */
  private List<String> fastStart(String... args) {
    Path script = Path.of("scripts", "fast-start").toAbsolutePath();
    if (!Files.isRegularFile(script)) {
      throw new IllegalStateException("B4 needs " + script + " (run the benchmark from the project's folder)");
    }
    List<String> command = new ArrayList<>(List.of("bash", script.toString()));
    command.addAll(List.of(args));
    return command;
  }

  private void fastStartEnvironment(ProcessBuilder builder) {
    builder.environment().put("MIG_JAR", options.jar().toString());
    builder.environment().put("MIG_FAST_START_DIR", options.out().resolve("fast-start").toString());
    builder.environment().put("JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
  }

  /** Extracts the jar and trains its class data archive, once, and reports how long that took. */
  private void prepareFastStart(Map<String, Object> details) throws Exception {
    FileSystemUtils.deleteRecursively(options.out().resolve("fast-start"));
    Path log = options.out().resolve("logs").resolve("b4-fast-start-prepare.log");
    Files.createDirectories(log.getParent());
    ProcessBuilder builder = new ProcessBuilder(fastStart("--prepare")).redirectErrorStream(true)
        .redirectOutput(log.toFile());
    fastStartEnvironment(builder);
    long started = System.nanoTime();
    Process prepare = builder.start();
    if (!prepare.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS) || prepare.exitValue() != 0) {
      prepare.destroyForcibly();
      throw new IllegalStateException("scripts/fast-start --prepare failed; see " + log);
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    details.put("fastStartPrepareSeconds", seconds);
    results.figure("B4", "fast start: extract and train, once per jar", seconds, "s", "scripts/fast-start --prepare");
  }

  private void measure(String label, Map<String, Object> details, boolean postgres, boolean fast) throws Exception {
    List<Start> starts = new ArrayList<>();
    for (int i = 0; i < options.starts(); i++) {
      Start s = start(label.replace(", fast start", "-fast") + "-" + i, demo(postgres, fast));
      System.out.printf("B4 %s start %d: ready in %.1f s, %.0f MiB resident%n", label, i + 1, s.seconds(), s.rssMiB());
      starts.add(s);
    }
    report(label, details, starts, "median of " + starts.size() + ", empty database", TARGET_SECONDS, TARGET_MIB);
  }

  /**
   * The production command on PostgreSQL: a first start on an empty database, then restarts on
   * the database it made (the schema is there, as at every later deployment).
   */
  private void production(Map<String, Object> details) throws Exception {
    List<Start> first = new ArrayList<>();
    List<Start> restarts = new ArrayList<>();
    for (int i = 0; i < options.starts(); i++) {
      BenchDatabase.Target target = db.fresh("b4-prod");
      Start s = start("prod-first-" + i, production(target));
      System.out.printf("B4 production command, first start %d: ready in %.1f s, %.0f MiB resident%n", i + 1,
          s.seconds(), s.rssMiB());
      first.add(s);
      if (i == 0) {
        for (int r = 0; r < options.starts(); r++) {
          Start again = start("prod-restart-" + r, production(target));
          System.out.printf("B4 production command, restart %d: ready in %.1f s, %.0f MiB resident%n", r + 1,
              again.seconds(), again.rssMiB());
          restarts.add(again);
        }
      }
    }
    String command = "scripts/fast-start --spring.profiles.active=prod,postgres (as the image)";
    report("production command, PostgreSQL, restart", details, restarts,
        "median of " + restarts.size() + ", " + command + ", readiness probe", PRODUCTION_TARGET_SECONDS,
        PRODUCTION_TARGET_MIB);
    report("production command, PostgreSQL, first start", details, first,
        "median of " + first.size() + ", empty database, readiness probe", PRODUCTION_TARGET_SECONDS,
        PRODUCTION_TARGET_MIB);
  }

  private void report(String label, Map<String, Object> details, List<Start> starts, String note, double seconds,
      double mib) {
    double medianSeconds = median(starts.stream().mapToDouble(Start::seconds).toArray());
    double medianMib = median(starts.stream().mapToDouble(Start::rssMiB).toArray());
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("starts", starts);
    d.put("medianSeconds", medianSeconds);
    d.put("medianRssMiB", medianMib);
    details.put(label, d);
    results.target("B4", "time to ready, " + label, medianSeconds, "s", "<= " + (int) seconds + " s",
        medianSeconds <= seconds, note);
    results.target("B4", "resident memory, " + label, medianMib, "MiB", "<= " + (int) mib + " MiB",
        medianMib <= mib, "VmRSS 2 s after ready");
  }

  /** The demo profile on a fresh database: H2 in a new folder, or a fresh PostgreSQL database. */
  private Launch demo(boolean postgres, boolean fast) throws Exception {
    List<String> args = new ArrayList<>();
    args.add("--mig.mail.embedded.port=" + freePort());
    if (postgres) {
      BenchDatabase.Target target = db.fresh("b4");
      args.add("--spring.profiles.active=demo,postgres");
      args.add("--spring.datasource.url=" + target.url());
      args.add("--spring.datasource.username=" + target.user());
      args.add("--spring.datasource.password=" + target.password());
    } else {
      Path dir = Files.createTempDirectory("mig-bench-b4");
      args.add("--spring.profiles.active=demo");
      args.add("--spring.datasource.url=jdbc:h2:file:" + dir.resolve("mig") + ";DB_CLOSE_ON_EXIT=FALSE");
    }
    return new Launch(args, Map.of(), fast, "/actuator/health");
  }

  /**
   * The README's production command, configured by its environment as an operator does: the
   * database, the admin's password and an SMTP host (nothing listens there; a fresh production
   * database has no mail to send, and readiness does not depend on mail).
   */
  private Launch production(BenchDatabase.Target target) throws IOException {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("MIG_DB_URL", target.url());
    env.put("MIG_DB_USER", target.user());
    env.put("MIG_DB_PASSWORD", target.password());
    env.put("MIG_ADMIN_PASSWORD", ADMIN_PASSWORD);
    env.put("SPRING_MAIL_HOST", "127.0.0.1");
    env.put("SPRING_MAIL_PORT", Integer.toString(freePort()));
    return new Launch(List.of("--spring.profiles.active=prod,postgres"), env, true, "/actuator/health/readiness");
  }

  private Start start(String name, Launch launch) throws Exception {
    int port = freePort();
    Path logs = options.out().resolve("logs");
    Files.createDirectories(logs);
    List<String> command = launch.fast() ? fastStart()
        : new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
            options.jar().toString()));
    command.add("--server.port=" + port);
    command.addAll(launch.args());
    Path log = logs.resolve("b4-" + name + ".log");
    long started = System.nanoTime();
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    if (launch.fast()) {
      fastStartEnvironment(builder);
    }
    builder.environment().putAll(launch.environment());
    Process app = builder.start();
    try {
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
      HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + launch.readyPath()))
          .timeout(Duration.ofSeconds(5)).build();
      long deadline = started + LIMIT.toNanos();
      while (true) {
        if (!app.isAlive()) {
          throw new IllegalStateException("the jar exited (" + app.exitValue() + "); see " + log);
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("not ready after " + LIMIT + "; see " + log);
        }
        try {
          HttpResponse<String> r = http.send(health, HttpResponse.BodyHandlers.ofString());
          // 200: UP, or DEGRADED while demo mail waits (DOWN and OUT_OF_SERVICE answer 503)
          if (r.statusCode() == 200) {
            break;
          }
        } catch (IOException notYet) {
          // not listening yet
        }
        Thread.sleep(100);
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      Thread.sleep(2000);
      return new Start(seconds, rssMiB(app.pid()));
    } finally {
      app.destroy();
      if (!app.waitFor(30, TimeUnit.SECONDS)) {
        app.destroyForcibly();
        app.waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  static double rssMiB(long pid) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
      }
    }
    throw new IllegalStateException("no VmRSS for process " + pid);
  }

  static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
