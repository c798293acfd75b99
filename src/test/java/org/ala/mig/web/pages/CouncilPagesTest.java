package org.ala.mig.web.pages;

import static org.ala.mig.web.pages.RegistryPagesTest.attribute;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ala.mig.mail.MailOutbox;
import org.ala.mig.support.HttpApi;
import org.ala.mig.support.ManagedMigs.Managed;
import org.ala.mig.support.ManagedMigs;
import org.ala.mig.support.MigSpringBootTest;
import org.ala.mig.support.PageClient.Page;
import org.ala.mig.support.PageClient;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.management.ActivityStatistics;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * GET /council over real HTTP: each deployed model of the application as a diagram with, on it and
 * in a table beneath it, how many running instances stand at each step; and the way to the
 * published COO reports.
 */
@MigSpringBootTest
class CouncilPagesTest {

  static final List<String> KEYS = List.of("mig-petition", "mig-lifecycle", "mig-annual-report", "coo-council-report");
  static final ObjectMapper JSON = new ObjectMapper();

  @LocalServerPort int port;
  @Autowired RepositoryService repository;
  @Autowired RuntimeService runtime;
  @Autowired ManagementService management;
  @Autowired MailOutbox outbox;
  @Autowired JdbcTemplate jdbc;
  ManagedMigs migs;

  @BeforeEach
  void clients() {
    migs = new ManagedMigs(new HttpApi(port), runtime, management, outbox, jdbc);
  }

  @Test
  void councilSeesEveryDeployedModelAsADiagramWithItsCountsInATable() throws Exception {
    Page page = new PageClient(port).signedInAs("council1").get("/council");

    assertThat(page.status()).isEqualTo(200);
    String body = page.body();
    assertThat(body).contains("href=\"/council/reports\">Published COO reports</a>");
    List<ProcessDefinition> deployed = repository.createProcessDefinitionQuery()
        .processDefinitionKeysIn(KEYS.toArray(String[]::new)).latestVersion().list();
    assertThat(deployed).extracting(ProcessDefinition::getKey)
        .contains("mig-petition", "mig-lifecycle", "mig-annual-report");
    assertThat(count(body, "<div class=\"mig-diagram-canvas\"")).isEqualTo(deployed.size());
    assertThat(count(body, "<table class=\"counts\"")).isEqualTo(deployed.size());
    for (ProcessDefinition definition : deployed) {
      String section = modelSection(body, definition.getKey());
      Map<String, Long> expected = runningByActivity(definition);
      assertThat(attribute(section, "data-diagram-url")).isEqualTo("/diagrams/" + definition.getId() + ".bpmn");
      assertThat(counts(section)).as(definition.getKey()).isEqualTo(expected);
      assertThat(tableCounts(section)).as(definition.getKey()).isEqualTo(expected);
      assertThat(section).contains("<details class=\"steps\">");
    }
    // the demo's seven MIGs, at least, are in their lifecycle
    long lifecycles = runtime.createProcessInstanceQuery().processDefinitionKey("mig-lifecycle").count();
    assertThat(lifecycles).isGreaterThanOrEqualTo(7);
    assertThat(modelSection(body, "mig-lifecycle")).contains(lifecycles + " running instances");
    assertThat(body).contains("/webjars/bpmn-js/", "/js/diagram.js");
  }

  @Test
  void aNewMigCountsAtTheStepItStandsAt() throws Exception {
    PageClient liaison = new PageClient(port).signedInAs("liaison1");
    ProcessDefinition lifecycle = repository.createProcessDefinitionQuery().processDefinitionKey("mig-lifecycle")
        .latestVersion().singleResult();
    Map<String, Long> before = tableCounts(modelSection(liaison.get("/council").body(), "mig-lifecycle"));

    // when one more MIG comes under management
    Managed mig = migs.manage("Counted Once", LocalDate.of(2025, 1, 10));
    List<String> standsAt = runtime.getActiveActivityIds(migs.lifecycle(mig.id()));
    assertThat(standsAt).isNotEmpty();

    // then each step it stands at counts one more
    Map<String, Long> after = tableCounts(modelSection(liaison.get("/council").body(), "mig-lifecycle"));
    for (String activityId : standsAt) {
      assertThat(after.get(activityId)).as(activityId).isEqualTo(before.getOrDefault(activityId, 0L) + 1);
    }
    assertThat(after).isEqualTo(runningByActivity(lifecycle));
  }

  @Test
  void anAnonymousVisitorIsSentToSignIn() {
    Page page = new PageClient(port).get("/council");
    assertThat(page.status()).isEqualTo(302);
    assertThat(page.location()).endsWith("/login?next=%2Fcouncil");
  }

  // ---------------------------------------------------------------------------------------------

  /** What the engine counts for every running version of the definition's key. */
  private Map<String, Long> runningByActivity(ProcessDefinition latest) {
    Map<String, Long> counts = new HashMap<>();
    for (ProcessDefinition version : repository.createProcessDefinitionQuery().processDefinitionKey(latest.getKey()).list()) {
      for (ActivityStatistics s : management.createActivityStatisticsQuery(version.getId()).list()) {
        counts.merge(s.getId(), (long) s.getInstances(), Long::sum);
      }
    }
    return counts;
  }

  static String modelSection(String body, String key) {
    int start = body.indexOf("<section class=\"model\" id=\"model-" + key + "\"");
    assertThat(start).as("section of " + key).isNotNegative();
    return body.substring(start, body.indexOf("</section>", start));
  }

  /** The counts the diagram shows: its data-counts. */
  static Map<String, Long> counts(String section) throws Exception {
    String json = attribute(section, "data-counts").replace("&quot;", "\"").replace("&amp;", "&");
    return JSON.readValue(json, new TypeReference<Map<String, Long>>() {});
  }

  /** The counts of the table: activity id to running instances. */
  static Map<String, Long> tableCounts(String section) {
    Map<String, Long> counts = new HashMap<>();
    Matcher row = Pattern.compile("<tr data-activity-id=\"([^\"]+)\">.*?<td class=\"number\">(\\d+)</td>", Pattern.DOTALL)
        .matcher(section);
    while (row.find()) {
      counts.put(row.group(1), Long.parseLong(row.group(2)));
    }
    return counts;
  }

  static int count(String body, String what) {
    int n = 0;
    for (int i = body.indexOf(what); i >= 0; i = body.indexOf(what, i + 1)) {
      n++;
    }
    return n;
  }
}
