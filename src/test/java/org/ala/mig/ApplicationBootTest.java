package org.ala.mig;

import com.fasterxml.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.ala.mig.support.HttpApi.Reply;
import org.ala.mig.support.HttpApi;
import org.ala.mig.support.MigSpringBootTest;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The application boots on H2 with its webapps, deployment and a clean error for strangers. */
@MigSpringBootTest
class ApplicationBootTest {

  @LocalServerPort int port;
  @Autowired RepositoryService repository;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired FormService forms;
  HttpApi http;

  @BeforeEach
  void client() {
    http = new HttpApi(port);
  }

  @Test
  void servesTasklistCockpitAndAdmin() {
    for (String app : new String[] {"tasklist", "cockpit", "admin"}) {
      Reply page = http.get("/camunda/app/" + app + "/default/", null);
      assertThat(page.status()).as(app).isEqualTo(200);
      assertThat(page.body()).as(app).containsIgnoringCase("<title>Camunda " + app);
    }
  }

  @Test
  void homePageShowsWhereToClickAndTheDemoLogins() {
    Reply home = http.get("/", null);
    assertThat(home.status()).isEqualTo(200);
    assertThat(home.body())
        .contains("/camunda/app/tasklist/", "/camunda/app/cockpit/", "href=\"/registry\"", "href=\"/council\"")
        .contains("council1", "member-programs", "<code>demo</code>");
  }

  @Test
  void healthIsPublicButMetricsAreForAdministrators() {
    // public: the overall status, without details (DEGRADED only when other tests of this context
    // left a mail failed or waiting, which the outbox's own tests check)
    Reply health = http.get("/actuator/health", null);
    assertThat(health.status()).isEqualTo(200);
    assertThat(health.json().path("status").asText()).isIn("UP", "DEGRADED");
    assertThat(health.json().has("components")).isFalse();
    JsonNode components = http.get("/actuator/health", "admin").json().path("components");
    assertThat(components.path("db").path("status").asText()).isEqualTo("UP");
    assertThat(components.path("conferences").path("status").asText()).isEqualTo("UP");
    assertThat(http.get("/actuator/metrics", null).status()).isEqualTo(401);
    assertThat(http.get("/actuator/metrics", "coo1").status()).isEqualTo(403);
    assertThat(http.get("/actuator/metrics", "admin").status()).isEqualTo(200);
  }

  @Test
  void theSimulationClockExistsOnlyInTheSimulationProfile() {
    assertThat(http.get("/api/simulation/clock", "admin").status()).isEqualTo(404);
  }

  @Test
  void deploysCamundaFormsFromTheClasspathAndResolvesThemByFormRef() throws Exception {
    assertThat(repository.createProcessDefinitionQuery().processDefinitionKey("form-deployment-check")
        .latestVersion().singleResult()).isNotNull();

    String instance = runtime.startProcessInstanceByKey("form-deployment-check").getId();
    Task task = tasks.createTaskQuery().processInstanceId(instance).singleResult();
    try (InputStream form = forms.getDeployedTaskForm(task.getId())) {
      String json = new String(form.readAllBytes(), StandardCharsets.UTF_8);
      assertThat(json).contains("\"id\": \"form-deployment-check\"", "\"key\": \"confirmedCount\"");
    } finally {
      runtime.deleteProcessInstance(instance, "test done");
    }
  }
}
