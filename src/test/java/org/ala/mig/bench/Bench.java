package org.ala.mig.bench;

import java.util.Locale;

/**
 * The benchmark of MIG Lifecycle (README, "Performance"): {@code ./mvnw -Pbench verify} runs it
 * after {@code package}. B1 lifecycle throughput against a plain-BPMN baseline and the database's
 * own ceiling, B2 signature verification, B3 Tasklist's group-task query over REST, B4 start-up,
 * B5 an online petition signed and confirmed by many members at once, B6 Council's analytics on
 * years of history and the pages ({@code /my}, a MIG's, the Handbook, a feed) under 50 requests/s.
 * It uses PostgreSQL when {@code MIG_DB_URL} is set and H2 otherwise, writes
 * {@code target/bench/results.json} and prints a table. A missed target is a figure, not a
 * failure: the command fails only when a benchmark could not run.
 */
public final class Bench {

  private Bench() {}

  public static void main(String[] args) throws Exception {
    Locale.setDefault(Locale.ROOT);
    BenchOptions options = BenchOptions.fromSystemProperties();
    BenchDatabase db = BenchDatabase.fromEnvironment(options.out());
    System.out.printf("MIG Lifecycle benchmark on %s: %s%n", db.label(), options.only());
    Results results = new Results(options, db.describe());

    run(results, options, "B1", () -> new LifecycleBenchmark(options, db, results).run());
    run(results, options, "B2", () -> new VerificationBenchmark(options, db, results).run());
    run(results, options, "B3", () -> new TaskQueryBenchmark(options, db, results).run());
    run(results, options, "B4", () -> new StartupBenchmark(options, db, results).run());
    run(results, options, "B5", () -> new SigningBenchmark(options, db, results).run());
    run(results, options, "B6", () -> new AnalyticsBenchmark(options, db, results).run());

    results.write(options.out().resolve("results.json"));
    results.print(System.out);
    System.out.println("Written: " + options.out().resolve("results.json"));
    System.exit(results.anyFailed() ? 1 : 0);
  }

  interface Step {
    void run() throws Exception;
  }

  private static void run(Results results, BenchOptions options, String id, Step step) {
    if (!options.runs(id)) {
      return;
    }
    long started = System.nanoTime();
    System.out.printf("%s ...%n", id);
    try {
      step.run();
    } catch (Throwable e) {
      e.printStackTrace();
      results.failed(id, e);
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    results.details(id).put("benchmarkSeconds", seconds);
    System.out.printf("%s done in %.0f s%n", id, seconds);
  }
}
