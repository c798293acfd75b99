package org.ala.mig.web.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.ala.mig.support.BrowserSupport;
import org.ala.mig.support.MigSpringBootTest;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A demo MIG's page in a real browser (headless Debian Chromium): bpmn-js draws its lifecycle from
 * the webjar and the model's XML, and the steps it stands at carry the highlight.
 */
@Tag("browser")
@MigSpringBootTest
class DiagramBrowserTest {

  @RegisterExtension final BrowserSupport browser = new BrowserSupport();

  @LocalServerPort int port;
  @Autowired RuntimeService runtime;

  @Test
  void aMigsPageDrawsItsLifecycleWithTheCurrentStepHighlighted() {
    ProcessInstance lifecycle = runtime.createProcessInstanceQuery().processDefinitionKey("mig-lifecycle")
        .processInstanceBusinessKey("diversity").singleResult();
    List<String> standsAt = runtime.getActiveActivityIds(lifecycle.getId());
    assertThat(standsAt).isNotEmpty();
    String base = "http://localhost:" + port;

    browser.signIn(base, "council1", "/migs/diversity");

    WebElement canvas = browser.driver().findElement(By.cssSelector(".mig-diagram-canvas"));
    browser.waitUpTo(Duration.ofSeconds(30)).until(d -> canvas.getAttribute("data-rendered") != null);
    assertThat(canvas.getAttribute("data-rendered")).as(statusText()).isEqualTo("true");
    // the diagram is drawn: an SVG with the model's shapes
    assertThat(canvas.findElements(By.cssSelector("svg"))).isNotEmpty();
    assertThat(canvas.findElements(By.cssSelector(".djs-element.djs-shape"))).hasSizeGreaterThan(10);
    // the steps it stands at, and only those, carry the highlight marker
    List<String> highlighted = canvas.findElements(By.cssSelector(".djs-element.mig-current")).stream()
        .map(e -> e.getAttribute("data-element-id")).toList();
    assertThat(highlighted).containsExactlyInAnyOrderElementsOf(standsAt);
    assertThat(Arrays.asList(canvas.getAttribute("data-current").split(" "))).containsExactlyInAnyOrderElementsOf(standsAt);
    // and the highlight shows: a thick outline on the step's shape
    Object strokeWidth = ((JavascriptExecutor) browser.driver()).executeScript(
        "return getComputedStyle(document.querySelector('.djs-element.mig-current .djs-visual > :first-child')).strokeWidth;");
    assertThat(String.valueOf(strokeWidth)).isEqualTo("5px");
    // with a "now" label beside each
    assertThat(canvas.findElements(By.cssSelector(".djs-overlay .mig-now"))).hasSize(standsAt.size());
    // and the zoom buttons are offered once it is drawn
    assertThat(browser.driver().findElement(By.cssSelector(".mig-diagram-tools")).isDisplayed()).isTrue();
    // and the page's Content-Security-Policy blocked nothing it needs
    assertThat(browser.consoleMessages()).as("browser console")
        .noneMatch(message -> message.contains("Content Security Policy") || message.contains("Refused to"));
  }

  private String statusText() {
    List<WebElement> status = browser.driver().findElements(By.cssSelector(".mig-diagram-status"));
    return status.isEmpty() ? "" : status.get(0).getText();
  }
}
