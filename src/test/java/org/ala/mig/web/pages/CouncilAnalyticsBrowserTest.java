package org.ala.mig.web.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.ala.mig.support.BrowserSupport;
import org.ala.mig.support.HttpApi;
import org.ala.mig.support.HttpApi.Reply;
import org.ala.mig.support.ManagedMigs;
import org.ala.mig.support.MigSpringBootTest;
import org.ala.mig.support.PetitionJson;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Council's analytics in a real browser (headless Debian Chromium), under the application's own
 * Content-Security-Policy: ECharts, from its webjar, draws each of the four figures tables as an
 * SVG chart, and the browser reports no error and no refusal.
 */
@Tag("browser")
@MigSpringBootTest
class CouncilAnalyticsBrowserTest {

  @RegisterExtension final BrowserSupport browser = new BrowserSupport();

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;
  @Autowired org.camunda.bpm.engine.RuntimeService runtime;

  @Test
  void everyFigureIsDrawnAsAChartWithNoConsoleError() {
    decideAPetitionAndReceiveAReport();
    String base = "http://localhost:" + port;
    browser.signIn(base, "council1", "/council/analytics");

    List<WebElement> charts = browser.driver().findElements(By.cssSelector(".chart[data-table]"));
    assertThat(charts).extracting(c -> c.getAttribute("id"))
        .containsExactly("chart-active", "chart-decision", "chart-reports", "chart-outcomes");
    browser.waitUpTo(Duration.ofSeconds(30)).until(d -> d.findElements(By.cssSelector(".chart.drawn svg")).size() == 4);
    for (WebElement chart : charts) {
      // drawn, visible and of a real size, with the bars or lines of its series
      assertThat(chart.isDisplayed()).as(chart.getAttribute("id")).isTrue();
      assertThat(chart.getSize().getHeight()).as(chart.getAttribute("id")).isGreaterThan(100);
      assertThat(chart.findElements(By.cssSelector("svg path"))).as(chart.getAttribute("id")).hasSizeGreaterThan(3);
    }
    // the outcomes chart's axis names the five outcomes of its table
    Object labels = ((JavascriptExecutor) browser.driver()).executeScript(
        "return Array.from(document.querySelectorAll('#chart-outcomes svg text')).map(t => t.textContent).join('|');");
    assertThat(String.valueOf(labels)).contains("Established", "Renewed", "Disbanded", "Transitioned", "Not established");
    // the tables stay for screen readers and print
    assertThat(browser.driver().findElements(By.cssSelector("table.figures caption"))).hasSize(4);
    assertThat(browser.consoleMessages()).as("browser console")
        .noneMatch(message -> message.startsWith("SEVERE") || message.contains("Content Security Policy")
            || message.contains("Refused to"));
  }

  /** So that the decision and reports charts have something to draw whatever ran before. */
  private void decideAPetitionAndReceiveAReport() {
    HttpApi http = new HttpApi(port);
    Reply filed = http.postJson("/api/petitions", "mps1", PetitionJson.write(PetitionJson.establish(
        "Charted " + java.util.UUID.randomUUID().toString().substring(0, 8), PetitionJson.signatures(jdbc, 100))));
    assertThat(filed.status()).as(filed.body()).isEqualTo(201);
    String petition = filed.json().path("processInstanceId").asText();
    ManagedMigs.runDueJobs(management, petition);
    if (tasks.createTaskQuery().processInstanceId(petition).taskDefinitionKey("verifySignatures").count() > 0) {
      complete(petition, "verifySignatures", Map.of("validSignatureCount", 100L));
    }
    complete(petition, "cooDecision", Map.of("approved", false, "decisionRationale", "A section does this work."));
    ManagedMigs.runDueJobs(management, petition);
    // the demo MIG's lifecycle opens its next report when its jobs run (they only run when a test says so)
    runtime.createProcessInstanceQuery().processInstanceBusinessKey("diversity").list()
        .forEach(instance -> ManagedMigs.runDueJobs(management, instance.getId()));
    int year = jdbc.queryForObject("select report_year from annual_report where mig_id = 'diversity' and status = 'AWAITED'"
        + " order by due_date fetch first 1 rows only", Integer.class);
    Reply report = http.postJson("/api/migs/diversity/annual-reports", "liaison1",
        "{\"year\": " + year + ", \"activities\": \"A meeting at Annual.\"}");
    assertThat(report.status()).as(report.body()).isIn(202, 409);
  }

  private void complete(String instance, String key, Map<String, Object> outputs) {
    var task = tasks.createTaskQuery().processInstanceId(instance).taskDefinitionKey(key).singleResult();
    assertThat(task).as(key).isNotNull();
    tasks.complete(task.getId(), outputs);
  }
}
