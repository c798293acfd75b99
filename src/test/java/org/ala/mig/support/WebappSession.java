package org.ala.mig.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A browser session of the Camunda webapps (Tasklist, Cockpit, Admin): its cookies and the
 * webapps' CSRF token, sent as Tasklist's page sends them.
 */
public final class WebappSession {

  private final HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager())
      .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;
  private final String engine;
  private String token;

  public WebappSession(int port, String engine) {
    this.base = "http://localhost:" + port;
    this.engine = engine;
  }

  /** Signs in at Tasklist's login; on success the session takes up its new CSRF token. */
  public HttpResponse<String> signIn(String user, String password) {
    fetchToken();
    String form = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8)
        + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
    HttpResponse<String> login = send(HttpRequest.newBuilder(
            URI.create(base + "/camunda/api/admin/auth/user/" + engine + "/login/tasklist"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("X-XSRF-TOKEN", token)
        .POST(HttpRequest.BodyPublishers.ofString(form)));
    if (login.statusCode() == 200) {
      fetchToken();
    }
    return login;
  }

  /** A JSON POST to the webapps' API, with the session's CSRF token or without it. */
  public HttpResponse<String> post(String path, String json, boolean withToken) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
    if (withToken) {
      request.header("X-XSRF-TOKEN", token);
    }
    return send(request);
  }

  private void fetchToken() {
    send(HttpRequest.newBuilder(URI.create(base + "/camunda/api/admin/auth/user/" + engine)).GET())
        .headers().firstValue("X-XSRF-TOKEN").ifPresent(t -> token = t);
    assertThat(token).as("the webapps hand out a CSRF token").isNotBlank();
  }

  private HttpResponse<String> send(HttpRequest.Builder request) {
    return HttpCalls.send(client, request.timeout(Duration.ofSeconds(60)).build());
  }
}
