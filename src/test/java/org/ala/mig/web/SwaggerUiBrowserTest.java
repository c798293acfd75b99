package org.ala.mig.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Iterator;
import org.ala.mig.support.BrowserSupport;
import org.ala.mig.support.HttpApi;
import org.ala.mig.support.MigSpringBootTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Swagger UI in a real browser (headless Debian Chromium) under the application's own
 * Content-Security-Policy (script-src 'self'): signed in with the sign-in form, it lists every
 * operation of /v3/api-docs with no console error and no refusal, and "Try it out" calls the API
 * with the session, a write with its X-XSRF-TOKEN (springdoc.swagger-ui.csrf).
 */
@Tag("browser")
@MigSpringBootTest
class SwaggerUiBrowserTest {

  @RegisterExtension final BrowserSupport browser = new BrowserSupport();

  @LocalServerPort int port;

  @Test
  void theOperationsAreListedWithNoConsoleErrorAndTryItOutCallsWithTheSession() {
    int operations = operationCount();
    String base = "http://localhost:" + port;
    browser.signIn(base, "admin", "/swagger-ui/index.html");

    browser.waitUpTo(Duration.ofSeconds(30))
        .until(d -> d.findElements(By.cssSelector(".opblock")).size() == operations);
    assertThat(browser.driver().findElement(By.cssSelector(".information-container .title")).getText())
        .contains("MIG Lifecycle API");
    assertThat(browser.driver().findElements(By.cssSelector(".opblock-tag"))).extracting(WebElement::getText)
        .anyMatch(tag -> tag.startsWith("MIGs")).anyMatch(tag -> tag.startsWith("Administration"));
    assertThat(browser.consoleMessages()).as("browser console")
        .noneMatch(message -> message.startsWith("SEVERE") || message.contains("Content Security Policy")
            || message.contains("Refused to"));

    // Try it out: a DELETE with the session, which needs the X-XSRF-TOKEN header (else 403);
    // no such user in the throttle is 404, and changes nothing
    WebElement delete = browser.driver().findElements(By.cssSelector(".opblock.opblock-delete")).stream()
        .filter(block -> block.findElement(By.cssSelector(".opblock-summary-path")).getAttribute("data-path")
            .equals("/api/admin/sign-in-throttle/{userId}"))
        .findFirst().orElseThrow();
    delete.findElement(By.cssSelector(".opblock-summary-control")).click();
    browser.waitUpTo(Duration.ofSeconds(10)).until(d -> !delete.findElements(By.cssSelector(".try-out__btn")).isEmpty());
    delete.findElement(By.cssSelector(".try-out__btn")).click();
    delete.findElement(By.cssSelector(".parameters input[placeholder='userId']")).sendKeys("no-such-user");
    delete.findElement(By.cssSelector(".execute")).click();
    browser.waitUpTo(Duration.ofSeconds(30))
        .until(d -> !delete.findElements(By.cssSelector(".live-responses-table tr.response .response-col_status")).isEmpty());
    assertThat(delete.findElement(By.cssSelector(".live-responses-table tr.response .response-col_status")).getText())
        .isEqualTo("404");
    assertThat(delete.findElement(By.cssSelector(".live-responses-table tr.response .response-col_description")).getText())
        .contains("Not Found");
    assertThat(browser.consoleMessages()).as("browser console")
        .noneMatch(message -> message.contains("Content Security Policy") || message.contains("Refused to"));
  }

  /** How many operations the description has (each is one block of Swagger UI). */
  private int operationCount() {
    var docs = new HttpApi(port).get("/v3/api-docs", "admin").json();
    int count = 0;
    for (Iterator<String> paths = docs.path("paths").fieldNames(); paths.hasNext(); ) {
      count += docs.path("paths").path(paths.next()).size();
    }
    assertThat(count).isGreaterThan(30);
    return count;
  }
}
