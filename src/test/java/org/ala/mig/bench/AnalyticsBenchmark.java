package org.ala.mig.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ala.mig.analytics.AnalyticsService;
import org.ala.mig.analytics.CouncilAnalytics;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.util.ClockUtil;

/**
 * B6, Council's analytics on years of history: {@code bench.analytics.migs} MIGs (50) live the
 * application's story ({@link AppStory}: petition, establishment, three reports, renewal, a quiet
 * second term with its reports missing, disbanding) in two cohorts, the first from 2027 and the
 * second from 2034, on the real services and engine with the simulation clock: history from 2027
 * to 2040. Then Council's analytics are read, at the end of that history, 200 times in the
 * application (the service: the queries and the figures) and 200 times over HTTP
 * ({@code GET /api/council/analytics} with HTTP Basic, JSON included), after 50 unmeasured reads
 * each. Reports p50/p95/p99 of each, the rows read and a check of the figures against the story.
 * No target: the figures are what the issue asks to report. Then, in an application of its own,
 * the pages under load ({@link PagesBenchmark}); {@code -Dbench.b6.analytics=false} or
 * {@code -Dbench.b6.pages=false} leaves one part out.
 */
final class AnalyticsBenchmark {

  static final int FIRST_COHORT = 2027;
  static final int SECOND_COHORT = 2034;
  static final int WARM_UP = 50;
  static final int READS = 200;
  static final String USER = "bench-council";
  static final String PASSWORD = "bench-council-secret";

  private final BenchOptions options;
  private final BenchDatabase db;
  private final Results results;

  AnalyticsBenchmark(BenchOptions options, BenchDatabase db, Results results) {
    this.options = options;
    this.db = db;
    this.results = results;
  }

  void run() throws Exception {
    // -Dbench.b6.analytics=false / -Dbench.b6.pages=false leave out one part of B6 (both run by default)
    if (!"false".equals(System.getProperty("bench.b6.analytics"))) {
      analytics();
    }
    if (!"false".equals(System.getProperty("bench.b6.pages"))) {
      new PagesBenchmark(options, db, results).run();
    }
  }

  private void analytics() throws Exception {
    Map<String, Object> details = results.details("B6");
    BenchDatabase.Target target = db.fresh("b6-analytics");
    ClockUtil.reset();
    try (BenchApp app = BenchApp.start("b6-analytics", db, target, options.out(), List.of("bench"), Map.of(), true)) {
      int first = options.analyticsMigs() / 2;
      int second = options.analyticsMigs() - first;
      long started = System.nanoTime();
      live(app, db, target, first, FIRST_COHORT);
      live(app, db, target, second, SECOND_COHORT);
      double storySeconds = (System.nanoTime() - started) / 1e9;
      db.analyze(target);
      details.put("historySeconds", storySeconds);
      System.out.printf("B6 history of %d MIGs (%d from %d, %d from %d) in %.0f s%n", options.analyticsMigs(),
          first, FIRST_COHORT, second, SECOND_COHORT, storySeconds);

      Map<String, Object> rows = new LinkedHashMap<>();
      try (EngineWatch watch = new EngineWatch(db.connect(target))) {
        for (String table : List.of("mig", "mig_history", "petition", "coo_decision", "annual_report",
            "annual_report_round")) {
          rows.put(table, watch.count("select count(*) from " + table));
        }
      }
      details.put("rows", rows);

      AnalyticsService service = app.bean(AnalyticsService.class);
      CouncilAnalytics figures = service.analytics();
      details.put("figures", figures.toString());
      check(figures, options.analyticsMigs());

      long[][] inApp = new long[1][READS];
      for (int i = 0; i < WARM_UP; i++) {
        service.analytics();
      }
      for (int i = 0; i < READS; i++) {
        long t = System.nanoTime();
        service.analytics();
        inApp[0][i] = System.nanoTime() - t;
      }
      Map<String, Double> serviceMillis = TaskQueryBenchmark.percentiles(inApp);
      details.put("serviceMillis", serviceMillis);

      councilUser(app.engine.getIdentityService());
      long[][] overHttp = new long[1][READS];
      int bytes = 0;
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
      HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/api/council/analytics"))
          .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
              (USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)))
          .timeout(Duration.ofSeconds(30)).GET().build();
      for (int i = 0; i < WARM_UP + READS; i++) {
        long t = System.nanoTime();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        long took = System.nanoTime() - t;
        if (response.statusCode() != 200) {
          throw new IllegalStateException("GET /api/council/analytics answered " + response.statusCode() + ": "
              + response.body());
        }
        bytes = response.body().getBytes(StandardCharsets.UTF_8).length;
        if (i >= WARM_UP) {
          overHttp[0][i - WARM_UP] = took;
        }
      }
      Map<String, Double> httpMillis = TaskQueryBenchmark.percentiles(overHttp);
      details.put("httpMillis", httpMillis);
      details.put("answerBytes", bytes);

      String note = options.analyticsMigs() + " MIGs, " + figures.activeMigsByYear().size() + " years, "
          + rows.get("mig_history") + " history rows, " + rows.get("annual_report") + " reports";
      results.figure("B6", "analytics, in the application: p50", serviceMillis.get("p50"), "ms", note);
      results.figure("B6", "analytics, in the application: p95", serviceMillis.get("p95"), "ms", "");
      results.figure("B6", "analytics, in the application: p99", serviceMillis.get("p99"), "ms", "");
      results.figure("B6", "GET /api/council/analytics: p50", httpMillis.get("p50"), "ms", bytes + " bytes of JSON");
      results.figure("B6", "GET /api/council/analytics: p95", httpMillis.get("p95"), "ms", "");
      results.figure("B6", "GET /api/council/analytics: p99", httpMillis.get("p99"), "ms", "");
    } finally {
      ClockUtil.reset();
    }
  }

  private static void live(BenchApp app, BenchDatabase db, BenchDatabase.Target target, int migs, int year)
      throws Exception {
    AppStory story = new AppStory(app, db, target, migs, 4, year);
    try {
      story.run();
    } finally {
      story.close();
    }
  }

  /** The story's figures: every MIG established, renewed once and disbanded; its second term's reports missing. */
  static void check(CouncilAnalytics figures, int migs) {
    CouncilAnalytics.Outcomes outcomes = figures.outcomes();
    if (outcomes.established() != migs || outcomes.renewed() != migs || outcomes.disbanded() != migs) {
      throw new IllegalStateException("B6 outcomes " + outcomes + " for " + migs + " MIGs");
    }
    int years = figures.activeMigsByYear().size();
    if (figures.activeMigsByYear().get(0).year() != FIRST_COHORT || years < 10) {
      throw new IllegalStateException("B6 active years " + figures.activeMigsByYear());
    }
    int missing = figures.reportsOnTime().stream().mapToInt(CouncilAnalytics.YearReports::missing).sum();
    int onTime = figures.reportsOnTime().stream().mapToInt(CouncilAnalytics.YearReports::onTime).sum();
    if (onTime != 3 * migs || missing != 3 * migs) {
      throw new IllegalStateException("B6 reports " + figures.reportsOnTime());
    }
  }

  private static void councilUser(IdentityService identity) {
    if (identity.createUserQuery().userId(USER).count() == 0) {
      User user = identity.newUser(USER);
      user.setFirstName("Bench");
      user.setLastName("Council");
      user.setEmail("bench-council@ala.example");
      user.setPassword(PASSWORD);
      identity.saveUser(user);
      identity.createMembership(USER, "council");
    }
  }
}
