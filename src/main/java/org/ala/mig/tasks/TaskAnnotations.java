package org.ala.mig.tasks;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.ala.mig.common.MigProperties;
import org.ala.mig.mail.MailFormats;
import org.ala.mig.registry.DeadlineCalendar;
import org.ala.mig.registry.Mig;
import org.ala.mig.registry.MigRepository;
import org.springframework.stereotype.Service;

/**
 * What a user task shows in Tasklist, set when it is created ({@link TaskCreation}): its name with
 * its subject ("Verify signatures: Graphic Novels &amp; Comics in Libraries", "Submit the COO report:
 * ALA Annual Conference 2027"), a short description of what the policy asks and by when, and its
 * due date from the deadline calendar. Plain rules on the task's id and its process variables, so
 * that they are tested without an engine.
 */
@Service
public class TaskAnnotations {

  /** The process variables the rules read. */
  static final String[] VARIABLES = {"migId", "migName", "conferenceName", "conferenceStart"};

  /**
   * What a task shows.
   *
   * @param subject the MIG's current name, or the conference's; null when the task has neither
   * @param aboutConference whether the subject is a conference
   */
  public record Annotation(String plainName, String name, String description, Instant due, String subject,
      boolean aboutConference, String migId, String dueOn) {}

  private final DeadlineCalendar calendar;
  private final MigRepository migs;
  private final MailFormats formats;

  public TaskAnnotations(DeadlineCalendar calendar, MigRepository migs, MigProperties properties) {
    this.calendar = calendar;
    this.migs = migs;
    this.formats = new MailFormats(properties.timeZone());
  }

  /**
   * @param taskDefinitionKey the task's BPMN id
   * @param elementName the BPMN element's (plain) name
   * @param created when the task was created
   * @param variables the process variables of {@link #VARIABLES} that are set
   */
  public Annotation annotate(String taskDefinitionKey, String elementName, Instant created,
      Map<String, Object> variables) {
    TaskKinds.Kind kind = TaskKinds.of(taskDefinitionKey, elementName);
    String migId = text(variables.get("migId"));
    String subject = null;
    boolean aboutConference = false;
    if (migId != null) {
      subject = migs.find(migId).map(Mig::name).orElse(text(variables.get("migName")));
    } else if (text(variables.get("migName")) != null) {
      subject = text(variables.get("migName"));
    } else if (text(variables.get("conferenceName")) != null) {
      subject = text(variables.get("conferenceName"));
      aboutConference = true;
    }
    String start = text(variables.get("conferenceStart"));
    Instant due = calendar.taskDue(taskDefinitionKey, created, start == null ? null : LocalDate.parse(start));
    String name = subject == null ? kind.plainName() : kind.plainName() + ": " + subject;
    String description = kind.asks() + " Due by " + formats.date(due) + ".";
    return new Annotation(kind.plainName(), name, description, due, subject, aboutConference,
        migId != null && migs.find(migId).isPresent() ? migId : null, dueOn(due));
  }

  /**
   * The due day as Tasklist lists it (the task-local variable {@code dueOn}): the date in
   * {@code mig.time-zone}, whatever the browser's zone ("January 12, 2027").
   */
  public String dueOn(Instant due) {
    return formats.date(due);
  }

  private static String text(Object value) {
    return value instanceof String s && !s.isBlank() ? s : null;
  }
}
