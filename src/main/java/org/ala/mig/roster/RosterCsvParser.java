package org.ala.mig.roster;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.ala.mig.roster.CsvRecordReader.CsvRecord;

/**
 * Reads the member roster upload: {@code text/csv} with the header {@value #HEADER_LINE}.
 *
 * <p>The header names are compared trimmed and case-insensitively; a UTF-8 byte order mark, CRLF
 * or LF line ends and RFC 4180 quoting are accepted. Lines whose fields are all blank are skipped.
 * Each other line becomes a {@link RosterMember} or a {@link LineProblem} naming the first field
 * that is wrong:
 *
 * <ul>
 *   <li>{@code member_id}: required, ASCII letters, digits and '-', at most 32; ids are unique,
 *       compared as {@link RosterMember#canonicalId} (the first accepted line wins);
 *   <li>{@code name}: required, at most 200 characters; runs of whitespace (including line
 *       breaks inside quotes) become one space;
 *   <li>{@code email}: optional ({@code null} when blank), otherwise a plain address;
 *   <li>{@code good_standing_through}: required, {@code YYYY-MM-DD}, in the year 1900 or later.
 * </ul>
 *
 * <p>No field may start with =, +, -, @ or a tab, which spreadsheets would run as a formula.
 * Values are trimmed. A file that is not a roster at all is refused whole with {@link
 * InvalidRosterFileException}: empty, another header, binary content, an unclosed quote, or more
 * than {@value #MAX_DATA_LINES} data lines.
 */
public final class RosterCsvParser {

  /** The header line the roster must start with. */
  public static final String HEADER_LINE = "member_id,name,email,good_standing_through";

  /** The most data lines a roster file may have. */
  public static final int MAX_DATA_LINES = 200_000;

  private static final List<String> HEADER = List.of(HEADER_LINE.split(","));
  private static final int MEMBER_ID = 0;
  private static final int NAME = 1;
  private static final int EMAIL = 2;
  private static final int GOOD_STANDING_THROUGH = 3;

  private static final int MAX_NAME_LENGTH = 200;
  /** Good standing through a year before this is a typing error (0000-01-01), not a lapsed member. */
  private static final int MIN_YEAR = 1900;
  private static final int MAX_EMAIL_LENGTH = 254;
  private static final int MAX_SHOWN_HEADER = 100;
  private static final Pattern MEMBER_ID_FORMAT = Pattern.compile("[A-Za-z0-9-]{1,32}");
  private static final Pattern DATE_FORMAT = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
  private static final Pattern WHITESPACE = Pattern.compile("\\s+");
  private static final String ATOM = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+";
  private static final String LABEL = "[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?";
  private static final Pattern EMAIL_FORMAT =
      Pattern.compile(ATOM + "(?:\\." + ATOM + ")*@" + LABEL + "(?:\\." + LABEL + ")+");

  private RosterCsvParser() {}

  /**
   * Parses a roster already decoded from UTF-8.
   *
   * @throws InvalidRosterFileException when the text is not a roster CSV file
   */
  public static ParsedRoster parse(String csv) {
    String text = csv != null && csv.startsWith("\uFEFF") ? csv.substring(1) : csv;
    if (text == null || text.isBlank()) {
      throw new InvalidRosterFileException("the file is empty");
    }
    refuseBinary(text);
    CsvRecordReader reader = new CsvRecordReader(text);
    checkHeader(nextNonBlank(reader));

    List<RosterMember> members = new ArrayList<>();
    List<LineProblem> rejected = new ArrayList<>();
    Map<String, Integer> firstLineById = new HashMap<>();
    int dataLines = 0;
    for (CsvRecord record = nextNonBlank(reader); record != null; record = nextNonBlank(reader)) {
      if (++dataLines > MAX_DATA_LINES) {
        throw new InvalidRosterFileException(
            "the file has more than " + MAX_DATA_LINES + " data lines");
      }
      Read read = read(record);
      String problem = read.problem();
      if (problem == null) {
        RosterMember member = read.member();
        Integer firstLine =
            firstLineById.putIfAbsent(RosterMember.canonicalId(member.memberId()), record.line());
        if (firstLine == null) {
          members.add(member);
        } else {
          problem =
              "member_id: %s appears again (first on line %d)"
                  .formatted(member.memberId(), firstLine);
        }
      }
      if (problem != null) {
        rejected.add(new LineProblem(record.line(), problem));
      }
    }
    return new ParsedRoster(members, rejected);
  }

  private static CsvRecord nextNonBlank(CsvRecordReader reader) {
    CsvRecord record = reader.next();
    while (record != null && record.isBlank()) {
      record = reader.next();
    }
    return record;
  }

  private static void refuseBinary(String text) {
    int line = 1;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n') {
        line++;
      } else if ((c < 0x20 && c != '\t' && c != '\r') || c == 0x7F || c == '\uFFFD') {
        throw new InvalidRosterFileException(
            "not a CSV text file: binary content (U+%04X) on line %d".formatted((int) c, line));
      }
    }
  }

  private static void checkHeader(CsvRecord header) {
    if (header == null) {
      throw new InvalidRosterFileException("the file is empty");
    }
    List<String> names =
        header.fields().stream().map(name -> name.trim().toLowerCase(Locale.ROOT)).toList();
    if (!names.equals(HEADER)) {
      String found = String.join(",", header.fields());
      if (found.length() > MAX_SHOWN_HEADER) {
        found = found.substring(0, MAX_SHOWN_HEADER) + "…";
      }
      throw new InvalidRosterFileException(
          "expected the header \"%s\" but found \"%s\"".formatted(HEADER_LINE, found));
    }
  }

  /** A record read: the member, or its first problem as "field: problem" (one of the two is null). */
  private record Read(RosterMember member, String problem) {

    static Read problem(String problem) {
      return new Read(null, problem);
    }
  }

  /** Reads a record, each field once: the member, or the first problem with it. */
  private static Read read(CsvRecord record) {
    List<String> fields = record.fields();
    if (fields.size() != HEADER.size()) {
      return Read.problem("expected %d fields, got %d".formatted(HEADER.size(), fields.size()));
    }
    if (record.textAfterQuoteField() >= 0) {
      return Read.problem(HEADER.get(record.textAfterQuoteField()) + ": text after the closing quote");
    }
    String[] values = new String[HEADER.size()];
    LocalDate date = null;
    for (int field = 0; field < HEADER.size(); field++) {
      String raw = fields.get(field);
      values[field] = field == NAME ? collapseWhitespace(raw) : raw.trim();
      if (field == GOOD_STANDING_THROUGH) {
        date = parseDate(values[field]);
      }
      String problem = fieldProblem(field, raw, values[field], date);
      if (problem != null) {
        return Read.problem(HEADER.get(field) + ": " + problem);
      }
    }
    String email = values[EMAIL];
    return new Read(new RosterMember(values[MEMBER_ID], values[NAME], email.isEmpty() ? null : email, date), null);
  }

  /** The problem with a field's value (trimmed, or collapsed for the name), or null; {@code date} as parsed. */
  private static String fieldProblem(int field, String raw, String value, LocalDate date) {
    if (value.isEmpty()) {
      return field == EMAIL ? null : "required";
    }
    if (CsvRecordReader.looksLikeFormula(raw)) {
      return "must not start with =, +, -, @ or a tab (spreadsheet formula)";
    }
    return switch (field) {
      case MEMBER_ID ->
          MEMBER_ID_FORMAT.matcher(value).matches()
              ? null
              : "only letters, digits and '-' allowed (max 32)";
      case NAME ->
          value.codePointCount(0, value.length()) > MAX_NAME_LENGTH
              ? "longer than " + MAX_NAME_LENGTH + " characters"
              : null;
      case EMAIL ->
          value.length() <= MAX_EMAIL_LENGTH && EMAIL_FORMAT.matcher(value).matches()
              ? null
              : "not a valid address";
      case GOOD_STANDING_THROUGH -> dateProblem(date);
      default -> throw new IllegalArgumentException("no field " + field);
    };
  }

  private static String collapseWhitespace(String raw) {
    return WHITESPACE.matcher(raw.strip()).replaceAll(" ");
  }

  private static String dateProblem(LocalDate date) {
    if (date == null) {
      return "not a date (use YYYY-MM-DD)";
    }
    if (date.getYear() < MIN_YEAR) {
      return "before " + MIN_YEAR + ": not a date a membership runs to";
    }
    return null;
  }

  /** A YYYY-MM-DD date (ASCII digits) that exists, as ISO_LOCAL_DATE reads it strictly; otherwise null. */
  private static LocalDate parseDate(String value) {
    if (!DATE_FORMAT.matcher(value).matches()) {
      return null;
    }
    try {
      return LocalDate.of(Integer.parseInt(value, 0, 4, 10), Integer.parseInt(value, 5, 7, 10),
          Integer.parseInt(value, 8, 10, 10));
    } catch (DateTimeException e) {
      return null;
    }
  }
}
