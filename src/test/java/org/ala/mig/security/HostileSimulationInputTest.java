package org.ala.mig.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ala.mig.security.HostileInputGenerator.Choice;
import org.ala.mig.security.HostileInputGenerator.Endpoint;
import org.ala.mig.security.HostileInputGenerator.Hostile;
import org.ala.mig.security.HostileInputGenerator.Obj;
import org.ala.mig.security.HostileInputGenerator.Spec;
import org.ala.mig.security.HostileInputPagesTest.PageSession;
import org.ala.mig.support.HttpApi.Reply;
import org.ala.mig.support.HttpApi;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

/**
 * The simulation profile's write endpoints, {@code POST /api/simulation/clock} and the clock page's
 * {@code POST /simulation/advance}, get 1,000 generated bodies each. A refused one gets 4xx naming
 * the field and leaves the clock where it was; a valid one moves it by what was asked. The same
 * context as {@code SimulationClockTest}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"camunda.bpm.job-execution.enabled=true",
        // another engine may be alive in this JVM (the other tests' context)
        "camunda.bpm.process-engine-name=simulation",
        "camunda.bpm.generate-unique-process-application-name=true"})
@ActiveProfiles({"demo", "test", "simulation"})
class HostileSimulationInputTest {

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  HttpApi http;
  HostileInputGenerator generator;

  @BeforeEach
  void setUp() {
    http = new HttpApi(port);
    generator = new HostileInputGenerator(HostileInputGenerator.seed() + 3);
  }

  @AfterAll
  static void realTimeAgain() {
    ClockUtil.reset();
    System.out.println(HostileRun.tally());
  }

  @Test
  void clockApi() {
    Map<String, Spec> fields = new LinkedHashMap<>();
    // a small move only, so that no timer of the demo falls due: whole minutes up to an hour
    fields.put("advance", new Choice(true, List.of("PT1M", "PT5M", "PT10M", "PT30M", "PT59M"), false));
    Endpoint clock = new Endpoint("clock", new Obj(true, fields), null, null);
    HostileRun run = new HostileRun("POST /api/simulation/clock (simulation profile)", HostileInputGenerator.seed());
    for (int i = 0; i < HostileInputApiTest.BODIES; i++) {
      Hostile h = i % 4 == 3 ? setTo(i) : generator.next(clock);
      Instant before = now();
      HttpRequest.Builder request = http.request("/api/simulation/clock", "admin")
          .POST(HttpRequest.BodyPublishers.ofByteArray(h.body()));
      if (h.contentType() != null) {
        request.header("Content-Type", h.contentType());
      }
      Reply reply = http.send(request.build());
      Instant after = now();
      run.answered(reply.status());
      run.check(h.shown(), () -> reply.status() + " " + reply.body(), () -> {
        assertThat(reply.status()).as("never 5xx").isLessThan(500);
        if (h.valid()) {
          assertThat(reply.status()).isEqualTo(200);
          if (h.sent().containsKey("setTo")) {
            assertThat(after).as("moved to").isAfterOrEqualTo(Instant.parse((String) h.sent().get("setTo")));
            return;
          }
          Duration asked = Duration.parse((String) h.sent().get("advance"));
          assertThat(Duration.between(before, after)).as("moved").isBetween(asked, asked.plusSeconds(30));
          return;
        }
        assertThat(reply.status()).as("refused").isBetween(400, 499);
        HostileInputApiTest.clearError(h, reply);
        assertThat(Duration.between(before, after)).as("the clock stays").isLessThan(Duration.ofSeconds(30));
      });
    }
    run.done();
  }

  /** {setTo: ...}: an instant two minutes ahead is taken; one in the past, far ahead or malformed is not. */
  private Hostile setTo(int index) {
    Instant now = now();
    int pick = generator.nextInt(6);
    String value = switch (pick) {
      case 0 -> now.plus(Duration.ofMinutes(2)).toString();
      case 1 -> now.minus(Duration.ofDays(1 + generator.nextInt(400))).toString();
      case 2 -> now.plus(Duration.ofDays(365L * 21)).toString();
      case 3 -> generator.pick(List.of("2029-08-02", "2029-08-02T05:00:00", "+1000000000-01-01T00:00:00Z", "now",
          "2029-02-30T00:00:00Z", "", "2029-08-02T05:00:00Z\u0000"));
      case 4 -> "both";
      default -> "number";
    };
    String body = pick == 4 ? "{\"advance\": \"PT1M\", \"setTo\": \"" + now.plusSeconds(120) + "\"}"
        : pick == 5 ? "{\"setTo\": " + now.toEpochMilli() + "}"
        : "{\"setTo\": " + HostileInputGenerator.json(value) + "}";
    boolean valid = pick == 0;
    return new Hostile(index, "setTo " + value, "application/json", body.getBytes(java.nio.charset.StandardCharsets.UTF_8),
        valid, List.of("setTo"), valid ? Map.of("setTo", value) : null);
  }

  @Test
  void clockPage() {
    PageSession admin = new PageSession(port).signIn("admin", "demo");
    HostileRun run = new HostileRun("POST /simulation/advance (simulation profile)", HostileInputGenerator.seed());
    for (int i = 0; i < HostileInputApiTest.BODIES; i++) {
      String csrf = admin.csrf();
      Map<String, String> fields = new LinkedHashMap<>();
      int pick = generator.nextInt(100);
      boolean valid = pick == 0;   // one day now and then: each one settles the demo's timers
      String period = valid ? "P1D" : generator.pick(List.of("P2D", "P-1D", "PT1H", "p1d", " P1D", "P1D\u0000", "",
          "<script>alert(1)</script>", "P1D' OR '1'='1", "P99999999Y", "${7*7}", "x".repeat(100_000)));
      fields.put("period", period);
      if (valid || pick > 10) {
        fields.put("_csrf", csrf);
      }
      Instant before = now();
      PageSession.Answer answer = admin.postForm("/simulation/advance", fields);
      Instant after = now();
      run.answered(answer.status());
      run.check("period=" + HostileInputPagesTest.printable(period) + (fields.containsKey("_csrf") ? "" : " (no token)"),
          () -> answer.status() + " " + answer.body(), () -> {
            assertThat(answer.status()).as("never 5xx").isLessThan(500);
            if (valid) {
              assertThat(answer.status()).isEqualTo(302);
              assertThat(Duration.between(before, after)).isGreaterThanOrEqualTo(Duration.ofDays(1));
              return;
            }
            assertThat(answer.status()).as("refused").isIn(400, 403);
            assertThat(Duration.between(before, after)).as("the clock stays").isLessThan(Duration.ofMinutes(5));
            var page = Jsoup.parse(answer.body());
            HostileInputPagesTest.noInjectedMarkup(page, HostileInputPagesTest.tags(Jsoup.parse(admin.get("/simulation")
                .body())));
            assertThat(page.text()).as("says what is wrong").containsAnyOf("period", "form");
          });
    }
    run.done();
  }

  private Instant now() {
    return Instant.parse(http.get("/api/simulation/clock", "admin").json().path("now").asText());
  }
}
