package org.ala.mig.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * A browser-like HTTP client for the pages: keeps the session cookie, never follows a redirect
 * (tests look at each one), signs in on /login with the form token, and sends forms
 * urlencoded or as multipart bodies built by hand.
 */
public final class PageClient {

  /** A response: status, body, and where a redirect points. */
  public record Page(int status, String body, String location, String contentType) {
    public Document html() {
      return Jsoup.parse(body);
    }

    /** The element with this id; fails when there is none. */
    public Element byId(String id) {
      Element element = html().getElementById(id);
      assertThat(element).as("element #" + id + " in\n" + body).isNotNull();
      return element;
    }

    /** The form token of the page's forms. */
    public String csrf() {
      Element token = html().selectFirst("input[name=_csrf]");
      assertThat(token).as("a _csrf input in\n" + body).isNotNull();
      return token.attr("value");
    }
  }

  /** One part of a multipart body: a text field, or a file when fileName is set. */
  public record Part(String name, String value, String fileName, byte[] content) {
    public static Part field(String name, String value) {
      return new Part(name, value, null, null);
    }

    public static Part file(String name, String fileName, byte[] content) {
      return new Part(name, null, fileName, content);
    }
  }

  private final String base;
  private final HttpClient client;

  public PageClient(int port) {
    this.base = "http://localhost:" + port;
    this.client = HttpClient.newBuilder().cookieHandler(new CookieManager())
        .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
  }

  /** GET /login, then POST it with the form's token: the answer of the POST. */
  public Page signIn(String user, String password, String next) {
    Page login = get("/login?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8));
    assertThat(login.status()).isEqualTo(200);
    return postForm("/login", Map.of("username", user, "password", password, "_csrf", login.csrf(), "next", next));
  }

  /** Signs in as a demo user and checks that the sign-in page sends the browser on to the registry. */
  public PageClient signedInAs(String user) {
    return signIn(user, "/registry");
  }

  /** Signs in as a demo user (password demo) and checks that /login sends on to {@code next}. */
  public PageClient signIn(String user, String next) {
    Page signedIn = signIn(user, "demo", next);
    assertThat(signedIn.status()).as(signedIn.body()).isEqualTo(302);
    assertThat(signedIn.location()).endsWith(next);
    return this;
  }

  public Page get(String path) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
  }

  public Page postForm(String path, Map<String, String> fields) {
    String body = fields.entrySet().stream()
        .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
            + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
    return send(HttpRequest.newBuilder(URI.create(base + path))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  /** A multipart/form-data POST, as a browser sends a form with a file input. */
  public Page postMultipart(String path, List<Part> parts) {
    String boundary = "----mig-test-" + UUID.randomUUID();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    for (Part part : parts) {
      write(body, "--" + boundary + "\r\n");
      if (part.fileName() == null) {
        write(body, "Content-Disposition: form-data; name=\"" + part.name() + "\"\r\n\r\n");
        write(body, part.value());
      } else {
        write(body, "Content-Disposition: form-data; name=\"" + part.name() + "\"; filename=\"" + part.fileName()
            + "\"\r\nContent-Type: " + (part.fileName().isEmpty() ? "application/octet-stream" : "text/csv")
            + "\r\n\r\n");
        body.writeBytes(part.content());
      }
      write(body, "\r\n");
    }
    write(body, "--" + boundary + "--\r\n");
    return send(HttpRequest.newBuilder(URI.create(base + path))
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
  }

  private static void write(ByteArrayOutputStream out, String text) {
    out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
  }

  private Page send(HttpRequest.Builder request) {
    HttpResponse<String> response = HttpCalls.send(client, request.timeout(Duration.ofSeconds(90)).build());
    return new Page(response.statusCode(), response.body(), response.headers().firstValue("Location").orElse(null),
        response.headers().firstValue("Content-Type").orElse(""));
  }
}
