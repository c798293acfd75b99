package org.ala.mig.drafts;

import static org.ala.mig.drafts.Drafts.body;
import static org.ala.mig.drafts.Drafts.json;
import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Address;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ala.mig.mail.EmbeddedSmtpServer;
import org.ala.mig.mail.MailDispatcher;
import org.ala.mig.support.BrowserSupport;
import org.ala.mig.support.LinkSession;
import org.ala.mig.support.MigSpringBootTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A member opens a petition's signing link in headless Chromium, signs, gets the confirmation mail
 * through SMTP at their roster address, opens its link, presses the button and sees the count go
 * up. Screenshots go to {@code target/screenshots/SignPageBrowserTest-*.png}.
 */
@Tag("browser")
@MigSpringBootTest
class SignPageBrowserTest {

  private static final Pattern LINK = Pattern.compile("https?://[^\\s/]+(/sign/[A-Z0-9-]+/confirm\\?token=[A-Za-z0-9_-]+)");

  @RegisterExtension final BrowserSupport browser = new BrowserSupport();

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  @Autowired MailDispatcher dispatcher;
  @Autowired EmbeddedSmtpServer smtp;

  @Test
  void aMemberSignsConfirmsFromTheMailAndSeesTheCountGoUp() throws Exception {
    String key = Drafts.unique();
    String[] organizer = Drafts.member(jdbc, key + "O", "Olga Organizer");
    LinkSession session = LinkSession.signIn(port, jdbc, organizer[1]);
    LinkSession.Answer created = session.postJson("/api/petition-drafts", json(body("Seed Libraries " + key, organizer[1])));
    String draftId = Drafts.JSON.readTree(created.body()).path("draftId").asText();
    String[] mia = Drafts.member(jdbc, key + "M", "Mia Browser");
    String base = "http://localhost:" + port;
    WebDriver driver = browser.driver();

    driver.get(base + "/sign/" + draftId);
    assertThat(driver.findElement(By.id("sign-progress")).getAttribute("value")).isEqualTo("0");
    driver.findElement(By.id("sign-memberId")).sendKeys(mia[0]);
    driver.findElement(By.id("sign-name")).sendKeys("Mia Browser");
    driver.findElement(By.id("sign-show")).click();
    screenshot("sign-filled");
    driver.findElement(By.cssSelector("#sign-form button[type=submit]")).click();
    browser.waitUpTo(Duration.ofSeconds(15)).until(ExpectedConditions.presenceOfElementLocated(By.id("sign-sent")));
    assertThat(driver.findElement(By.id("sign-sent")).getText())
        .contains("If the number is on ALA's roster, we mailed a confirmation link to the address ALA has on file");
    screenshot("sign-sent");

    driver.get(base + mailedLink(mia[1], Duration.ofSeconds(20)));
    assertThat(driver.findElement(By.id("sign-progress")).getAttribute("value")).as("not confirmed by opening").isEqualTo("0");
    driver.findElement(By.cssSelector("#confirm-form button[type=submit]")).click();
    browser.waitUpTo(Duration.ofSeconds(15)).until(ExpectedConditions.presenceOfElementLocated(By.id("confirmed")));
    assertThat(driver.findElement(By.id("confirmed")).getText()).contains("Your signature is confirmed");
    assertThat(driver.findElement(By.id("sign-progress")).getAttribute("value")).isEqualTo("1");
    screenshot("confirmed");

    driver.get(base + "/sign/" + draftId);
    assertThat(driver.findElement(By.id("sign-count")).getText()).contains("1 of 100 confirmed signatures");
    assertThat(driver.getPageSource()).doesNotContain("Mia Browser", mia[0]);
    assertThat(browser.consoleMessages()).noneMatch(m -> m.contains("Content Security Policy"));
  }

  /** Sends the outbox's due mail through SMTP until the confirmation to {@code email} has arrived; its link's path. */
  private String mailedLink(String email, Duration within) throws Exception {
    Instant deadline = Instant.now().plus(within);
    while (Instant.now().isBefore(deadline)) {
      dispatcher.dispatchDue();
      Optional<MimeMessage> mail = smtp.received().stream().filter(m -> to(m, email)).reduce((a, b) -> b);
      if (mail.isPresent()) {
        String text = (String) ((MimeMultipart) mail.get().getContent()).getBodyPart(0).getContent();
        Matcher link = LINK.matcher(text);
        assertThat(link.find()).as("a confirmation link in\n" + text).isTrue();
        return link.group(1);
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no confirmation mail to " + email + " within " + within);
  }

  private static boolean to(MimeMessage message, String email) {
    try {
      Address[] recipients = message.getAllRecipients();
      return recipients != null && Arrays.stream(recipients).anyMatch(a -> a.toString().contains(email));
    } catch (Exception e) {
      return false;
    }
  }

  private void screenshot(String name) throws Exception {
    Path dir = Path.of("target", "screenshots");
    Files.createDirectories(dir);
    Files.copy(((TakesScreenshot) browser.driver()).getScreenshotAs(OutputType.FILE).toPath(),
        dir.resolve("SignPageBrowserTest-" + name + ".png"), StandardCopyOption.REPLACE_EXISTING);
  }
}
