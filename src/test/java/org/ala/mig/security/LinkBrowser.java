package org.ala.mig.security;

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
import java.util.Map;
import java.util.stream.Collectors;
import org.ala.mig.support.HttpCalls;
import org.ala.mig.support.LinkSession;
import org.ala.mig.support.LinkSession.Answer;
import org.jsoup.Jsoup;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A browser session of an organizer or member, signed in as {@link LinkSession} does it (asks for
 * a link on /login, reads the mail {@code sign-in-link} in the outbox, opens the link and posts its
 * token), whose requests a test writes whole: any method and content type, and the header
 * {@code X-XSRF-TOKEN} with the value of the cookie {@code XSRF-TOKEN}, another value, or none.
 */
final class LinkBrowser {

  final String email;
  private final String base;
  private final CookieManager cookies = new CookieManager();
  private final HttpClient client;

  private LinkBrowser(int port, String email) {
    this.email = email;
    this.base = "http://localhost:" + port;
    this.client = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(Duration.ofSeconds(5)).build();
  }

  /** Signs in as this address with a mailed link; fails when no link comes or it does not sign in. */
  static LinkBrowser signIn(int port, JdbcTemplate jdbc, String email) {
    LinkBrowser browser = new LinkBrowser(port, email);
    Answer asked = browser.postForm("/ott/generate",
        Map.of("username", email, "_csrf", LinkSession.csrfOf(browser.get("/login"))));
    assertThat(asked.status()).as("a link asked for %s: %s", email, asked.body()).isEqualTo(302);
    String token = LinkSession.latestToken(jdbc, email);
    assertThat(token).as("a sign-in link mailed to " + email).isNotNull();
    Answer page = browser.get("/login/ott?token=" + token);
    assertThat(page.status()).isEqualTo(200);
    assertThat(Jsoup.parse(page.body()).select("#ott-form input[name=token]").attr("value")).isEqualTo(token);
    Answer signedIn = browser.postForm("/login/ott", Map.of("token", token, "_csrf", LinkSession.csrfOf(page)));
    assertThat(signedIn.status()).as("signed in with the link: %s", signedIn.body()).isEqualTo(302);
    assertThat(signedIn.location()).as("signed in with the link").endsWith("/my");
    return browser;
  }

  /** A request of this session to a path of the application, to finish and {@link #send}. */
  HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
  }

  Answer send(HttpRequest.Builder request) {
    HttpResponse<String> response = HttpCalls.send(client, request.build());
    return new Answer(response.statusCode(), response.body(), response.headers().firstValue("Location").orElse(null));
  }

  /** A page, as the browser opens it. */
  Answer get(String path) {
    return send(request(path).GET());
  }

  /** A JSON call; {@code xsrfHeader} is the value of the header X-XSRF-TOKEN, or null for none. */
  Answer sendJson(String method, String path, String json, String xsrfHeader) {
    HttpRequest.Builder request = request(path).header("Content-Type", "application/json")
        .header("Accept", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
    if (xsrfHeader != null) {
      request.header("X-XSRF-TOKEN", xsrfHeader);
    }
    return send(request);
  }

  /** A form POST, urlencoded, with exactly these fields. */
  Answer postForm(String path, Map<String, String> fields) {
    String body = fields.entrySet().stream()
        .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
            + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
    return send(request(path).header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  /** The value of the cookie XSRF-TOKEN; a page sets it where the sign-in has cleared it. */
  String xsrfCookie() {
    String value = cookie("XSRF-TOKEN");
    if (value == null) {
      Answer registry = get("/registry");
      assertThat(registry.status()).as("the registry page of %s", email).isEqualTo(200);
      value = cookie("XSRF-TOKEN");
    }
    assertThat(value).as("the cookie XSRF-TOKEN of %s", email).isNotBlank();
    return value;
  }

  private String cookie(String name) {
    return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name))
        .map(HttpCookie::getValue).filter(v -> !v.isEmpty()).findFirst().orElse(null);
  }
}
