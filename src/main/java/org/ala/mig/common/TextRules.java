package org.ala.mig.common;

/**
 * What the application accepts as text from outside (API bodies, forms, task outputs): text a
 * person could have typed. Refused: control characters (NUL, escape, ...; a line break or a tab
 * only where the field may hold several lines), halves of a UTF-16 surrogate pair without their
 * other half (they cannot be written as UTF-8, so no database, page or mail could show them), and
 * the non-characters U+FFFE and U+FFFF. A value that shows nothing at all (only spaces, line
 * breaks or invisible characters such as a zero-width space) counts as missing.
 */
public final class TextRules {

  private TextRules() {}

  /**
   * The problem with {@code value}, as a message for its field ("contains the control character
   * U+0000 at position 3"), or null when it is acceptable.
   *
   * @param multiLine whether line breaks and tabs are allowed (a statement, an address, notes)
   */
  public static String problem(String value, boolean multiLine) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return "contains an invalid character (half of a UTF-16 surrogate pair, U+%04X) at position %d"
            .formatted((int) c, i + 1);
      } else if (c == '\n' || c == '\r' || c == '\t') {
        if (!multiLine) {
          return (c == '\t' ? "contains a tab" : "must be one line: contains a line break") + " at position " + (i + 1);
        }
      } else if (Character.getType(c) == Character.CONTROL) {
        return "contains the control character U+%04X at position %d".formatted((int) c, i + 1);
      } else if (c == '\uFFFE' || c == '\uFFFF') {
        return "contains the non-character U+%04X at position %d".formatted((int) c, i + 1);
      }
    }
    return null;
  }

  /** Whether {@code value} shows nothing: null, empty, or only spaces, line breaks and invisible characters. */
  public static boolean blank(String value) {
    return value == null || value.codePoints().allMatch(cp -> Character.isWhitespace(cp) || Character.isSpaceChar(cp)
        || Character.getType(cp) == Character.FORMAT || Character.getType(cp) == Character.CONTROL);
  }
}
