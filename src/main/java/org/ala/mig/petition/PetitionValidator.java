package org.ala.mig.petition;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.ala.mig.petition.PetitionRequest.OrganizerInput;
import org.ala.mig.petition.PetitionRequest.SignatureInput;
import org.ala.mig.web.ApiException.FieldProblem;

/**
 * Checks a petition before anything is stored and reports every problem at once, each with the
 * JSON path of its field ({@code organizers[1].address: required}).
 */
public final class PetitionValidator {

  static final int MAX_ORGANIZERS = 20;
  static final int MAX_SIGNATURES = 200_000;
  static final int MIN_PURPOSE = 20;
  private static final Pattern EMAIL = Pattern.compile("^[^@\\s,;<>]+@[^@\\s,;<>]+\\.[^@\\s,;<>]+$");

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
      text(errors, "migName", p.migName(), 200);
      if (!isBlank(p.migName()) && MigIds.slug(p.migName()).isEmpty()) {
        errors.add(new FieldProblem("migName", "must contain letters or digits"));
      }
      if (p.migId() != null) {
        errors.add(new FieldProblem("migId", "only for RENEW: a new MIG's id is made from its name"));
      }
    } else if (kind == PetitionKind.RENEW) {
      text(errors, "migId", p.migId(), MigIds.MAX_LENGTH);
      if (p.migName() != null && p.migName().length() > 200) {
        errors.add(new FieldProblem("migName", "longer than 200 characters"));
      }
    }
    text(errors, "statementOfPurpose", p.statementOfPurpose(), 4000);
    if (!isBlank(p.statementOfPurpose()) && p.statementOfPurpose().strip().length() < MIN_PURPOSE) {
      errors.add(new FieldProblem("statementOfPurpose", "too short: at least " + MIN_PURPOSE + " characters"));
    }
    organizers(errors, p.organizers());
    signatures(errors, p.signatures());
    return errors;
  }

  private static void organizers(List<FieldProblem> errors, List<OrganizerInput> organizers) {
    if (organizers == null || organizers.isEmpty()) {
      errors.add(new FieldProblem("organizers", "at least one designated organizer is required"));
      return;
    }
    if (organizers.size() > MAX_ORGANIZERS) {
      errors.add(new FieldProblem("organizers", "at most " + MAX_ORGANIZERS + ", got " + organizers.size()));
      return;
    }
    for (int i = 0; i < organizers.size(); i++) {
      OrganizerInput o = organizers.get(i);
      String at = "organizers[" + i + "]";
      if (o == null) {
        errors.add(new FieldProblem(at, "required"));
        continue;
      }
      text(errors, at + ".name", o.name(), 200);
      text(errors, at + ".address", o.address(), 1000);
      if (isBlank(o.email())) {
        errors.add(new FieldProblem(at + ".email", "required"));
      } else if (o.email().length() > 254 || !EMAIL.matcher(o.email().strip()).matches()) {
        errors.add(new FieldProblem(at + ".email", "not a valid email address: '" + shorten(o.email()) + "'"));
      }
    }
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
        text(errors, at + ".memberId", s.memberId(), 64);
        text(errors, at + ".name", s.name(), 200);
      }
      reported += errors.size() - before;
    }
  }

  private static void text(List<FieldProblem> errors, String field, String value, int max) {
    if (isBlank(value)) {
      errors.add(new FieldProblem(field, "required"));
    } else if (value.length() > max) {
      errors.add(new FieldProblem(field, "longer than " + max + " characters"));
    } else if (value.indexOf('\u0000') >= 0) {
      errors.add(new FieldProblem(field, "contains a NUL character"));
    }
  }

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }

  private static String shorten(String s) {
    return s.length() <= 60 ? s : s.substring(0, 57) + "...";
  }
}
