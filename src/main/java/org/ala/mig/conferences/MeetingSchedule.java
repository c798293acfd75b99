package org.ala.mig.conferences;

import static org.ala.mig.common.TaskOutputs.invalid;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.function.Function;
import org.ala.mig.common.TaskOutputs;
import org.ala.mig.registry.DeadlineCalendar;
import org.springframework.stereotype.Service;

/**
 * The schedule of MIG meetings at conferences, from the outputs of {@code arrangeMeetingSpace}
 * (CONTRACT.md, step 12): {@code spaceArranged} and, when arranged, {@code conferenceId},
 * {@code meetingStart} and {@code meetingEnd} (ISO instants) and {@code room}. Bad outputs are
 * refused naming the field ({@link org.ala.mig.common.TaskOutputRefusedException}), so that the
 * task is not completed and nothing is stored. Without {@code spaceArranged} (a task created with
 * the form of an older deployment, which does not ask), no meeting is scheduled.
 */
@Service
public class MeetingSchedule {

  /** An arranged meeting, as checked. */
  public record Meeting(String conferenceId, Instant start, Instant end, String room) {}

  static final int MAX_ROOM = 200;

  private final ConferenceRepository conferences;
  private final DeadlineCalendar calendar;
  private final Clock clock;

  MeetingSchedule(ConferenceRepository conferences, DeadlineCalendar calendar, Clock clock) {
    this.conferences = conferences;
    this.calendar = calendar;
    this.clock = clock;
  }

  /**
   * Checks the task's outputs and, when space was arranged, puts the meeting into its
   * conference's schedule (once per task).
   *
   * @param outputs the task's variables by name
   * @return the meeting, or null when no space was arranged
   */
  public Meeting arranged(String taskId, String migId, Function<String, Object> outputs) {
    Meeting meeting = checked(outputs);
    if (meeting != null) {
      conferences.insertMeeting(taskId, migId, meeting.conferenceId(), meeting.start(), meeting.end(),
          meeting.room(), clock.instant());
    }
    return meeting;
  }

  /** The meeting the outputs describe, or null when no space was arranged; refused when bad. */
  Meeting checked(Function<String, Object> outputs) {
    Boolean arranged = TaskOutputs.bool("spaceArranged", outputs.apply("spaceArranged"));
    if (arranged == null || !arranged) {   // absent: a task whose form (of an older deployment) does not ask
      return null;
    }
    String conferenceId = TaskOutputs.text("conferenceId", outputs.apply("conferenceId"), 60);
    if (conferenceId == null) {
      throw invalid("conferenceId", "required when spaceArranged is true: the conference of the meeting");
    }
    ConferenceRepository.Row conference = conferences.find(conferenceId)
        .orElseThrow(() -> invalid("conferenceId", "no conference with id '" + conferenceId + "'"));
    Instant start = instant("meetingStart", outputs.apply("meetingStart"));
    Instant end = instant("meetingEnd", outputs.apply("meetingEnd"));
    if (!end.isAfter(start)) {
      throw invalid("meetingEnd", "must be after meetingStart " + start);
    }
    LocalDate day = calendar.dateOf(start);
    if (day.isBefore(conference.startDate())) {
      throw invalid("meetingStart", "before the conference " + conference.name() + " starts on " + conference.startDate());
    }
    if (conference.endDate() != null && calendar.dateOf(end.minusNanos(1)).isAfter(conference.endDate())) {
      throw invalid("meetingEnd", "after the conference " + conference.name() + " ends on " + conference.endDate());
    }
    String room = TaskOutputs.text("room", outputs.apply("room"), MAX_ROOM);
    if (room == null) {
      throw invalid("room", "required when spaceArranged is true: where the MIG meets");
    }
    return new Meeting(conference.id(), start, end, room);
  }

  private static Instant instant(String field, Object value) {
    if (value == null || value instanceof String s && s.isBlank()) {
      throw invalid(field, "required when spaceArranged is true: an ISO instant such as 2027-06-26T14:00:00Z");
    }
    if (value instanceof java.util.Date date) {
      return date.toInstant();
    }
    if (!(value instanceof String text)) {
      throw invalid(field, "must be an ISO instant such as 2027-06-26T14:00:00Z");
    }
    try {
      return OffsetDateTime.parse(text.strip()).toInstant();
    } catch (DateTimeParseException e) {
      String shown = text.length() > 40 ? text.substring(0, 40) + "…" : text;
      throw invalid(field, "must be an ISO instant such as 2027-06-26T14:00:00Z, got '" + shown + "'");
    }
  }
}
