package org.ala.mig.conferences;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.ala.mig.common.ConflictException;
import org.ala.mig.common.FieldProblem;
import org.ala.mig.common.InvalidInputException;
import org.ala.mig.common.MigProperties;
import org.ala.mig.common.NotFoundException;
import org.ala.mig.common.TextRules;
import org.ala.mig.registry.DeadlineCalendar;
import org.ala.mig.reporting.ConferenceSource;
import org.ala.mig.reporting.CouncilReportService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The ALA conferences (CONTRACT.md, step 12): listed for every signed-in user, added by the COO
 * chair or Conference Services. A conference added gets its COO report to Council at once
 * ({@link CouncilReportService#schedule}), in the same transaction as its row, so that it has
 * either both or neither. {@code mig.conferences} only seeds the table ({@link ConferenceSeeder}).
 */
@Service
public class ConferenceService implements ConferenceSource {

  /** Lower-case letters, digits and hyphens, 2 to 60 of them, not starting or ending with a hyphen. */
  static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,58}[a-z0-9]");
  static final int MAX_NAME = 200;
  static final int MAX_LOCATION = 200;

  /** What the Council page and the health details say when no conference is still to come. */
  public static final String NO_UPCOMING_WARNING = "No upcoming conference: no COO report to Council will be"
      + " compiled until a conference is added (POST /api/conferences or the page /conferences).";

  private static final Logger log = LoggerFactory.getLogger(ConferenceService.class);

  private final ConferenceRepository conferences;
  private final CouncilReportService reports;
  private final DeadlineCalendar calendar;
  private final TransactionTemplate transactions;
  private final Clock clock;

  ConferenceService(ConferenceRepository conferences, CouncilReportService reports, DeadlineCalendar calendar,
      TransactionTemplate transactions, Clock clock) {
    this.conferences = conferences;
    this.reports = reports;
    this.calendar = calendar;
    this.transactions = transactions;
    this.clock = clock;
  }

  /** Every conference, in order of its start. */
  public List<Conference> list() {
    return conferences.all().stream().map(this::conference).toList();
  }

  /** The conferences that start today or later, in order of their start. */
  public List<Conference> upcoming() {
    return conferences.startingOnOrAfter(calendar.today()).stream().map(this::conference).toList();
  }

  public Conference get(String id) {
    return conferences.find(id).map(this::conference)
        .orElseThrow(() -> new NotFoundException("No conference with id '" + id + "'"));
  }

  /** The MIG meetings arranged at the conference, in order of their start. */
  public List<ScheduledMeeting> schedule(String conferenceId) {
    get(conferenceId);
    return conferences.schedule(conferenceId);
  }

  /** Every MIG meeting arranged at any conference, in order of its start (the public conference feed). */
  public List<ArrangedMeeting> arrangedMeetings() {
    return conferences.arranged(null);
  }

  /** The meetings arranged for one MIG, in order of their start (the MIG's own feed). */
  public List<ArrangedMeeting> arrangedMeetingsOf(String migId) {
    return conferences.arranged(migId);
  }

  /**
   * Adds the conference and schedules its COO report to Council at once.
   *
   * @throws InvalidInputException naming every bad field; nothing is stored
   * @throws ConflictException when a conference has this id already
   */
  public Conference add(ConferenceRequest request) {
    if (request == null) {
      throw InvalidInputException.of("body", "required: the conference as JSON");
    }
    ConferenceRepository.Row row = checked(request);
    if (conferences.exists(row.id())) {
      throw new ConflictException("A conference with id '" + row.id() + "' exists already");
    }
    try {
      transactions.executeWithoutResult(status -> {
        conferences.insert(row, clock.instant());
        reports.schedule(new MigProperties.Conference(row.id(), row.name(), row.startDate()));
      });
    } catch (DuplicateKeyException e) {
      throw new ConflictException("A conference with id '" + row.id() + "' exists already");
    }
    log.info("Added conference {} ({}), starting {}", row.name(), row.id(), row.startDate());
    return conference(row);
  }

  /**
   * Seeds a conference of {@code mig.conferences}: stored unless its id is known already (then
   * left as it is).
   *
   * @return whether it was stored
   */
  boolean seed(MigProperties.Conference configured) {
    if (conferences.exists(configured.id())) {
      return false;
    }
    try {
      transactions.executeWithoutResult(status -> conferences.insert(
          new ConferenceRepository.Row(configured.id(), configured.name(), configured.startDate(), null, null),
          clock.instant()));
      return true;
    } catch (DuplicateKeyException e) {
      return false;   // another node seeded it at the same moment
    }
  }

  /** The conferences as the COO reports to Council are scheduled from them. */
  @Override
  public List<MigProperties.Conference> conferences() {
    return conferences.all().stream()
        .map(r -> new MigProperties.Conference(r.id(), r.name(), r.startDate())).toList();
  }

  private Conference conference(ConferenceRepository.Row r) {
    return new Conference(r.id(), r.name(), r.startDate(), r.endDate(), r.location(),
        calendar.councilReportDueOn(r.startDate()));
  }

  private ConferenceRepository.Row checked(ConferenceRequest r) {
    List<FieldProblem> errors = new ArrayList<>();
    String id = r.id() == null ? null : r.id().strip();
    if (id == null || id.isEmpty()) {
      errors.add(new FieldProblem("id", "required"));
    } else if (!ID.matcher(id).matches()) {
      errors.add(new FieldProblem("id", "must be 2 to 60 lower-case letters, digits and hyphens, not starting or"
          + " ending with a hyphen (for example annual-2027), got '" + shortened(id) + "'"));
    }
    String name = text(errors, "name", r.name(), MAX_NAME, true);
    String location = text(errors, "location", r.location(), MAX_LOCATION, false);
    LocalDate start = date(errors, "startDate", r.startDate(), true);
    LocalDate end = date(errors, "endDate", r.endDate(), false);
    if (start != null && start.isBefore(calendar.today())) {
      errors.add(new FieldProblem("startDate", "must not be in the past: today is " + calendar.today()));
    }
    if (start != null && end != null && end.isBefore(start)) {
      errors.add(new FieldProblem("endDate", "must not be before startDate " + start));
    }
    if (!errors.isEmpty()) {
      throw InvalidInputException.of(errors);
    }
    return new ConferenceRepository.Row(id, name, start, end, location);
  }

  private static String text(List<FieldProblem> errors, String field, String value, int max, boolean required) {
    if (value == null || TextRules.blank(value)) {
      if (required) {
        errors.add(new FieldProblem(field, "required"));
      }
      return null;
    }
    String stored = value.strip();
    if (stored.length() > max) {
      errors.add(new FieldProblem(field, "longer than " + max + " characters"));
      return null;
    }
    String problem = TextRules.problem(stored, false);
    if (problem != null) {
      errors.add(new FieldProblem(field, problem));
      return null;
    }
    return stored;
  }

  private static LocalDate date(List<FieldProblem> errors, String field, String value, boolean required) {
    if (value == null || value.isBlank()) {
      if (required) {
        errors.add(new FieldProblem(field, "required: a day such as 2027-06-24"));
      }
      return null;
    }
    try {
      return LocalDate.parse(value.strip());
    } catch (DateTimeParseException e) {
      errors.add(new FieldProblem(field, "must be a day such as 2027-06-24, got '" + shortened(value) + "'"));
      return null;
    }
  }

  private static String shortened(String value) {
    return value.length() > 40 ? value.substring(0, 40) + "…" : value;
  }
}
