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
 * B4, start-up: the packaged jar ({@code java -jar}, no JVM options) on an empty database, the
 * demo profile, started three times on H2 (a fresh file database) and, when {@code MIG_DB_URL}
 * is set, three times on PostgreSQL: the median time from the process's start until
 * {@code /actuator/health} answers 200 (UP), and the median resident memory (VmRSS)
 * two seconds after that. Then the same through {@code scripts/fast-start} (the jar extracted,
 * and a class data sharing archive trained once; the preparation is timed on its own). Targets:
 * ready in at most 10 s, at most 600 MB resident.
 */
final class StartupBenchmark {

  static final double TARGET_SECONDS = 10;
  static final double TARGET_MIB = 600;
  private static final Duration LIMIT = Duration.ofMinutes(3);

  /** One start: time to ready and resident memory. */
  record Start(double seconds, double rssMiB) {}

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
      Start s = start(label.replace(", fast start", "-fast") + "-" + i, postgres, fast);
      System.out.printf("B4 %s start %d: ready in %.1f s, %.0f MiB resident%n", label, i + 1, s.seconds(), s.rssMiB());
      starts.add(s);
    }
    double seconds = median(starts.stream().mapToDouble(Start::seconds).toArray());
    double mib = median(starts.stream().mapToDouble(Start::rssMiB).toArray());
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("starts", starts);
    d.put("medianSeconds", seconds);
    d.put("medianRssMiB", mib);
    details.put(label, d);
    String note = "median of " + starts.size() + ", empty database";
    results.target("B4", "time to ready, " + label, seconds, "s", "<= " + (int) TARGET_SECONDS + " s",
        seconds <= TARGET_SECONDS, note);
    results.target("B4", "resident memory, " + label, mib, "MiB", "<= " + (int) TARGET_MIB + " MiB", mib <= TARGET_MIB,
        "VmRSS 2 s after ready");
  }

  private Start start(String name, boolean postgres, boolean fast) throws Exception {
    int port = freePort();
    Path logs = options.out().resolve("logs");
    Files.createDirectories(logs);
    List<String> command = fast ? fastStart()
        : new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
            options.jar().toString()));
    command.add("--server.port=" + port);
    command.add("--mig.mail.embedded.port=" + freePort());
    if (postgres) {
      BenchDatabase.Target target = db.fresh("b4");
      command.add("--spring.profiles.active=demo,postgres");
      command.add("--spring.datasource.url=" + target.url());
      command.add("--spring.datasource.username=" + target.user());
      command.add("--spring.datasource.password=" + target.password());
    } else {
      Path dir = Files.createTempDirectory("mig-bench-b4");
      command.add("--spring.profiles.active=demo");
      command.add("--spring.datasource.url=jdbc:h2:file:" + dir.resolve("mig") + ";DB_CLOSE_ON_EXIT=FALSE");
    }
    Path log = logs.resolve("b4-" + name + ".log");
    long started = System.nanoTime();
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    if (fast) {
      fastStartEnvironment(builder);
    }
    Process app = builder.start();
    try {
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
      HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
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
