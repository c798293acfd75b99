package org.ala.mig.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ala.mig.common.MigProperties;
import org.ala.mig.mail.MailDispatcher;
import org.ala.mig.mail.MailOutbox;
import org.ala.mig.mail.MailRequest;
import org.ala.mig.mail.MailService;
import org.ala.mig.mail.MailTemplate;
import org.ala.mig.registry.Mig;
import org.ala.mig.registry.MigRepository;
import org.ala.mig.support.FaultySmtp;
import org.ala.mig.support.HttpApi;
import org.ala.mig.support.HttpApi.Reply;
import org.ala.mig.support.LinkSession;
import org.ala.mig.support.MigSpringBootTest;
import org.ala.mig.support.TestMigs;
import org.ala.mig.support.TestSmtp;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The metrics of docs/metrics.md, read as Prometheus reads them ({@code /actuator/prometheus},
 * for camunda-admin only): each series is there from the start, and each moves when what it counts
 * happens. The probes and the info are anonymous.
 */
@MigSpringBootTest
class MetricsEndpointTest {

  /** Every metric of the application's own (docs/metrics.md), as Prometheus names them. */
  static final List<String> OWN_METRICS = List.of("mig_mail_sent_total", "mig_mail_failed_total",
      "mig_mail_retried_total", "mig_mail_outbox_mails", "mig_jobs_executed_total", "mig_incidents_open",
      "mig_tasks_open", "mig_signin_failures_total");

  @LocalServerPort int port;
  @Autowired OperationsSnapshot snapshot;
  @Autowired MailService mail;
  @Autowired MailOutbox outbox;
  @Autowired MailDispatcher dispatcher;
  @Autowired MigRepository migs;
  @Autowired TransactionTemplate tx;
  @Autowired PlatformTransactionManager transactions;
  @Autowired MigProperties properties;
  @Autowired MeterRegistry meters;
  @Autowired Clock clock;
  @Autowired JdbcTemplate jdbc;
  @Autowired RepositoryService repository;
  @Autowired RuntimeService runtime;
  @Autowired ManagementService management;
  @Autowired TaskService tasks;
  @Autowired IdentityService identity;
  HttpApi http;

  @BeforeEach
  void client() {
    http = new HttpApi(port);
    snapshot.refreshNow();
  }

  @Test
  void prometheusAnswersAdministratorsWithEveryMetricAndNobodyElse() {
    assertThat(http.get("/actuator/health", null).status()).as("one request done: the HTTP meters have one").isEqualTo(200);
    Reply scrape = scrape("admin");
    assertThat(scrape.status()).isEqualTo(200);
    assertThat(scrape.contentType()).startsWith("text/plain");
    for (String name : OWN_METRICS) {
      assertThat(scrape.body()).as(name).containsPattern("(?m)^" + name + "\\{");
    }
    assertThat(scrape.body()).contains("mig_mail_outbox_mails{application=\"mig-lifecycle\",status=\"FAILED\"}",
        "mig_tasks_open{application=\"mig-lifecycle\",group=\"coo\"}",
        "mig_incidents_open{application=\"mig-lifecycle\",type=\"failedJob\"}",
        "mig_signin_failures_total{application=\"mig-lifecycle\",method=\"link\",reason=\"throttled\"}",
        "mig_jobs_executed_total{application=\"mig-lifecycle\",outcome=\"failed\"}");
    // the usual meters are there as well: JVM, HTTP server, connection pool
    assertThat(scrape.body()).contains("jvm_memory_used_bytes", "http_server_requests_seconds", "hikaricp_connections");

    assertThat(scrape(null).status()).isEqualTo(401);
    for (String staff : List.of("chair", "coo1", "mps1", "council1")) {
      assertThat(scrape(staff).status()).as(staff).isEqualTo(403);
    }
    assertThat(http.get("/actuator/metrics/mig.tasks.open", "admin").status()).isEqualTo(200);
    assertThat(http.get("/actuator/metrics/mig.tasks.open", "coo1").status()).isEqualTo(403);
  }

  @Test
  void mailsSentAndFailedAreCountedAndTheBacklogShown() throws Exception {
    Mig mig = TestMigs.active("Metrics Mail");
    tx.executeWithoutResult(s -> migs.insert(mig));
    dispatcher.dispatchDue();
    // what other tests left waiting for later is parked, so that this test's dispatchers send only its own mails
    Timestamp later = Timestamp.from(Instant.parse("2999-01-01T00:00:00Z"));
    jdbc.update("update mail_outbox set next_attempt_at = ? where status = 'PENDING'", later);
    double sent = value("mig_mail_sent_total");
    double failed = value("mig_mail_failed_total");
    double pending = value("mig_mail_outbox_mails", "status=\"PENDING\"");
    double failedRows = value("mig_mail_outbox_mails", "status=\"FAILED\"");

    written(mig, 2);
    snapshot.refreshNow();
    assertThat(value("mig_mail_outbox_mails", "status=\"PENDING\"")).isEqualTo(pending + 2);
    assertThat(dispatcher.dispatchDue()).isEqualTo(2);
    assertThat(value("mig_mail_sent_total")).isEqualTo(sent + 2);
    assertThat(value("mig_mail_failed_total")).isEqualTo(failed);

    // a server that refuses every recipient: the mail fails at once (and the application's counter moves)
    try (FaultySmtp refusing = new FaultySmtp()) {
      mig.organizers().forEach(o -> refusing.refuse(o.email()));
      refusing.refuse(mig.staffLiaison().email());
      MailDispatcher faulty = new MailDispatcher(outbox, refusing.sender(),
          TestSmtp.withDispatcher(properties, 8, Duration.ofSeconds(30)), clock, transactions, meters);
      try {
        written(mig, 1);
        assertThat(faulty.dispatchDue()).isEqualTo(1);
      } finally {
        faulty.destroy();
      }
    }
    snapshot.refreshNow();
    assertThat(value("mig_mail_failed_total")).isEqualTo(failed + 1);
    assertThat(value("mig_mail_sent_total")).isEqualTo(sent + 2);
    assertThat(value("mig_mail_outbox_mails", "status=\"FAILED\"")).isEqualTo(failedRows + 1);
    assertThat(value("mig_mail_outbox_mails", "status=\"PENDING\"")).isEqualTo(pending);
  }

  @Test
  void gaugesAreReadAtMostOncePerIntervalAndRefreshedAfterIt() {
    // an interval of an hour: within it, nothing is read again, however long this test takes
    OperationsSnapshot hourly = new OperationsSnapshot(mail, runtime, tasks, identity, Duration.ofHours(1));
    long cached = hourly.figures().tasks().get("barc");
    double scraped = value("mig_tasks_open", "group=\"barc\"");
    Task task = tasks.newTask("metrics-" + UUID.randomUUID());
    task.setName("A task for the metrics");
    tasks.saveTask(task);
    try {
      tasks.addCandidateGroup(task.getId(), "barc");
      assertThat(hourly.figures().tasks().get("barc")).as("within the interval: the last reading").isEqualTo(cached);
      hourly.refreshNow();
      assertThat(hourly.figures().tasks().get("barc")).isEqualTo(cached + 1);

      snapshot.refreshNow();
      assertThat(value("mig_tasks_open", "group=\"barc\"")).isEqualTo(scraped + 1);
    } finally {
      tasks.deleteTask(task.getId(), true);
      snapshot.refreshNow();
    }
  }

  @Test
  void jobsAreCountedByOutcomeAndAFailedLastTryIsAnOpenIncident() {
    String key = "metricsJobs" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    BpmnModelInstance model = Bpmn.createExecutableProcess(key).camundaHistoryTimeToLive(1)
        .startEvent().serviceTask("work").camundaAsyncBefore().camundaExpression("${fail ? nothingNamedSo : true}")
        .endEvent().done();
    String deployment = repository.createDeployment().addModelInstance(key + ".bpmn", model).deploy().getId();
    try {
      double succeeded = value("mig_jobs_executed_total", "outcome=\"succeeded\"");
      double failed = value("mig_jobs_executed_total", "outcome=\"failed\"");
      double incidents = value("mig_incidents_open", "type=\"failedJob\"");

      String good = runtime.startProcessInstanceByKey(key, java.util.Map.of("fail", false)).getId();
      management.executeJob(job(good).getId());
      assertThat(value("mig_jobs_executed_total", "outcome=\"succeeded\"")).isEqualTo(succeeded + 1);
      assertThat(value("mig_jobs_executed_total", "outcome=\"failed\"")).isEqualTo(failed);

      String bad = runtime.startProcessInstanceByKey(key, java.util.Map.of("fail", true)).getId();
      Job job = job(bad);
      management.setJobRetries(job.getId(), 1);
      try {
        management.executeJob(job.getId());
      } catch (RuntimeException expected) {
        // the expression fails: the job's last try
      }
      snapshot.refreshNow();
      assertThat(value("mig_jobs_executed_total", "outcome=\"failed\"")).isEqualTo(failed + 1);
      assertThat(value("mig_jobs_executed_total", "outcome=\"succeeded\"")).isEqualTo(succeeded + 1);
      assertThat(value("mig_incidents_open", "type=\"failedJob\"")).isEqualTo(incidents + 1);
    } finally {
      repository.deleteDeployment(deployment, true);
      snapshot.refreshNow();
    }
  }

  @Test
  void failedSignInsAreCountedByWayAndReason() {
    double wrongPassword = value("mig_signin_failures_total", "method=\"password\"", "reason=\"wrong\"");
    double wrongLink = value("mig_signin_failures_total", "method=\"link\"", "reason=\"wrong\"");

    Reply refused = http.send(http.request("/api/migs", "metrics-nobody", "not-the-password").GET().build());
    assertThat(refused.status()).isEqualTo(401);
    assertThat(value("mig_signin_failures_total", "method=\"password\"", "reason=\"wrong\"")).isEqualTo(wrongPassword + 1);

    LinkSession.Answer unknownLink = new LinkSession(port).useLink(UUID.randomUUID().toString());
    assertThat(unknownLink.location()).endsWith("/login?error");
    assertThat(value("mig_signin_failures_total", "method=\"link\"", "reason=\"wrong\"")).isEqualTo(wrongLink + 1);
    assertThat(value("mig_signin_failures_total", "method=\"password\"", "reason=\"wrong\"")).isEqualTo(wrongPassword + 1);
  }

  @Test
  void theProbesAndTheInfoAnswerAnyone() {
    for (String probe : List.of("/actuator/health/liveness", "/actuator/health/readiness")) {
      Reply reply = http.get(probe, null);
      assertThat(reply.status()).as(probe).isEqualTo(200);
      assertThat(reply.json().path("status").asText()).as(probe).isEqualTo("UP");
    }
    assertThat(http.get("/actuator/health/readiness", "admin").json().path("components").has("db"))
        .as("readiness looks at the database").isTrue();
    assertThat(http.get("/actuator/health/liveness", "admin").json().path("components").has("db"))
        .as("liveness does not").isFalse();

    Reply info = http.get("/actuator/info", null);
    assertThat(info.status()).isEqualTo(200);
    assertThat(info.json().path("build").path("version").asText()).isNotBlank();
    assertThat(info.json().path("build").path("artifact").asText()).isEqualTo("mig-lifecycle");
    assertThat(info.json().path("git").path("commit").path("id").asText()).matches("[0-9a-f]{7,40}");
  }

  // --- helpers ---------------------------------------------------------------------------------

  /** GET /actuator/prometheus as Prometheus asks for it (the text format). */
  private Reply scrape(String user) {
    return http.send(http.request("/actuator/prometheus", user)
        .setHeader("Accept", "text/plain;version=0.0.4;q=0.5, */*;q=0.1").GET().build());
  }

  private Job job(String processInstanceId) {
    return management.createJobQuery().processInstanceId(processInstanceId).singleResult();
  }

  private void written(Mig mig, int n) {
    tx.executeWithoutResult(s -> {
      for (int i = 0; i < n; i++) {
        mail.send(MailRequest.of(MailTemplate.RENEWAL_REMINDER, mig.id(), "metrics/" + UUID.randomUUID())
            .with("daysLeft", 90));
      }
    });
  }

  /** The sum of the series of one metric with all the given labels, as scraped by an administrator. */
  private double value(String name, String... labels) {
    Reply scrape = scrape("admin");
    assertThat(scrape.status()).isEqualTo(200);
    Matcher series = Pattern.compile("(?m)^" + Pattern.quote(name) + "\\{([^}]*)\\} (\\S+)$").matcher(scrape.body());
    double sum = 0;
    boolean found = false;
    while (series.find()) {
      String tags = series.group(1);
      if (java.util.Arrays.stream(labels).allMatch(tags::contains)) {
        sum += Double.parseDouble(series.group(2));
        found = true;
      }
    }
    assertThat(found).as("%s %s in the scrape", name, List.of(labels)).isTrue();
    return sum;
  }
}
