package org.ala.mig.registry;

import java.util.List;
import java.util.regex.Pattern;
import org.ala.mig.common.FieldProblem;
import org.ala.mig.common.TextRules;

/** A designated organizer as a client sends it (petitions, existing MIGs), checked by {@link #validate}. */
public record OrganizerInput(String name, String email, String address) {

  static final int MAX_ORGANIZERS = 20;
  private static final Pattern EMAIL = Pattern.compile("^[^@\\s,;<>]+@[^@\\s,;<>]+\\.[^@\\s,;<>]+$");

  public Organizer toOrganizer() {
    return new Organizer(name.strip(), email.strip(), address.strip());
  }

  /** Adds a problem for each missing or malformed organizer field ({@code organizers[1].email: ...}). */
  public static void validate(List<FieldProblem> errors, List<OrganizerInput> organizers) {
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
      Fields.text(errors, at + ".name", o.name(), 200);
      Fields.longText(errors, at + ".address", o.address(), 1000);
      Fields.email(errors, at + ".email", o.email());
    }
  }

  /** Checks shared by the API's bodies. */
  public static final class Fields {
    private Fields() {}

    /** Required text on one line (a name, an id), at most {@code max} characters ({@link TextRules}). */
    public static void text(List<FieldProblem> errors, String field, String value, int max) {
      check(errors, field, value, max, false);
    }

    /** Required text that may have several lines (a statement, an address), at most {@code max} characters. */
    public static void longText(List<FieldProblem> errors, String field, String value, int max) {
      check(errors, field, value, max, true);
    }

    private static void check(List<FieldProblem> errors, String field, String value, int max, boolean multiLine) {
      if (TextRules.blank(value)) {
        errors.add(new FieldProblem(field, "required"));
        return;
      }
      String stored = value.strip();   // what would be stored
      if (stored.length() > max) {
        errors.add(new FieldProblem(field, "longer than " + max + " characters"));
      } else {
        String problem = TextRules.problem(stored, multiLine);
        if (problem != null) {
          errors.add(new FieldProblem(field, problem));
        }
      }
    }

    public static void email(List<FieldProblem> errors, String field, String value) {
      if (value == null || value.isBlank()) {
        errors.add(new FieldProblem(field, "required"));
      } else if (value.length() > 254 || TextRules.problem(value, false) != null
          || !EMAIL.matcher(value.strip()).matches()) {
        String shown = value.length() <= 60 ? value : value.substring(0, 57) + "...";
        errors.add(new FieldProblem(field, "not a valid email address: '" + shown + "'"));
      }
    }
  }
}
