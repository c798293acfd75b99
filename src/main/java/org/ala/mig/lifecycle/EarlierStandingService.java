package org.ala.mig.lifecycle;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.ala.mig.common.ConflictException;
import org.ala.mig.common.FieldProblem;
import org.ala.mig.common.InvalidInputException;
import org.ala.mig.registry.DeadlineCalendar;
import org.ala.mig.registry.Mig;
import org.ala.mig.registry.MigIds;
import org.ala.mig.registry.MigRepository;
import org.ala.mig.registry.MigRepository.HistoryEntry;
import org.ala.mig.registry.MigStatus;
import org.ala.mig.registry.Organizer;
import org.ala.mig.registry.OrganizerInput;
import org.ala.mig.registry.OrganizerInput.Fields;
import org.ala.mig.registry.StaffLiaison;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * History from before this application: a managed MIG's earlier renewals and rename, and MIGs
 * that ended before it, written as they happened (every day in the past). It is what Council's
 * analytics and the Handbook read about earlier years. Nothing here sends mail or starts a
 * process; each call checks all its input first, names every field in error, and stores all or
 * nothing.
 */
@Service
public class EarlierStandingService {

  private final MigRepository migs;
  private final DeadlineCalendar calendar;

  public EarlierStandingService(MigRepository migs, DeadlineCalendar calendar) {
    this.migs = migs;
    this.calendar = calendar;
  }

  /**
   * The managed MIG's renewals before this application, each on the day COO approved it: days
   * after it first became active, on or before its current term's start, in order.
   */
  @Transactional
  public void recordEarlierRenewals(String migId, List<LocalDate> renewedOn) {
    Mig mig = migs.get(migId);
    LocalDate activeSince = migs.activeSince(migId).orElse(null);
    List<FieldProblem> errors = new ArrayList<>();
    if (activeSince == null) {
      errors.add(new FieldProblem("migId", "MIG '" + migId + "' has never been active"));
    }
    if (renewedOn == null || renewedOn.isEmpty()) {
      errors.add(new FieldProblem("renewedOn", "required: at least one day"));
    } else if (activeSince != null) {
      LocalDate latest = mig.termStart() == null ? calendar.today() : mig.termStart();
      checkRenewals(errors, renewedOn, activeSince, latest);
      List<LocalDate> known = migs.history(migId).stream().filter(h -> "RENEWED".equals(h.event()))
          .map(HistoryEntry::effectiveOn).toList();
      for (int i = 0; i < renewedOn.size(); i++) {
        if (known.contains(renewedOn.get(i))) {
          errors.add(new FieldProblem("renewedOn[" + i + "]", "a renewal on " + renewedOn.get(i) + " is recorded already"));
        }
      }
    }
    if (!errors.isEmpty()) {
      throw InvalidInputException.of(errors);
    }
    renewedOn.forEach(day -> migs.recordPastChange(migId, "RENEWED", MigStatus.ACTIVE, day));
  }

  /**
   * A rename before this application: the MIG was called {@code formerName} until {@code renamedOn},
   * a day it was active; it becomes the MIG's newest former name.
   */
  @Transactional
  public void recordEarlierRename(String migId, String formerName, LocalDate renamedOn) {
    Mig mig = migs.get(migId);
    List<FieldProblem> errors = new ArrayList<>();
    Fields.text(errors, "formerName", formerName, 200);
    if (errors.isEmpty() && (formerName.strip().equalsIgnoreCase(mig.name())
        || migs.formerNames(migId).stream().anyMatch(n -> n.equalsIgnoreCase(formerName.strip())))) {
      errors.add(new FieldProblem("formerName", "'" + formerName.strip() + "' is the MIG's name or a former name already"));
    }
    LocalDate activeSince = migs.activeSince(migId).orElse(null);
    if (renamedOn == null) {
      errors.add(new FieldProblem("renamedOn", "required: the day of the rename (YYYY-MM-DD)"));
    } else if (!renamedOn.isBefore(calendar.today())) {
      errors.add(new FieldProblem("renamedOn", "must be before today " + calendar.today() + ", got " + renamedOn));
    } else if (activeSince == null || renamedOn.isBefore(activeSince)) {
      errors.add(new FieldProblem("renamedOn", "must be on or after the day the MIG became active ("
          + activeSince + "), got " + renamedOn));
    }
    if (!errors.isEmpty()) {
      throw InvalidInputException.of(errors);
    }
    migs.recordPastRename(migId, formerName.strip(), renamedOn);
  }

  /**
   * A MIG whose whole life came before this application, stored with its history; no lifecycle
   * runs for it.
   *
   * @return the MIG as stored
   * @throws InvalidInputException with the fields in error; {@link ConflictException} when its id is taken
   */
  @Transactional
  public Mig recordEndedMig(EarlierMig r) {
    List<FieldProblem> errors = new ArrayList<>();
    Fields.text(errors, "name", r.name(), 200);
    if (r.name() != null && !r.name().isBlank() && MigIds.slug(r.name()).isEmpty()) {
      errors.add(new FieldProblem("name", "must contain letters or digits"));
    }
    Fields.longText(errors, "statementOfPurpose", r.statementOfPurpose(), 4000);
    if (r.staffLiaison() != null) {
      Fields.text(errors, "staffLiaison.name", r.staffLiaison().name(), 200);
      Fields.email(errors, "staffLiaison.email", r.staffLiaison().email());
    }
    OrganizerInput.validate(errors, r.organizers());
    MigStatus outcome = null;
    if (r.outcome() == null || !List.of("DISBANDED", "TRANSITIONED", "NOT_ESTABLISHED").contains(r.outcome())) {
      errors.add(new FieldProblem("outcome", "must be one of DISBANDED, TRANSITIONED, NOT_ESTABLISHED, got "
          + r.outcome()));
    } else {
      outcome = MigStatus.valueOf(r.outcome());
    }
    LocalDate today = calendar.today();
    if (r.petitionedOn() == null) {
      errors.add(new FieldProblem("petitionedOn", "required: the day the petition was received (YYYY-MM-DD)"));
    } else if (r.petitionedOn().getYear() < RegistryService.OLDEST_ACTIVE_SINCE) {
      errors.add(new FieldProblem("petitionedOn", "MIGs exist since " + RegistryService.OLDEST_ACTIVE_SINCE
          + ": got " + r.petitionedOn()));
    }
    if (r.endedOn() == null) {
      errors.add(new FieldProblem("endedOn", "required: the day the MIG ended, or its petition was refused"));
    } else if (!r.endedOn().isBefore(today)) {
      errors.add(new FieldProblem("endedOn", "must be before today " + today + ", got " + r.endedOn()));
    }
    List<LocalDate> renewals = r.renewedOn() == null ? List.of() : r.renewedOn();
    LocalDate termStart = null;
    LocalDate termEnd = null;
    if (outcome == MigStatus.NOT_ESTABLISHED) {
      if (r.establishedOn() != null) {
        errors.add(new FieldProblem("establishedOn", "a MIG not established has none"));
      }
      if (!renewals.isEmpty()) {
        errors.add(new FieldProblem("renewedOn", "a MIG not established has none"));
      }
      if (r.petitionedOn() != null && r.endedOn() != null && !r.endedOn().isAfter(r.petitionedOn())) {
        errors.add(new FieldProblem("endedOn", "the decision comes after the petition (" + r.petitionedOn()
            + "), got " + r.endedOn()));
      }
    } else if (outcome != null) {
      if (r.establishedOn() == null) {
        errors.add(new FieldProblem("establishedOn", "required: the day COO approved the MIG (YYYY-MM-DD)"));
      } else if (r.petitionedOn() != null && !r.establishedOn().isAfter(r.petitionedOn())) {
        errors.add(new FieldProblem("establishedOn", "the decision comes after the petition (" + r.petitionedOn()
            + "), got " + r.establishedOn()));
      } else {
        termStart = r.establishedOn();
        termEnd = calendar.termEnd(termStart);
        if (renewals.size() > 0) {
          int before = errors.size();
          checkRenewals(errors, renewals, termStart, r.endedOn() == null ? today : r.endedOn());
          if (errors.size() == before) {
            for (LocalDate ignored : renewals) {
              termStart = termEnd.plusDays(1);
              termEnd = calendar.renewedTermEnd(termEnd);
            }
          }
        }
        if (r.endedOn() != null && (r.endedOn().isBefore(r.establishedOn()) || r.endedOn().isAfter(termEnd))) {
          errors.add(new FieldProblem("endedOn", "must fall in the MIG's last term (" + termStart + " to " + termEnd
              + "), got " + r.endedOn()));
        }
      }
      if (outcome == MigStatus.DISBANDED) {
        if (r.disbandReason() == null || !List.of("NOT_RENEWED", "REQUESTED").contains(r.disbandReason())) {
          errors.add(new FieldProblem("disbandReason", "must be NOT_RENEWED or REQUESTED, got " + r.disbandReason()));
        } else if ("NOT_RENEWED".equals(r.disbandReason()) && termEnd != null && r.endedOn() != null
            && !r.endedOn().equals(termEnd)) {
          errors.add(new FieldProblem("endedOn", "a MIG not renewed ends on its term's last day " + termEnd
              + ", got " + r.endedOn()));
        }
      } else {
        Fields.text(errors, "transitionedTo", r.transitionedTo(), 200);
      }
    }
    if (!errors.isEmpty()) {
      throw InvalidInputException.of(errors);
    }
    String id = MigIds.slug(r.name());
    if (migs.find(id).isPresent()) {
      throw new ConflictException("A MIG with id '" + id + "' is in the registry already");
    }
    List<HistoryEntry> history = new ArrayList<>();
    history.add(new HistoryEntry("PETITIONED", MigStatus.PETITIONED, r.petitionedOn()));
    if (outcome == MigStatus.NOT_ESTABLISHED) {
      history.add(new HistoryEntry("NOT_ESTABLISHED", MigStatus.NOT_ESTABLISHED, r.endedOn()));
    } else {
      history.add(new HistoryEntry("ESTABLISHED", MigStatus.ACTIVE, r.establishedOn()));
      renewals.forEach(day -> history.add(new HistoryEntry("RENEWED", MigStatus.ACTIVE, day)));
      history.add(new HistoryEntry(outcome.name(), outcome, r.endedOn()));
    }
    List<Organizer> organizers = r.organizers().stream().map(OrganizerInput::toOrganizer).toList();
    StaffLiaison liaison = r.staffLiaison() == null ? null
        : new StaffLiaison(r.staffLiaison().name().strip(), r.staffLiaison().email().strip());
    Mig mig = new Mig(id, r.name().strip(), outcome, r.statementOfPurpose().strip(), termStart, termEnd, liaison,
        outcome == MigStatus.DISBANDED ? r.disbandReason() : null, organizers);
    migs.insertEarlier(mig, r.establishedOn(), r.endedOn(),
        outcome == MigStatus.TRANSITIONED ? r.transitionedTo().strip() : null, history);
    return mig;
  }

  /** Renewal days: each given, after {@code after}, on or before {@code until} and before today, in order. */
  private void checkRenewals(List<FieldProblem> errors, List<LocalDate> days, LocalDate after, LocalDate until) {
    LocalDate previous = after;
    for (int i = 0; i < days.size(); i++) {
      LocalDate day = days.get(i);
      String field = "renewedOn[" + i + "]";
      if (day == null) {
        errors.add(new FieldProblem(field, "required (YYYY-MM-DD)"));
      } else if (!day.isAfter(previous) || day.isAfter(until) || !day.isBefore(calendar.today())) {
        errors.add(new FieldProblem(field, "must be after " + previous + " and on or before " + until
            + ", before today, in order: got " + day));
      } else {
        previous = day;
      }
    }
  }
}
