package org.ala.mig.web.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser as far as the pages care: a cookie jar (the session), redirects not followed, and
 * forms sent with the hidden {@code _csrf} field of the page they came from.
 */
final class PageSession {

  /** A page or a redirect: status, body, and where it sends the browser. */
  record Page(int status, String body, String location, String contentType) {}

  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([0-9a-f]+)\"");

  private final HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager())
      .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;

  PageSession(int port) {
    this.base = "http://localhost:" + port;
  }

  Page get(String path) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
  }

  Page postForm(String path, Map<String, String> fields) {
    String body = fields.entrySet().stream()
        .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
    return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  /** The hidden _csrf field of a page. */
  static String csrf(Page page) {
    Matcher m = CSRF.matcher(page.body());
    assertThat(m.find()).as("a _csrf field in " + page.body()).isTrue();
    return m.group(1);
  }

  /** GET /login, then POST it with the form's token: the answer of the POST. */
  Page signIn(String user, String password, String next) {
    Page form = get("/login?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8));
    assertThat(form.status()).isEqualTo(200);
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("_csrf", csrf(form));
    fields.put("username", user);
    fields.put("password", password);
    fields.put("next", next);
    return postForm("/login", fields);
  }

  /** Signs in with the demo password and checks that the sign-in page sends the browser on. */
  PageSession signedInAs(String user) {
    Page answer = signIn(user, "demo", "/registry");
    assertThat(answer.status()).as(answer.body()).isEqualTo(302);
    assertThat(answer.location()).endsWith("/registry");
    return this;
  }

  private Page send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> response = client.send(request.timeout(Duration.ofSeconds(60)).build(),
          HttpResponse.BodyHandlers.ofString());
      return new Page(response.statusCode(), response.body(), response.headers().firstValue("Location").orElse(null),
          response.headers().firstValue("Content-Type").orElse(""));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
