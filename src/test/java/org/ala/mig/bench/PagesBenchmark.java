package org.ala.mig.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.ala.mig.lifecycle.EarlierStandingService;
import org.ala.mig.lifecycle.ExistingMigRequest;
import org.ala.mig.lifecycle.RegistryService;
import org.ala.mig.petition.EarlierPetition;
import org.ala.mig.petition.EarlierPetitionService;
import org.ala.mig.registry.DeadlineCalendar;
import org.ala.mig.registry.Mig;
import org.ala.mig.registry.OrganizerInput;
import org.ala.mig.registry.StaffLiaison;
import org.ala.mig.reporting.AnnualReport;
import org.ala.mig.reporting.AnnualReportService;
import org.ala.mig.reporting.EarlierReportService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * B6, the pages (issue: "/my, the MIG page, the public Handbook and the ICS feed under 50
 * requests/s with 50 MIGs and 10 years of history: p95 &lt;= 100 ms each").
 *
 * <p>History: {@code bench.pages.migs} MIGs (50), each brought under management as POST /api/migs
 * does ({@link RegistryService#bringUnderManagement}, its lifecycle running from its current term,
 * the current terms' starts spread over the last three years), active since three earlier
 * three-year terms before that (about {@code bench.pages.years}, 10, years of history), with what
 * the demo records of such a MIG (demo.DemoHistoryLoader): the petition that established it, each
 * renewal with its re-petition and COO's decision, and every yearly report due August 1 before
 * today, about one in six late. Each MIG has two organizers. The member roster has
 * {@code bench.pages.roster} members (100,000, as B2's).
 *
 * <p>Sessions, as a browser has them: each MIG's first organizer signs in with a link by mail
 * (POST /ott/generate, the mail in the outbox, GET and POST /login/ott), a staff user of COO with
 * the /login form; each MIG's private feed address comes from GET /api/migs/{id}/calendar.
 *
 * <p>Load, per page in turn ({@code /my}, {@code /migs/{id}}, {@code /handbook},
 * {@code /calendar/migs/{id}.ics?key=...}), rotating over the MIGs and their organizers: first one
 * request per MIG in sequence, counting the application's SQL statements; then an open model,
 * {@code bench.pages.rate} requests/s (50) scheduled evenly over {@code bench.pages.clients} (20)
 * clients, {@code bench.pages.warmup.seconds} (10) unmeasured, then {@code bench.pages.seconds}
 * (20) measured, each request timed from its scheduled time (a late client does not hide a slow
 * answer). Every answer must be 200 with the MIG's name (the Handbook: the MIG's name among all;
 * the feed: a calendar naming the MIG); the others are counted as failures. Reports p50/p95/p99
 * against the issue's p95 &lt;= 100 ms, and the pages' sizes.
 */
final class PagesBenchmark {

  static final String STAFF = "bench-pages-coo";
  static final String STAFF_PASSWORD = "bench-pages-coo-secret";
  static final String NAME = "Pages Benchmark Interest Group ";
  static final double TARGET_MILLIS = 100;

  private static final Pattern LINK = Pattern.compile("/login/ott\\?token=([0-9a-fA-F-]{36})");
  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"|value=\"([^\"]+)\"[^>]*name=\"_csrf\"");

  private final BenchDatabase db;
  private final Results results;
  private final int migCount = Integer.getInteger("bench.pages.migs", 50);
  private final int years = Integer.getInteger("bench.pages.years", 10);
  private final int rosterSize = Integer.getInteger("bench.pages.roster", 100_000);
  private final int rate = Integer.getInteger("bench.pages.rate", 50);
  private final int seconds = Integer.getInteger("bench.pages.seconds", 20);
  private final int warmUpSeconds = Integer.getInteger("bench.pages.warmup.seconds", 10);
  private final int clients = Integer.getInteger("bench.pages.clients", 20);
  private final Path out;

  PagesBenchmark(BenchOptions options, BenchDatabase db, Results results) {
    this.db = db;
    this.results = results;
    this.out = options.out();
  }

  /** One page of one MIG: its path, the session cookie it is asked with, and what its answer must contain. */
  record Page(String path, String cookie, String expected) {}

  void run() throws Exception {
    Map<String, Object> details = new LinkedHashMap<>();
    results.details("B6").put("pages", details);
    BenchDatabase.Target target = db.fresh("b6-pages");
    ClockUtil.reset();
    // every link asked for counts against the source's sign-in throttle; the harness asks for one per MIG
    Map<String, String> properties = Map.of(
        "mig.security.sign-in-link-throttle.per-source.free-failures", String.valueOf(10 * migCount + 100));
    try (BenchApp app = BenchApp.start("b6-pages", db, target, out, List.of("bench"), properties, true)) {
      long started = System.nanoTime();
      List<Mig> migs = history(app);
      // ALA's member roster, as B2 sizes it: /my and each link asked for look the address up in it
      app.bean(org.ala.mig.roster.RosterRepository.class).upsert(
          org.ala.mig.roster.DemoRoster.generate(rosterSize, java.time.LocalDate.now(), 2026L));
      // the planner's statistics of every table, as autovacuum would have them (this machine runs without it)
      try (java.sql.Connection c = db.connect(target); java.sql.Statement s = c.createStatement()) {
        s.execute("analyze");
      }
      double historySeconds = (System.nanoTime() - started) / 1e9;
      details.put("historySeconds", historySeconds);
      Map<String, Object> rows = new LinkedHashMap<>();
      try (EngineWatch watch = new EngineWatch(db.connect(target))) {
        for (String table : List.of("member", "mig", "mig_history", "petition", "coo_decision", "annual_report",
            "annual_report_round", "mail_outbox")) {
          rows.put(table, watch.count("select count(*) from " + table));
        }
      }
      details.put("rows", rows);
      System.out.printf("B6 pages: history of %d active MIGs (%d years) in %.0f s: %s%n", migs.size(), years,
          historySeconds, rows);

      com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
          java.lang.management.ManagementFactory.getOperatingSystemMXBean();
      HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
          .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();
      String base = "http://127.0.0.1:" + app.port();
      JdbcTemplate jdbc = app.bean(JdbcTemplate.class);
      staffUser(app.engine.getIdentityService());
      String staff = staffSession(base);
      List<String> organizers = new ArrayList<>();
      List<String> feeds = new ArrayList<>();
      for (Mig mig : migs) {
        organizers.add(linkSession(base, jdbc, mig.organizers().get(0).email()));
        feeds.add(feedPath(http, base, staff, mig.id()));
      }

      Map<String, IntFunction<Page>> pages = new LinkedHashMap<>();
      pages.put("/my", i -> new Page("/my", organizers.get(i % migs.size()), migs.get(i % migs.size()).name()));
      pages.put("/migs/{id}", i -> new Page("/migs/" + migs.get(i % migs.size()).id(), staff,
          migs.get(i % migs.size()).name()));
      pages.put("/handbook", i -> new Page("/handbook", null, migs.get(i % migs.size()).name()));
      pages.put("/calendar/migs/{id}.ics", i -> new Page(feeds.get(i % migs.size()), null,
          migs.get(i % migs.size()).name()));

      // -Dbench.pages.only=/my,/handbook: only these pages (all four by default)
      String only = System.getProperty("bench.pages.only", "");
      if (!only.isBlank()) {
        pages.keySet().retainAll(Arrays.stream(only.split(",")).map(String::strip).toList());
      }
      for (Map.Entry<String, IntFunction<Page>> page : pages.entrySet()) {
        Map<String, Object> d = new LinkedHashMap<>();
        details.put(page.getKey(), d);
        load(http, base, page.getValue(), rate * warmUpSeconds);
        // after the warm-up, one request per MIG in sequence: the time of one page alone, the JVM's CPU
        // (the harness's client included) and the application's SQL statements (the job executor's few
        // included) per page
        if (app.counter.profiling()) {
          app.counter.resetProfile();
        }
        long statements = app.counter.statements();
        long cpu = os.getProcessCpuTime();
        long requestCpu = requestThreadsCpu();
        long[] alone = new long[migs.size()];
        int bytes = 0;
        for (int i = 0; i < migs.size(); i++) {
          Page p = page.getValue().apply(i);
          long t = System.nanoTime();
          HttpResponse<String> answer = http.send(request(base, p), HttpResponse.BodyHandlers.ofString());
          alone[i] = System.nanoTime() - t;
          String problem = problem(answer, p);
          if (problem != null) {
            throw new IllegalStateException("B6 pages: GET " + p.path() + ": " + problem);
          }
          bytes += answer.body().getBytes(StandardCharsets.UTF_8).length;
        }
        double perPage = (app.counter.statements() - statements) / (double) migs.size();
        double cpuPerPage = (os.getProcessCpuTime() - cpu) / 1e6 / migs.size();
        double requestCpuPerPage = (requestThreadsCpu() - requestCpu) / 1e6 / migs.size();
        Arrays.sort(alone);
        Map<String, Double> aloneMillis = TaskQueryBenchmark.percentiles(new long[][] {alone});
        d.put("statementsPerPage", perPage);
        d.put("jvmCpuMillisPerPage", cpuPerPage);
        d.put("requestThreadCpuMillisPerPage", requestCpuPerPage);
        d.put("oneAtATimeMillis", aloneMillis);
        d.put("meanBytes", bytes / migs.size());
        if (app.counter.profiling()) {
          d.put("topSql", app.counter.top(12).stream().map(s -> String.format("%d x %.1f ms: %s", s.count(),
              s.millis(), s.sql().replaceAll("\\s+", " "))).toList());
        }
        Load measured = load(http, base, page.getValue(), rate * seconds);
        d.put("requests", measured.latencies().length);
        d.put("failures", measured.failures());
        d.put("failureSamples", measured.samples());
        d.put("millis", measured.millis());
        d.put("achievedPerSecond", measured.perSecond());
        System.out.printf("B6 pages: GET %s at %d/s: %s, %d failures; one at a time %s, %.1f ms CPU of the request"
            + " thread (%.1f ms of the JVM), %.1f statements, %d bytes%n", page.getKey(), rate, measured.millis(),
            measured.failures(), aloneMillis, requestCpuPerPage, cpuPerPage, perPage, bytes / migs.size());
        String note = String.format("%d requests at %d/s over %d clients, %d failed; one at a time: p50 %.1f ms,"
            + " %.1f ms CPU, %.0f SQL statements; %,d bytes", measured.latencies().length, rate, clients,
            measured.failures(), aloneMillis.get("p50"), requestCpuPerPage, perPage, bytes / migs.size());
        double p95 = measured.millis().get("p95");
        results.figure("B6", "GET " + page.getKey() + ": p50", measured.millis().get("p50"), "ms", note);
        results.target("B6", "GET " + page.getKey() + ": p95", p95, "ms", "<= 100 ms",
            p95 <= TARGET_MILLIS && measured.failures() == 0,
            measured.failures() == 0 ? "" : measured.failures() + " answers were not 200 with the MIG's name");
        results.figure("B6", "GET " + page.getKey() + ": p99", measured.millis().get("p99"), "ms", "");
      }
    } finally {
      ClockUtil.reset();
    }
  }

  /** The CPU time so far of the server's request threads (Tomcat's http-nio-*-exec-*). */
  private static long requestThreadsCpu() {
    java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
    long sum = 0;
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.getName().startsWith("http-nio-") && t.getName().contains("-exec-")) {
        long cpu = threads.getThreadCpuTime(t.getId());
        sum += Math.max(0, cpu);
      }
    }
    return sum;
  }

  // --- the history ----------------------------------------------------------------------------

  /** The MIGs, active, with their earlier terms, petitions, decisions and reports. */
  private List<Mig> history(BenchApp app) {
    RegistryService registry = app.bean(RegistryService.class);
    EarlierStandingService standing = app.bean(EarlierStandingService.class);
    EarlierPetitionService petitions = app.bean(EarlierPetitionService.class);
    EarlierReportService earlierReports = app.bean(EarlierReportService.class);
    AnnualReportService reports = app.bean(AnnualReportService.class);
    DeadlineCalendar calendar = app.bean(DeadlineCalendar.class);
    TransactionTemplate transactions = app.bean(TransactionTemplate.class);
    LocalDate today = calendar.today();
    int earlierTerms = Math.max(0, (years - 1) / 3);
    List<Mig> migs = new ArrayList<>();
    for (int i = 0; i < migCount; i++) {
      int seed = i;
      String name = String.format("%s%02d", NAME, i + 1);
      String handle = String.format("pages-%02d", i + 1);
      // current terms started from a month to three years ago, spread evenly
      LocalDate termStart = today.minusDays(30 + (long) i * 1060 / Math.max(1, migCount));
      LocalDate activeSince = termStart.minusYears(3L * earlierTerms);
      List<OrganizerInput> organizers = List.of(
          new OrganizerInput("Organizer of " + name, "organizer@" + handle + ".bench.example",
              "50 East Huron Street, Chicago, IL 60611"),
          new OrganizerInput("Co-organizer of " + name, "co-organizer@" + handle + ".bench.example",
              "50 East Huron Street, Chicago, IL 60611"));
      Mig mig = transactions.execute(status -> {
        Mig m = registry.bringUnderManagement(new ExistingMigRequest(name,
            "To measure the pages of MIG Lifecycle: " + name + " shares practice on library services, its "
                + "members meet at the Annual Conference and online, and it reports every year.",
            termStart, null, new StaffLiaison("Bench Liaison", "bench.liaison@ala.example"), organizers,
            activeSince));
        petitions.recordEarlierPetition(new EarlierPetition(m.id(), "ESTABLISH", null, organizers, 100 + seed,
            activeSince.minusWeeks(4 + seed % 6), activeSince, true, null));
        List<LocalDate> renewals = new ArrayList<>();
        for (int term = 1; term <= earlierTerms; term++) {
          renewals.add(activeSince.plusYears(3L * term).minusWeeks(2 + (seed + term) % 5));
        }
        if (!renewals.isEmpty()) {
          standing.recordEarlierRenewals(m.id(), renewals);
        }
        for (int r = 0; r < renewals.size(); r++) {
          LocalDate decided = renewals.get(r);
          petitions.recordEarlierPetition(new EarlierPetition(m.id(), "RENEW", null, organizers, 110 + seed + 3 * r,
              decided.minusWeeks(3 + (seed + r) % 6), decided, true, null));
        }
        Set<String> known = reports.forMig(m.id()).stream().map(AnnualReport::id).collect(Collectors.toSet());
        for (LocalDate due = calendar.nextAnnualReportDue(activeSince, activeSince); due.isBefore(today);
            due = due.plusYears(1)) {
          if (known.contains(m.id() + ":" + due.getYear())) {
            continue;
          }
          boolean late = (seed + due.getYear()) % 6 == 0;
          LocalDate received = late ? due.plusDays(9 + seed % 30) : due.minusDays(1 + (seed + due.getYear()) % 25);
          if (!received.isBefore(today)) {
            received = due.minusDays(3);
          }
          earlierReports.recordEarlierReport(m.id(), due.getYear(), received, "What " + name + " did in the year"
              + " to August 1, " + due.getYear() + ": a program and a business meeting at the Annual Conference,"
              + " two online discussions, and a list of resources shared with members.");
        }
        return m;
      });
      migs.add(mig);
    }
    return migs;
  }

  // --- sessions --------------------------------------------------------------------------------

  private static void staffUser(IdentityService identity) {
    if (identity.createUserQuery().userId(STAFF).count() == 0) {
      User user = identity.newUser(STAFF);
      user.setFirstName("Bench");
      user.setLastName("COO");
      user.setEmail("bench-pages-coo@ala.example");
      user.setPassword(STAFF_PASSWORD);
      identity.saveUser(user);
      identity.createMembership(STAFF, "coo");
    }
  }

  /** A staff session of the /login form: its cookie header. */
  private static String staffSession(String base) throws Exception {
    Browser browser = new Browser(base);
    String csrf = csrfOf(browser.get("/login").body());
    HttpResponse<String> signedIn = browser.post("/login", Map.of("username", STAFF, "password", STAFF_PASSWORD,
        "_csrf", csrf));
    if (signedIn.statusCode() != 302) {
      throw new IllegalStateException("B6 pages: the staff sign-in answered " + signedIn.statusCode());
    }
    return browser.sessionCookie();
  }

  /** An organizer's session, signed in with the link mailed to them: its cookie header. */
  private static String linkSession(String base, JdbcTemplate jdbc, String email) throws Exception {
    Browser browser = new Browser(base);
    HttpResponse<String> asked = browser.post("/ott/generate",
        Map.of("username", email, "_csrf", csrfOf(browser.get("/login").body())));
    if (asked.statusCode() != 302) {
      throw new IllegalStateException("B6 pages: a link asked for " + email + " answered " + asked.statusCode()
          + ": " + asked.body());
    }
    List<String> bodies = jdbc.queryForList("select body_text from mail_outbox where template = 'sign-in-link'"
        + " and lower(to_addresses) like ? order by id desc", String.class, "%" + email + "%");
    Matcher link = bodies.isEmpty() ? null : LINK.matcher(bodies.get(0));
    if (link == null || !link.find()) {
      throw new IllegalStateException("B6 pages: no sign-in link mailed to " + email);
    }
    String token = link.group(1);
    HttpResponse<String> page = browser.get("/login/ott?token=" + token);
    HttpResponse<String> signedIn = browser.post("/login/ott", Map.of("token", token, "_csrf", csrfOf(page.body())));
    String location = signedIn.headers().firstValue("Location").orElse("");
    if (signedIn.statusCode() != 302 || !location.endsWith("/my")) {
      throw new IllegalStateException("B6 pages: the link of " + email + " answered " + signedIn.statusCode()
          + " to " + location);
    }
    return browser.sessionCookie();
  }

  /** The path and query of the MIG's private feed, as GET /api/migs/{id}/calendar gives its address. */
  private static String feedPath(HttpClient http, String base, String staff, String migId) throws Exception {
    HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(base + "/api/migs/" + migId + "/calendar"))
        .header("Cookie", staff).header("Accept", "application/json").GET().build(),
        HttpResponse.BodyHandlers.ofString());
    if (answer.statusCode() != 200) {
      throw new IllegalStateException("B6 pages: the feed address of " + migId + ": " + answer.statusCode());
    }
    URI url = URI.create(new ObjectMapper().readTree(answer.body()).get("url").asText());
    return url.getRawPath() + "?" + url.getRawQuery();
  }

  private static String csrfOf(String html) {
    Matcher m = CSRF.matcher(html);
    if (!m.find()) {
      throw new IllegalStateException("B6 pages: no _csrf field in the sign-in page");
    }
    return m.group(1) != null ? m.group(1) : m.group(2);
  }

  /** A browser's cookies for signing in. */
  private static final class Browser {
    private final String base;
    private final CookieManager cookies = new CookieManager();
    private final HttpClient client;

    Browser(String base) {
      this.base = base;
      this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).cookieHandler(cookies)
          .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();
    }

    HttpResponse<String> get(String path) throws Exception {
      return client.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(),
          HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, Map<String, String> fields) throws Exception {
      String body = fields.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
          + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
      return client.send(HttpRequest.newBuilder(URI.create(base + path))
          .header("Content-Type", "application/x-www-form-urlencoded")
          .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    String sessionCookie() {
      return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("JSESSIONID"))
          .map(HttpCookie::toString).findFirst()
          .orElseThrow(() -> new IllegalStateException("B6 pages: no session cookie after signing in"));
    }
  }

  // --- the load --------------------------------------------------------------------------------

  private static HttpRequest request(String base, Page page) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + page.path())).timeout(Duration.ofSeconds(30))
        .GET();
    if (page.cookie() != null) {
      b.header("Cookie", page.cookie());
    }
    return b.build();
  }

  /** What is wrong with the answer, or null: 200 with the expected content. */
  static String problem(HttpResponse<String> answer, Page page) {
    if (answer.statusCode() != 200) {
      return "status " + answer.statusCode();
    }
    String body = answer.body();
    if (page.path().startsWith("/calendar/")) {
      // a feed's lines are folded at 75 octets: unfold before looking for the name
      body = body.replace("\r\n ", "").replace("\n ", "");
      if (!body.startsWith("BEGIN:VCALENDAR") || !body.stripTrailing().endsWith("END:VCALENDAR")) {
        return "not a calendar";
      }
    }
    return body.contains(page.expected()) ? null : "no '" + page.expected() + "' in the answer";
  }

  record Load(long[] latencies, int failures, List<String> samples, Map<String, Double> millis, double perSecond) {}

  /**
   * {@code total} requests at {@code rate}/s, request i due at start + i/rate, sent by client
   * i mod clients; each timed from when it was due.
   */
  private Load load(HttpClient http, String base, IntFunction<Page> pages, int total) throws InterruptedException {
    long[] latencies = new long[total];
    AtomicInteger failures = new AtomicInteger();
    Map<String, Integer> samples = new ConcurrentHashMap<>();
    long interval = 1_000_000_000L / rate;
    long start = System.nanoTime() + 200_000_000L;
    List<Thread> threads = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      int client = c;
      Thread thread = new Thread(() -> {
        for (int i = client; i < total; i += clients) {
          long due = start + i * interval;
          long wait;
          while ((wait = due - System.nanoTime()) > 0) {
            LockSupport.parkNanos(wait);
          }
          Page page = pages.apply(i);
          String problem;
          try {
            problem = problem(http.send(request(base, page), HttpResponse.BodyHandlers.ofString()), page);
          } catch (Exception e) {
            problem = e.toString();
          }
          latencies[i] = System.nanoTime() - due;
          if (problem != null) {
            failures.incrementAndGet();
            samples.merge(page.path().replaceAll("\\?.*", "") + ": " + problem, 1, Integer::sum);
          }
        }
      }, "b6-pages-" + c);
      thread.start();
      threads.add(thread);
    }
    for (Thread t : threads) {
      t.join();
    }
    double took = (System.nanoTime() - start) / 1e9;
    long[] sorted = latencies.clone();
    Arrays.sort(sorted);
    Map<String, Double> millis = TaskQueryBenchmark.percentiles(new long[][] {sorted});
    List<String> sample = samples.entrySet().stream().limit(10).map(e -> e.getValue() + " x " + e.getKey()).toList();
    return new Load(latencies, failures.get(), sample, millis, total / took);
  }
}
