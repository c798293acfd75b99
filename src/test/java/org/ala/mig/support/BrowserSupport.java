package org.ala.mig.support;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A headless Debian Chromium for one browser test, through {@code /usr/bin/chromedriver} (never
 * a downloaded driver). Register it in a test class tagged {@code browser}:
 * <pre>{@code @RegisterExtension final BrowserSupport browser = new BrowserSupport();}</pre>
 * Each test gets a fresh browser; after it, a screenshot goes to
 * {@code target/screenshots/<class>.<test>-passed.png} or {@code -failed.png}. When Chromium or
 * its driver is missing the test fails (CI installs them; {@code ./mvnw verify} leaves browser
 * tests out).
 */
public class BrowserSupport implements BeforeEachCallback, AfterTestExecutionCallback, AfterEachCallback {

  static final String CHROMIUM = System.getProperty("mig.test.chromium", "/usr/bin/chromium");
  static final String CHROMEDRIVER = System.getProperty("mig.test.chromedriver", "/usr/bin/chromedriver");

  private WebDriver driver;

  public WebDriver driver() {
    return driver;
  }

  /** What the page wrote to the browser console so far (errors, CSP violations, logs). */
  public java.util.List<String> consoleMessages() {
    return driver.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER).getAll().stream()
        .map(entry -> entry.getLevel() + " " + entry.getMessage()).toList();
  }

  public WebDriverWait waitUpTo(Duration duration) {
    return new WebDriverWait(driver, duration);
  }

  /** Signs in on the application's own sign-in page and waits to land on {@code next}. */
  public void signIn(String baseUrl, String user, String next) {
    driver.get(baseUrl + "/login?next=" + next);
    driver.findElement(By.id("username")).sendKeys(user);
    driver.findElement(By.id("password")).sendKeys("demo");
    driver.findElement(By.cssSelector("#staff-form button[type=submit]")).click();
    waitUpTo(Duration.ofSeconds(15)).until(ExpectedConditions.urlContains(next));
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    if (!new File(CHROMIUM).canExecute() || !new File(CHROMEDRIVER).canExecute()) {
      throw new IllegalStateException("Browser tests need Debian's chromium and chromium-driver at " + CHROMIUM
          + " and " + CHROMEDRIVER + ": apt-get install -y chromium chromium-driver (.ci/run does)");
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM);
    // the browser console, for tests that look for Content-Security-Policy violations
    options.setCapability("goog:loggingPrefs", java.util.Map.of("browser", "ALL"));
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--window-size=1280,1000");
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER))
        .usingAnyFreePort().build();
    driver = new ChromeDriver(service, options);
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
  }

  @Override
  public void afterTestExecution(ExtensionContext context) throws IOException {
    if (driver instanceof TakesScreenshot camera) {
      String outcome = context.getExecutionException().isPresent() ? "failed" : "passed";
      Path dir = Path.of("target", "screenshots");
      Files.createDirectories(dir);
      File shot = camera.getScreenshotAs(OutputType.FILE);
      Files.copy(shot.toPath(), dir.resolve(context.getRequiredTestClass().getSimpleName() + "."
          + context.getRequiredTestMethod().getName() + "-" + outcome + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (driver != null) {
      driver.quit();
      driver = null;
    }
  }
}
