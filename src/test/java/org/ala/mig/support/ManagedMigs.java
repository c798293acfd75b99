package org.ala.mig.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.ala.mig.mail.MailOutbox;
import org.ala.mig.mail.OutboxMail;
import org.ala.mig.support.HttpApi.Reply;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.exception.NotValidException;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * For tests against the running application: a MIG of the test's own brought under management
 * through {@code POST /api/migs} (so its lifecycle starts as in production), the jobs of one
 * process instance run as the job executor would, and the mails it left in the outbox. The demo
 * MIGs' processes are never touched: everything is filtered by process instance or MIG.
 */
public final class ManagedMigs {

  /** A MIG under management: its organizers' and liaison's addresses are unique to it. */
  public record Managed(String id, String name, LocalDate termStart, LocalDate termEnd, String liaisonEmail,
      List<String> organizerEmails) {}

  private final HttpApi http;
  private final RuntimeService runtime;
  private final ManagementService management;
  private final MailOutbox outbox;
  private final JdbcTemplate jdbc;

  public ManagedMigs(HttpApi http, RuntimeService runtime, ManagementService management, MailOutbox outbox,
      JdbcTemplate jdbc) {
    this.http = http;
    this.runtime = runtime;
    this.management = management;
    this.outbox = outbox;
    this.jdbc = jdbc;
  }

  /** POST /api/migs as chair: an ACTIVE MIG whose term started on {@code termStart} and lasts three years. */
  public Managed manage(String name, LocalDate termStart) {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    String fullName = name + " " + suffix;
    String liaison = "liaison-" + suffix + "@ala.example";
    List<String> organizers = List.of("ana-" + suffix + "@lib.example", "bo-" + suffix + "@lib.example");
    Reply reply = http.postJson("/api/migs", "chair", """
        {"name": "%s", "statementOfPurpose": "To connect librarians who work with %s.",
         "termStart": "%s", "staffLiaison": {"name": "Lee Liaison", "email": "%s"},
         "organizers": [{"name": "Ana Núñez", "email": "%s", "address": "1 Main St, Springfield"},
                        {"name": "Bo Chen", "email": "%s", "address": "2 Oak Ave, Shelbyville"}]}
        """.formatted(fullName, name.toLowerCase(), termStart, liaison, organizers.get(0), organizers.get(1)));
    assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    assertThat(reply.json().path("status").asText()).isEqualTo("ACTIVE");
    return new Managed(reply.json().path("id").asText(), fullName, termStart,
        LocalDate.parse(reply.json().path("termEnd").asText()), liaison, organizers);
  }

  /**
   * POST /api/migs as chair: an ACTIVE MIG whose term started on {@code termStart}, organized by
   * these two addresses (an organizer of several MIGs signs in once and sees them all).
   */
  public Managed manage(String name, LocalDate termStart, String organizer, String otherOrganizer) {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    String fullName = name + " " + suffix;
    String liaison = "liaison-" + suffix + "@ala.example";
    Reply reply = http.postJson("/api/migs", "chair", """
        {"name": "%s", "statementOfPurpose": "To connect librarians who work with %s.",
         "termStart": "%s", "staffLiaison": {"name": "Lee Liaison", "email": "%s"},
         "organizers": [{"name": "Ana Núñez", "email": "%s", "address": "1 Main St, Springfield"},
                        {"name": "Bo Chen", "email": "%s", "address": "2 Oak Ave, Shelbyville"}]}
        """.formatted(fullName, name.toLowerCase(), termStart, liaison, organizer, otherOrganizer));
    assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    return new Managed(reply.json().path("id").asText(), fullName, termStart,
        LocalDate.parse(reply.json().path("termEnd").asText()), liaison, List.of(organizer, otherOrganizer));
  }

  /** The MIG's running mig-lifecycle instance. */
  public String lifecycle(String migId) {
    ProcessInstance instance = runtime.createProcessInstanceQuery().processDefinitionKey("mig-lifecycle")
        .processInstanceBusinessKey(migId).singleResult();
    assertThat(instance).as("lifecycle of " + migId).isNotNull();
    return instance.getId();
  }

  /** The running mig-annual-report instance of a report ({@code migId:year} or {@code migId:dueDate}). */
  public String reportProcess(String reportId) {
    ProcessInstance instance = runtime.createProcessInstanceQuery().processDefinitionKey("mig-annual-report")
        .processInstanceBusinessKey(reportId).singleResult();
    assertThat(instance).as("report process " + reportId).isNotNull();
    return instance.getId();
  }

  /** Runs every job of the instance that is due by the engine clock, and the jobs they lead to. */
  public void runDueJobs(String processInstanceId) {
    runDueJobs(management, processInstanceId);
  }

  /** Runs every job of the instance that is due by the engine clock, and the jobs they lead to. */
  /**
   * Runs the jobs of the process instances whose business keys start with one of {@code keyPrefixes}
   * (a MIG's id: its lifecycle, petitions and reports) in due order, moving the engine clock to each,
   * until {@code until}; other MIGs' jobs are left alone. The clock ends at {@code until}, never back.
   */
  public static void runUntil(ManagementService management, RuntimeService runtime, List<String> keyPrefixes,
      Instant until) {
    for (int i = 0; i < 5000; i++) {
      Instant now = ClockUtil.getCurrentTime().toInstant();
      List<Job> jobs = new java.util.ArrayList<>();
      for (String prefix : keyPrefixes) {
        runtime.createProcessInstanceQuery().processInstanceBusinessKeyLike(prefix + "%").list()
            .forEach(p -> jobs.addAll(management.createJobQuery().processInstanceId(p.getId()).list()));
      }
      Job next = jobs.stream()
          .filter(job -> job.getDuedate() == null || !job.getDuedate().toInstant().isAfter(until))
          .min(java.util.Comparator.comparing(job -> job.getDuedate() == null ? now : job.getDuedate().toInstant()))
          .orElse(null);
      if (next == null) {
        if (until.isAfter(now)) {
          ClockUtil.setCurrentTime(Date.from(until));
        }
        return;
      }
      if (next.getDuedate() != null && next.getDuedate().toInstant().isAfter(now)) {
        ClockUtil.setCurrentTime(next.getDuedate());
      }
      management.executeJob(next.getId());
    }
    throw new AssertionError("jobs keep coming");
  }

  public static void runDueJobs(ManagementService management, String processInstanceId) {
    for (int i = 0; i < 50; i++) {
      List<Job> due = management.createJobQuery().processInstanceId(processInstanceId).executable().list();
      if (due.isEmpty()) {
        return;
      }
      due.forEach(job -> management.executeJob(job.getId()));
    }
    throw new AssertionError("jobs keep coming in " + processInstanceId);
  }

  /** The one job of the instance waiting at {@code activityId} (a timer event or an asynchronous step). */
  public Job job(String processInstanceId, String activityId) {
    Job job = management.createJobQuery().processInstanceId(processInstanceId).activityId(activityId).singleResult();
    assertThat(job).as("job at " + activityId).isNotNull();
    return job;
  }

  /**
   * Moves the engine clock to the due date of the timer waiting at {@code timerActivityId}, fires
   * it, and runs the steps it leads to.
   *
   * @return the instant the timer was due
   */
  public Instant fire(String processInstanceId, String timerActivityId) {
    Job timer = job(processInstanceId, timerActivityId);
    ClockUtil.setCurrentTime(timer.getDuedate());
    management.executeJob(timer.getId());
    runDueJobs(processInstanceId);
    return timer.getDuedate().toInstant();
  }

  /** Sets the engine clock (and so the application's) to {@code instant}; it stands still there. */
  public static void clockAt(Instant instant) {
    ClockUtil.setCurrentTime(Date.from(instant));
  }

  /** The MIG's mails of one template, oldest first. */
  public List<OutboxMail> mails(String migId, String template) {
    return outbox.list(migId, null, 1000).stream().filter(m -> m.template().equals(template))
        .sorted((a, b) -> Long.compare(a.id(), b.id())).toList();
  }

  /** The plain-text body of a mail in the outbox. */
  public String text(OutboxMail mail) {
    return jdbc.queryForObject("select body_text from mail_outbox where id = ?", String.class, mail.id());
  }

  /** The task listener's refusal (a NotValidException naming the field) somewhere in the cause chain. */
  public static NotValidException refusal(Throwable thrown) {
    for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof NotValidException refused) {
        return refused;
      }
    }
    throw new AssertionError("not refused by a task check: " + thrown, thrown);
  }
}
