package org.ala.mig.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.ala.mig.support.CamundaWebapps;
import org.ala.mig.support.HttpApi.Reply;
import org.ala.mig.support.HttpApi;
import org.ala.mig.support.MigSpringBootTest;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.filter.Filter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The two known vulnerabilities of Camunda 7.24.0 CE, sent as attacks: each is refused, and
 * normal Tasklist use still works.
 */
@MigSpringBootTest
class CamundaGuardsTest {

  static final String EXPRESSION = "${execution.getProcessEngineServices().getIdentityService()}";

  @LocalServerPort int port;
  @Autowired IdentityService identity;
  @Autowired FilterService filters;
  @Autowired TaskService tasks;
  HttpApi http;
  String savedFilterId;

  @Autowired ProcessEngine engine;

  @BeforeEach
  void client() {
    http = new HttpApi(port);
    CamundaWebapps.serve(engine);   // the attacks go to the webapps' own APIs too
  }

  @AfterEach
  void removeSavedFilter() {
    if (savedFilterId != null) {
      filters.deleteFilter(savedFilterId);
    }
  }

  // --- CVE-2026-77226: Admin's first-run setup ---------------------------------------------------

  @Test
  void anAnonymousCallerCannotCreateAnAdministratorThroughTheFirstRunSetup() {
    // given the condition the attack needs: camunda-admin without direct members
    identity.deleteMembership("admin", "camunda-admin");
    long usersBefore = identity.createUserQuery().count();
    Reply attack;
    try {
      // when an anonymous caller asks the first-run setup for an administrator
      attack = http.postJson("/camunda/api/admin/setup/default/user/create", null, """
        {"profile": {"id": "intruder", "firstName": "I", "lastName": "N", "email": "i@evil.example"},
         "credentials": {"password": "intruder-password"}}""");
    } finally {
      identity.createMembership("admin", "camunda-admin");
    }

    // then it is refused and nobody was created
    assertThat(attack.status()).as(attack.body()).isEqualTo(403);
    assertThat(attack.body()).contains("first-run setup is closed");
    assertThat(identity.createUserQuery().userId("intruder").count()).isZero();
    assertThat(identity.createUserQuery().count()).isEqualTo(usersBefore);
  }

  // --- CVE-2026-109432: expressions in orQueries ----------------------------------------------------

  @Test
  void aTaskQueryWithAnExpressionInItsOrQueriesIsRefusedOnEngineRest() {
    Reply list = http.postJson("/engine-rest/task", "admin",
        "{\"orQueries\": [{\"assigneeExpression\": \"" + EXPRESSION + "\"}]}");
    Reply count = http.postJson("/engine-rest/task/count", "coo1",
        "{\"orQueries\": [{\"candidateGroup\": \"coo\"}, {\"dueDateExpression\": \"${now()}\"}]}");
    Reply get = http.get("/engine-rest/task?orQueries="
        + URLEncoder.encode("[{\"assigneeExpression\":\"" + EXPRESSION + "\"}]", StandardCharsets.UTF_8), "admin");

    assertThat(list.status()).as(list.body()).isEqualTo(400);
    assertThat(list.json().path("message").asText())
        .isEqualTo("Expressions are not allowed in the orQueries of a task query (body.orQueries[0].assigneeExpression)");
    assertThat(count.status()).as(count.body()).isEqualTo(400);
    assertThat(get.status()).as(get.body()).isEqualTo(400);
  }

  @Test
  void theWebappsOwnEngineApiRefusesItToo() {
    Reply tasklistApi = http.postJson("/camunda/api/engine/engine/default/task?firstResult=0&maxResults=15", null,
        "{\"orQueries\": [{\"assigneeExpression\": \"" + EXPRESSION + "\"}], \"sorting\": []}");

    assertThat(tasklistApi.status()).as(tasklistApi.body()).isEqualTo(400);
    assertThat(tasklistApi.body()).contains("orQueries");
  }

  @Test
  void aFilterWithAnExpressionInItsOrQueriesCannotBeSavedOverRest() {
    long before = filters.createFilterQuery().count();

    Reply create = http.postJson("/engine-rest/filter/create", "admin", """
        {"resourceType": "Task", "name": "Trojan", "owner": "admin",
         "query": {"orQueries": [{"candidateUserExpression": "%s"}]}}""".formatted(EXPRESSION));

    assertThat(create.status()).as(create.body()).isEqualTo(400);
    assertThat(filters.createFilterQuery().count()).isEqualTo(before);
  }

  @Test
  void aSavedFilterWithAnExpressionInItsOrQueriesIsNotRun() {
    // given a filter saved before this protection, with an expression in an or-query
    Filter trojan = filters.newTaskFilter("Trojan").setOwner("admin")
        .setQuery(tasks.createTaskQuery().or().taskAssigneeExpression("${'chair'}").endOr());
    savedFilterId = filters.saveFilter(trojan).getId();

    // when it is run over engine REST, then it is refused
    Reply run = http.get("/engine-rest/filter/" + savedFilterId + "/list", "admin");
    Reply count = http.get("/engine-rest/filter/" + savedFilterId + "/count", "admin");
    assertThat(run.status()).as(run.body()).isEqualTo(400);
    assertThat(run.body()).contains("saved filter " + savedFilterId);
    assertThat(count.status()).isEqualTo(400);
  }

  @Test
  void normalTasklistQueriesStillWork() {
    Reply orQuery = http.postJson("/engine-rest/task", "coo1",
        "{\"orQueries\": [{\"candidateGroup\": \"coo\", \"assignee\": \"coo1\"}], \"sorting\": [{\"sortBy\": \"created\", \"sortOrder\": \"desc\"}]}");
    Reply plain = http.get("/engine-rest/task?candidateGroup=coo", "coo1");
    String myGroupTasks = filters.createFilterQuery().filterName("My Group Tasks").singleResult().getId();
    Reply savedFilter = http.get("/engine-rest/filter/" + myGroupTasks + "/list", "coo1");

    assertThat(orQuery.status()).as(orQuery.body()).isEqualTo(200);
    assertThat(plain.status()).as(plain.body()).isEqualTo(200);
    assertThat(savedFilter.status()).as(savedFilter.body()).isEqualTo(200);
  }
}
