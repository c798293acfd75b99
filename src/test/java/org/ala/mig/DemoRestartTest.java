package org.ala.mig;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/** Starting the demo twice on the same database creates nothing twice. */
class DemoRestartTest {

  @Test
  void aSecondStartOfTheDemoCreatesNoDuplicates() throws Exception {
    Path dir = Files.createTempDirectory("mig-restart");
    Map<String, Long> first = startCountAndStop(dir);
    Map<String, Long> second = startCountAndStop(dir);

    assertThat(first.get("users")).isEqualTo(9);
    assertThat(first.get("members")).isEqualTo(5000);
    assertThat(first.get("deployments")).isEqualTo(1);
    assertThat(first.get("migs")).isEqualTo(11);          // ALA's seven, and four that ended before (mig.demo.history)
    assertThat(first.get("conferences")).isEqualTo(4);
    assertThat(first.get("staffLiaisons")).isEqualTo(8);   // Entrepreneurship and Maker Spaces has two
    assertThat(first.get("formerNames")).isEqualTo(1);
    assertThat(first.get("petitions")).isGreaterThan(30);
    assertThat(first.get("reports")).isGreaterThan(80);
    assertThat(second).isEqualTo(first);
  }

  private static Map<String, Long> startCountAndStop(Path dir) {
    try (ConfigurableApplicationContext app = new SpringApplicationBuilder(MigApplication.class)
        .profiles("demo")
        .run(// arguments, so that they win over application-demo.yaml
            "--spring.datasource.url=jdbc:h2:file:" + dir.resolve("mig") + ";DB_CLOSE_ON_EXIT=FALSE",
            "--server.port=0", "--mig.mail.embedded.port=0", "--mig.mail.dispatcher.enabled=false",
            "--camunda.bpm.job-execution.enabled=false",
            // another engine may be alive in this JVM (the other tests' context)
            "--camunda.bpm.process-engine-name=restart",
            "--camunda.bpm.generate-unique-process-application-name=true")) {
      JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
      Map<String, Long> counts = new LinkedHashMap<>();
      counts.put("users", count(jdbc, "act_id_user"));
      counts.put("groups", count(jdbc, "act_id_group"));
      counts.put("memberships", count(jdbc, "act_id_membership"));
      counts.put("authorizations", count(jdbc, "act_ru_authorization"));
      counts.put("filters", count(jdbc, "act_ru_filter"));
      counts.put("deployments", count(jdbc, "act_re_deployment"));
      counts.put("members", count(jdbc, "member"));
      counts.put("migs", count(jdbc, "mig"));
      counts.put("conferences", count(jdbc, "conference"));
      counts.put("staffLiaisons", count(jdbc, "mig_staff_liaison"));
      counts.put("councilReports", count(jdbc, "council_report"));
      // the demo's earlier years (demo.DemoHistoryLoader)
      counts.put("history", count(jdbc, "mig_history"));
      counts.put("formerNames", count(jdbc, "mig_former_name"));
      counts.put("petitions", count(jdbc, "petition"));
      counts.put("decisions", count(jdbc, "coo_decision"));
      counts.put("reports", count(jdbc, "annual_report"));
      counts.put("reportRounds", count(jdbc, "annual_report_round"));
      return counts;
    }
  }

  private static long count(JdbcTemplate jdbc, String table) {
    Long n = jdbc.queryForObject("select count(*) from " + table, Long.class);
    return n == null ? 0 : n;
  }
}
