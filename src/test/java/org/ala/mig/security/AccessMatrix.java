package org.ala.mig.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.function.Function;
import org.ala.mig.support.HttpCalls;
import org.ala.mig.support.LinkSession;
import org.ala.mig.support.PageClient;

/**
 * An authorization matrix: a text table of requests (rows) by callers (columns) with the answer
 * each caller must get, and the machinery that sends every request as every caller and lists
 * every cell that differs.
 *
 * <p>A row is {@code METHOD PATH [<body>] [?probe] cell...}. {@code {name}} in the path or body is
 * a fixture, resolved for each cell (a fresh one where the request changes it). A cell is the
 * status ({@code 200}, {@code 403}, ...), {@code login} for a redirect to the sign-in page, and
 * ends with {@code *} when the answer shows what the row's probe looks for (by default the
 * fixtures' personal data); every 2xx answer is probed, so personal data that turns up where the
 * cell has no {@code *} is a difference too. A probe is told the caller as well as the answer (a
 * caller's own address is no one else's personal data).
 *
 * <p>Who calls how: staff call {@code /api}, {@code /engine-rest} and {@code /actuator} with HTTP
 * Basic; {@code /camunda/...} with a session of the webapps (signed in at their login, CSRF token
 * sent); everything else as a page session signed in at {@code /login}. A caller with a link
 * session ({@link Callers#withLinkSession}) sends everything with that session's cookie, and every
 * request that is not a GET with the header {@code X-XSRF-TOKEN} (the value of the cookie
 * {@code XSRF-TOKEN}), as the pages' own scripts do. The column {@code anonymous} sends no
 * credentials.
 */
final class AccessMatrix {

  static final String ANONYMOUS = "anonymous";

  /** One request of the table. */
  record Row(int line, String method, String path, String body, String probe, List<String> cells) {
    String label() {
      return method + " " + path + (body == null ? "" : " <" + body + ">");
    }
  }

  /** What a cell resolved to and what came back. */
  record Answer(int status, String body, String location) {}

  /** Resolves a fixture name ({@code verifyTask}) for one caller; may create it. */
  interface Fixtures {
    String resolve(String name, String user);

    /** Undoes what a successful request did, where later cells need the old state. */
    default void after(Row row, String user, Answer answer) {}
  }

  final List<String> users;
  final List<Row> rows = new ArrayList<>();
  private final Map<String, Function<String, String>> bodies;
  private final Map<String, BiPredicate<String, String>> probes;

  /** {@code probes}: by name, whether an answer's body (second) shows it to the caller (first). */
  AccessMatrix(String table, Map<String, Function<String, String>> bodies,
      Map<String, BiPredicate<String, String>> probes) {
    this.bodies = bodies;
    this.probes = probes;
    List<String> header = null;
    String[] lines = table.split("\n");
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty()) {
        continue;
      }
      List<String> tokens = new ArrayList<>(List.of(line.split("\\s+")));
      if (line.startsWith("#")) {
        if (header == null) {
          header = tokens.subList(tokens.size() - countColumns(tokens), tokens.size());
        }
        continue;
      }
      String method = tokens.remove(0);
      String path = tokens.remove(0);
      String body = null;
      String probe = "personal";
      while (!tokens.isEmpty() && (tokens.get(0).startsWith("<") || tokens.get(0).startsWith("?"))) {
        String option = tokens.remove(0);
        if (option.startsWith("<")) {
          body = option.substring(1, option.length() - 1);
          assertThat(bodies).as("body <%s> of line %d", body, i + 1).containsKey(body);
        } else {
          probe = option.substring(1);
          assertThat(probes).as("probe ?%s of line %d", probe, i + 1).containsKey(probe);
        }
      }
      assertThat(header).as("the header line comes first").isNotNull();
      assertThat(tokens).as("cells of line %d: %s", i + 1, line).hasSize(header.size());
      rows.add(new Row(i + 1, method, path, body, probe, List.copyOf(tokens)));
    }
    this.users = List.copyOf(header);
  }

  /** The header names the columns after "# request": every token that is a caller. */
  private static int countColumns(List<String> header) {
    int request = header.indexOf("request");
    return header.size() - request - 1;
  }

  int cells() {
    return rows.size() * users.size();
  }

  /** Sends every row as every caller; returns the cells that differ, one line each. */
  List<String> differences(Callers callers, Fixtures fixtures) {
    List<String> differences = new ArrayList<>();
    for (Row row : rows) {
      for (int c = 0; c < users.size(); c++) {
        String user = users.get(c);
        String expected = row.cells().get(c);
        String actual;
        Answer answer;
        try {
          String path = substitute(row.path(), user, fixtures);
          String body = row.body() == null ? null : substitute(bodies.get(row.body()).apply(user), user, fixtures);
          answer = callers.send(user, row.method(), path, body);
          actual = cell(row, user, answer);
          fixtures.after(row, user, answer);
        } catch (RuntimeException e) {
          answer = null;
          actual = "error: " + e;
        }
        if (!expected.equals(actual)) {
          differences.add(String.format("line %3d  %-70s %-9s expected %-6s got %s%s", row.line(), row.label(), user,
              expected, actual, answer == null ? "" : "  " + excerpt(answer.body()) + keep(row, user, answer)));
        }
      }
    }
    return differences;
  }

  private String cell(Row row, String user, Answer answer) {
    String status = answer.status() == 302 && answer.location() != null && answer.location().contains("/login")
        ? "login" : String.valueOf(answer.status());
    boolean shows = answer.body() != null && probes.get(row.probe()).test(user, answer.body());
    return status + (shows ? "*" : "");
  }

  private static final java.util.regex.Pattern FIXTURE = java.util.regex.Pattern.compile("\\{([a-zA-Z]+)\\}");

  private static String substitute(String text, String user, Fixtures fixtures) {
    return FIXTURE.matcher(text).replaceAll(m -> java.util.regex.Matcher.quoteReplacement(
        m.group(1).equals("user") ? user : fixtures.resolve(m.group(1), user)));
  }

  /** Keeps the whole answer of a differing cell in target/access-matrix, for a look at where the probe found what. */
  private static String keep(Row row, String user, Answer answer) {
    if (answer.body() == null || answer.body().length() <= 160) {
      return "";
    }
    try {
      Path file = Path.of("target", "access-matrix", "line-" + row.line() + "-" + user + ".txt");
      Files.createDirectories(file.getParent());
      Files.writeString(file, answer.body(), StandardCharsets.UTF_8);
      return "  (whole answer in " + file + ")";
    } catch (IOException e) {
      return "";
    }
  }

  private static String excerpt(String body) {
    String flat = body == null ? "" : body.replaceAll("\\s+", " ");
    return flat.length() > 160 ? flat.substring(0, 160) + "…" : flat;
  }

  /** How each kind of caller sends a request: Basic, a page session, a webapp session, or a link session. */
  static final class Callers {
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    private final int port;
    private final String base;
    private final HttpClient basic = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, PageClient> pages = new HashMap<>();
    private final Map<String, Webapp> webapps = new HashMap<>();
    private final Map<String, LinkBrowser> links = new HashMap<>();

    Callers(int port) {
      this.port = port;
      this.base = "http://localhost:" + port;
    }

    /** The column {@code user} calls with this organizer's or member's link session, whatever the path. */
    Callers withLinkSession(String user, LinkBrowser session) {
      links.put(user, session);
      return this;
    }

    Answer send(String user, String method, String path, String body) {
      LinkBrowser link = links.get(user);
      if (link != null) {
        return link(link, method, path, body);
      }
      if (path.startsWith("/api/") || path.startsWith("/engine-rest/") || path.startsWith("/actuator/")) {
        return basic(user, method, path, body);
      }
      if (path.startsWith("/camunda/")) {
        return webapp(user).send(method, path, body);
      }
      PageClient page = pages.computeIfAbsent(user, u -> {
        PageClient client = new PageClient(port);
        return ANONYMOUS.equals(u) ? client : client.signedInAs(u);
      });
      assertThat(method).as("pages are read with GET in the matrix").isEqualTo("GET");
      PageClient.Page answer = page.get(path);
      return new Answer(answer.status(), answer.body(), answer.location());
    }

    private Answer basic(String user, String method, String path, String body) {
      HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
          .header("Accept", "application/json, text/plain, */*");
      if (!ANONYMOUS.equals(user)) {
        request.header("Authorization", "Basic " + Base64.getEncoder()
            .encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8)));
      }
      withBody(request, method, body);
      return exchange(basic, request);
    }

    /**
     * A link session's request: a page is opened as the browser does; a call of the APIs or the
     * webapps accepts JSON, and a write carries X-XSRF-TOKEN, so that a refusal is the decision
     * about the caller, not about a missing token.
     */
    private Answer link(LinkBrowser session, String method, String path, String body) {
      boolean page = !(path.startsWith("/api/") || path.startsWith("/engine-rest/") || path.startsWith("/actuator/")
          || path.startsWith("/camunda/"));
      if (page) {
        assertThat(method).as("pages are read with GET in the matrix").isEqualTo("GET");
      }
      HttpRequest.Builder request = session.request(path);
      if (!page) {
        request.header("Accept", "application/json, text/plain, */*");
      }
      if (!SAFE_METHODS.contains(method)) {
        request.header("X-XSRF-TOKEN", session.xsrfCookie());
      }
      withBody(request, method, body);
      LinkSession.Answer answer = session.send(request);
      return new Answer(answer.status(), answer.body(), answer.location());
    }

    private Webapp webapp(String user) {
      return webapps.computeIfAbsent(user, Webapp::new);
    }

    /** A browser session of the Camunda webapps: cookie, CSRF token, signed in at the welcome app. */
    final class Webapp {
      private final HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager())
          .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
      private String token;

      Webapp(String user) {
        fetchToken();
        if (!ANONYMOUS.equals(user)) {
          String form = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password=demo";
          HttpRequest.Builder login = HttpRequest.newBuilder(
                  URI.create(base + "/camunda/api/admin/auth/user/default/login/welcome"))
              .header("Content-Type", "application/x-www-form-urlencoded")
              .header("X-XSRF-TOKEN", token)
              .POST(HttpRequest.BodyPublishers.ofString(form));
          Answer signedIn = exchange(client, login);
          assertThat(signedIn.status()).as("webapp sign-in of %s: %s", user, signedIn.body()).isEqualTo(200);
          fetchToken();
        }
      }

      private void fetchToken() {
        HttpResponse<String> answer = raw(client, HttpRequest.newBuilder(
            URI.create(base + "/camunda/api/admin/auth/user/default")).GET());
        answer.headers().firstValue("X-XSRF-TOKEN").ifPresent(t -> token = t);
      }

      Answer send(String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
            .header("Accept", "application/json, text/plain, */*");
        if (token != null) {
          request.header("X-XSRF-TOKEN", token);
        }
        withBody(request, method, body);
        return exchange(client, request);
      }
    }

    private static void withBody(HttpRequest.Builder request, String method, String body) {
      if (body == null) {
        request.method(method, HttpRequest.BodyPublishers.noBody());
        return;
      }
      String contentType = "application/json";
      String content = body;
      if (body.startsWith("Content-Type: ")) {
        int end = body.indexOf('\n');
        contentType = body.substring("Content-Type: ".length(), end).strip();
        content = body.substring(end + 1);
      }
      request.header("Content-Type", contentType)
          .method(method, HttpRequest.BodyPublishers.ofString(content, StandardCharsets.UTF_8));
    }

    private static Answer exchange(HttpClient client, HttpRequest.Builder request) {
      HttpResponse<String> response = raw(client, request);
      return new Answer(response.statusCode(), response.body(), response.headers().firstValue("Location").orElse(null));
    }

    private static HttpResponse<String> raw(HttpClient client, HttpRequest.Builder request) {
      return HttpCalls.send(client, request.build());
    }
  }
}
