package org.ala.mig.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.ala.mig.identity.ManualTimeMeter;
import org.ala.mig.support.CamundaWebapps;
import org.ala.mig.support.HttpCalls;
import org.ala.mig.support.WebappSession;
import org.ala.mig.support.HttpApi;
import org.ala.mig.support.HttpApi.Reply;
import org.ala.mig.support.MigSpringBootTest;
import org.ala.mig.support.PageClient;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * Failed sign-ins over every door (HTTP Basic on /api and /engine-rest, the /login page, the
 * Camunda webapps' sign-in) are slowed down and never lock anyone out; the administrators see
 * and clear the waits. The throttle's time is a {@link ManualTimeMeter} that the tests move, so
 * nothing sleeps; the figures are the production defaults (the test profile gives the address
 * more free failures for the other tests; this context sets it back).
 */
@MigSpringBootTest
@TestPropertySource(properties = {"mig.security.sign-in-throttle.per-source.free-failures=10",
    // another engine may be alive in this JVM (the other tests' context)
    "camunda.bpm.process-engine-name=" + SignInThrottleHttpTest.ENGINE,
    "camunda.bpm.generate-unique-process-application-name=true"})
class SignInThrottleHttpTest {

  static final String ENGINE = "throttle";

  @TestConfiguration
  static class ThrottleTime {
    @Bean
    ManualTimeMeter signInTime() {
      return new ManualTimeMeter();
    }
  }

  @LocalServerPort int port;
  @Autowired ManualTimeMeter time;
  @Autowired IdentityService identity;
  @Autowired ProcessEngine engine;
  @Autowired JdbcTemplate jdbc;
  HttpApi http;

  @BeforeEach
  void forgetEverything() {
    time.advance(Duration.ofMinutes(16));   // past forget-after: every key is forgotten
    http = new HttpApi(port);
    CamundaWebapps.serve(engine);
  }

  @Test
  void tenWrongPasswordsForAdminAre429WithRetryAfterAndNeverALockOut() {
    List<Integer> statuses = new ArrayList<>();
    Reply last = null;
    for (int i = 0; i < 12; i++) {
      last = http.send(http.request("/api/me", "admin", "wrong-" + i).GET().build());
      statuses.add(last.status());
    }
    // five free failures, the sixth makes admin wait a second, and nothing more is looked at
    assertThat(statuses).containsExactly(401, 401, 401, 401, 401, 401, 429, 429, 429, 429, 429, 429);
    HttpResponse<String> refused = HttpCalls.send(HttpClient.newHttpClient(), http.request("/api/me", "admin", "demo").GET().build());
    assertThat(refused.statusCode()).as("the right password waits too: it is not looked at").isEqualTo(429);
    assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
    assertThat(refused.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
    Reply body = new Reply(refused.statusCode(), refused.body(), "application/json");
    assertThat(body.json().path("status").asInt()).isEqualTo(429);
    assertThat(body.json().path("error").asText()).isEqualTo("Too Many Requests");
    assertThat(body.json().path("message").asText())
        .isEqualTo("Too many failed sign-ins for this user or from this address: try again in 1 second");
    assertThat(http.get("/engine-rest/engine", "admin").status()).as("engine REST, same door").isEqualTo(429);

    // the attack stops: a second later admin is back, and was never locked by the engine
    time.advance(Duration.ofSeconds(1));
    Reply me = http.get("/api/me", "admin");
    assertThat(me.status()).as(me.body()).isEqualTo(200);
    assertThat(me.json().path("userId").asText()).isEqualTo("admin");
  }

  @Test
  void theEngineNeverLocksAUserItself() {
    ProcessEngineConfigurationImpl config = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    assertThat(config.getLoginMaxAttempts()).isEqualTo(Integer.MAX_VALUE);
    assertThat(config.getLoginDelayBase()).isZero();
    assertThat(config.getLoginDelayMaxTime()).isZero();
    // behind the throttle's back: with the engine's defaults the 10th failure locked for good,
    // and each failure made even the right password fail for 3 s and more (on the engine's clock)
    String user = probeUser();
    try {
      for (int i = 0; i < 25; i++) {
        assertThat(identity.checkPassword(user, "wrong")).isFalse();
      }
      assertThat(identity.checkPassword(user, "right-password")).as("not locked after 25 failures").isTrue();
    } finally {
      identity.deleteUser(user);
    }
  }

  @Test
  void theSignInPageSaysHowLongToWait() {
    PageClient browser = new PageClient(port);
    for (int i = 0; i < 6; i++) {
      PageClient.Page wrong = browser.signIn("chair", "wrong-" + i, "/registry");
      assertThat(wrong.status()).as("attempt %d", i + 1).isEqualTo(401);
      assertThat(wrong.byId("login-error").text()).isEqualTo("Wrong user name or password.");
    }
    PageClient.Page waiting = browser.signIn("chair", "demo", "/registry");
    assertThat(waiting.status()).isEqualTo(429);
    assertThat(waiting.byId("login-error").text())
        .isEqualTo("Too many failed sign-ins for this user or from this address: try again in 1 second.");
    assertThat(waiting.byId("login-error").attr("role")).isEqualTo("alert");
    assertThat(waiting.byId("username").attr("aria-describedby")).isEqualTo("login-error");
    assertThat(waiting.byId("username").attr("value")).isEqualTo("chair");

    time.advance(Duration.ofSeconds(1));
    PageClient.Page signedIn = browser.signIn("chair", "demo", "/registry");
    assertThat(signedIn.status()).as(signedIn.body()).isEqualTo(302);
    assertThat(signedIn.location()).endsWith("/registry");
  }

  @Test
  void theWebappsSignInIsThrottledToo() {
    WebappSession webapp = new WebappSession(port, ENGINE);
    for (int i = 0; i < 6; i++) {
      assertThat(webapp.signIn("mps1", "wrong-" + i).statusCode()).as("attempt %d", i + 1).isEqualTo(401);
    }
    HttpResponse<String> waiting = webapp.signIn("mps1", "demo");
    assertThat(waiting.statusCode()).as(waiting.body()).isEqualTo(429);
    assertThat(waiting.headers().firstValue("Retry-After")).hasValue("1");
    assertThat(waiting.body()).contains("\"status\":429", "try again in 1 second");
    // one door for all: the same user waits on the API as well
    assertThat(http.get("/api/me", "mps1").status()).isEqualTo(429);

    time.advance(Duration.ofSeconds(1));
    assertThat(webapp.signIn("mps1", "demo").statusCode()).isEqualTo(200);
    // the success cleared the user: a wrong password is an ordinary failure again
    assertThat(webapp.signIn("mps1", "wrong").statusCode()).isEqualTo(401);
  }

  @Test
  void oneAddressTryingManyNamesWaitsAfterTenFailures() {
    List<Integer> statuses = new ArrayList<>();
    for (int i = 0; i < 11; i++) {
      statuses.add(http.send(http.request("/api/me", "nobody-" + UUID.randomUUID(), "x").GET().build()).status());
    }
    assertThat(statuses).containsOnly(401);
    Reply waiting = http.get("/api/me", "coo1");
    assertThat(waiting.status()).as("any user from that address waits").isEqualTo(429);
    time.advance(Duration.ofSeconds(1));
    assertThat(http.get("/api/me", "coo1").status()).isEqualTo(200);
  }

  @Test
  void anAdministratorSeesTheWaitsAndUnlocksAUser() {
    for (int i = 0; i < 6; i++) {
      http.send(http.request("/api/me", "coo1", "wrong-" + i).GET().build());
    }
    assertThat(http.get("/api/me", "coo1").status()).isEqualTo(429);

    Reply overview = http.get("/api/admin/sign-in-throttle", "admin");
    assertThat(overview.status()).as(overview.body()).isEqualTo(200);
    assertThat(overview.json().path("users").toString())
        .isEqualTo("[{\"key\":\"coo1\",\"failures\":6,\"secondsToWait\":1}]");
    assertThat(overview.json().path("sources").isArray()).isTrue();
    assertThat(http.get("/api/admin/sign-in-throttle", "chair").status()).isEqualTo(403);
    assertThat(http.get("/api/admin/sign-in-throttle", null).status()).isEqualTo(401);

    assertThat(delete("/api/admin/sign-in-throttle/coo1", "chair").status()).isEqualTo(403);
    assertThat(delete("/api/admin/sign-in-throttle/coo1", null).status()).isEqualTo(401);
    Reply unlocked = delete("/api/admin/sign-in-throttle/coo1", "admin");
    assertThat(unlocked.status()).as(unlocked.body()).isEqualTo(200);
    assertThat(unlocked.json().path("userId").asText()).isEqualTo("coo1");
    assertThat(unlocked.json().path("throttleCleared").asBoolean()).isTrue();
    // at once, with no time gone by
    assertThat(http.get("/api/me", "coo1").status()).isEqualTo(200);
    assertThat(http.get("/api/admin/sign-in-throttle", "admin").json().path("users").size()).isZero();
  }

  @Test
  void unlockingAlsoLiftsALockTheEngineHolds() {
    // a lock from a database that older settings wrote: the engine refuses even the right password
    String user = probeUser();
    try {
      jdbc.update("update ACT_ID_USER set ATTEMPTS_ = ? where ID_ = ?", Integer.MAX_VALUE, user);
      assertThat(identity.checkPassword(user, "right-password")).isFalse();
      Reply unlocked = delete("/api/admin/sign-in-throttle/" + user, "admin");
      assertThat(unlocked.status()).as(unlocked.body()).isEqualTo(200);
      assertThat(unlocked.json().path("throttleCleared").asBoolean()).as("no failures were counted").isFalse();
      assertThat(identity.checkPassword(user, "right-password")).isTrue();
    } finally {
      identity.deleteUser(user);
    }
  }

  @Test
  void unlockingAnUnknownUserIs404() {
    Reply unknown = delete("/api/admin/sign-in-throttle/no-such-user", "admin");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.json().path("status").asInt()).isEqualTo(404);
    assertThat(unknown.json().path("error").asText()).isEqualTo("Not Found");
    assertThat(unknown.json().path("message").asText()).isEqualTo("No user 'no-such-user'");
  }

  private String probeUser() {
    String id = "throttle-probe-" + UUID.randomUUID().toString().substring(0, 8);
    User probe = identity.newUser(id);
    probe.setPassword("right-password");
    identity.saveUser(probe);
    return id;
  }

  private Reply delete(String path, String user) {
    return http.send(http.request(path, user).DELETE().build());
  }
}
