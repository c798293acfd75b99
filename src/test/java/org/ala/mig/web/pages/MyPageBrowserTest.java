package org.ala.mig.web.pages;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ala.mig.mail.EmbeddedSmtpServer;
import org.ala.mig.mail.MailDispatcher;
import org.ala.mig.mail.MailOutbox;
import org.ala.mig.support.BrowserSupport;
import org.ala.mig.support.HttpApi;
import org.ala.mig.support.ManagedMigs;
import org.ala.mig.support.ManagedMigs.Managed;
import org.ala.mig.support.MigSpringBootTest;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * An organizer signs in the way a person does, in headless Debian Chromium: asks for a link on
 * /login, gets the mail through SMTP (the outbox's dispatcher sends it to the embedded mail server,
 * which the test reads), opens the link, presses the button, lands on /my and files the annual
 * report. The time from asking for the link to being signed in is printed, not asserted. COO's
 * forms on a MIG's page are looked at too. Screenshots of whole pages at 1280 px go to
 * {@code target/screenshots/MyPageBrowserTest-*.png}.
 */
@Tag("browser")
@MigSpringBootTest
class MyPageBrowserTest {

  /** Monday, November 23, 2026, 09:00 in Chicago: the clock stands there during each test. */
  static final Instant NOW = Instant.parse("2026-11-23T15:00:00Z");

  private static final Pattern LINK = Pattern.compile("https?://[^\\s/]+(/login/ott\\?token=[0-9a-fA-F-]{36})");

  @RegisterExtension final BrowserSupport browser = new BrowserSupport();

  @LocalServerPort int port;
  @Autowired RuntimeService runtime;
  @Autowired ManagementService management;
  @Autowired MailOutbox outbox;
  @Autowired MailDispatcher dispatcher;
  @Autowired EmbeddedSmtpServer smtp;
  @Autowired JdbcTemplate jdbc;
  ManagedMigs migs;
  String base;

  @BeforeEach
  void clockAndMigs() {
    ManagedMigs.clockAt(NOW);
    migs = new ManagedMigs(new HttpApi(port), runtime, management, outbox, jdbc);
    base = "http://localhost:" + port;
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void anOrganizerSignsInWithAMailedLinkAndFilesTheAnnualReport() throws Exception {
    // given a MIG whose organizer has never signed in: its term ends on January 9, 2027 (the 90-day
    // renewal reminder went out), its 2027 report is awaited, and its liaison asked for meeting space
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    String email = "ana-browser-" + suffix + "@lib.example";
    Managed mig = migs.manage("Browser Organizers", LocalDate.of(2024, 1, 10), email, "bo-browser-" + suffix
        + "@lib.example");
    migs.runDueJobs(migs.lifecycle(mig.id()));
    assertThat(new HttpApi(port).postJson("/api/migs/" + mig.id() + "/support-requests", "liaison1",
        "{\"type\": \"MEETING_SPACE\", \"details\": \"Room for 40 at Midwinter, Saturday morning.\"}").status())
        .isEqualTo(202);
    WebDriver driver = browser.driver();

    // when the organizer asks for a link on the sign-in page
    driver.get(base + "/login");
    WebElement address = driver.findElement(By.cssSelector("#link-form #link-username"));
    address.sendKeys(email);
    long asked = System.nanoTime();
    driver.findElement(By.cssSelector("#link-form button[type=submit]")).click();
    browser.waitUpTo(Duration.ofSeconds(20)).until(ExpectedConditions.presenceOfElementLocated(By.id("link-sent")));

    // and opens the link of the mail that the SMTP server received
    String link = mailedLink(email, Duration.ofSeconds(30));
    driver.get(base + link);
    driver.findElement(By.id("ott-submit")).click();
    browser.waitUpTo(Duration.ofSeconds(20)).until(ExpectedConditions.urlMatches(".*/my(#.*)?$"));
    long signedIn = System.nanoTime();
    System.out.printf("Sign-in by link: %d ms from asking for the link to being signed in on /my"
        + " (mail sent through SMTP to the embedded server)%n", (signedIn - asked) / 1_000_000);

    // then /my shows the MIG
    String section = "mig-" + mig.id();
    WebElement mine = driver.findElement(By.id(section));
    assertThat(mine.findElement(By.tagName("h2")).getText()).contains(mig.name(), "ACTIVE");
    assertThat(mine.findElements(By.cssSelector("ol.deadlines li"))).isNotEmpty();
    assertThat(mine.findElement(By.cssSelector("table.mails")).getText()).contains("renewal-reminder");
    assertThat(mine.findElement(By.cssSelector("table.requests")).getText()).contains("Meeting space");
    screenshot("my-with-a-mig");

    // when the organizer sends the report form empty
    driver.findElement(By.cssSelector("#" + mig.id() + "-report > summary")).click();
    WebElement year = driver.findElement(By.id(mig.id() + "-report-year"));
    assertThat(year.getDomProperty("value")).isEqualTo("2027");
    driver.findElement(By.cssSelector("#" + mig.id() + "-report-form button[type=submit]")).click();

    // then the page comes back with the problem beside the activities, and the form open
    WebElement activities = browser.waitUpTo(Duration.ofSeconds(20)).until(
        ExpectedConditions.visibilityOfElementLocated(By.id(mig.id() + "-report-activities")));
    assertThat(activities.getDomAttribute("aria-invalid")).isEqualTo("true");
    assertThat(driver.findElement(By.id(mig.id() + "-report-activities-error")).getText()).contains("required");
    assertThat(driver.findElement(By.cssSelector(".error-summary")).getText()).contains("nothing was stored");
    screenshot("my-with-an-error");

    // when the organizer writes what the MIG did and sends it
    activities.sendKeys("Two webinars, a meetup at Midwinter and a reading list.");
    driver.findElement(By.cssSelector("#" + mig.id() + "-report-form button[type=submit]")).click();

    // then /my says it was received and lists it so
    WebElement done = browser.waitUpTo(Duration.ofSeconds(20)).until(
        ExpectedConditions.visibilityOfElementLocated(By.id(section + "-done")));
    assertThat(done.getText()).contains("Annual report 2027 received", "COO reviews it next");
    String report = driver.findElement(By.xpath("//*[@id='report-" + mig.id() + ":2027']")).getText();
    assertThat(report).contains("Annual report 2027", "RECEIVED");
    assertThat(driver.findElement(By.cssSelector("#" + section + " table.requests")).getText())
        .contains("Annual report 2027", "COO reviews it");
    assertThat(jdbc.queryForObject("select status from annual_report where id = ?", String.class,
        mig.id() + ":2027")).isEqualTo("RECEIVED");
    assertThat(browser.consoleMessages()).noneMatch(m -> m.contains("Content Security Policy"));
    screenshot("my-after-a-success");
  }

  @Test
  void cooSeesTheFormsOnAMigsPage() throws Exception {
    Managed mig = migs.manage("Browser Staff", LocalDate.of(2025, 1, 10));
    migs.runDueJobs(migs.lifecycle(mig.id()));
    WebDriver driver = browser.driver();
    driver.get(base + "/login?next=/migs/" + mig.id());
    driver.findElement(By.cssSelector("#staff-form #username")).sendKeys("coo1");
    driver.findElement(By.cssSelector("#staff-form #password")).sendKeys("demo");
    driver.findElement(By.cssSelector("#staff-form button[type=submit]")).click();
    browser.waitUpTo(Duration.ofSeconds(20)).until(ExpectedConditions.urlContains("/migs/" + mig.id()));

    for (WebElement summary : driver.findElements(By.cssSelector("#file details.mig-action > summary"))) {
      ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'})", summary);
      summary.click();
    }
    assertThat(driver.findElements(By.cssSelector("#file details.mig-action[open]"))).hasSize(6);
    driver.findElement(By.cssSelector("#" + mig.id() + "-disband-form button[type=submit]")).click();
    WebElement reason = browser.waitUpTo(Duration.ofSeconds(20)).until(
        ExpectedConditions.visibilityOfElementLocated(By.id(mig.id() + "-disband-reason")));
    assertThat(reason.getDomAttribute("aria-invalid")).isEqualTo("true");
    ((JavascriptExecutor) driver).executeScript(
        "document.querySelectorAll('#file details.mig-action').forEach(d => d.open = true)");
    assertThat(browser.consoleMessages()).noneMatch(m -> m.contains("Content Security Policy"));
    screenshot("mig-page-forms");
  }

  // ---------------------------------------------------------------------------------------------

  /** Sends the outbox's due mail through SMTP until the sign-in mail to {@code email} has arrived; its link's path. */
  private String mailedLink(String email, Duration within) throws Exception {
    Instant deadline = Instant.now().plus(within);
    while (Instant.now().isBefore(deadline)) {
      dispatcher.dispatchDue();
      Optional<MimeMessage> mail = smtp.received().stream().filter(m -> to(m, email))
          .filter(m -> subject(m).contains("sign-in link")).reduce((first, second) -> second);
      if (mail.isPresent()) {
        Matcher link = LINK.matcher(text(mail.get()));
        assertThat(link.find()).as("a sign-in link in the mail").isTrue();
        return link.group(1);
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no sign-in mail to " + email + " within " + within);
  }

  private static boolean to(MimeMessage message, String email) {
    try {
      Address[] recipients = message.getAllRecipients();
      return recipients != null && Arrays.stream(recipients).anyMatch(a -> a.toString().contains(email));
    } catch (Exception e) {
      return false;
    }
  }

  private static String subject(MimeMessage message) {
    try {
      return String.valueOf(message.getSubject());
    } catch (Exception e) {
      return "";
    }
  }

  /** The plain text of a mail, whatever its parts. */
  private static String text(Part part) throws Exception {
    if (part.isMimeType("text/plain")) {
      return part.getContent().toString();
    }
    if (part.getContent() instanceof Multipart multipart) {
      StringBuilder text = new StringBuilder();
      for (int i = 0; i < multipart.getCount(); i++) {
        BodyPart body = multipart.getBodyPart(i);
        text.append(text(body));
      }
      return text.toString();
    }
    return "";
  }

  /** The whole page at 1280 px wide, to target/screenshots/MyPageBrowserTest-{name}.png. */
  private void screenshot(String name) throws IOException {
    WebDriver driver = browser.driver();
    ((JavascriptExecutor) driver).executeScript("window.scrollTo(0, 0)");
    Dimension before = driver.manage().window().getSize();
    Number height = (Number) ((JavascriptExecutor) driver).executeScript(
        "return Math.max(document.body.scrollHeight, document.documentElement.scrollHeight)");
    driver.manage().window().setSize(new Dimension(1280, Math.min(16000, height.intValue() + 120)));
    try {
      Path dir = Path.of("target", "screenshots");
      Files.createDirectories(dir);
      Files.copy(((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath(),
          dir.resolve("MyPageBrowserTest-" + name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    } finally {
      driver.manage().window().setSize(before);
    }
  }
}
