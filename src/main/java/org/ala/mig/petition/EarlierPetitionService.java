package org.ala.mig.petition;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.ala.mig.common.ConflictException;
import org.ala.mig.common.FieldProblem;
import org.ala.mig.common.InvalidInputException;
import org.ala.mig.common.MigProperties;
import org.ala.mig.common.TextRules;
import org.ala.mig.registry.DeadlineCalendar;
import org.ala.mig.registry.Mig;
import org.ala.mig.registry.MigRepository;
import org.ala.mig.registry.MigStatus;
import org.ala.mig.registry.Organizer;
import org.ala.mig.registry.OrganizerInput;
import org.ala.mig.reporting.CooDecisionService;
import org.ala.mig.reporting.CooDecisions;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * History from before this application: petitions received and decided before the MIG was
 * brought under management, with COO's decision on each, so that Council's analytics (days from
 * petition received to decision) and the MIG's page cover earlier years. A recorded petition is
 * closed as it was decided: it sends no mail, starts no process, holds no signatures (only how
 * many were valid) and never counts as open or undecided. The MIG's standing on the decision day
 * must be recorded first (its history): an approved petition's MIG was active that day, a refused
 * establishment's not established.
 */
@Service
public class EarlierPetitionService {

  /** Who submitted and decided a petition recorded from earlier years. */
  public static final String EARLIER_RECORD = "earlier-record";
  /** The time of day a petition from earlier years is taken as received, and decided, in the MIGs' zone. */
  static final LocalTime RECEIVED_AT = LocalTime.of(10, 0);
  static final LocalTime DECIDED_AT = LocalTime.of(15, 0);

  private final PetitionRepository petitions;
  private final MigRepository migs;
  private final CooDecisionService decisions;
  private final DeadlineCalendar calendar;
  private final int requiredSignatures;

  public EarlierPetitionService(PetitionRepository petitions, MigRepository migs, CooDecisionService decisions,
      DeadlineCalendar calendar, MigProperties properties) {
    this.petitions = petitions;
    this.migs = migs;
    this.decisions = decisions;
    this.calendar = calendar;
    this.requiredSignatures = properties.petition().requiredSignatures();
  }

  /**
   * Stores the earlier petition, closed as decided, with COO's decision; all or nothing.
   *
   * @return the petition's id
   * @throws InvalidInputException with every field in error; {@link ConflictException} when a
   *     petition of that kind received that day is recorded already
   */
  @Transactional
  public String recordEarlierPetition(EarlierPetition p) {
    List<FieldProblem> errors = new ArrayList<>();
    Mig mig = null;
    if (TextRules.blank(p.migId())) {
      errors.add(new FieldProblem("migId", "required"));
    } else {
      mig = migs.find(p.migId().strip()).orElse(null);
      if (mig == null) {
        errors.add(new FieldProblem("migId", "no MIG with id '" + p.migId().strip() + "'"));
      }
    }
    PetitionKind kind = null;
    if (p.kind() == null || !List.of("ESTABLISH", "RENEW").contains(p.kind())) {
      errors.add(new FieldProblem("kind", "must be ESTABLISH or RENEW, got " + p.kind()));
    } else {
      kind = PetitionKind.valueOf(p.kind());
    }
    if (p.migName() != null) {
      OrganizerInput.Fields.text(errors, "migName", p.migName(), 200);
    }
    OrganizerInput.validate(errors, p.organizers());
    if (p.validSignatures() == null || p.validSignatures() < requiredSignatures
        || p.validSignatures() > PetitionValidator.MAX_SIGNATURES) {
      errors.add(new FieldProblem("validSignatures", "must be from " + requiredSignatures + " to "
          + PetitionValidator.MAX_SIGNATURES + ", got " + p.validSignatures()));
    }
    LocalDate today = calendar.today();
    if (p.receivedOn() == null) {
      errors.add(new FieldProblem("receivedOn", "required: the day the petition was received (YYYY-MM-DD)"));
    } else if (p.receivedOn().getYear() < 1970 || !p.receivedOn().isBefore(today)) {
      errors.add(new FieldProblem("receivedOn", "must be from 1970 to before today " + today + ", got " + p.receivedOn()));
    }
    if (p.decidedOn() == null) {
      errors.add(new FieldProblem("decidedOn", "required: the day COO decided (YYYY-MM-DD)"));
    } else if (!p.decidedOn().isBefore(today)) {
      errors.add(new FieldProblem("decidedOn", "must be before today " + today + ", got " + p.decidedOn()));
    } else if (p.receivedOn() != null && !p.decidedOn().isAfter(p.receivedOn())) {
      errors.add(new FieldProblem("decidedOn", "must be after the petition was received (" + p.receivedOn()
          + "), got " + p.decidedOn()));
    }
    if (p.approved() == null) {
      errors.add(new FieldProblem("approved", "required: true or false"));
    }
    if (p.rationale() != null || Boolean.FALSE.equals(p.approved())) {
      OrganizerInput.Fields.longText(errors, "rationale", p.rationale(), 4000);
    }
    if (mig != null && kind != null && p.approved() != null && p.decidedOn() != null) {
      MigStatus then = migs.statusOn(mig.id(), p.decidedOn());
      boolean fits = p.approved() ? then == MigStatus.ACTIVE || then == MigStatus.RENEWAL_PENDING
          : kind == PetitionKind.RENEW || then == MigStatus.NOT_ESTABLISHED;
      if (!fits) {
        errors.add(new FieldProblem("decidedOn", "the MIG's recorded history has it " + then + " on " + p.decidedOn()
            + ": record its standing from before this application first"));
      }
    }
    if (!errors.isEmpty()) {
      throw InvalidInputException.of(errors);
    }
    Instant receivedAt = at(p.receivedOn(), RECEIVED_AT);
    Instant decidedAt = at(p.decidedOn(), DECIDED_AT);
    PetitionKind petitionKind = kind;
    if (petitions.forMig(mig.id()).stream().anyMatch(known -> known.kind() == petitionKind
        && calendar.dateOf(known.submittedAt()).equals(p.receivedOn()))) {
      throw new ConflictException("A " + kind + " petition of MIG '" + mig.id() + "' received on " + p.receivedOn()
          + " is recorded already");
    }
    String petitionId = "P-" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toUpperCase();
    String status = p.approved() ? "APPROVED" : "DISAPPROVED";
    String name = p.migName() != null ? p.migName().strip() : mig.name();
    List<Organizer> organizers = p.organizers().stream().map(OrganizerInput::toOrganizer).toList();
    petitions.insert(new Petition(petitionId, mig.id(), kind, name, mig.statementOfPurpose(), status, receivedAt,
        EARLIER_RECORD, p.validSignatures(), null, null, null, null), organizers, List.of());
    petitions.saveVerification(petitionId, p.validSignatures(), "Verified before this application");
    petitions.close(petitionId, status, decidedAt);
    if (kind == PetitionKind.RENEW && p.approved()) {
      petitions.markTermExtended(petitionId, decidedAt);
    }
    decisions.recordForPetition(mig.id(), petitionId, CooDecisions.Subject.valueOf(kind.name()), p.approved(),
        p.rationale() == null ? null : p.rationale().strip(), decidedAt, EARLIER_RECORD);
    return petitionId;
  }

  private Instant at(LocalDate day, LocalTime time) {
    return day.atTime(time).atZone(calendar.zone()).toInstant();
  }
}
