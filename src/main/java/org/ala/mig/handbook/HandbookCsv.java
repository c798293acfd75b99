package org.ala.mig.handbook;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.List;

/**
 * The Handbook listing as CSV ({@code /handbook.csv}), written by jackson-dataformat-csv, which
 * quotes every cell that needs it (commas, double quotes, line breaks). The header is
 * {@value #HEADER}; lists are joined by {@value #LIST_SEPARATOR}; lines end with CRLF (RFC 4180).
 *
 * <p>A spreadsheet takes a cell that starts with {@code = + - @} (or a tab or carriage return) for
 * a formula. Such a cell gets a leading {@code '} ({@link #guard}), so that a MIG's name or purpose
 * cannot run as one on the computer of whoever opens the file (CSV or formula injection, OWASP).
 */
public final class HandbookCsv {

  public static final String HEADER = "id,name,formerNames,statementOfPurpose,staffLiaisons,activeSince,termEnd";
  public static final String LIST_SEPARATOR = "; ";

  /** One line of the file, all text, in the header's order. */
  @JsonPropertyOrder({"id", "name", "formerNames", "statementOfPurpose", "staffLiaisons", "activeSince", "termEnd"})
  record Line(String id, String name, String formerNames, String statementOfPurpose, String staffLiaisons,
      String activeSince, String termEnd) {}

  /** Quotes only the cells that need it (the library's default also quotes some that do not). */
  private static final CsvMapper MAPPER = CsvMapper.builder().enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING).build();
  private static final CsvSchema SCHEMA = MAPPER.schemaFor(Line.class).withHeader().withLineSeparator("\r\n");

  private HandbookCsv() {}

  /** The whole file: the header, then one line per entry in the given order. */
  public static String write(List<HandbookEntry> entries) {
    StringWriter out = new StringWriter();
    try (SequenceWriter lines = MAPPER.writerFor(Line.class).with(SCHEMA).writeValues(out)) {
      for (HandbookEntry e : entries) {
        lines.write(new Line(guard(e.id()), guard(e.name()), guard(String.join(LIST_SEPARATOR, e.formerNames())),
            guard(e.statementOfPurpose()),
            guard(String.join(LIST_SEPARATOR, e.staffLiaisons().stream().map(HandbookEntry.Liaison::name).toList())),
            date(e.activeSince()), date(e.termEnd())));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Writing the Handbook as CSV failed", e);
    }
    return out.toString();
  }

  /** The text with a leading {@code '} when a spreadsheet would read it as a formula; null as empty. */
  public static String guard(String text) {
    if (text == null || text.isEmpty()) {
      return "";
    }
    char first = text.charAt(0);
    return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
        ? "'" + text
        : text;
  }

  private static String date(LocalDate date) {
    return date == null ? "" : date.toString();
  }
}
