package org.ala.mig.liaisons;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ala.mig.common.FieldProblem;
import org.ala.mig.common.InvalidInputException;
import org.ala.mig.identity.SystemAuthentication;
import org.ala.mig.registry.Mig;
import org.ala.mig.registry.MigRepository;
import org.ala.mig.registry.OrganizerInput;
import org.ala.mig.registry.StaffLiaison;
import org.ala.mig.registry.StaffLiaisonRepository;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The staff liaisons of a MIG (CONTRACT.md, step 12): the contacts at Headquarters designated by
 * the Executive Director. A MIG may have several; the first is its {@code staffLiaison}. The
 * executive office designates them for each new MIG (task {@code designateStaffLiaison} of
 * {@code mig-petition}, its form taking lines {@code Name <email>}) and may change them at any
 * time (PUT /api/migs/{id}/staff-liaisons, the MIG's page), which completes that task if it is open.
 */
@Service
public class StaffLiaisonService {

  public static final String TASK = "designateStaffLiaison";
  public static final String PROCESS_KEY = "mig-petition";
  static final int MAX_LIAISONS = 10;
  static final int MAX_NAME = 200;
  static final int MAX_LINES_TEXT = 4000;

  /** {@code Name <email>} on one line. */
  private static final Pattern LINE = Pattern.compile("(.*?)\\s*<([^<>]*)>");

  private static final Logger log = LoggerFactory.getLogger(StaffLiaisonService.class);

  private final StaffLiaisonRepository liaisons;
  private final MigRepository migs;
  private final TaskService tasks;
  private final IdentityService identity;

  StaffLiaisonService(StaffLiaisonRepository liaisons, MigRepository migs, TaskService tasks,
      IdentityService identity) {
    this.liaisons = liaisons;
    this.migs = migs;
    this.tasks = tasks;
    this.identity = identity;
  }

  public List<StaffLiaison> of(String migId) {
    return liaisons.of(migId);
  }

  /** Every MIG's liaisons by MIG id. */
  public Map<String, List<StaffLiaison>> all() {
    return liaisons.all();
  }

  /**
   * The MIG's liaisons become these, and its open {@code designateStaffLiaison} task, if any, is
   * completed with them.
   *
   * @throws InvalidInputException naming each bad entry ({@code [1].email}); nothing is stored
   * @throws org.ala.mig.common.NotFoundException when there is no such MIG
   */
  @Transactional
  public Mig replace(String migId, List<StaffLiaison> given) {
    Mig mig = migs.get(migId);
    List<StaffLiaison> checked = checked(given);
    liaisons.replace(mig.id(), checked);
    for (Task open : openTasks(mig.id())) {
      SystemAuthentication.run(identity, () -> {
        tasks.complete(open.getId(), Map.of("staffLiaisons", lines(checked)));
        return null;
      });
      log.info("Completed {} of MIG {} with the liaisons given through the API", TASK, mig.id());
    }
    log.info("MIG {} has {} staff liaison(s) now", mig.id(), checked.size());
    return migs.get(mig.id());
  }

  /**
   * The task's lines {@code Name <email>} as the MIG's liaisons (its complete listener).
   *
   * @throws InvalidInputException naming the field {@code staffLiaisons} and the line in error
   */
  @Transactional
  public void designate(String migId, Object lines) {
    List<StaffLiaison> parsed = parseLines(lines);
    liaisons.replace(migId, parsed);
  }

  /** The open designateStaffLiaison tasks of the MIG (at most one, normally). */
  List<Task> openTasks(String migId) {
    return SystemAuthentication.run(identity, () -> tasks.createTaskQuery().processDefinitionKey(PROCESS_KEY)
        .taskDefinitionKey(TASK).processVariableValueEquals("migId", migId).list());
  }

  /** The liaisons as the form's lines. */
  public static String lines(List<StaffLiaison> liaisons) {
    return String.join("\n", liaisons.stream().map(l -> l.name() + " <" + l.email() + ">").toList());
  }

  /**
   * Lines {@code Name <email>}, one liaison each; blank lines are skipped.
   *
   * @throws InvalidInputException on field {@code staffLiaisons}, naming each bad line by number
   */
  public static List<StaffLiaison> parseLines(Object value) {
    if (value != null && !(value instanceof String)) {
      throw InvalidInputException.of("staffLiaisons", "must be text: one liaison per line, as Name <email>");
    }
    String text = value == null ? "" : (String) value;
    if (text.length() > MAX_LINES_TEXT) {
      throw InvalidInputException.of("staffLiaisons", "longer than " + MAX_LINES_TEXT + " characters");
    }
    List<FieldProblem> errors = new ArrayList<>();
    List<StaffLiaison> parsed = new ArrayList<>();
    String[] lines = text.split("\\R", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty()) {
        continue;
      }
      Matcher m = LINE.matcher(line);
      if (!m.matches()) {
        errors.add(new FieldProblem("staffLiaisons", "line " + (i + 1) + ": write Name <email>, got '"
            + (line.length() > 60 ? line.substring(0, 57) + "..." : line) + "'"));
        continue;
      }
      List<FieldProblem> lineErrors = new ArrayList<>();
      check(lineErrors, "name", m.group(1), "email", m.group(2));
      for (FieldProblem p : lineErrors) {
        errors.add(new FieldProblem("staffLiaisons", "line " + (i + 1) + ": " + p.field() + " " + p.message()));
      }
      if (lineErrors.isEmpty()) {
        parsed.add(new StaffLiaison(m.group(1).strip(), m.group(2).strip()));
      }
    }
    if (errors.isEmpty() && parsed.isEmpty()) {
      errors.add(new FieldProblem("staffLiaisons", "required: at least one liaison, as Name <email>"));
    }
    if (errors.isEmpty()) {
      duplicatesAndCount(parsed, errors, i -> "staffLiaisons", i -> "liaison " + (i + 1) + ": ");
    }
    if (!errors.isEmpty()) {
      throw InvalidInputException.of(errors);
    }
    return parsed;
  }

  private static List<StaffLiaison> checked(List<StaffLiaison> given) {
    List<FieldProblem> errors = new ArrayList<>();
    if (given == null || given.isEmpty()) {
      throw InvalidInputException.of("body", "required: at least one liaison, as [{\"name\": ..., \"email\": ...}]");
    }
    List<StaffLiaison> checked = new ArrayList<>();
    for (int i = 0; i < given.size(); i++) {
      StaffLiaison l = given.get(i);
      if (l == null) {
        errors.add(new FieldProblem("[" + i + "]", "required: {\"name\": ..., \"email\": ...}"));
        continue;
      }
      int before = errors.size();
      check(errors, "[" + i + "].name", l.name(), "[" + i + "].email", l.email());
      if (errors.size() == before) {
        checked.add(new StaffLiaison(l.name().strip(), l.email().strip()));
      }
    }
    if (errors.isEmpty()) {
      duplicatesAndCount(checked, errors, i -> "[" + i + "].email", i -> "");
    }
    if (!errors.isEmpty()) {
      throw InvalidInputException.of(errors);
    }
    return checked;
  }

  private static void check(List<FieldProblem> errors, String nameField, String name, String emailField, String email) {
    OrganizerInput.Fields.text(errors, nameField, name, MAX_NAME);
    OrganizerInput.Fields.email(errors, emailField, email);
  }

  private static void duplicatesAndCount(List<StaffLiaison> liaisons, List<FieldProblem> errors,
      java.util.function.IntFunction<String> field, java.util.function.IntFunction<String> prefix) {
    if (liaisons.size() > MAX_LIAISONS) {
      errors.add(new FieldProblem(field.apply(MAX_LIAISONS), "at most " + MAX_LIAISONS + " liaisons"));
      return;
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < liaisons.size(); i++) {
      if (!seen.add(liaisons.get(i).email().toLowerCase(Locale.ROOT))) {
        errors.add(new FieldProblem(field.apply(i), prefix.apply(i) + "the address " + liaisons.get(i).email()
            + " is named twice"));
      }
    }
  }
}
