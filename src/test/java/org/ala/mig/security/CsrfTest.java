package org.ala.mig.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.ala.mig.support.CamundaWebapps;
import org.ala.mig.support.WebappSession;
import org.ala.mig.support.HttpApi.Reply;
import org.ala.mig.support.HttpApi;
import org.ala.mig.support.ManagedMigs;
import org.ala.mig.support.MigSpringBootTest;
import org.ala.mig.support.PageClient.Part;
import org.ala.mig.support.PageClient;
import org.ala.mig.support.PetitionJson;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Cross-site request forgery: the Camunda webapps' own API refuses a state-changing call of a
 * signed-in session without its X-XSRF-TOKEN header, and the application's pages refuse a form
 * without the session's {@code _csrf}.
 */
@MigSpringBootTest
class CsrfTest {

  @LocalServerPort int port;
  @Autowired ProcessEngine engine;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;
  @Autowired JdbcTemplate jdbc;

  @BeforeEach
  void webapps() {
    CamundaWebapps.serve(engine);
  }

  @Test
  void theWebappsApiRefusesAClaimWithoutTheTokenAndTakesItWithTheToken() {
    String task = verifyTask();
    String claim = "/camunda/api/engine/engine/default/task/" + task + "/claim";

    WebappSession forged = signedIn("mps1");
    HttpResponse<String> withoutToken = forged.post(claim, "{\"userId\": \"mps1\"}", false);
    assertThat(withoutToken.statusCode()).as(withoutToken.body()).isEqualTo(403);
    assertThat(withoutToken.headers().firstValue("X-XSRF-TOKEN")).hasValue("Required");
    assertThat(tasks.createTaskQuery().taskId(task).singleResult().getAssignee()).isNull();

    WebappSession genuine = signedIn("mps1");
    HttpResponse<String> withToken = genuine.post(claim, "{\"userId\": \"mps1\"}", true);
    assertThat(withToken.statusCode()).as(withToken.body()).isEqualTo(204);
    assertThat(tasks.createTaskQuery().taskId(task).singleResult().getAssignee()).isEqualTo("mps1");
  }

  @Test
  void thePagesRefuseAFormWithoutTheSessionsToken() {
    PageClient mps = new PageClient(port).signIn("mps1", "/petitions/new");
    String token = mps.get("/petitions/new").csrf();
    int petitionsBefore = jdbc.queryForObject("select count(*) from petition", Integer.class);

    PageClient.Page withoutToken = mps.postMultipart("/petitions", List.of(
        Part.field("kind", "ESTABLISH"), Part.field("migName", "Forged Petition"),
        Part.field("statementOfPurpose", "Sent from another site.")));
    PageClient.Page wrongToken = mps.postForm("/logout", Map.of("_csrf", token + "0"));
    PageClient.Page signInWithoutToken = new PageClient(port).postForm("/login",
        Map.of("username", "mps1", "password", "demo", "next", "/registry"));

    assertThat(withoutToken.status()).isEqualTo(403);
    assertThat(wrongToken.status()).isEqualTo(403);
    assertThat(signInWithoutToken.status()).isEqualTo(403);
    assertThat(jdbc.queryForObject("select count(*) from petition", Integer.class)).isEqualTo(petitionsBefore);
    assertThat(mps.get("/petitions/new").status()).as("still signed in").isEqualTo(200);
    assertThat(mps.postForm("/logout", Map.of("_csrf", token)).status()).as("sign-out with the token").isEqualTo(302);
    assertThat(mps.get("/petitions/new").status()).as("signed out").isEqualTo(302);
  }

  private String verifyTask() {
    HttpApi http = new HttpApi(port);
    Reply submitted = http.postJson("/api/petitions", "mps1", PetitionJson.write(
        PetitionJson.establish("Csrf Check " + System.nanoTime(), PetitionJson.signatures(jdbc, 100))));
    assertThat(submitted.status()).as(submitted.body()).isEqualTo(201);
    String instance = submitted.json().path("processInstanceId").asText();
    ManagedMigs.runDueJobs(management, instance);
    return tasks.createTaskQuery().processInstanceId(instance).taskDefinitionKey("verifySignatures").singleResult().getId();
  }

  /** A browser session of the webapps, signed in at Tasklist's login as the browser does it. */
  private WebappSession signedIn(String user) {
    WebappSession session = new WebappSession(port, "default");
    HttpResponse<String> login = session.signIn(user, "demo");
    assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
    return session;
  }
}
