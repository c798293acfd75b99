package org.ala.mig.common;

import org.camunda.bpm.engine.delegate.DelegateTask;

/**
 * Reads a user task's outputs on completion and refuses bad ones. Camunda Forms only validate in
 * the browser; a {@link TaskOutputRefusedException} here rolls the completion back and reaches
 * Tasklist (and engine REST clients) as HTTP 400 with the field and the problem
 * ({@link TaskOutputRefusalUnwrapping}).
 */
public final class TaskOutputs {

  private TaskOutputs() {}

  public static TaskOutputRefusedException invalid(String field, String problem) {
    return new TaskOutputRefusedException(field, problem);
  }

  /** A whole number (form numbers arrive as Long or Double); null when absent. */
  public static Integer wholeNumber(String field, Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())
        && Math.abs(n.doubleValue()) <= Integer.MAX_VALUE) {
      return n.intValue();
    }
    if (value instanceof String s && s.strip().matches("-?\\d{1,9}")) {
      return Integer.parseInt(s.strip());
    }
    throw invalid(field, "must be a whole number, got '" + value + "'");
  }

  /** true or false (a checkbox); null when absent. */
  public static Boolean bool(String field, Object value) {
    if (value == null || value instanceof Boolean) {
      return (Boolean) value;
    }
    if (value instanceof String s && (s.equals("true") || s.equals("false"))) {
      return Boolean.valueOf(s);
    }
    throw invalid(field, "must be true or false, got '" + value + "'");
  }

  /**
   * Text as typed in a form: null when absent or showing nothing; refused when it is not text,
   * longer than {@code max}, or holds characters no person types ({@link TextRules}).
   */
  public static String text(String field, Object value, int max) {
    if (value == null) {
      return null;
    }
    if (!(value instanceof String typed)) {
      throw invalid(field, "must be text, got " + value.getClass().getSimpleName());
    }
    String s = typed.strip();
    if (s.length() > max) {
      throw invalid(field, "longer than " + max + " characters");
    }
    String problem = TextRules.problem(s, true);
    if (problem != null) {
      throw invalid(field, problem);
    }
    return TextRules.blank(s) ? null : s;
  }

  /** Who completes the task: its assignee, or else the signed-in user. */
  public static String actor(DelegateTask task) {
    if (task.getAssignee() != null) {
      return task.getAssignee();
    }
    var signedIn = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    return signedIn != null ? signedIn.getUserId() : null;
  }

  /** A boolean output that must be given. */
  public static boolean requiredBool(DelegateTask task, String field, String problem) {
    Boolean value = bool(field, task.getVariable(field));
    if (value == null) {
      throw invalid(field, "required: " + problem);
    }
    task.setVariable(field, value);
    return value;
  }

  /** The engine keeps a String process variable in at most this many characters. */
  public static final int MAX_VARIABLE_TEXT = 4000;

  /**
   * The text as a task's variable can hold it: whole, or cut to fit with a note at its end,
   * {@code "[Shortened here: " + note.apply(length) + ".]"}, that says where the whole text is.
   */
  public static String fitted(String text, java.util.function.IntFunction<String> note) {
    if (text.length() <= MAX_VARIABLE_TEXT) {
      return text;
    }
    String tail = "\n\n[Shortened here: " + note.apply(text.length()) + ".]";
    return text.substring(0, MAX_VARIABLE_TEXT - tail.length()) + tail;
  }
}
