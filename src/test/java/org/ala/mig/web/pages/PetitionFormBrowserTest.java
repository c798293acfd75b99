package org.ala.mig.web.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.ala.mig.support.BrowserSupport;
import org.ala.mig.support.MigSpringBootTest;
import org.ala.mig.support.PetitionJson;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The petition page in Chromium, as MPS uses it: the form filled in, a signatures file with a bad
 * line refused with the error beside the file input, then the good file accepted.
 */
@Tag("browser")
@MigSpringBootTest
class PetitionFormBrowserTest {

  @RegisterExtension final BrowserSupport browser = new BrowserSupport();

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  @TempDir Path files;

  @Test
  void mpsEntersAPetitionAndUploadsTheSignatures() throws IOException {
    List<Map<String, Object>> members = PetitionJson.signatures(jdbc, 100);
    String good = PetitionFormPageTest.csv(members);
    // line 3 (the header is line 1) keeps its member id and loses its name
    List<String> lines = new ArrayList<>(good.lines().toList());
    lines.set(2, lines.get(2).substring(0, lines.get(2).indexOf(',') + 1));
    String bad = String.join("\n", lines) + "\n";
    Path badFile = Files.writeString(files.resolve("signatures-bad.csv"), bad, StandardCharsets.UTF_8);
    Path goodFile = Files.writeString(files.resolve("signatures.csv"), good, StandardCharsets.UTF_8);
    String base = "http://localhost:" + port;
    String name = "Browser Makers " + UUID.randomUUID().toString().substring(0, 8);

    browser.signIn(base, "mps1", "/petitions/new");
    WebDriver driver = browser.driver();
    driver.findElement(By.id("kind-ESTABLISH")).click();
    driver.findElement(By.id("migName")).sendKeys(name);
    driver.findElement(By.id("statementOfPurpose")).sendKeys(PetitionFormPageTest.PURPOSE);
    fillOrganizer(driver, 0, "Rosa Díaz", "rosa@lib.example", "10 Library Way, Springfield");
    fillOrganizer(driver, 1, "Sam Okafor", "sam@lib.example", "22 Reading Rd, Shelbyville");
    fillOrganizer(driver, 2, "Ana Núñez", "ana@lib.example", "1 Main St, Springfield");
    driver.findElement(By.id("signatures")).sendKeys(badFile.toAbsolutePath().toString());
    driver.findElement(By.cssSelector("form.petition-form button[type=submit]")).click();

    WebElement error = browser.waitUpTo(Duration.ofSeconds(20))
        .until(ExpectedConditions.visibilityOfElementLocated(By.id("signatures-error")));
    assertThat(error.getText()).contains("signatures.csv line 3: name is empty");
    WebElement fileInput = driver.findElement(By.id("signatures"));
    assertThat(fileInput.getAttribute("aria-invalid")).isEqualTo("true");
    assertThat(fileInput.getAttribute("aria-describedby")).contains("signatures-error");
    // the error sits right beside the file input, inside the same field
    assertThat(fileInput.findElement(By.xpath("..")).findElement(By.id("signatures-error"))).isEqualTo(error);
    assertThat(driver.findElement(By.cssSelector(".error-summary[role=alert]")).getText())
        .contains("signatures.csv line 3: name is empty");
    // what was typed is still there; only the file is chosen again
    assertThat(driver.findElement(By.id("migName")).getAttribute("value")).isEqualTo(name);
    assertThat(driver.findElement(By.id("organizers-2-email")).getAttribute("value")).isEqualTo("ana@lib.example");
    assertThat(driver.findElement(By.id("signatures-again")).getText()).contains("Choose the file again");

    driver.findElement(By.id("signatures")).sendKeys(goodFile.toAbsolutePath().toString());
    driver.findElement(By.cssSelector("form.petition-form button[type=submit]")).click();

    WebElement petitionId = browser.waitUpTo(Duration.ofSeconds(20))
        .until(ExpectedConditions.visibilityOfElementLocated(By.id("petition-id")));
    assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Petition received");
    assertThat(petitionId.getText()).matches("P-[0-9A-F]{12}");
    assertThat(driver.getCurrentUrl()).endsWith("/petitions/" + petitionId.getText());
    assertThat(driver.findElement(By.id("petition-mig")).getText()).isEqualTo(name);
    assertThat(driver.findElement(By.id("petition-signatures")).getText()).isEqualTo("100");
    assertThat(jdbc.queryForObject("select signature_count from petition where id = ?", Integer.class,
        petitionId.getText())).isEqualTo(100);
  }

  private static void fillOrganizer(WebDriver driver, int row, String name, String email, String address) {
    driver.findElement(By.id("organizers-" + row + "-name")).sendKeys(name);
    driver.findElement(By.id("organizers-" + row + "-email")).sendKeys(email);
    driver.findElement(By.id("organizers-" + row + "-address")).sendKeys(address);
  }
}
