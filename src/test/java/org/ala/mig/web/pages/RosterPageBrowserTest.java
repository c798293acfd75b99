package org.ala.mig.web.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.ala.mig.roster.DemoRoster;
import org.ala.mig.roster.RosterMember;
import org.ala.mig.support.BrowserSupport;
import org.ala.mig.support.MigSpringBootTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chromium.ChromiumNetworkConditions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The roster page in Chromium, as MPS uses it: the file chosen, sent by roster-upload.js with
 * XMLHttpRequest (the page is not reloaded), and the outcome shown in place: the count imported
 * and the rejected lines with their numbers; then a file that is not a roster, refused.
 */
@Tag("browser")
@MigSpringBootTest
class RosterPageBrowserTest {

  @RegisterExtension final BrowserSupport browser = new BrowserSupport();

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  @TempDir Path files;

  @Test
  void mpsUploadsTheRosterAndSeesWhatWasImportedAndWhatWasRejected() throws IOException {
    String prefix = "RB" + UUID.randomUUID().toString().substring(0, 6).toUpperCase() + "-";
    StringBuilder csv = new StringBuilder(RosterPageTest.HEADER).append('\n');
    for (int i = 1; i <= 2_000; i++) {
      if (i == 7) {
        csv.append(prefix).append(i).append(",Lee Park,not-an-email,2030-01-31\n");
      } else if (i == 12) {
        csv.append(prefix).append(i).append(",Ann Smith,,31/01/2030\n");
      } else {
        csv.append(prefix).append(i).append(",\"Núñez, María ").append(i).append("\",m").append(i)
            .append("@lib.example,2030-01-31\n");
      }
    }
    Path roster = Files.writeString(files.resolve("roster-2030.csv"), csv, StandardCharsets.UTF_8);
    Path notARoster = Files.writeString(files.resolve("signatures.csv"), "member_id,name\nM000001,Ann Lee\n",
        StandardCharsets.UTF_8);
    long before = count();
    String base = "http://localhost:" + port;

    browser.signIn(base, "mps1", "/roster");
    WebDriver driver = browser.driver();
    JavascriptExecutor js = (JavascriptExecutor) driver;
    assertThat(driver.findElement(By.cssSelector("nav a[href='/roster']")).getText()).isEqualTo("Roster");
    // a mark on this page: still there after the upload when the page was not reloaded
    js.executeScript("window.rosterPageMark = 'same page';");

    driver.findElement(By.id("roster-file")).sendKeys(roster.toAbsolutePath().toString());
    driver.findElement(By.id("roster-submit")).click();

    WebElement form = driver.findElement(By.id("roster-form"));
    browser.waitUpTo(Duration.ofSeconds(30)).until(ExpectedConditions.attributeToBe(form, "data-phase", "done"));
    assertThat(js.executeScript("return window.rosterPageMark;")).isEqualTo("same page");
    WebElement summary = driver.findElement(By.id("roster-summary"));
    assertThat(summary.getAttribute("role")).isEqualTo("status");
    assertThat(summary.getText()).startsWith("roster-2030.csv: 1,998 lines imported, 2 lines rejected (listed below).");
    assertThat(driver.findElements(By.cssSelector("table#rejected tbody tr")).stream().map(WebElement::getText).toList())
        .containsExactly("8 email: not a valid address", "13 good_standing_through: not a date (use YYYY-MM-DD)");
    assertThat(driver.findElement(By.id("roster-progress")).isDisplayed()).isFalse();
    assertThat(driver.findElement(By.id("roster-submit")).getDomAttribute("aria-disabled")).isEqualTo("false");
    // the button kept the keyboard focus while the upload worked
    assertThat(js.executeScript("return document.activeElement.id;")).isEqualTo("roster-submit");
    assertThat(driver.findElement(By.id("member-count")).getText()).isEqualTo(String.format("%,d", before + 1_998));
    assertThat(count()).isEqualTo(before + 1_998);

    driver.findElement(By.id("roster-file")).sendKeys(notARoster.toAbsolutePath().toString());
    driver.findElement(By.id("roster-submit")).click();

    browser.waitUpTo(Duration.ofSeconds(30)).until(ExpectedConditions.attributeToBe(form, "data-phase", "failed"));
    assertThat(js.executeScript("return window.rosterPageMark;")).isEqualTo("same page");
    assertThat(driver.findElement(By.id("roster-summary")).getText()).isEqualTo(
        "Nothing was imported from signatures.csv: expected the header \"" + RosterPageTest.HEADER
            + "\" but found \"member_id,name\". Nothing was stored.");
    assertThat(driver.findElement(By.id("roster-file")).getAttribute("aria-invalid")).isEqualTo("true");
    assertThat(driver.findElements(By.id("rejected"))).isEmpty();
    assertThat(driver.getTitle()).startsWith("Error: ");
    assertThat(count()).isEqualTo(before + 1_998);

    // and once more a good file, for the screenshot: the outcome as MPS sees it
    driver.findElement(By.id("roster-file")).sendKeys(roster.toAbsolutePath().toString());
    driver.findElement(By.id("roster-submit")).click();
    browser.waitUpTo(Duration.ofSeconds(30)).until(ExpectedConditions.attributeToBe(form, "data-phase", "done"));
    assertThat(driver.findElement(By.id("roster-file")).getAttribute("aria-invalid")).isNull();
    // no script error, nothing refused by the Content-Security-Policy (the 400 of the refused file
    // is logged as a failed load, as Chromium does for every 4xx answer)
    List<String> console = browser.consoleMessages();
    assertThat(console).as("browser console")
        .noneMatch(m -> m.contains("Content Security Policy") || m.contains("Refused to") || m.contains("Uncaught"));
  }

  /**
   * A slow line (the upload throttled by Chromium) shows the upload as it goes: the bytes sent on a
   * progress bar, then "Importing…" while the server works, then the outcome.
   */
  @Test
  void aLargeRosterShowsTheBytesSentThenImportingThenTheOutcome() throws IOException {
    String prefix = "RC" + UUID.randomUUID().toString().substring(0, 6).toUpperCase() + "-";
    StringBuilder csv = new StringBuilder(RosterPageTest.HEADER).append('\n');
    for (RosterMember m : DemoRoster.generate(50_000, LocalDate.of(2026, 1, 1), 1876L)) {
      csv.append(prefix).append(m.memberId()).append(',').append(m.name()).append(',').append(m.email()).append(',')
          .append(m.goodStandingThrough()).append('\n');
    }
    Path roster = Files.writeString(files.resolve("roster-50k.csv"), csv, StandardCharsets.UTF_8);
    long before = count();

    browser.signIn("http://localhost:" + port, "mps1", "/roster");
    ChromeDriver driver = (ChromeDriver) browser.driver();
    ChromiumNetworkConditions slow = new ChromiumNetworkConditions();
    slow.setUploadThroughput(1_000_000); // bytes per second: about four seconds for the file
    driver.setNetworkConditions(slow);

    long start = System.nanoTime();
    driver.findElement(By.id("roster-file")).sendKeys(roster.toAbsolutePath().toString());
    driver.findElement(By.id("roster-submit")).click();

    WebElement form = driver.findElement(By.id("roster-form"));
    WebElement bar = driver.findElement(By.id("roster-progress-bar"));
    browser.waitUpTo(Duration.ofSeconds(30)).until(d -> "uploading".equals(form.getAttribute("data-phase"))
        && Double.parseDouble(bar.getDomProperty("value")) > 0);
    assertThat(driver.findElement(By.id("roster-progress")).isDisplayed()).isTrue();
    assertThat(driver.findElement(By.id("roster-progress-label")).getText()).isEqualTo("Uploading roster-50k.csv");
    assertThat(driver.findElement(By.id("roster-progress-bytes")).getText()).matches("[0-9.]+ (bytes|KB|MB) of 4\\.0 MB");
    assertThat(driver.findElement(By.id("roster-phase")).getText()).isEqualTo("Uploading roster-50k.csv (4.0 MB)…");
    assertThat(driver.findElement(By.id("roster-submit")).getDomAttribute("aria-disabled")).isEqualTo("true");
    assertThat(form.getAttribute("aria-busy")).isEqualTo("true");
    screenshot(driver, "uploading");

    browser.waitUpTo(Duration.ofSeconds(60)).until(d -> !"uploading".equals(form.getAttribute("data-phase")));
    if ("importing".equals(form.getAttribute("data-phase"))) {
      assertThat(driver.findElement(By.id("roster-phase")).getText()).startsWith("Importing…");
      assertThat(bar.getDomAttribute("value")).isNull(); // indeterminate while the server works
      screenshot(driver, "importing");
    }
    browser.waitUpTo(Duration.ofSeconds(60)).until(ExpectedConditions.attributeToBe(form, "data-phase", "done"));
    System.out.printf("RosterPageBrowserTest: 50,000 lines uploaded (throttled to 1 MB/s) and imported in %,d ms%n",
        (System.nanoTime() - start) / 1_000_000);
    assertThat(driver.findElement(By.id("imported-count")).getText()).isEqualTo("50,000");
    assertThat(driver.findElement(By.id("roster-progress")).isDisplayed()).isFalse();
    assertThat(driver.findElement(By.id("roster-phase")).getText()).isEmpty();
    assertThat(count()).isEqualTo(before + 50_000);
  }

  private static void screenshot(ChromeDriver driver, String name) throws IOException {
    Path dir = Files.createDirectories(Path.of("target", "screenshots"));
    Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(),
        dir.resolve("RosterPageBrowserTest." + name + ".png"), StandardCopyOption.REPLACE_EXISTING);
  }

  private long count() {
    return jdbc.queryForObject("select count(*) from member", Long.class);
  }
}
