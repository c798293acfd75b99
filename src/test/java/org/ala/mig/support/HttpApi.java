package org.ala.mig.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** A plain HTTP client for tests: calls the running application as a user (or anonymously). */
public final class HttpApi {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;

  public HttpApi(int port) {
    this.base = "http://localhost:" + port;
  }

  /** A response: its status, its body as text, and the body as JSON when it is JSON. */
  public record Reply(int status, String body, String contentType) {
    public JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("not JSON (" + status + "): " + body, e);
      }
    }
  }

  public Reply get(String path, String user) {
    return send(request(path, user).GET().build());
  }

  public Reply post(String path, String user, String contentType, String body) {
    return send(request(path, user).header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build());
  }

  public Reply postJson(String path, String user, String json) {
    return post(path, user, "application/json", json);
  }

  /** The demo users all have the password "demo"; user null is anonymous. */
  public HttpRequest.Builder request(String path, String user) {
    return request(path, user, "demo");
  }

  public HttpRequest.Builder request(String path, String user, String password) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path))
        .timeout(Duration.ofSeconds(60))
        .header("Accept", "application/json, text/html;q=0.9");
    if (user != null) {
      String token = Base64.getEncoder()
          .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
      builder.header("Authorization", "Basic " + token);
    }
    return builder;
  }

  public Reply send(HttpRequest request) {
    HttpResponse<String> response = HttpCalls.send(client, request);
    return new Reply(response.statusCode(), response.body(), response.headers().firstValue("Content-Type").orElse(""));
  }
}
