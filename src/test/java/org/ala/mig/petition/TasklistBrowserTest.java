package org.ala.mig.petition;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.ala.mig.support.BrowserSupport;
import org.ala.mig.support.CamundaWebapps;
import org.ala.mig.support.HttpApi.Reply;
import org.ala.mig.support.HttpApi;
import org.ala.mig.support.ManagedMigs;
import org.ala.mig.support.MigSpringBootTest;
import org.ala.mig.support.PetitionJson;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.ElementClickInterceptedException;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The COO chair decides a petition the way COO does: in the real Camunda Tasklist, through the
 * task's Camunda Form, in headless Debian Chromium.
 */
@Tag("browser")
@MigSpringBootTest
class TasklistBrowserTest {

  @RegisterExtension final BrowserSupport browser = new BrowserSupport();

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  @Autowired ManagementService management;
  @Autowired TaskService tasks;
  @Autowired HistoryService history;

  @Autowired ProcessEngine engine;

  /** Tasklist works in this context, whatever contexts ran before it in this JVM. */
  @BeforeEach
  void tasklistServesThisContext() {
    CamundaWebapps.serve(engine);
    Reply tasklist = new HttpApi(port).get("/camunda/app/tasklist/default/", null);
    assertThat(tasklist.status()).as("Tasklist's page: %s", tasklist.body()).isEqualTo(200);
  }

  @Test
  void theChairApprovesAPetitionInTasklistAndTheProcessMovesOn() {
    // given a petition whose signatures MPS has verified
    String name = "Tasklist Makers " + System.nanoTime() % 100000;
    Reply submitted = new HttpApi(port).postJson("/api/petitions", "mps1",
        PetitionJson.write(PetitionJson.establish(name, PetitionJson.signatures(jdbc, 100))));
    assertThat(submitted.status()).as(submitted.body()).isEqualTo(201);
    String instance = submitted.json().path("processInstanceId").asText();
    runJobs(instance);
    tasks.complete(task(instance, "verifySignatures").getId(), Map.of("validSignatureCount", 100L));
    Task decision = task(instance, "cooDecision");

    // when the chair signs in to Tasklist, opens the task, claims it, fills the form and completes it
    WebDriver driver = browser.driver();
    String tasklist = "http://localhost:" + port + "/camunda/app/tasklist/default/";
    driver.get(tasklist);
    visible(By.cssSelector("input[ng-model='username'], input#username, input[name='username']")).sendKeys("chair");
    driver.findElement(By.cssSelector("input[type='password']")).sendKeys("demo");
    driver.findElement(By.cssSelector("button[type='submit']")).click();
    browser.waitUpTo(Duration.ofSeconds(30)).until(d -> !d.findElements(By.cssSelector(".tasks-list, [cam-tasks]")).isEmpty()
        || d.getPageSource().contains("Create task"));

    // Tasklist lists the shared filters, the group's own work first, and shows no Camunda 8 banner
    browser.waitUpTo(Duration.ofSeconds(30)).until(d -> d.getPageSource().contains("Due this week"));
    String page = driver.findElement(By.tagName("body")).getText();
    assertThat(page).contains("My Group Tasks", "Due this week", "My Tasks");
    assertThat(page.indexOf("My Group Tasks")).isLessThan(page.indexOf("Due this week"));
    assertThat(driver.findElements(By.cssSelector(".ce-eol-banner"))).noneMatch(WebElement::isDisplayed);

    driver.get(tasklist + "#/?task=" + decision.getId());
    // the task is named after its MIG
    browser.waitUpTo(Duration.ofSeconds(30)).until(d -> d.getPageSource().contains("Decide on the petition: " + name));
    WebElement claim = visible(By.xpath("//button[normalize-space()='Claim' or contains(@class,'claim')]"));
    click(claim);
    WebElement migName = visible(By.cssSelector("input[id$='-migName']"));
    assertThat(migName.getDomProperty("value")).as("the form shows the petition").isEqualTo(name);
    click(driver.findElement(By.cssSelector("input[type='checkbox'][id$='-approved']")));
    click(driver.findElement(By.cssSelector("input[type='checkbox'][id$='-noOverlapConfirmed']")));
    WebElement rationale = driver.findElement(By.cssSelector("textarea[id$='-decisionRationale']"));
    click(rationale);
    rationale.sendKeys("Fills a gap no division covers.");
    click(visible(By.xpath("//button[normalize-space()='Complete']")));

    // then the task is done with the chair's answers, and the petition moves on to record the decision
    Instant deadline = Instant.now().plusSeconds(30);
    while (tasks.createTaskQuery().processInstanceId(instance).taskDefinitionKey("cooDecision").count() > 0
        && Instant.now().isBefore(deadline)) {
      sleep(250);
    }
    assertThat(tasks.createTaskQuery().processInstanceId(instance).taskDefinitionKey("cooDecision").count())
        .as("the cooDecision task is completed").isZero();
    assertThat(history.createHistoricTaskInstanceQuery().taskId(decision.getId()).singleResult().getAssignee())
        .isEqualTo("chair");
    assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(instance).variableName("approved")
        .singleResult().getValue()).isEqualTo(true);
    assertThat(management.createJobQuery().processInstanceId(instance).activityId("recordDecision").count())
        .as("the process waits to record the decision").isEqualTo(1);
  }

  @Test
  void tasklistShowsWhyAnApprovalWithoutTheNoOverlapConfirmationIsRefused() {
    // given a verified petition's cooDecision task, claimed by the chair in Tasklist
    String name = "Tasklist Refusal " + System.nanoTime() % 100000;
    Reply submitted = new HttpApi(port).postJson("/api/petitions", "mps1",
        PetitionJson.write(PetitionJson.establish(name, PetitionJson.signatures(jdbc, 100))));
    String instance = submitted.json().path("processInstanceId").asText();
    runJobs(instance);
    tasks.complete(task(instance, "verifySignatures").getId(), Map.of("validSignatureCount", 100L));
    Task decision = task(instance, "cooDecision");
    WebDriver driver = browser.driver();
    String tasklist = "http://localhost:" + port + "/camunda/app/tasklist/default/";
    driver.get(tasklist);
    visible(By.cssSelector("input[ng-model='username'], input#username, input[name='username']")).sendKeys("chair");
    driver.findElement(By.cssSelector("input[type='password']")).sendKeys("demo");
    driver.findElement(By.cssSelector("button[type='submit']")).click();
    browser.waitUpTo(Duration.ofSeconds(30)).until(d -> d.getPageSource().contains("Create task"));
    driver.get(tasklist + "#/?task=" + decision.getId());
    click(visible(By.xpath("//button[normalize-space()='Claim' or contains(@class,'claim')]")));

    // when the chair approves without confirming that the MIG takes over no unit's responsibilities
    click(visible(By.cssSelector("input[type='checkbox'][id$='-approved']")));
    click(visible(By.xpath("//button[normalize-space()='Complete']")));

    // then Tasklist says why, and the task stays open
    // (the form's own labels and ids never say "confirm that": only the server's refusal does)
    browser.waitUpTo(Duration.ofSeconds(20)).until(d -> d.findElement(By.tagName("body")).getText()
        .contains("confirm that the MIG does not take over"));
    assertThat(tasks.createTaskQuery().taskId(decision.getId()).count()).isEqualTo(1);
  }

  /** Scrolls the element to the middle of the window first: Tasklist's footer covers the bottom. */
  private void click(WebElement element) {
    for (int attempt = 1; ; attempt++) {
      ((JavascriptExecutor) browser.driver()).executeScript("arguments[0].scrollIntoView({block: 'center'})", element);
      try {
        element.click();
        return;
      } catch (ElementClickInterceptedException stillRendering) {
        if (attempt == 20) {
          throw stillRendering;
        }
        sleep(250);   // Tasklist re-renders the form after a claim
      }
    }
  }

  private WebElement visible(By by) {
    return browser.waitUpTo(Duration.ofSeconds(30)).until(ExpectedConditions.visibilityOfElementLocated(by));
  }

  private void runJobs(String instance) {
    ManagedMigs.runDueJobs(management, instance);
  }

  private Task task(String instance, String key) {
    Task task = tasks.createTaskQuery().processInstanceId(instance).taskDefinitionKey(key).singleResult();
    assertThat(task).as(key).isNotNull();
    return task;
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
