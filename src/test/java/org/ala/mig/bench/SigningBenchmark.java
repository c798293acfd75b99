package org.ala.mig.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * B5, signing an online petition under load: N signers (1,000 by default, {@code bench.signers})
 * sign one petition draft from 50 concurrent HTTP clients ({@code bench.signerClients}) over
 * {@code POST /api/petition-drafts/{id}/signatures}, then every mailed confirmation link is opened
 * and its form posted, as a browser does (page, session cookie, {@code _csrf}). Reports p50/p95/p99
 * of signing and of confirming (target: p95 at most 250 ms), signatures per second, and checks the
 * counts: the confirmed count equals the distinct valid members among the signers, and the
 * confirmation mails queued equal the signers whose number is on the roster, in good standing,
 * with a matching name (each member once).
 *
 * <p>The signers are a mix, by index modulo 20: 0 an unknown number, 1 a lapsed member, 2 a member
 * with a name that does not match, 3 a member who signed already signing again; the rest are
 * members in good standing signing once. All requests come from 127.0.0.1, one source: the
 * per-source limit ({@code mig.petition.signature-throttle.per-source.free-failures}, 30 by default)
 * is raised for the main run. A second, short run with the limit in force counts the signatures
 * held back (429).
 */
final class SigningBenchmark {

  static final double TARGET_P95_MILLIS = 250;
  static final String FREE_FAILURES = "mig.petition.signature-throttle.per-source.free-failures";
  static final int LIMITED_SIGNERS = 100;
  static final int DEFAULT_FREE_FAILURES = 30;
  private static final Pattern CONFIRM = Pattern.compile("/sign/([A-Z0-9-]+)/confirm\\?token=([A-Za-z0-9_-]+)");
  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One signature asked for: the number and name sent, and what the signer is. */
  record Signer(String memberId, String name, Kind kind) {}

  enum Kind { VALID, REPEAT, UNKNOWN, LAPSED, WRONG_NAME }

  private final BenchOptions options;
  private final BenchDatabase db;
  private final Results results;

  SigningBenchmark(BenchOptions options, BenchDatabase db, Results results) {
    this.options = options;
    this.db = db;
    this.results = results;
  }

  void run() throws Exception {
    Map<String, Object> details = results.details("B5");
    int n = options.signers();
    int clients = Math.min(options.signerClients(), n);
    int warmUp = options.signWarmUp();
    long windowMillis = options.signWindowSeconds() * 1000L;
    int freeFailures = Math.min(1_000_000, 2 * (2 * n + warmUp) + 1_000);
    details.put("signers", n);
    details.put("clients", clients);
    details.put("windowSeconds", options.signWindowSeconds());
    details.put("warmUpSigners", warmUp);
    details.put("perSourceFreeFailures", freeFailures);
    details.put("mix", "by index mod 20: 0 unknown number, 1 lapsed member, 2 wrong name, 3 a member signing again;"
        + " the rest members in good standing signing once; all from 127.0.0.1");

    BenchDatabase.Target target = db.fresh("b5-signing");
    try (BenchApp app = BenchApp.start("b5-signing", db, target, options.out(), List.of("demo"),
        Map.of(FREE_FAILURES, String.valueOf(freeFailures)), false)) {
      JdbcTemplate jdbc = new JdbcTemplate(app.bean(DataSource.class));
      List<Signer> paced = signers("B5", n);
      List<Signer> burst = signers("B5B", n);
      List<Signer> warm = signers("B5W", warmUp);
      List<Signer> all = new ArrayList<>(paced);
      all.addAll(burst);
      all.addAll(warm);
      roster(jdbc, all);
      db.analyze(target);

      // warm-up: a running server has compiled its code paths; a fresh JVM compiles them during
      // the first few hundred requests, which is start-up, not the petition's load
      if (warmUp > 0) {
        String warmDraft = createDraft(app.port(), "Bench Warm-up " + warmUp);
        Map<String, Object> w = sign(app.port(), warmDraft, warm, clients, 0);
        confirm(app.port(), warmDraft, links(jdbc, warmDraft), clients, 0);
        details.put("warmUp", Map.of("draftId", warmDraft, "signSeconds", w.get("seconds")));
        System.out.printf("B5 warm-up: %d signers on a draft of their own, not measured%n", warmUp);
      }

      // the load: N members signing within the window (1,000 within a minute), from 50 clients
      Run main = measure(app.port(), jdbc, "Bench Signing " + n, paced, clients, windowMillis);
      details.put("paced", main.details());
      String note = String.format(Locale.ROOT, "%,d signers arriving evenly within %d s from %d clients, after a warm-up"
              + " of %,d; per-source limit raised to %,d free (%s)", n, options.signWindowSeconds(), clients, warmUp,
          freeFailures, FREE_FAILURES);
      main.report(results, "", note, true);

      // saturation: the same number all at once, each client sending its next as soon as it is answered
      Run flood = measure(app.port(), jdbc, "Bench Burst " + n, burst, clients, 0);
      details.put("burst", flood.details());
      flood.report(results, "all at once: ", String.format(Locale.ROOT,
          "%,d signers from %d clients, each sending its next at once (no pacing): the capacity, not the target", n,
          clients), false);
    }

    limited(details, Math.min(LIMITED_SIGNERS, n), Math.min(10, clients));
  }

  /** One measured run: its draft, its signing and confirming, and the counts. */
  private record Run(String draftId, List<Signer> signers, Map<String, Object> signing, Map<String, Object> confirming,
      int mails, int notCounted, int links, int confirmed, int rowsNotConfirmed) {

    long validDistinct() {
      return signers.stream().filter(s -> s.kind() == Kind.VALID).count();
    }

    Map<String, Object> details() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("draftId", draftId);
      m.put("sign", signing);
      m.put("confirm", confirming);
      m.put("confirmationMails", mails);
      m.put("confirmationLinksFound", links);
      m.put("notCountedMails", notCounted);
      m.put("confirmedCount", confirmed);
      m.put("signatureRowsNotConfirmed", rowsNotConfirmed);
      m.put("expected", Map.of("distinctValidMembers", validDistinct(),
          "lapsedSigners", signers.stream().filter(s -> s.kind() == Kind.LAPSED).count()));
      return m;
    }

    @SuppressWarnings("unchecked")
    void report(Results results, String prefix, String note, boolean targets) {
      int n = signers.size();
      Map<String, Double> signMs = (Map<String, Double>) signing.get("millis");
      Map<String, Double> confirmMs = (Map<String, Double>) confirming.get("postMillis");
      Map<String, Double> pageMs = (Map<String, Double>) confirming.get("pageMillis");
      Map<String, Integer> byStatus = (Map<String, Integer>) signing.get("byStatus");
      long valid = validDistinct();
      long lapsed = signers.stream().filter(s -> s.kind() == Kind.LAPSED).count();
      results.figure("B5", prefix + "sign: p50", signMs.get("p50"), "ms", note);
      if (targets) {
        results.target("B5", prefix + "sign: p95", signMs.get("p95"), "ms", "<= " + (int) TARGET_P95_MILLIS + " ms",
            signMs.get("p95") <= TARGET_P95_MILLIS, "");
      } else {
        results.figure("B5", prefix + "sign: p95", signMs.get("p95"), "ms", "");
      }
      results.figure("B5", prefix + "sign: p99", signMs.get("p99"), "ms", "");
      results.figure("B5", prefix + "signatures/s", (Double) signing.get("perSecond"), "/s", "");
      results.figure("B5", prefix + "confirm page (GET): p95", pageMs.get("p95"), "ms", "");
      results.figure("B5", prefix + "confirm (POST): p50", confirmMs.get("p50"), "ms", links + " links");
      if (targets) {
        results.target("B5", prefix + "confirm (POST): p95", confirmMs.get("p95"), "ms",
            "<= " + (int) TARGET_P95_MILLIS + " ms", confirmMs.get("p95") <= TARGET_P95_MILLIS, "");
      } else {
        results.figure("B5", prefix + "confirm (POST): p95", confirmMs.get("p95"), "ms", "");
      }
      results.figure("B5", prefix + "confirm (POST): p99", confirmMs.get("p99"), "ms", "");
      results.figure("B5", prefix + "confirmations/s", (Double) confirming.get("perSecond"), "/s", "");
      results.target("B5", prefix + "confirmed count", confirmed, "", "= " + valid, confirmed == valid,
          "distinct members in good standing with matching name");
      results.target("B5", prefix + "confirmation mails queued", mails, "", "= " + valid, mails == valid,
          "on the roster, name matches, in good standing; " + notCounted + " not-counted mails (" + lapsed
              + " lapsed signers)");
      int signFailed = n - byStatus.getOrDefault("202", 0);
      results.target("B5", prefix + "sign requests not answered 202", signFailed, "", "0", signFailed == 0,
          signFailed == 0 ? "" : "by status: " + byStatus);
      int confirmFailed = (Integer) confirming.get("failed");
      results.target("B5", prefix + "confirmations that failed", confirmFailed, "", "0", confirmFailed == 0,
          confirmFailed == 0 ? "" : "by status: " + confirming.get("byStatus"));
    }
  }

  /** A draft signed by these signers within the window (0: all at once), then every mailed link confirmed. */
  private Run measure(int port, JdbcTemplate jdbc, String migName, List<Signer> signers, int clients, long windowMillis)
      throws Exception {
    String draftId = createDraft(port, migName);
    Map<String, Object> signing = sign(port, draftId, signers, clients, windowMillis);
    int mails = jdbc.queryForObject("select count(*) from mail_outbox where template = 'signature-confirmation'"
        + " and body_text like ?", Integer.class, "%/sign/" + draftId + "/confirm%");
    int notCounted = jdbc.queryForObject("select count(*) from mail_outbox where template = 'signature-not-counted'"
        + " and idempotency_key like ?", Integer.class, "signature-not-counted/" + draftId + "/%");
    List<String> tokens = links(jdbc, draftId);
    System.out.printf("B5 %s: %d signatures in %.1f s, %d confirmation mails%n", migName, signers.size(),
        (Double) signing.get("seconds"), mails);
    Map<String, Object> confirming = confirm(port, draftId, tokens, clients, windowMillis);
    int confirmed = confirmedCount(port, draftId);
    int rowsNotConfirmed = jdbc.queryForObject("select count(*) from petition_draft_signature where draft_id = ?"
        + " and status <> 'CONFIRMED'", Integer.class, draftId);
    return new Run(draftId, signers, signing, confirming, mails, notCounted, tokens.size(), confirmed, rowsNotConfirmed);
  }

  /** The confirmation tokens mailed for this draft, from the outbox. */
  private static List<String> links(JdbcTemplate jdbc, String draftId) {
    List<String> tokens = new ArrayList<>();
    for (String body : jdbc.queryForList("select body_text from mail_outbox where template = 'signature-confirmation'",
        String.class)) {
      Matcher link = CONFIRM.matcher(body == null ? "" : body);
      if (link.find() && link.group(1).equals(draftId)) {
        tokens.add(link.group(2));
      }
    }
    return tokens;
  }

  /** A short run with the per-source limit as shipped: how many signatures one source gets held back. */
  private void limited(Map<String, Object> details, int n, int clients) throws Exception {
    BenchDatabase.Target target = db.fresh("b5-limited");
    try (BenchApp app = BenchApp.start("b5-limited", db, target, options.out(), List.of("demo"), Map.of(), false)) {
      JdbcTemplate jdbc = new JdbcTemplate(app.bean(DataSource.class));
      List<Signer> signers = signers("B5L", n);
      roster(jdbc, signers);
      String draftId = createDraft(app.port(), "Bench Limited " + n);
      Map<String, Object> signing = sign(app.port(), draftId, signers, clients, 0);
      details.put("limited", signing);
      @SuppressWarnings("unchecked")
      Map<String, Integer> byStatus = (Map<String, Integer>) signing.get("byStatus");
      int held = byStatus.getOrDefault("429", 0);
      int accepted = byStatus.getOrDefault("202", 0);
      results.target("B5", "limited run: held back (429)", held, "", "> 0", held > 0,
          String.format(Locale.ROOT, "%d signers, %d clients, one source, default limit (%d free): %d accepted, %s",
              n, clients, DEFAULT_FREE_FAILURES, accepted, byStatus));
      System.out.printf("B5 limited: %d accepted, %d held back %s%n", accepted, held, byStatus);
    }
  }

  /** N signers of the mix; {@code prefix} keeps runs apart. */
  static List<Signer> signers(String prefix, int n) {
    List<Signer> list = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String id = String.format(Locale.ROOT, "%sM%06d", prefix, i);
      switch (i % 20) {
        case 0 -> list.add(new Signer(String.format(Locale.ROOT, "%sX%06d", prefix, i), "Uma Unknown", Kind.UNKNOWN));
        case 1 -> list.add(new Signer(id, name(i), Kind.LAPSED));
        case 2 -> list.add(new Signer(id, "Someone Else Entirely", Kind.WRONG_NAME));
        case 3 -> list.add(i >= 4 ? new Signer(String.format(Locale.ROOT, "%sM%06d", prefix, i - 4), name(i - 4), Kind.REPEAT)
            : new Signer(id, name(i), Kind.VALID));
        default -> list.add(new Signer(id, name(i), Kind.VALID));
      }
    }
    return list;
  }

  private static String name(int i) {
    return "Member " + (char) ('A' + i % 26) + " Bench" + Integer.toString(i, 36).toUpperCase(Locale.ROOT)
        .replaceAll("[0-9]", "x");
  }

  /** The roster: every member among the signers (the lapsed ones lapsed in 2020). */
  static void roster(JdbcTemplate jdbc, List<Signer> signers) {
    List<Object[]> rows = new ArrayList<>();
    Timestamp now = Timestamp.from(Instant.now());
    for (Signer s : signers) {
      switch (s.kind()) {
        case VALID -> rows.add(new Object[] {s.memberId(), s.name(), s.memberId().toLowerCase(Locale.ROOT) + "@members.example",
            Date.valueOf(LocalDate.of(2099, 12, 31)), now});
        case LAPSED -> rows.add(new Object[] {s.memberId(), s.name(), s.memberId().toLowerCase(Locale.ROOT) + "@members.example",
            Date.valueOf(LocalDate.of(2020, 1, 31)), now});
        case WRONG_NAME -> rows.add(new Object[] {s.memberId(), "Wanda Rightname",
            s.memberId().toLowerCase(Locale.ROOT) + "@members.example", Date.valueOf(LocalDate.of(2099, 12, 31)), now});
        default -> { }
      }
    }
    jdbc.batchUpdate("insert into member (member_id, name, email, good_standing_through, updated_at) values (?, ?, ?, ?, ?)",
        rows);
  }

  /** A draft created by ALA's staff (coo1) over the API; its id. */
  static String createDraft(int port, String migName) throws Exception {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("kind", "ESTABLISH");
    body.put("migName", migName);
    body.put("statementOfPurpose", "Seed libraries lend seeds to their communities; this MIG shares how to run one.");
    body.put("meetingNeeds", "A room for 30 at Annual");
    body.put("organizers", List.of(Map.of("name", "Olga Organizer", "email", "olga@lib.example",
        "address", "1 Library Lane, Springfield")));
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/petition-drafts"))
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("coo1:demo".getBytes(StandardCharsets.UTF_8)))
        .header("Content-Type", "application/json").header("Accept", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 201) {
      throw new IllegalStateException("creating the draft: " + r.statusCode() + " " + r.body());
    }
    return JSON.readTree(r.body()).path("draftId").asText();
  }

  static int confirmedCount(int port, String draftId) throws Exception {
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
        + "/api/petition-drafts/" + draftId)).header("Accept", "application/json").GET().build(),
        HttpResponse.BodyHandlers.ofString());
    JsonNode view = JSON.readTree(r.body());
    return view.path("confirmedSignatures").asInt(-1);
  }

  /**
   * The signers sign from {@code clients} clients. With a window, signer i is due at
   * {@code i × window / N} after the start and is timed from that moment (a client that falls
   * behind adds its delay to the figure, so the load is not eased by a slow answer); without one,
   * each client sends its next signature as soon as the last is answered, timed per request.
   */
  private static Map<String, Object> sign(int port, String draftId, List<Signer> signers, int clients, long windowMillis)
      throws Exception {
    long[][] nanos = new long[clients][];
    Map<String, Integer> byStatus = new ConcurrentHashMap<>();
    String url = "http://127.0.0.1:" + port + "/api/petition-drafts/" + draftId + "/signatures";
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    CountDownLatch go = new CountDownLatch(1);
    java.util.concurrent.atomic.AtomicLong start = new java.util.concurrent.atomic.AtomicLong();
    long started;
    long finished;
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int c = 0; c < clients; c++) {
        int client = c;
        List<Signer> mine = new ArrayList<>();
        for (int i = c; i < signers.size(); i += clients) {
          mine.add(signers.get(i));
        }
        nanos[c] = new long[mine.size()];
        futures.add(pool.submit(() -> {
          HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
              .connectTimeout(Duration.ofSeconds(10)).build();
          go.await();
          for (int i = 0; i < mine.size(); i++) {
            Signer s = mine.get(i);
            long due = dueAt(start.get(), client + i * clients, signers.size(), windowMillis);
            String body = JSON.writeValueAsString(Map.of("memberId", s.memberId(), "name", s.name(),
                "showNameToOrganizers", i % 2 == 0));
            HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            long t0 = waitUntil(due);
            int status = status(http, request);
            nanos[client][i] = System.nanoTime() - t0;
            byStatus.merge(String.valueOf(status), 1, Integer::sum);
          }
          return null;
        }));
      }
      started = System.nanoTime();
      start.set(started);
      go.countDown();
      for (Future<?> f : futures) {
        f.get();
      }
      finished = System.nanoTime();
    } finally {
      go.countDown();
      pool.shutdownNow();
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("signers", signers.size());
    m.put("clients", clients);
    m.put("millis", TaskQueryBenchmark.percentiles(nanos));
    m.put("seconds", (finished - started) / 1e9);
    m.put("perSecond", signers.size() / ((finished - started) / 1e9));
    m.put("byStatus", new java.util.TreeMap<>(byStatus));
    return m;
  }

  /**
   * Each link opened in a browser session of its own (page, then its form posted); both timed.
   * With a window, link i is opened at {@code i × window / N} after the start, and the page is
   * timed from then, as for signing.
   */
  private static Map<String, Object> confirm(int port, String draftId, List<String> tokens, int clients,
      long windowMillis) throws Exception {
    long[][] page = new long[clients][];
    long[][] post = new long[clients][];
    Map<String, Integer> byStatus = new ConcurrentHashMap<>();
    AtomicInteger failed = new AtomicInteger();
    String base = "http://127.0.0.1:" + port + "/sign/" + draftId + "/confirm";
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    CountDownLatch go = new CountDownLatch(1);
    java.util.concurrent.atomic.AtomicLong start = new java.util.concurrent.atomic.AtomicLong();
    long started;
    long finished;
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int c = 0; c < clients; c++) {
        int client = c;
        List<String> mine = new ArrayList<>();
        for (int i = c; i < tokens.size(); i += clients) {
          mine.add(tokens.get(i));
        }
        page[c] = new long[mine.size()];
        post[c] = new long[mine.size()];
        futures.add(pool.submit(() -> {
          go.await();
          for (int i = 0; i < mine.size(); i++) {
            String token = mine.get(i);
            long due = dueAt(start.get(), client + i * clients, tokens.size(), windowMillis);
            HttpClient browser = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(10)).build();
            long t0 = waitUntil(due);
            HttpResponse<String> opened = browser.send(HttpRequest.newBuilder(URI.create(base + "?token=" + token))
                .timeout(Duration.ofSeconds(60)).header("Accept", "text/html").GET().build(),
                HttpResponse.BodyHandlers.ofString());
            long t1 = System.nanoTime();
            page[client][i] = t1 - t0;
            Matcher csrf = CSRF.matcher(opened.body());
            if (opened.statusCode() != 200 || !csrf.find()) {
              failed.incrementAndGet();
              byStatus.merge("page " + opened.statusCode(), 1, Integer::sum);
              post[client][i] = t1 - t0;
              continue;
            }
            String form = "token=" + URLEncoder.encode(token, StandardCharsets.UTF_8)
                + "&_csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
            HttpRequest request = HttpRequest.newBuilder(URI.create(base)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "text/html")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
            long t2 = System.nanoTime();
            int status = status(browser, request);
            post[client][i] = System.nanoTime() - t2;
            byStatus.merge(String.valueOf(status), 1, Integer::sum);
            if (status != 200) {
              failed.incrementAndGet();
            }
          }
          return null;
        }));
      }
      started = System.nanoTime();
      start.set(started);
      go.countDown();
      for (Future<?> f : futures) {
        f.get();
      }
      finished = System.nanoTime();
    } finally {
      go.countDown();
      pool.shutdownNow();
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("links", tokens.size());
    if (tokens.isEmpty()) {
      throw new IllegalStateException("no confirmation link in the outbox: nothing to confirm");
    }
    m.put("pageMillis", TaskQueryBenchmark.percentiles(page));
    m.put("postMillis", TaskQueryBenchmark.percentiles(post));
    m.put("seconds", (finished - started) / 1e9);
    m.put("perSecond", tokens.size() / ((finished - started) / 1e9));
    m.put("failed", failed.get());
    m.put("byStatus", new java.util.TreeMap<>(byStatus));
    return m;
  }

  /** When the {@code index}th of {@code n} is due within the window after {@code start} (nanoTime); 0: now. */
  static long dueAt(long start, int index, int n, long windowMillis) {
    return windowMillis <= 0 ? 0 : start + Math.round(index * (windowMillis * 1e6 / n));
  }

  /** Sleeps until {@code due} (nanoTime; 0: not at all); the time the request counts from. */
  static long waitUntil(long due) throws InterruptedException {
    if (due == 0) {
      return System.nanoTime();
    }
    long wait;
    while ((wait = due - System.nanoTime()) > 0) {
      Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
    }
    return due;
  }

  /** The status of the answer; 0 when none came within the request's timeout. */
  private static int status(HttpClient http, HttpRequest request) throws Exception {
    try {
      return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (java.net.http.HttpTimeoutException e) {
      return 0;
    }
  }
}
