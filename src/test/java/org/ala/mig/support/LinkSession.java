package org.ala.mig.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jsoup.Jsoup;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A browser session of an organizer or member: asks for a sign-in link on /login, reads the link
 * from the mail {@code sign-in-link} in the outbox, opens it and posts the token, as a person does.
 * Afterwards it calls pages and the JSON API with its session cookie and, for writes, the header
 * {@code X-XSRF-TOKEN} with the value of the cookie {@code XSRF-TOKEN}.
 */
public final class LinkSession {

  private static final Pattern LINK = Pattern.compile("(https?://\\S+/login/ott\\?token=([0-9a-fA-F-]{36}))");

  /** An answer: status, body and where a redirect points. */
  public record Answer(int status, String body, String location) {}

  private final String base;
  private final CookieManager cookies = new CookieManager();
  private final HttpClient client;

  public LinkSession(int port) {
    this.base = "http://localhost:" + port;
    this.client = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(Duration.ofSeconds(5)).build();
  }

  /** Signs in as this address with a mailed link; fails when no link comes or it does not sign in. */
  public static LinkSession signIn(int port, JdbcTemplate jdbc, String email) {
    LinkSession session = new LinkSession(port);
    Answer asked = session.askForLink(email);
    assertThat(asked.status()).as(asked.body()).isEqualTo(302);
    String token = latestToken(jdbc, email);
    assertThat(token).as("a sign-in link mailed to " + email).isNotNull();
    Answer signedIn = session.useLink(token);
    assertThat(signedIn.location()).as("signed in with the link").endsWith("/my");
    return session;
  }

  /** POST /ott/generate with the sign-in page's form token. */
  public Answer askForLink(String email) {
    String csrf = csrfOf(get("/login"));
    return postForm("/ott/generate", Map.of("username", email, "_csrf", csrf));
  }

  /** Opens the link's page and posts its form: the answer of the POST. */
  public Answer useLink(String token) {
    Answer page = get("/login/ott?token=" + token);
    assertThat(page.status()).isEqualTo(200);
    String formToken = Jsoup.parse(page.body()).select("#ott-form input[name=token]").attr("value");
    assertThat(formToken).isEqualTo(token);
    return postForm("/login/ott", Map.of("token", token, "_csrf", csrfOf(page)));
  }

  /** The token of the newest sign-in link mailed to this address, or null. */
  public static String latestToken(JdbcTemplate jdbc, String email) {
    List<String> bodies = jdbc.queryForList("select body_text from mail_outbox where template = 'sign-in-link'"
        + " and lower(to_addresses) like ? order by id desc", String.class, "%" + email.toLowerCase() + "%");
    if (bodies.isEmpty()) {
      return null;
    }
    Matcher link = LINK.matcher(bodies.get(0));
    return link.find() ? link.group(2) : null;
  }

  /** How many sign-in links went to this address. */
  public static int linksMailedTo(JdbcTemplate jdbc, String email) {
    return jdbc.queryForObject("select count(*) from mail_outbox where template = 'sign-in-link'"
        + " and lower(to_addresses) like ?", Integer.class, "%" + email.toLowerCase() + "%");
  }

  public Answer get(String path) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "text/html,application/json").GET());
  }

  /** A JSON write of this session, with the header X-XSRF-TOKEN (or without it). */
  public Answer sendJson(String method, String path, String json, boolean withCsrfHeader) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
        .header("Content-Type", "application/json").header("Accept", "application/json")
        .method(method, HttpRequest.BodyPublishers.ofString(json == null ? "" : json));
    if (withCsrfHeader) {
      request.header("X-XSRF-TOKEN", csrfCookie());
    }
    return send(request);
  }

  public Answer postJson(String path, String json) {
    return sendJson("POST", path, json, true);
  }

  public Answer postForm(String path, Map<String, String> fields) {
    String body = fields.entrySet().stream()
        .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
            + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
    return send(HttpRequest.newBuilder(URI.create(base + path))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  /** The value of the cookie XSRF-TOKEN (a page sets it). */
  public String csrfCookie() {
    String value = cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("XSRF-TOKEN"))
        .map(HttpCookie::getValue).findFirst().orElse(null);
    if (value == null) {
      get("/my");
      value = cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("XSRF-TOKEN"))
          .map(HttpCookie::getValue).findFirst().orElse(null);
    }
    assertThat(value).as("the cookie XSRF-TOKEN").isNotNull();
    return value;
  }

  /** The _csrf field of a page's first form. */
  public static String csrfOf(Answer page) {
    String value = Jsoup.parse(page.body()).select("input[name=_csrf]").attr("value");
    assertThat(value).as("a _csrf field in\n" + page.body()).isNotBlank();
    return value;
  }

  private Answer send(HttpRequest.Builder request) {
    HttpResponse<String> response = HttpCalls.send(client, request.timeout(Duration.ofSeconds(60)).build());
    return new Answer(response.statusCode(), response.body(), response.headers().firstValue("Location").orElse(null));
  }
}
