package org.ala.mig.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Date;
import java.time.LocalDate;
import java.time.Month;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.ala.mig.MigApplication;
import org.ala.mig.registry.DeadlineCalendar;
import org.ala.mig.support.PageClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The demo as {@code ./mvnw spring-boot:run} starts it (profile demo alone, so with
 * mig.demo.history): the seven MIGs of ALA's list with their staff liaisons, the rename, and years
 * of history consistent with itself, all before today; loading again adds nothing.
 */
class DemoHistoryTest {

  static ConfigurableApplicationContext app;
  static JdbcTemplate jdbc;
  static LocalDate today;

  @BeforeAll
  static void startTheDemo() {
    app = new SpringApplicationBuilder(MigApplication.class).profiles("demo").run(
        "--spring.datasource.url=jdbc:h2:mem:demo-history-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
        "--server.port=0", "--mig.mail.embedded.port=0", "--mig.mail.dispatcher.enabled=false",
        "--camunda.bpm.job-execution.enabled=false",
        // another engine may be alive in this JVM (the other tests' context)
        "--camunda.bpm.process-engine-name=demohistory",
        "--camunda.bpm.generate-unique-process-application-name=true");
    jdbc = app.getBean(JdbcTemplate.class);
    today = app.getBean(DeadlineCalendar.class).today();
  }

  @AfterAll
  static void stop() {
    if (app != null) {
      app.close();
    }
  }

  @Test
  void theSevenMigsOfAlasListHaveTheirStaffLiaisonsAndPurposes() {
    Map<String, List<String>> expected = new LinkedHashMap<>();
    expected.put("diversity", List.of("Gwendolyn Prellwitz"));
    expected.put("entrepreneurship-and-maker-spaces", List.of("Tina Coleman", "Jenny Levine"));
    expected.put("graphic-novels-comics-in-libraries", List.of("Tina Coleman"));
    expected.put("librarians-build-communities", List.of("Don Wood"));
    expected.put("libraries-foster-community-engagement", List.of("Mary W. Ghikas"));
    expected.put("programming-librarian-interest-group", List.of("Deb Robertson"));
    expected.put("virtual-communities-and-libraries", List.of("Tina Coleman"));
    expected.forEach((id, liaisons) -> {
      assertThat(jdbc.queryForList("select name from mig_staff_liaison where mig_id = ? order by position",
          String.class, id)).as(id).isEqualTo(liaisons);
      assertThat(jdbc.queryForObject("select status from mig where id = ?", String.class, id)).as(id)
          .isIn("ACTIVE", "RENEWAL_PENDING");
      String statement = jdbc.queryForObject("select statement_of_purpose from mig where id = ?", String.class, id);
      assertThat(statement).as(id).doesNotContainIgnoringCase("staff liaison").doesNotContain("formerly")
          .doesNotContain("\u00a0").hasSizeLessThanOrEqualTo(4000);
    });
    assertThat(jdbc.queryForObject("select statement_of_purpose from mig where id = 'diversity'", String.class))
        .startsWith("This open forum would be an organizational home for persons interested in fostering")
        .endsWith("(Divisions, Committees, Round Tables, etc.).");
    assertThat(jdbc.queryForObject("select staff_liaison_email from mig where id = 'libraries-foster-community-engagement'",
        String.class)).isEqualTo("mary.w.ghikas@ala.example");
    assertThat(jdbc.queryForList("select distinct year(active_since) from mig where id in ("
        + "select mig_id from mig_staff_liaison) order by 1", Integer.class))
        .as("active since various years").hasSizeGreaterThanOrEqualTo(5).first().satisfies(y -> assertThat(y).isLessThan(today.getYear() - 12));
  }

  @Test
  void librariesFosterCommunityEngagementWasRenamedInThePast() {
    List<Map<String, Object>> former = jdbc.queryForList(
        "select name, renamed_at from mig_former_name where mig_id = 'libraries-foster-community-engagement'");
    assertThat(former).hasSize(1);
    assertThat(former.get(0).get("name")).isEqualTo("Libraries Fostering Civic Engagement");
    assertThat(((java.time.OffsetDateTime) former.get(0).get("renamed_at")).toInstant())
        .isBefore(today.atStartOfDay(java.time.ZoneId.of("America/Chicago")).toInstant());
    assertThat(jdbc.queryForObject("select name from mig where id = 'libraries-foster-community-engagement'",
        String.class)).isEqualTo("Libraries Foster Community Engagement");
  }

  @Test
  void everyOutcomeHappenedAtLeastOnce() {
    Map<String, Long> events = new LinkedHashMap<>();
    jdbc.query("select event, count(*) from mig_history group by event", rs -> {
      events.put(rs.getString(1), rs.getLong(2));
    });
    assertThat(events).containsKeys("ESTABLISHED", "RENEWED", "DISBANDED", "TRANSITIONED", "NOT_ESTABLISHED");
    assertThat(jdbc.queryForList("select disband_reason from mig where status = 'DISBANDED' order by 1", String.class))
        .containsExactly("NOT_RENEWED", "REQUESTED");
    assertThat(jdbc.queryForObject("select transitioned_to from mig where status = 'TRANSITIONED'", String.class))
        .contains("Round Table");
    assertThat(jdbc.queryForList("select name from mig where status in ('DISBANDED', 'TRANSITIONED', 'NOT_ESTABLISHED')",
        String.class)).hasSize(4).allMatch(name -> name.endsWith("(example)"));
    // each outcome's decision is on record for Council
    assertThat(jdbc.queryForList("select distinct subject || ':' || approved from coo_decision order by 1", String.class))
        .contains("ESTABLISH:TRUE", "ESTABLISH:FALSE", "RENEW:TRUE", "DISBAND:TRUE", "TRANSITION:TRUE");
  }

  @Test
  void everyPastYearHasReportsSomeLateAndSomeMissing() {
    int first = jdbc.queryForObject("select min(year(active_since)) from mig", Integer.class);
    int lastDue = LocalDate.of(today.getYear(), Month.AUGUST, 1).isBefore(today) ? today.getYear() : today.getYear() - 1;
    for (int year = first; year <= lastDue; year++) {
      assertThat(jdbc.queryForObject("select count(*) from annual_report where year(due_date) = ?", Integer.class, year))
          .as("reports due in " + year).isPositive();
    }
    assertThat(jdbc.queryForObject("select count(*) from annual_report where late and submitted_at is not null",
        Integer.class)).as("late").isPositive();
    assertThat(jdbc.queryForObject("""
        select count(*) from annual_report where submitted_at is null and due_date < ?""", Integer.class,
        Date.valueOf(today))).as("missing").isPositive();
    assertThat(jdbc.queryForObject("""
        select count(*) from annual_report where submitted_at is not null and not late""", Integer.class))
        .as("on time, most of them").isGreaterThan(jdbc.queryForObject(
            "select count(*) from annual_report where late", Integer.class) * 3);
  }

  @Test
  void theHistoryHangsTogetherAndIsAllBeforeToday() {
    Date day = Date.valueOf(today);
    assertThat(jdbc.queryForObject("select count(*) from mig_history where effective_on >= ?", Integer.class, day))
        .as("nothing in the history is dated today or later").isZero();
    assertThat(jdbc.queryForObject("select count(*) from petition where status = 'OPEN'", Integer.class)).isZero();
    assertThat(jdbc.queryForObject("""
        select count(*) from petition p where p.decided_at is null or p.decided_at <= p.submitted_at
          or p.decided_at >= ? or not exists (select 1 from coo_decision d where d.petition_id = p.id
          and d.decided_at = p.decided_at)""", Integer.class,
        java.sql.Timestamp.from(today.atStartOfDay(java.time.ZoneId.of("America/Chicago")).toInstant())))
        .as("every petition decided after it was received, before today, with COO's decision on record").isZero();
    // a report only while its MIG was active: due on or after the day it became active, before it ended
    assertThat(jdbc.queryForObject("""
        select count(*) from annual_report r join mig m on m.id = r.mig_id
        where r.due_date < m.active_since or (m.ended_on is not null and r.due_date > m.ended_on)""", Integer.class))
        .isZero();
    // renewals at the ends of terms: each RENEWED some weeks before a third anniversary of active_since
    jdbc.query("""
        select h.effective_on, m.active_since from mig_history h join mig m on m.id = h.mig_id
        where h.event = 'RENEWED'""", rs -> {
      LocalDate renewed = rs.getDate(1).toLocalDate();
      LocalDate since = rs.getDate(2).toLocalDate();
      boolean beforeATermEnd = false;
      for (int term = 1; term < 20; term++) {
        LocalDate nextTerm = since.plusYears(3L * term);
        beforeATermEnd |= renewed.isBefore(nextTerm) && !renewed.isBefore(nextTerm.minusDays(90));
      }
      assertThat(beforeATermEnd).as("renewed on " + renewed + ", active since " + since).isTrue();
    });
    // the organizer of the demo still signs in by link: the address is on record
    assertThat(jdbc.queryForObject("select count(*) from mig_organizer where email = 'organizers@diversity.example.org'",
        Integer.class)).isOne();
    // and the current terms run their lifecycles
    assertThat(jdbc.queryForObject("""
        select count(*) from act_ru_execution where business_key_ = 'diversity' and parent_id_ is null""", Integer.class))
        .isPositive();
  }

  @Test
  void anEndedMigsPageShowsItsHistoryWithoutError() {
    int port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
    PageClient council = new PageClient(port).signedInAs("council1");
    for (String id : List.of("bookmobile-futures-example", "library-podcasting-example", "seed-libraries-example",
        "library-drone-pilots-example")) {
      PageClient.Page page = council.get("/migs/" + id);
      assertThat(page.status()).as(id).isEqualTo(200);
      assertThat(page.body()).as(id).contains("(example)").doesNotContain("Whitelabel").doesNotContain("Exception");
    }
    assertThat(council.get("/registry?status=ALL").body()).contains("Bookmobile Futures (example)",
        "Libraries Foster Community Engagement", "(formerly Libraries Fostering Civic Engagement)");
  }

  @Test
  void loadingAgainAddsNothing() throws Exception {
    Map<String, Long> before = counts();
    for (ApplicationRunner runner : app.getBeansOfType(ApplicationRunner.class).values()) {
      if (runner.getClass().getSimpleName().startsWith("Demo")) {
        runner.run(new DefaultApplicationArguments());
      }
    }
    assertThat(app.getBeansOfType(ApplicationRunner.class).values()).anyMatch(r -> r instanceof DemoHistoryLoader);
    assertThat(counts()).isEqualTo(before);
  }

  private static Map<String, Long> counts() {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (String table : List.of("mig", "mig_history", "mig_former_name", "mig_staff_liaison", "mig_organizer",
        "petition", "petition_organizer", "coo_decision", "annual_report", "annual_report_round")) {
      counts.put(table, jdbc.queryForObject("select count(*) from " + table, Long.class));
    }
    return counts;
  }
}
