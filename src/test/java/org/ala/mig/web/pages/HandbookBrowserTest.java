package org.ala.mig.web.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.ala.mig.registry.Mig;
import org.ala.mig.registry.MigIds;
import org.ala.mig.registry.MigRepository;
import org.ala.mig.registry.MigStatus;
import org.ala.mig.registry.StaffLiaison;
import org.ala.mig.registry.StaffLiaisonRepository;
import org.ala.mig.support.BrowserSupport;
import org.ala.mig.support.MigSpringBootTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The Handbook page in Chromium, anonymous, under the application's Content-Security-Policy:
 * handbook.js shows the search box, filters the MIGs as one types (the count follows), and sorts a
 * column both ways with aria-sort on its header; the console stays free of errors.
 */
@Tag("browser")
@MigSpringBootTest
class HandbookBrowserTest {

  @RegisterExtension final BrowserSupport browser = new BrowserSupport();

  @LocalServerPort int port;
  @Autowired MigRepository migs;
  @Autowired StaffLiaisonRepository liaisons;

  @Test
  void anyoneSearchesAndSortsTheHandbook() {
    String key = "k" + UUID.randomUUID().toString().substring(0, 7);
    Mig older = mig("Zeta Zine Makers " + key, LocalDate.of(2010, 4, 1), "Gwendolyn Prellwitz");
    Mig newer = mig("Alpha Astronomy Librarians " + key, LocalDate.of(2022, 9, 15), "Deb Robertson");
    WebDriver driver = browser.driver();

    driver.get("http://localhost:" + port + "/handbook");

    WebElement search = driver.findElement(By.id("handbook-search"));
    browser.waitUpTo(Duration.ofSeconds(10)).until(ExpectedConditions.visibilityOf(search));
    int total = driver.findElements(By.cssSelector("tr.handbook-entry")).size();
    assertThat(total).isGreaterThanOrEqualTo(2);
    WebElement count = driver.findElement(By.id("handbook-count"));
    assertThat(count.getText()).isEqualTo(total + " MIGs");

    search.sendKeys(key.toUpperCase());
    assertThat(visibleIds(driver)).containsExactly("mig-" + newer.id(), "mig-" + older.id());
    assertThat(count.getText()).isEqualTo("2 of " + total + " MIGs shown");
    search.sendKeys(" prellwitz");
    assertThat(visibleIds(driver)).containsExactly("mig-" + older.id());
    assertThat(count.getText()).isEqualTo("1 of " + total + " MIGs shown");
    search.sendKeys(" nothing-matches-this");
    assertThat(visibleIds(driver)).isEmpty();
    assertThat(driver.findElement(By.id("handbook-none-match")).isDisplayed()).isTrue();

    search.clear();
    search.sendKeys(key);
    WebElement activeSince = driver.findElement(By.cssSelector("th[data-sort-key=activeSince]"));
    WebElement name = driver.findElement(By.cssSelector("th[data-sort-key=name]"));
    assertThat(name.getAttribute("aria-sort")).isEqualTo("ascending");
    activeSince.findElement(By.cssSelector("button.sort")).click();
    assertThat(activeSince.getAttribute("aria-sort")).isEqualTo("ascending");
    assertThat(name.getAttribute("aria-sort")).isNull();
    assertThat(visibleIds(driver)).containsExactly("mig-" + older.id(), "mig-" + newer.id());
    activeSince.findElement(By.cssSelector("button.sort")).click();
    assertThat(activeSince.getAttribute("aria-sort")).isEqualTo("descending");
    assertThat(visibleIds(driver)).containsExactly("mig-" + newer.id(), "mig-" + older.id());

    search.clear();
    search.sendKeys(" ");
    assertThat(visibleIds(driver)).hasSize(total);
    List<String> dates = driver.findElements(By.cssSelector("tr.handbook-entry")).stream()
        .map(row -> row.getAttribute("data-active-since")).filter(d -> d != null && !d.isEmpty()).toList();
    assertThat(dates).as("all rows by active since, newest first").isSortedAccordingTo(java.util.Comparator.reverseOrder());

    // no script error and nothing the Content-Security-Policy refused; the browser's own request
    // for /favicon.ico (the application has none) is not the page's
    assertThat(browser.consoleMessages()).as("browser console").filteredOn(m -> !m.contains("/favicon.ico"))
        .noneMatch(m -> m.startsWith("SEVERE") || m.contains("Content Security Policy") || m.contains("Refused to"));
  }

  private List<String> visibleIds(WebDriver driver) {
    return driver.findElements(By.cssSelector("tr.handbook-entry")).stream().filter(WebElement::isDisplayed)
        .map(row -> row.getAttribute("id")).toList();
  }

  private Mig mig(String name, LocalDate activeSince, String liaison) {
    Mig mig = new Mig(MigIds.slug(name), name, MigStatus.ACTIVE, "To share what works in " + name + ".",
        LocalDate.of(2025, 1, 1), LocalDate.of(2027, 12, 31), null, null, List.of());
    migs.insert(mig, activeSince);
    liaisons.replace(mig.id(), List.of(new StaffLiaison(liaison, "liaison@ala.example")));
    return mig;
  }
}
