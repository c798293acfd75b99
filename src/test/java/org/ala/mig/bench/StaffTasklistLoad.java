package org.ala.mig.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;

/**
 * B3's two figures of step 14 with many distinct staff members signed in, each refreshing
 * "My Group Tasks" (its first page of 15 by creation date, then its count) over engine REST:
 * <ol>
 *   <li><b>(a) paced</b>, an open model: {@code bench.staff} staff (200) together make
 *       {@code bench.staffRate} refreshes a second (20), staff member {@code i mod staff} the
 *       refresh {@code i}, which is due at {@code start + i / rate}. Each refresh is timed from
 *       that moment, not from when its thread got round to it, so a server that falls behind adds
 *       its delay to the figure (no coordinated omission). {@code bench.staffWarmUp} seconds (10)
 *       are run the same way and not counted, then {@code bench.staffSeconds} (30) are measured.
 *   <li><b>(b) saturation</b>, a closed model: {@code bench.saturationClients} clients (32), each a
 *       staff member, refresh without pause for {@code bench.saturationSeconds} (20): refreshes a
 *       second and their p95.
 * </ol>
 * The staff are engine users made for the run ({@code b3-staff-001} ...), spread over the groups
 * that work in Tasklist; a member of coo-chair is in coo too, as the chair is. They sign in with
 * HTTP Basic on every request ({@code bench.staffAuth=basic}, the default, as the rest of B3 does)
 * or once, with the sign-in form, then call with the session cookie and the {@code X-XSRF-TOKEN}
 * header as a browser page does ({@code bench.staffAuth=session}).
 */
final class StaffTasklistLoad {

  static final String PASSWORD = "bench-staff-password";
  /** The groups that work in Tasklist, each staff member's in turn. */
  static final List<List<String>> GROUPS = List.of(List.of("coo"), List.of("member-programs"),
      List.of("conference-services"), List.of("hq-staff"), List.of("coo", "coo-chair"));

  /** The options of this part of B3, from system properties (pass them with {@code -Dbench.jvm.args=...}). */
  record Options(int staff, double rate, int seconds, int warmUpSeconds, int saturationClients, int saturationSeconds,
      boolean session) {

    static Options fromSystemProperties() {
      String auth = System.getProperty("bench.staffAuth", "basic").strip().toLowerCase(Locale.ROOT);
      if (!auth.equals("basic") && !auth.equals("session")) {
        throw new IllegalArgumentException("bench.staffAuth: basic or session, got '" + auth + "'");
      }
      return new Options(Integer.getInteger("bench.staff", 200),
          Double.parseDouble(System.getProperty("bench.staffRate", "20")),
          Integer.getInteger("bench.staffSeconds", 30),
          Integer.getInteger("bench.staffWarmUp", 10),
          Integer.getInteger("bench.saturationClients", 32),
          Integer.getInteger("bench.saturationSeconds", 20),
          auth.equals("session"));
    }

    Map<String, Object> asMap() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("staff", staff);
      m.put("staffRate", rate);
      m.put("staffSeconds", seconds);
      m.put("staffWarmUpSeconds", warmUpSeconds);
      m.put("saturationClients", saturationClients);
      m.put("saturationSeconds", saturationSeconds);
      m.put("staffAuth", session ? "session (sign-in form once, then cookie + X-XSRF-TOKEN)" : "HTTP Basic on every request");
      return m;
    }
  }

  private final Options options;
  private final int port;
  private final String filterId;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NEVER).build();

  StaffTasklistLoad(Options options, int port, String filterId) {
    this.options = options;
    this.port = port;
    this.filterId = filterId;
  }

  /** Makes the staff members as engine users with their groups (none exists before). */
  static List<String> createStaff(IdentityService identity, int n) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String id = String.format(Locale.ROOT, "b3-staff-%03d", i + 1);
      User user = identity.newUser(id);
      user.setFirstName("Staff");
      user.setLastName("Member " + (i + 1));
      user.setEmail(id + "@ala.example");
      user.setPassword(PASSWORD);
      identity.saveUser(user);
      for (String group : GROUPS.get(i % GROUPS.size())) {
        identity.createMembership(id, group);
      }
      ids.add(id);
    }
    return ids;
  }

  /** (a): the paced run. */
  Map<String, Object> paced(List<String> staffIds) throws Exception {
    List<Staff> staff = signIn(staffIds);
    long periodNanos = Math.round(1e9 / options.rate());
    int warmUp = (int) Math.round(options.warmUpSeconds() * options.rate());
    int measured = (int) Math.round(options.seconds() * options.rate());
    int total = warmUp + measured;
    long[] refresh = new long[measured];
    long[] page = new long[measured];
    long[] count = new long[measured];
    long[] lag = new long[measured];
    Failures failures = new Failures();
    AtomicBoolean stop = new AtomicBoolean();
    ExecutorService pool = Executors.newFixedThreadPool(staff.size());
    long start = System.nanoTime() + 500_000_000L;
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int s = 0; s < staff.size(); s++) {
        Staff member = staff.get(s);
        int first = s;
        futures.add(pool.submit(() -> {
          for (int i = first; i < total && !stop.get(); i += staff.size()) {
            long due = start + i * periodNanos;
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
              Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            long began = System.nanoTime();
            Reply p = member.page();
            long t1 = System.nanoTime();
            Reply c = member.count();
            long t2 = System.nanoTime();
            boolean ok = failures.check(p, c);
            if (i >= warmUp) {
              int k = i - warmUp;
              refresh[k] = t2 - due;
              page[k] = t1 - due;
              count[k] = t2 - t1;
              lag[k] = began - due;
              if (!ok) {
                failures.measured.incrementAndGet();
              }
            }
          }
          return null;
        }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } finally {
      stop.set(true);
      pool.shutdownNow();
    }
    long measuredStart = start + warmUp * periodNanos;
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("staff", staff.size());
    m.put("refreshesPerSecondOffered", options.rate());
    m.put("refreshesMeasured", measured);
    m.put("refreshMillis", percentiles(refresh));
    m.put("pageMillis", percentiles(page));
    m.put("countMillis", percentiles(count));
    m.put("startLagMillis", percentiles(lag));
    m.put("secondsToLastAnswer", (System.nanoTime() - measuredStart) / 1e9);
    failures.into(m);
    return m;
  }

  /** (b): clients without pause for a bounded time. */
  Map<String, Object> saturation(List<String> staffIds) throws Exception {
    int clients = Math.min(options.saturationClients(), staffIds.size());
    List<Staff> staff = signIn(staffIds.subList(0, clients));
    List<List<long[]>> perClient = new ArrayList<>();
    Failures failures = new Failures();
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    CountDownLatch warm = new CountDownLatch(clients);
    CountDownLatch go = new CountDownLatch(1);
    long[] window = new long[2];
    AtomicInteger done = new AtomicInteger();
    try {
      List<Future<List<long[]>>> futures = new ArrayList<>();
      for (Staff member : staff) {
        futures.add(pool.submit(() -> {
          try {
            for (int i = 0; i < 3; i++) {
              member.page();
              member.count();
            }
          } finally {
            warm.countDown();
          }
          go.await();
          List<long[]> times = new ArrayList<>();
          long end = window[1];
          while (System.nanoTime() < end) {
            long t0 = System.nanoTime();
            Reply p = member.page();
            long t1 = System.nanoTime();
            Reply c = member.count();
            long t2 = System.nanoTime();
            if (t2 > end) {
              break;  // answered after the window closed: not counted
            }
            if (!failures.check(p, c)) {
              failures.measured.incrementAndGet();
            }
            times.add(new long[] {t2 - t0, t1 - t0, t2 - t1});
            done.incrementAndGet();
          }
          return times;
        }));
      }
      warm.await();
      window[0] = System.nanoTime();
      window[1] = window[0] + options.saturationSeconds() * 1_000_000_000L;
      go.countDown();
      for (Future<List<long[]>> f : futures) {
        perClient.add(f.get());
      }
    } finally {
      go.countDown();
      pool.shutdownNow();
    }
    List<long[]> all = perClient.stream().flatMap(List::stream).toList();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("clients", clients);
    m.put("seconds", options.saturationSeconds());
    m.put("refreshes", all.size());
    m.put("refreshesPerSecond", all.size() / (double) options.saturationSeconds());
    m.put("refreshMillis", percentiles(all.stream().mapToLong(t -> t[0]).toArray()));
    m.put("pageMillis", percentiles(all.stream().mapToLong(t -> t[1]).toArray()));
    m.put("countMillis", percentiles(all.stream().mapToLong(t -> t[2]).toArray()));
    failures.into(m);
    return m;
  }

  private List<Staff> signIn(List<String> ids) throws Exception {
    List<Staff> staff = new ArrayList<>();
    for (String id : ids) {
      Staff member = new Staff(id);
      if (options.session()) {
        member.signIn();
      }
      staff.add(member);
    }
    return staff;
  }

  static Map<String, Double> percentiles(long[] nanos) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    Map<String, Double> p = new LinkedHashMap<>();
    if (sorted.length == 0) {
      return p;
    }
    p.put("p50", TaskQueryBenchmark.percentile(sorted, 50));
    p.put("p95", TaskQueryBenchmark.percentile(sorted, 95));
    p.put("p99", TaskQueryBenchmark.percentile(sorted, 99));
    p.put("max", sorted[sorted.length - 1] / 1e6);
    return p;
  }

  /** An answer: its status and body; status 0 when none came within 60 s. */
  record Reply(int status, String body) {}

  /** The failed requests (not 200, or an empty page: the query must see the group's tasks). */
  private static final class Failures {
    final AtomicInteger measured = new AtomicInteger();
    final AtomicInteger requests = new AtomicInteger();
    final Map<Integer, Integer> byStatus = new ConcurrentHashMap<>();
    final AtomicInteger emptyPages = new AtomicInteger();

    /** Whether both answers are good; counts every failed request. */
    boolean check(Reply page, Reply count) {
      boolean ok = true;
      for (Reply r : List.of(page, count)) {
        if (r.status() != 200) {
          requests.incrementAndGet();
          byStatus.merge(r.status(), 1, Integer::sum);
          ok = false;
        }
      }
      if (page.status() == 200 && page.body().equals("[]")) {
        emptyPages.incrementAndGet();
        ok = false;
      }
      return ok;
    }

    void into(Map<String, Object> m) {
      m.put("failedRefreshes", measured.get());
      m.put("failedRequests", requests.get());
      m.put("failedByStatus", new TreeMap<>(byStatus));
      m.put("emptyPages", emptyPages.get());
    }
  }

  /** One staff member in Tasklist: "My Group Tasks", its first page and its count. */
  private final class Staff {
    private final String user;
    private final String basic;
    private final Map<String, String> cookies = new ConcurrentHashMap<>();

    Staff(String user) {
      this.user = user;
      this.basic = "Basic " + Base64.getEncoder().encodeToString((user + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    }

    /** The sign-in page for its CSRF cookie, then the form: a session as a browser has one. */
    void signIn() throws Exception {
      HttpResponse<String> page = http.send(HttpRequest.newBuilder(uri("/login")).GET().build(),
          HttpResponse.BodyHandlers.ofString());
      keepCookies(page);
      String form = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password="
          + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8) + "&_csrf="
          + URLEncoder.encode(cookies.getOrDefault("XSRF-TOKEN", ""), StandardCharsets.UTF_8);
      HttpResponse<String> signedIn = http.send(HttpRequest.newBuilder(uri("/login"))
          .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", cookieHeader())
          .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
      keepCookies(signedIn);
      if (signedIn.statusCode() != 302 || signedIn.headers().firstValue("Location").orElse("").contains("error")
          || !cookies.containsKey("JSESSIONID")) {
        throw new IllegalStateException("B3 sign-in of " + user + " failed: " + signedIn.statusCode() + " "
            + signedIn.headers().firstValue("Location").orElse(""));
      }
      // a page after signing in, as the browser shows one: the session's CSRF token
      HttpResponse<String> home = http.send(HttpRequest.newBuilder(uri("/my")).header("Cookie", cookieHeader()).GET().build(),
          HttpResponse.BodyHandlers.ofString());
      keepCookies(home);
    }

    Reply page() throws Exception {
      return post("/engine-rest/filter/" + filterId + "/list?firstResult=0&maxResults=15",
          "{\"sorting\":[{\"sortBy\":\"created\",\"sortOrder\":\"desc\"}]}");
    }

    Reply count() throws Exception {
      return post("/engine-rest/filter/" + filterId + "/count", "{}");
    }

    private Reply post(String path, String body) throws Exception {
      HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(60))
          .header("Content-Type", "application/json").header("Accept", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(body));
      if (options.session()) {
        request.header("Cookie", cookieHeader()).header("X-XSRF-TOKEN", cookies.getOrDefault("XSRF-TOKEN", ""));
      } else {
        request.header("Authorization", basic);
      }
      try {
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (options.session()) {
          keepCookies(response);
        }
        return new Reply(response.statusCode(), response.body());
      } catch (java.net.http.HttpTimeoutException e) {
        return new Reply(0, "");
      }
    }

    private void keepCookies(HttpResponse<?> response) {
      for (String header : response.headers().allValues("Set-Cookie")) {
        String pair = header.split(";", 2)[0];
        int eq = pair.indexOf('=');
        if (eq > 0) {
          cookies.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
        }
      }
    }

    private String cookieHeader() {
      StringBuilder b = new StringBuilder();
      cookies.forEach((k, v) -> b.append(b.isEmpty() ? "" : "; ").append(k).append('=').append(v));
      return b.toString();
    }

    private URI uri(String path) {
      return URI.create("http://127.0.0.1:" + port + path);
    }
  }
}
