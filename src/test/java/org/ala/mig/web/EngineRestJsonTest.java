package org.ala.mig.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.ala.mig.support.HttpApi;
import org.ala.mig.support.HttpApi.Reply;
import org.ala.mig.support.MigSpringBootTest;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.rest.mapper.JacksonConfigurator;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Engine REST reads and writes JSON with one shared mapper, configured as Camunda configures its own. */
@MigSpringBootTest
class EngineRestJsonTest {

  @LocalServerPort int port;
  @Autowired EngineRestJson json;
  @Autowired FilterService filters;
  @Autowired RuntimeService runtime;

  @Test
  void engineRestAsksTheSharedMapperForEveryBodyAndAnswer() {
    String processInstance = runtime.createProcessInstanceByKey("mig-petition").businessKey("erj-1")
        .startBeforeActivity("cooDecision").setVariables(Map.of("migId", "erj-1", "migName", "Json Test Group",
            "petitionId", "P-erj-1", "kind", "ESTABLISH", "statementOfPurpose", "To test engine REST's JSON.",
            "organizersSummary", "Rosa Diaz", "signatureCount", 110, "requiredSignatures", 100, "submittedBy", "mps1"))
        .execute().getId();
    try {
      String filterId = filters.createFilterQuery().filterName("My Group Tasks").singleResult().getId();
      HttpApi http = new HttpApi(port);
      long before = json.timesAsked();
      Reply page = http.postJson("/engine-rest/filter/" + filterId + "/list?firstResult=0&maxResults=15", "coo1",
          "{\"sorting\":[{\"sortBy\":\"created\",\"sortOrder\":\"desc\"}]}");
      assertThat(page.status()).isEqualTo(200);
      assertThat(json.timesAsked()).as("the body read and the answer written").isGreaterThanOrEqualTo(before + 2);

      JsonNode task = null;
      for (JsonNode t : page.json()) {
        if (processInstance.equals(t.path("processInstanceId").asText())) {
          task = t;
        }
      }
      assertThat(task).as("coo1's group task on the first page").isNotNull();
      // the engine's date format (JacksonConfigurator), not Jackson's default
      assertThat(task.path("created").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}[+-]\\d{4}");
      assertThat(json.getContext(Object.class)).as("one mapper").isSameAs(json.getContext(String.class));
      assertThat(json.getContext(Object.class).getDateFormat())
          .isEqualTo(JacksonConfigurator.configureObjectMapper(new com.fasterxml.jackson.databind.ObjectMapper()).getDateFormat());

      // Tasklist asks for HAL: the task page, its count and the linked resources in one answer
      Reply hal = http.send(http.request("/engine-rest/filter/" + filterId + "/list?firstResult=0&maxResults=15", "coo1")
          .setHeader("Accept", "application/hal+json").header("Content-Type", "application/json")
          .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"sorting\":[{\"sortBy\":\"created\",\"sortOrder\":\"desc\"}]}"))
          .build());
      assertThat(hal.status()).as(hal.body()).isEqualTo(200);
      assertThat(hal.json().path("count").asLong()).isPositive();
      assertThat(hal.json().path("_embedded").path("task").isArray()).isTrue();
      assertThat(hal.json().path("_embedded").path("task").get(0).path("created").asText())
          .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}[+-]\\d{4}");

      Reply count = http.postJson("/engine-rest/filter/" + filterId + "/count", "coo1", "{}");
      assertThat(count.status()).isEqualTo(200);
      assertThat(count.json().path("count").asLong()).isPositive();
    } finally {
      runtime.deleteProcessInstance(processInstance, "test over", true, true);
    }
  }
}
