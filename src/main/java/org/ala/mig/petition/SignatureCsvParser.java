package org.ala.mig.petition;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.ala.mig.petition.PetitionRequest.SignatureInput;
import org.ala.mig.roster.CsvRecordReader;
import org.ala.mig.roster.CsvRecordReader.CsvRecord;
import org.ala.mig.roster.InvalidRosterFileException;

/**
 * Reads the signatures file of the petition page: {@code signatures.csv} with the header
 * {@value #HEADER_LINE} and one signature per line.
 *
 * <ul>
 *   <li>UTF-8 text, with or without a byte order mark; CRLF or LF line ends; RFC 4180 quoting (a
 *       name with a comma is written {@code "Díaz, Rosa"}).
 *   <li>The first line that is not blank is the header; its names are compared trimmed and
 *       case-insensitively.
 *   <li>Every other line has exactly two fields, a member id and a name; both are trimmed (runs
 *       of whitespace in a name become one space) and neither may be empty. Blank lines (and a
 *       spreadsheet's {@code ,}) are skipped.
 *   <li>Neither field may start with =, +, -, @ or a tab (after leading spaces): a spreadsheet
 *       that opens a file made from these values would run such a cell as a formula. No member id
 *       starts so, nor does a name as signed.
 *   <li>At most {@value #MAX_DATA_LINES} signatures.
 * </ul>
 *
 * <p>Each bad line is reported with its physical line number (the header is line 1): {@code
 * signatures.csv line 3: name is empty}. A file that is no such CSV at all (not UTF-8, binary,
 * another header, an unclosed quote) is reported once, without line problems. Whether a member id
 * is on the roster and in good standing is not this file's concern: the petition's verification
 * checks that.
 */
public final class SignatureCsvParser {

  /** The header line the file must start with. */
  public static final String HEADER_LINE = "member_id,name";
  /** How problems name the file. */
  public static final String FILE_NAME = "signatures.csv";
  /** The most signatures a file may hold (as many as a petition may have). */
  public static final int MAX_DATA_LINES = PetitionValidator.MAX_SIGNATURES;
  /** Line problems reported one by one; the rest are counted. */
  static final int MAX_REPORTED = 50;

  private static final List<String> HEADER = List.of("member_id", "name");
  private static final int MAX_SHOWN_HEADER = 60;
  private static final Pattern WHITESPACE = Pattern.compile("\\s+");

  /**
   * One problem of the file.
   *
   * @param line the physical line (1 is the header), or 0 for the whole file
   */
  public record Problem(int line, String message) {
    /** {@code signatures.csv line 3: name is empty}, or {@code signatures.csv: the file is empty}. */
    public String describe() {
      return FILE_NAME + (line > 0 ? " line " + line : "") + ": " + message;
    }
  }

  /**
   * What the file holds: the signatures of its good lines with the line each came from, and its
   * problems; only a file without problems may be used.
   */
  public record Result(List<SignatureInput> signatures, List<Integer> lines, List<Problem> problems) {
    public boolean ok() {
      return problems.isEmpty();
    }

    /** The physical line of the {@code index}-th signature, as the validator numbers them. */
    public int lineOf(int index) {
      return index >= 0 && index < lines.size() ? lines.get(index) : 0;
    }
  }

  private SignatureCsvParser() {}

  public static Result parse(byte[] content) {
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(content)).toString();
    } catch (CharacterCodingException e) {
      return fileProblem("not UTF-8 text: save it as \"CSV UTF-8\"");
    }
    return parse(text);
  }

  public static Result parse(String csv) {
    String text = csv.startsWith("\uFEFF") ? csv.substring(1) : csv;
    if (text.isBlank()) {
      return fileProblem("the file is empty: it needs the header " + HEADER_LINE + " and one line per signature");
    }
    String binary = binaryContent(text);
    if (binary != null) {
      return fileProblem(binary);
    }
    try {
      return read(new CsvRecordReader(text));
    } catch (InvalidRosterFileException e) {
      return fileProblem(e.getMessage());
    }
  }

  private static Result read(CsvRecordReader reader) {
    CsvRecord header = nextNonBlank(reader);
    if (header == null) {
      return fileProblem("the file is empty: it needs the header " + HEADER_LINE + " and one line per signature");
    }
    List<String> names = header.fields().stream().map(n -> n.trim().toLowerCase(Locale.ROOT)).toList();
    if (!names.equals(HEADER)) {
      String found = String.join(",", header.fields());
      if (found.length() > MAX_SHOWN_HEADER) {
        found = found.substring(0, MAX_SHOWN_HEADER) + "…";
      }
      return new Result(List.of(), List.of(), List.of(new Problem(header.line(),
          "expected the header \"" + HEADER_LINE + "\" but found \"" + found + "\"")));
    }
    List<SignatureInput> signatures = new ArrayList<>();
    List<Integer> lines = new ArrayList<>();
    List<Problem> problems = new ArrayList<>();
    int bad = 0;
    int dataLines = 0;
    for (CsvRecord record = nextNonBlank(reader); record != null; record = nextNonBlank(reader)) {
      if (++dataLines > MAX_DATA_LINES) {
        return fileProblem("more than " + MAX_DATA_LINES + " signatures");
      }
      String problem = problemWith(record);
      if (problem == null) {
        signatures.add(new SignatureInput(record.fields().get(0).trim(), collapse(record.fields().get(1))));
        lines.add(record.line());
      } else if (++bad <= MAX_REPORTED) {
        problems.add(new Problem(record.line(), problem));
      }
    }
    if (bad > MAX_REPORTED) {
      problems.add(new Problem(0, "and " + (bad - MAX_REPORTED) + " more lines with problems"));
    }
    if (signatures.isEmpty() && problems.isEmpty()) {
      problems.add(new Problem(0, "no signatures after the header " + HEADER_LINE));
    }
    return new Result(signatures, lines, problems);
  }

  private static String problemWith(CsvRecord record) {
    List<String> fields = record.fields();
    if (fields.size() != HEADER.size()) {
      return "expected 2 fields (" + HEADER_LINE + "), got " + fields.size();
    }
    if (record.textAfterQuoteField() >= 0) {
      return HEADER.get(record.textAfterQuoteField()) + ": text after the closing quote";
    }
    if (fields.get(0).isBlank()) {
      return "member_id is empty";
    }
    if (fields.get(1).isBlank()) {
      return "name is empty";
    }
    for (int column = 0; column < HEADER.size(); column++) {
      if (CsvRecordReader.looksLikeFormula(fields.get(column))) {
        return HEADER.get(column) + " must not start with =, +, -, @ or a tab: a spreadsheet would run it as a formula";
      }
    }
    return null;
  }

  private static CsvRecord nextNonBlank(CsvRecordReader reader) {
    CsvRecord record = reader.next();
    while (record != null && record.isBlank()) {
      record = reader.next();
    }
    return record;
  }

  private static String binaryContent(String text) {
    int line = 1;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n') {
        line++;
      } else if ((c < 0x20 && c != '\t' && c != '\r') || c == 0x7F) {
        return "not a CSV text file: binary content (U+%04X) on line %d".formatted((int) c, line);
      }
    }
    return null;
  }

  private static String collapse(String raw) {
    return WHITESPACE.matcher(raw.strip()).replaceAll(" ");
  }

  private static Result fileProblem(String message) {
    return new Result(List.of(), List.of(), List.of(new Problem(0, message)));
  }
}
