package org.ala.mig.petition;

import java.util.ArrayList;
import java.util.List;
import org.ala.mig.common.FieldProblem;
import org.ala.mig.common.TextRules;
import org.ala.mig.petition.PetitionRequest.SignatureInput;
import org.ala.mig.registry.MigIds;
import org.ala.mig.registry.OrganizerInput.Fields;
import org.ala.mig.registry.OrganizerInput;

/**
 * Checks a petition before anything is stored and reports every problem at once, each with the
 * JSON path of its field ({@code organizers[1].address: required}).
 */
public final class PetitionValidator {

  static final int MAX_SIGNATURES = 200_000;
  static final int MIN_PURPOSE = 20;
  /** The most characters of a petition's meeting needs (as a draft's). */
  public static final int MAX_MEETING_NEEDS = 4000;

  private final int requiredSignatures;

  public PetitionValidator(int requiredSignatures) {
    this.requiredSignatures = requiredSignatures;
  }

  public List<FieldProblem> validate(PetitionRequest p) {
    List<FieldProblem> errors = new ArrayList<>();
    PetitionKind kind = null;
    if (isBlank(p.kind())) {
      errors.add(new FieldProblem("kind", "required: ESTABLISH or RENEW"));
    } else {
      try {
        kind = PetitionKind.valueOf(p.kind());
      } catch (IllegalArgumentException e) {
        errors.add(new FieldProblem("kind", "must be ESTABLISH or RENEW, got '" + p.kind() + "'"));
      }
    }
    if (kind == PetitionKind.ESTABLISH) {
      Fields.text(errors, "migName", p.migName(), 200);
      if (!isBlank(p.migName()) && MigIds.slug(p.migName()).isEmpty()) {
        errors.add(new FieldProblem("migName", "must contain letters or digits"));
      }
      if (p.migId() != null) {
        errors.add(new FieldProblem("migId", "only for RENEW: a new MIG's id is made from its name"));
      }
    } else if (kind == PetitionKind.RENEW) {
      Fields.text(errors, "migId", p.migId(), MigIds.MAX_LENGTH);
      if (p.migName() != null && p.migName().length() > 200) {
        errors.add(new FieldProblem("migName", "longer than 200 characters"));
      }
    }
    Fields.longText(errors, "statementOfPurpose", p.statementOfPurpose(), 4000);
    if (!isBlank(p.statementOfPurpose()) && p.statementOfPurpose().strip().length() < MIN_PURPOSE) {
      errors.add(new FieldProblem("statementOfPurpose", "too short: at least " + MIN_PURPOSE + " characters"));
    }
    if (!isBlank(p.meetingNeeds())) {
      String needs = p.meetingNeeds().strip();
      if (needs.length() > MAX_MEETING_NEEDS) {
        errors.add(new FieldProblem("meetingNeeds", "longer than " + MAX_MEETING_NEEDS + " characters"));
      } else if (TextRules.problem(needs, true) != null) {
        errors.add(new FieldProblem("meetingNeeds", TextRules.problem(needs, true)));
      }
    }
    OrganizerInput.validate(errors, p.organizers());
    signatures(errors, p.signatures());
    return errors;
  }

  private void signatures(List<FieldProblem> errors, List<SignatureInput> signatures) {
    int count = signatures == null ? 0 : signatures.size();
    if (count < requiredSignatures) {
      errors.add(new FieldProblem("signatures", "at least " + requiredSignatures + " required, got " + count));
    }
    if (count > MAX_SIGNATURES) {
      errors.add(new FieldProblem("signatures", "at most " + MAX_SIGNATURES + ", got " + count));
      return;
    }
    int reported = 0;
    for (int i = 0; i < count && reported < 50; i++) {
      SignatureInput s = signatures.get(i);
      String at = "signatures[" + i + "]";
      int before = errors.size();
      if (s == null) {
        errors.add(new FieldProblem(at, "required"));
      } else {
        Fields.text(errors, at + ".memberId", s.memberId(), 64);
        Fields.text(errors, at + ".name", s.name(), 200);
      }
      reported += errors.size() - before;
    }
  }

  private static boolean isBlank(String s) {
    return TextRules.blank(s);
  }
}
