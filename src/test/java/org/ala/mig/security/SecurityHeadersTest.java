package org.ala.mig.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.ala.mig.support.HttpCalls;
import org.ala.mig.support.CamundaWebapps;
import org.ala.mig.support.MigSpringBootTest;
import org.camunda.bpm.engine.ProcessEngine;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The security headers of the application's own pages and APIs, and the pages' fitness for their
 * Content-Security-Policy: no inline script, style or event handler in any template.
 */
@MigSpringBootTest
class SecurityHeadersTest {

  @LocalServerPort int port;
  @Autowired ProcessEngine engine;
  HttpClient browser;

  @BeforeEach
  void signIn() throws Exception {
    CamundaWebapps.serve(engine);
    browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
        .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
    String token = Jsoup.parse(get("/login", null).body()).selectFirst("input[name=_csrf]").attr("value");
    HttpResponse<String> signedIn = browser.send(HttpRequest.newBuilder(URI.create(base() + "/login"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("username=coo1&password=demo&next=%2Fregistry&_csrf=" + token))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(302);
  }

  @Test
  void pagesAndApisSayNoSniffingNoFramingSameOriginReferrersTheirPolicyAndNoStore() {
    for (String path : List.of("/", "/login", "/registry", "/migs/diversity", "/council", "/petitions/new", "/outbox",
        "/no-such-page")) {
      assertOwnHeaders(path, get(path, null), true);
    }
    assertOwnHeaders("/api/me", get("/api/me", "coo1"), true);
    assertOwnHeaders("/api/me (anonymous: 401)", get("/api/me", "anonymous"), true);
    assertOwnHeaders("/engine-rest/engine", get("/engine-rest/engine", "coo1"), true);
    assertOwnHeaders("/actuator/health", get("/actuator/health", null), true);
  }

  @Test
  void staticFilesMayBeCached() {
    HttpResponse<String> css = get("/css/mig.css", null);
    assertThat(css.statusCode()).isEqualTo(200);
    assertOwnHeaders("/css/mig.css", css, false);
    assertThat(css.headers().firstValue("Cache-Control")).isNotEqualTo(java.util.Optional.of("no-store"));
  }

  @Test
  void theCamundaWebappsKeepTheirOwnPolicy() {
    HttpResponse<String> tasklist = get("/camunda/app/tasklist/default/", null);
    assertThat(tasklist.statusCode()).isEqualTo(200);
    String policy = tasklist.headers().firstValue("Content-Security-Policy").orElseThrow();
    assertThat(policy).isNotEqualTo(SecurityHeadersFilter.CONTENT_SECURITY_POLICY).contains("nonce-");
    assertThat(tasklist.headers().allValues("Content-Security-Policy")).hasSize(1);
  }

  @Test
  void noTemplateNeedsInlineScriptsStylesOrHandlers() throws IOException {
    Path pages = Path.of("src/main/resources/templates/pages");
    try (Stream<Path> files = Files.list(pages)) {
      List<Path> templates = files.filter(p -> p.toString().endsWith(".html")).toList();
      assertThat(templates).hasSizeGreaterThan(5);
      for (Path template : templates) {
        Document html = Jsoup.parse(Files.readString(template, StandardCharsets.UTF_8));
        for (Element script : html.select("script")) {
          assertThat(script.hasAttr("src") || script.hasAttr("th:src")).as("%s: inline <script>", template).isTrue();
          assertThat(script.data().strip()).as("%s: script body", template).isEmpty();
        }
        assertThat(html.select("style")).as("%s: <style>", template).isEmpty();
        for (Element element : html.getAllElements()) {
          element.attributes().forEach(attribute -> {
            String name = attribute.getKey().toLowerCase();
            assertThat(name).as("%s: <%s %s>", template, element.tagName(), name)
                .doesNotMatch("(th:)?(style|on[a-z]+)");
            assertThat(attribute.getValue().toLowerCase()).as("%s: %s", template, name).doesNotStartWith("javascript:");
          });
        }
      }
    }
  }

  private void assertOwnHeaders(String what, HttpResponse<String> response, boolean noStore) {
    HttpHeaders headers = response.headers();
    assertThat(headers.firstValue("X-Content-Type-Options")).as(what).hasValue("nosniff");
    assertThat(headers.firstValue("X-Frame-Options")).as(what).hasValue("DENY");
    assertThat(headers.firstValue("Referrer-Policy")).as(what).hasValue("same-origin");
    assertThat(headers.firstValue("Content-Security-Policy")).as(what).hasValue(SecurityHeadersFilter.CONTENT_SECURITY_POLICY);
    assertThat(SecurityHeadersFilter.CONTENT_SECURITY_POLICY)
        .contains("script-src 'self'", "frame-ancestors 'none'", "object-src 'none'")
        .doesNotContain("'unsafe-eval'")
        .doesNotContainPattern("script-src[^;]*unsafe-inline");
    if (noStore) {
      assertThat(headers.firstValue("Cache-Control")).as(what).hasValue("no-store");
    }
  }

  private HttpResponse<String> get(String path, String basicUser) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(30));
    if (basicUser != null && !basicUser.equals("anonymous")) {
      request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((basicUser + ":demo").getBytes()));
    }
    return HttpCalls.send(basicUser == null ? browser : HttpClient.newHttpClient(), request.GET().build());
  }

  private String base() {
    return "http://localhost:" + port;
  }
}
