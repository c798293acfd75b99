package org.ala.mig.web.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.ala.mig.lifecycle.ExistingMigRequest;
import org.ala.mig.lifecycle.RegistryService;
import org.ala.mig.registry.Mig;
import org.ala.mig.registry.OrganizerInput;
import org.ala.mig.registry.StaffLiaison;
import org.ala.mig.support.PageClient.Page;
import org.ala.mig.support.PageClient;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * The clock page of the simulation profile: an administrator moves the engine clock by a day, a
 * week, a month or a year, the page settles and shows what moved. The same context as
 * {@code SimulationClockTest}, whose REST calls share {@code SimulationClock} with the page.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"camunda.bpm.job-execution.enabled=true",
        // another engine may be alive in this JVM (the other tests' context)
        "camunda.bpm.process-engine-name=simulation",
        "camunda.bpm.generate-unique-process-application-name=true"})
@ActiveProfiles({"demo", "test", "simulation"})
class SimulationPageTest {

  @LocalServerPort int port;
  @Autowired RuntimeService runtime;
  @Autowired HistoryService history;
  @Autowired RegistryService registry;
  @Autowired Clock clock;

  @AfterEach
  void realTimeAgain() {
    ClockUtil.reset();
  }

  @Test
  void aDayForwardFiresWhatFellDueAndTheClockShowsIt() {
    PageClient admin = new PageClient(port).signIn("admin", "/simulation");
    Document before = admin.get("/simulation").html();
    assertThat(before.select("nav a[href=\"/simulation\"]").text()).isEqualTo("Clock");
    assertThat(before.select("#report-title")).isEmpty();
    Instant then = Instant.parse(before.getElementById("now").attr("datetime"));
    String instance = runtime.startProcessInstanceByKey("timer-check").getId();   // a timer one hour on

    Page moved = advance(admin, "P1D");

    assertThat(moved.status()).isEqualTo(302);
    assertThat(moved.location()).endsWith("/simulation");
    Document after = admin.get("/simulation").html();
    assertThat(after.getElementById("report-title").text()).isEqualTo("Moved forward a day");
    assertThat(after.getElementById("settled").text()).startsWith("Settled");
    Instant now = Instant.parse(after.getElementById("now").attr("datetime"));
    assertThat(Duration.between(then, now)).isBetween(Duration.ofDays(1), Duration.ofDays(1).plusSeconds(90));
    assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(instance).singleResult().getEndActivityId())
        .isEqualTo("timerCheckDone");
    // the report is shown once, after the move
    assertThat(admin.get("/simulation").html().select("#report-title")).isEmpty();
  }

  @Test
  void aMonthAndAYearAreCalendarPeriods() {
    PageClient admin = new PageClient(port).signIn("admin", "/simulation");
    Instant start = clock.instant();
    advance(admin, "P1M");
    Instant afterMonth = clock.instant();
    assertThat(afterMonth).isBetween(start.atOffset(ZoneOffset.UTC).plusMonths(1).toInstant(),
        start.atOffset(ZoneOffset.UTC).plusMonths(1).toInstant().plusSeconds(90));
    assertThat(admin.get("/simulation").html().getElementById("report-title").text())
        .isEqualTo("Moved forward a month");
    advance(admin, "P1Y");
    assertThat(clock.instant()).isBetween(afterMonth.atOffset(ZoneOffset.UTC).plusYears(1).toInstant(),
        afterMonth.atOffset(ZoneOffset.UTC).plusYears(1).toInstant().plusSeconds(90));
    assertThat(admin.get("/simulation").html().getElementById("report-title").text())
        .isEqualTo("Moved forward a year");
  }

  @Test
  void aWeekForwardShowsTheMigThatEndedAndItsMail() {
    LocalDate today = LocalDate.now(clock);
    String name = "Simulated Sunset " + UUID.randomUUID().toString().substring(0, 8);
    Mig mig = registry.bringUnderManagement(new ExistingMigRequest(name,
        "To show a term running out on the clock page.", today.minusYears(2), today.plusDays(2),
        new StaffLiaison("Lee Liaison", "lee@ala.example"),
        List.of(new OrganizerInput("Ana Núñez", "ana@lib.example", "1 Main St, Springfield")), null));
    PageClient admin = new PageClient(port).signIn("admin", "/simulation");
    advance(admin, "P7D");

    Document page = admin.get("/simulation").html();
    assertThat(page.getElementById("report-title").text()).isEqualTo("Moved forward a week");
    assertThat(page.select("#status-changes li").eachText()).contains(name + ": ACTIVE → DISBANDED");
    assertThat(page.select("#mails li").eachText()).anySatisfy(mail ->
        assertThat(mail).startsWith("mig-disbanded (" + mig.id() + "): "));
    assertThat(page.getElementById("mail-count").text()).matches("\\d+ mails?");
  }

  @Test
  void onlyAdministratorsMoveTheClockAndOnlyByTheOfferedSteps() {
    PageClient chair = new PageClient(port).signIn("chair", "/simulation");
    assertThat(chair.get("/simulation").status()).isEqualTo(403);
    Instant before = clock.instant();
    assertThat(advance(chair, "P1D").status()).isEqualTo(403);

    PageClient admin = new PageClient(port).signIn("admin", "/simulation");
    Page odd = advance(admin, "P3D");
    assertThat(odd.status()).isEqualTo(400);
    assertThat(odd.html().select("main li").text()).contains("period").contains("P1D, P7D, P1M, P1Y");
    Page noToken = admin.postForm("/simulation/advance", Map.of("period", "P1D"));
    assertThat(noToken.status()).isEqualTo(403);
    assertThat(clock.instant()).isBefore(before.plus(Duration.ofHours(1)));
  }

  /** Posts the clock page's form: the period and the form token. */
  private static Page advance(PageClient session, String period) {
    return session.postForm("/simulation/advance", Map.of("period", period, "_csrf", session.get("/login").csrf()));
  }
}
