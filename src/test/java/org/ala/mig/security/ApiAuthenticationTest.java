package org.ala.mig.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.ala.mig.support.HttpApi.Reply;
import org.ala.mig.support.HttpApi;
import org.ala.mig.support.MigSpringBootTest;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** /api and /engine-rest need HTTP Basic against the engine's users; the engine's authorizations apply. */
@MigSpringBootTest
class ApiAuthenticationTest {

  @LocalServerPort int port;
  @Autowired IdentityService identity;
  HttpApi http;

  @BeforeEach
  void client() {
    http = new HttpApi(port);
  }

  @Test
  void anonymousCallsGet401WithAJsonReason() {
    for (String path : new String[] {"/api/me", "/engine-rest/engine", "/engine-rest/task"}) {
      Reply reply = http.get(path, null);
      assertThat(reply.status()).as(path).isEqualTo(401);
      assertThat(reply.contentType()).startsWith("application/json");
      assertThat(reply.json().path("message").asText()).contains("HTTP Basic");
    }
  }

  @Test
  void aWrongPasswordIs401() {
    // the engine locks a user out for a few seconds after a wrong password: use a throwaway user
    User probe = identity.newUser("lockout-probe");
    probe.setPassword("right-password");
    identity.saveUser(probe);
    try {
      Reply reply = http.send(http.request("/api/me", "lockout-probe", "wrong-password").GET().build());
      assertThat(reply.status()).isEqualTo(401);
      assertThat(reply.json().path("message").asText()).isEqualTo("Wrong user name or password");
      assertThat(http.send(http.request("/api/me", "nobody-at-all", "x").GET().build()).status()).isEqualTo(401);
    } finally {
      identity.deleteUser("lockout-probe");
    }
  }

  @Test
  void aMalformedAuthorizationHeaderIs401() {
    Reply reply = http.send(http.request("/api/me", null).header("Authorization", "Basic %%%").GET().build());
    assertThat(reply.status()).isEqualTo(401);
  }

  @Test
  void theSignedInUserSeesTheirGroups() {
    Reply me = http.get("/api/me", "chair");
    assertThat(me.status()).isEqualTo(200);
    assertThat(me.json().path("userId").asText()).isEqualTo("chair");
    assertThat(me.json().path("groups").toString()).isEqualTo("[\"coo\",\"coo-chair\"]");
  }

  @Test
  void theEngineAnswersOnlyWhenAuthenticated() {
    Reply engines = http.get("/engine-rest/engine", "coo1");
    assertThat(engines.status()).isEqualTo(200);
    assertThat(engines.json().isArray()).isTrue();
  }

  @Test
  void theEngineRefusesWhatAGroupMayNotDo() {
    Reply reply = http.postJson("/engine-rest/user/create", "council1",
        "{\"profile\":{\"id\":\"intruder\"},\"credentials\":{\"password\":\"x12345678\"}}");
    assertThat(reply.status()).as(reply.body()).isEqualTo(403);
    assertThat(reply.json().path("type").asText()).isEqualTo("AuthorizationException");
  }

  @Test
  void councilCannotStartProcessesThroughTheEngine() {
    Reply reply = http.postJson("/engine-rest/process-definition/key/form-deployment-check/start",
        "council1", "{}");
    assertThat(reply.status()).as(reply.body()).isEqualTo(403);
  }

  @Test
  void malformedBasicCredentialsAreA401AndTheSchemeIsReadInAnyCase() {
    for (String header : java.util.List.of("Bearer abc", "Basic !!", "Basic " + b64(":nouser"), "Basic " + b64("mps1"))) {
      Reply reply = http.send(http.request("/api/me", null)
          .header("Authorization", header).GET().build());
      assertThat(reply.status()).as(header + ": " + reply.body()).isEqualTo(401);
    }
    Reply lowerCase = http.send(http.request("/api/me", null)
        .header("Authorization", "basic " + b64("mps1:demo")).GET().build());
    assertThat(lowerCase.status()).as(lowerCase.body()).isEqualTo(200);
    assertThat(lowerCase.json().path("userId").asText()).isEqualTo("mps1");
  }

  private static String b64(String s) {
    return java.util.Base64.getEncoder().encodeToString(s.getBytes());
  }
}
