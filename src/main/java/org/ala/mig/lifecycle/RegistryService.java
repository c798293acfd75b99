package org.ala.mig.lifecycle;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.ala.mig.common.ConflictException;
import org.ala.mig.common.FieldProblem;
import org.ala.mig.common.InvalidInputException;
import org.ala.mig.registry.DeadlineCalendar;
import org.ala.mig.registry.Mig;
import org.ala.mig.registry.MigIds;
import org.ala.mig.registry.MigRepository;
import org.ala.mig.registry.MigStatus;
import org.ala.mig.registry.Organizer;
import org.ala.mig.registry.OrganizerInput.Fields;
import org.ala.mig.registry.OrganizerInput;
import org.ala.mig.registry.StaffLiaison;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Changes to the registry that do not come from a petition. */
@Service
public class RegistryService {

  /** A current term starting further from today than this is a typing error (year 0001 or 9999). */
  static final int MAX_YEARS_AWAY = 10;
  /** The earliest year a MIG can have become active: ALA's MIG policy is younger than this. */
  static final int OLDEST_ACTIVE_SINCE = 1970;

  private final MigRepository migs;
  private final DeadlineCalendar calendar;
  private final LifecycleService lifecycle;

  public RegistryService(MigRepository migs, DeadlineCalendar calendar, LifecycleService lifecycle) {
    this.lifecycle = lifecycle;
    this.migs = migs;
    this.calendar = calendar;
  }

  /**
   * Brings an existing MIG under management: ACTIVE in its current term, with its organizers and
   * staff liaison, with its lifecycle running from its current term. Every problem is reported at once and nothing is stored.
   *
   * @throws InvalidInputException with the fields in error; {@link ConflictException} when a MIG of that name is already managed
   */
  @Transactional
  public Mig bringUnderManagement(ExistingMigRequest request) {
    List<FieldProblem> errors = validate(request);
    if (!errors.isEmpty()) {
      throw InvalidInputException.of(errors);
    }
    String id = MigIds.idFor(request.name().strip(), migs::nameOf);
    migs.livingMigNamed(request.name(), id).ifPresent(other -> {
      throw new ConflictException("A MIG named '" + request.name().strip() + "' is already managed (id " + other + ")");
    });
    Optional<Mig> existing = migs.find(id);
    existing.ifPresent(known -> {
      if (known.status() != MigStatus.DISBANDED && known.status() != MigStatus.NOT_ESTABLISHED
          && known.status() != MigStatus.TRANSITIONED) {
        throw new ConflictException("A MIG named '" + known.name() + "' is already managed (id " + id
            + ", " + known.status() + ")");
      }
    });
    LocalDate start = request.termStart();
    LocalDate end = request.termEnd() != null ? request.termEnd() : calendar.termEnd(start);
    List<Organizer> organizers = request.organizers().stream().map(OrganizerInput::toOrganizer).toList();
    StaffLiaison liaison = request.staffLiaison() == null ? null
        : new StaffLiaison(request.staffLiaison().name().strip(), request.staffLiaison().email().strip());
    Mig mig = new Mig(id, request.name().strip(), MigStatus.ACTIVE, request.statementOfPurpose().strip(),
        start, end, liaison, null, organizers);
    LocalDate activeSince = request.activeSince() != null ? request.activeSince() : start;
    if (existing.isPresent()) {
      migs.petitioned(id, mig.name(), mig.statementOfPurpose(), organizers);
      migs.activate(id, start, end, activeSince);
      migs.assignLiaison(id, liaison);
    } else {
      migs.insert(mig, activeSince);
    }
    lifecycle.start(id);
    return mig;
  }

  private List<FieldProblem> validate(ExistingMigRequest r) {
    List<FieldProblem> errors = new ArrayList<>();
    Fields.text(errors, "name", r.name(), 200);
    if (r.name() != null && !r.name().isBlank() && MigIds.slug(r.name()).isEmpty()) {
      errors.add(new FieldProblem("name", "must contain letters or digits"));
    }
    Fields.longText(errors, "statementOfPurpose", r.statementOfPurpose(), 4000);
    LocalDate today = calendar.today();
    if (r.termStart() == null) {
      errors.add(new FieldProblem("termStart", "required: the first day of the current term (YYYY-MM-DD)"));
    } else if (r.termStart().isBefore(today.minusYears(MAX_YEARS_AWAY))
        || r.termStart().isAfter(today.plusYears(MAX_YEARS_AWAY))) {
      errors.add(new FieldProblem("termStart", "the current term starts within " + MAX_YEARS_AWAY + " years of today ("
          + today.minusYears(MAX_YEARS_AWAY) + " to " + today.plusYears(MAX_YEARS_AWAY) + "), got " + r.termStart()));
    } else if (r.termEnd() != null) {
      if (!r.termEnd().isAfter(r.termStart())) {
        errors.add(new FieldProblem("termEnd", "must be after termStart " + r.termStart()));
      } else if (r.termEnd().isAfter(calendar.termEnd(r.termStart()))) {
        errors.add(new FieldProblem("termEnd", "a term lasts at most three years: at most "
            + calendar.termEnd(r.termStart())));
      }
    }
    if (r.activeSince() != null && r.termStart() != null && r.activeSince().isAfter(r.termStart())) {
      errors.add(new FieldProblem("activeSince", "the day the MIG first became active is on or before termStart "
          + r.termStart() + ", got " + r.activeSince()));
    } else if (r.activeSince() != null && r.activeSince().getYear() < OLDEST_ACTIVE_SINCE) {
      errors.add(new FieldProblem("activeSince", "MIGs exist since " + OLDEST_ACTIVE_SINCE + ": got " + r.activeSince()));
    }
    if (r.staffLiaison() != null) {
      Fields.text(errors, "staffLiaison.name", r.staffLiaison().name(), 200);
      Fields.email(errors, "staffLiaison.email", r.staffLiaison().email());
    }
    OrganizerInput.validate(errors, r.organizers());
    return errors;
  }
}
