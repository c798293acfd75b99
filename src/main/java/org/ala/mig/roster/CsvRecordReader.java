package org.ala.mig.roster;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits CSV text into records as RFC 4180 describes: fields separated by commas, records by
 * CRLF, LF or CR; a field in double quotes may hold commas, line breaks and doubled quotes.
 * Spaces before an opening quote and after a closing quote are ignored; a quote inside an
 * unquoted field is kept as text. Physical line numbers are tracked so that a record spanning
 * lines is reported at the line where it starts. Shared by the roster upload and the petition
 * page's signatures file.
 */
public final class CsvRecordReader {

  /**
   * One record.
   *
   * @param line the 1-based physical line on which the record starts
   * @param fields the field values, untrimmed; line breaks inside quotes are {@code \n}
   * @param textAfterQuoteField the index of the first field that has text after its closing
   *     quote, or -1 when there is none
   */
  public record CsvRecord(int line, List<String> fields, int textAfterQuoteField) {

    /** Whether every field is empty or whitespace, as in a blank line or a spreadsheet's ",,,". */
    public boolean isBlank() {
      return fields.stream().allMatch(String::isBlank);
    }
  }

  private final String text;
  private int position;
  private int line = 1;

  public CsvRecordReader(String text) {
    this.text = text;
  }

  /**
   * The next record, or {@code null} at the end of the text.
   *
   * @throws InvalidRosterFileException when a quoted field is never closed
   */
  public CsvRecord next() {
    if (position >= text.length()) {
      return null;
    }
    int startLine = line;
    List<String> fields = new ArrayList<>(4);
    StringBuilder field = new StringBuilder();
    int textAfterQuoteField = -1;
    boolean afterClosingQuote = false;
    while (position < text.length()) {
      char c = text.charAt(position);
      if (c == ',') {
        fields.add(field.toString());
        field.setLength(0);
        afterClosingQuote = false;
        position++;
      } else if (c == '\n' || c == '\r') {
        skipLineBreak();
        break;
      } else if (afterClosingQuote) {
        if (c != ' ' && c != '\t' && textAfterQuoteField < 0) {
          textAfterQuoteField = fields.size();
        }
        field.append(c);
        position++;
      } else if (c == '"' && field.toString().isBlank()) {
        field.setLength(0);
        position++;
        readQuoted(field);
        afterClosingQuote = true;
      } else {
        field.append(c);
        position++;
      }
    }
    fields.add(field.toString());
    return new CsvRecord(startLine, fields, textAfterQuoteField);
  }

  /** Reads a quoted field's content, after its opening quote, up to and past its closing quote. */
  private void readQuoted(StringBuilder field) {
    int openedOnLine = line;
    while (position < text.length()) {
      char c = text.charAt(position);
      if (c == '"') {
        position++;
        if (position < text.length() && text.charAt(position) == '"') {
          field.append('"');
          position++;
        } else {
          return;
        }
      } else if (c == '\n' || c == '\r') {
        skipLineBreak();
        field.append('\n');
      } else {
        field.append(c);
        position++;
      }
    }
    throw new InvalidRosterFileException(
        "a quoted field starting on line " + openedOnLine + " is never closed");
  }

  private void skipLineBreak() {
    boolean crlf =
        text.charAt(position) == '\r'
            && position + 1 < text.length()
            && text.charAt(position + 1) == '\n';
    position += crlf ? 2 : 1;
    line++;
  }

  /**
   * Whether a spreadsheet would take the value for a formula: its first character, after any
   * leading spaces or line breaks, is =, +, -, @, a tab or a carriage return.
   */
  public static boolean looksLikeFormula(String raw) {
    int first = 0;
    while (first < raw.length()
        && Character.isWhitespace(raw.charAt(first))
        && raw.charAt(first) != '\t'
        && raw.charAt(first) != '\r') {
      first++;
    }
    return first < raw.length() && "=+-@\t\r".indexOf(raw.charAt(first)) >= 0;
  }
}
