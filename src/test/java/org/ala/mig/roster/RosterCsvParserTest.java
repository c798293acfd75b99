package org.ala.mig.roster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RosterCsvParserTest {

  private static final String HEADER = "member_id,name,email,good_standing_through\n";

  @Test
  void givenAValidRoster_whenParsed_thenEveryMemberIsReadAndTrimmed() {
    ParsedRoster roster =
        RosterCsvParser.parse(
            HEADER
                + "M000001,María José Núñez,mj@example.org,2026-12-31\n"
                + " m-2 ,  Sean O'Brien ,,2025-01-31\n"
                + "M3,Zoë Østergaard, zoe.o@members.example.org ,2027-06-30");

    assertThat(roster.rejected()).isEmpty();
    assertThat(roster.members())
        .containsExactly(
            new RosterMember(
                "M000001", "María José Núñez", "mj@example.org", LocalDate.of(2026, 12, 31)),
            new RosterMember("m-2", "Sean O'Brien", null, LocalDate.of(2025, 1, 31)),
            new RosterMember(
                "M3", "Zoë Østergaard", "zoe.o@members.example.org", LocalDate.of(2027, 6, 30)));
  }

  @Test
  void givenQuotedFieldsWithCommasQuotesAndLineBreaks_whenParsed_thenTheyAreOneField() {
    ParsedRoster roster =
        RosterCsvParser.parse(
            HEADER
                + "\"M1\",\"Núñez, María José\",\"mj@example.org\",\"2026-12-31\"\n"
                + "M2,\"Robert \"\"Bob\"\" Jones\",,2026-12-31\n"
                + "M3,\"Anne\n  Marie\",,2026-12-31\n"
                + "M4, \"Spaced, Quote\" ,,2026-12-31\n");

    assertThat(roster.rejected()).isEmpty();
    assertThat(roster.members())
        .extracting(RosterMember::name)
        .containsExactly(
            "Núñez, María José", "Robert \"Bob\" Jones", "Anne Marie", "Spaced, Quote");
  }

  @Test
  void givenAQuotedFieldSpanningLines_whenALaterLineIsBad_thenItsPhysicalLineIsReported() {
    ParsedRoster roster =
        RosterCsvParser.parse(
            HEADER
                + "M1,\"First\nSecond\nThird\",,2026-12-31\n"
                + "M2,,,2026-12-31\n"
                + "M3,\"Two\r\nLines\",,2026-12-31\r\n"
                + "\n"
                + "M4,Bad Date,,2026-02-30\n");

    assertThat(roster.members()).extracting(RosterMember::memberId).containsExactly("M1", "M3");
    assertThat(roster.rejected())
        .containsExactly(
            new LineProblem(5, "name: required"),
            new LineProblem(9, "good_standing_through: not a date (use YYYY-MM-DD)"));
  }

  @Test
  void givenAByteOrderMarkAndCrlfLineEnds_whenParsed_thenTheyAreTolerated() {
    ParsedRoster roster =
        RosterCsvParser.parse(
            "\uFEFFmember_id,name,email,good_standing_through\r\n"
                + "M1,Jane Doe,jane@example.org,2026-12-31\r\n"
                + "M2,John Doe,john@example.org,2026-11-30\r\n");

    assertThat(roster.rejected()).isEmpty();
    assertThat(roster.members())
        .extracting(RosterMember::email)
        .containsExactly("jane@example.org", "john@example.org");
  }

  @Test
  void givenHeaderNamesInAnotherCaseWithSpaces_whenParsed_thenTheHeaderIsAccepted() {
    ParsedRoster roster =
        RosterCsvParser.parse(
            " Member_ID , NAME,Email ,Good_Standing_Through\nM1,Jane Doe,,2026-12-31\n");

    assertThat(roster.members()).hasSize(1);
  }

  @Test
  void givenBlankLinesAndEmptySpreadsheetRows_whenParsed_thenSkippedButCountedAsLines() {
    ParsedRoster roster =
        RosterCsvParser.parse(
            "\n" + HEADER + "\n   \n,,,\nM1,Jane Doe,,2026-12-31\n\nM2,,,2026-12-31\n\n");

    assertThat(roster.members()).extracting(RosterMember::memberId).containsExactly("M1");
    assertThat(roster.rejected()).containsExactly(new LineProblem(8, "name: required"));
  }

  @Test
  void givenOnlyAHeader_whenParsed_thenNoMembersAndNoProblems() {
    ParsedRoster roster = RosterCsvParser.parse(HEADER);

    assertThat(roster.members()).isEmpty();
    assertThat(roster.rejected()).isEmpty();
  }

  @ParameterizedTest(name = "[{index}] {0} -> {1}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "`,Jane Doe,,2026-12-31`                  | member_id: required",
        "`M 1,Jane Doe,,2026-12-31`               | member_id: only letters, digits and '-' allowed (max 32)",
        "`M_1,Jane Doe,,2026-12-31`               | member_id: only letters, digits and '-' allowed (max 32)",
        "`MÜ1,Jane Doe,,2026-12-31`               | member_id: only letters, digits and '-' allowed (max 32)",
        "`M123456789012345678901234567890123,Jane Doe,,2026-12-31` | member_id: only letters, digits and '-' allowed (max 32)",
        "`M1,,jane@example.org,2026-12-31`        | name: required",
        "`M1,\"  \",jane@example.org,2026-12-31`  | name: required",
        "`M1,=HYPERLINK(\"http://x\"),,2026-12-31` | name: must not start with =, +, -, @ or a tab (spreadsheet formula)",
        "`M1,+Jane,,2026-12-31`                   | name: must not start with =, +, -, @ or a tab (spreadsheet formula)",
        "`M1, @Jane,,2026-12-31`                  | name: must not start with =, +, -, @ or a tab (spreadsheet formula)",
        "`M1,\"\tJane\",,2026-12-31`              | name: must not start with =, +, -, @ or a tab (spreadsheet formula)",
        "`-M1,Jane Doe,,2026-12-31`               | member_id: must not start with =, +, -, @ or a tab (spreadsheet formula)",
        "`M1,Jane Doe,=cmd|' /C calc'!A0,2026-12-31` | email: must not start with =, +, -, @ or a tab (spreadsheet formula)",
        "`M1,Jane Doe,,=DATE(2026;1;1)`           | good_standing_through: must not start with =, +, -, @ or a tab (spreadsheet formula)",
        "`M1,Jane Doe,jane,2026-12-31`            | email: not a valid address",
        "`M1,Jane Doe,jane@localhost,2026-12-31`  | email: not a valid address",
        "`M1,Jane Doe,jane doe@example.org,2026-12-31` | email: not a valid address",
        "`M1,Jane Doe,jane@@example.org,2026-12-31` | email: not a valid address",
        "`M1,Jane Doe,jane.@example.org,2026-12-31` | email: not a valid address",
        "`M1,Jane Doe,,`                          | good_standing_through: required",
        "`M1,Jane Doe,,12/31/2026`                | good_standing_through: not a date (use YYYY-MM-DD)",
        "`M1,Jane Doe,,2026-13-01`                | good_standing_through: not a date (use YYYY-MM-DD)",
        "`M1,Jane Doe,,2026-1-1`                  | good_standing_through: not a date (use YYYY-MM-DD)",
        "`M1,Jane Doe,jane@example.org`           | expected 4 fields, got 3",
        "`M1,Doe, Jane,jane@example.org,2026-12-31` | expected 4 fields, got 5",
        "`M1,\"Jane\" Doe,,2026-12-31`            | name: text after the closing quote"
      })
  void givenABadLine_whenParsed_thenItIsRejectedWithOneMessage(String line, String message) {
    ParsedRoster roster =
        RosterCsvParser.parse(HEADER + "M0,Good Member,,2026-12-31\n" + line + "\n");

    assertThat(roster.members()).extracting(RosterMember::memberId).containsExactly("M0");
    assertThat(roster.rejected()).containsExactly(new LineProblem(3, message));
  }

  @Test
  void givenANameOfExactly200Characters_whenParsed_thenAcceptedBut201IsRejected() {
    String name200 = "É".repeat(200);
    ParsedRoster roster =
        RosterCsvParser.parse(
            HEADER + "M1," + name200 + ",,2026-12-31\nM2," + name200 + "x,,2026-12-31\n");

    assertThat(roster.members()).extracting(RosterMember::name).containsExactly(name200);
    assertThat(roster.rejected())
        .containsExactly(new LineProblem(3, "name: longer than 200 characters"));
  }

  @Test
  void givenAMemberIdTwice_whenParsed_thenTheLaterLineIsRejectedNamingTheFirst() {
    ParsedRoster roster =
        RosterCsvParser.parse(
            HEADER
                + "M1,Ann One,,2026-12-31\n"
                + "M123,Bad Email,nope,2026-12-31\n"
                + "M123,First Accepted,,2026-12-31\n"
                + "M2,Bob Two,,2026-12-31\n"
                + " m123 ,Again,,2026-12-31\n");

    assertThat(roster.members())
        .extracting(RosterMember::name)
        .containsExactly("Ann One", "First Accepted", "Bob Two");
    assertThat(roster.rejected())
        .containsExactly(
            new LineProblem(3, "email: not a valid address"),
            new LineProblem(6, "member_id: m123 appears again (first on line 4)"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "\uFEFF", "  \n\r\n ", "\n,,,\n"})
  void givenAnEmptyFile_whenParsed_thenRefusedWhole(String text) {
    assertThatThrownBy(() -> RosterCsvParser.parse(text))
        .isInstanceOf(InvalidRosterFileException.class)
        .hasMessage("the file is empty");
  }

  @Test
  void givenNoText_whenParsed_thenRefusedAsEmpty() {
    assertThatThrownBy(() -> RosterCsvParser.parse(null))
        .isInstanceOf(InvalidRosterFileException.class)
        .hasMessage("the file is empty");
  }

  @Test
  void givenAnotherHeader_whenParsed_thenRefusedSayingWhatWasExpectedAndFound() {
    assertThatThrownBy(() -> RosterCsvParser.parse("id,full_name,email,through\nM1,A,,2026-12-31"))
        .isInstanceOf(InvalidRosterFileException.class)
        .hasMessage(
            "expected the header \"member_id,name,email,good_standing_through\""
                + " but found \"id,full_name,email,through\"");
  }

  @Test
  void givenDataWithoutAHeaderOrAnExtraColumn_whenParsed_thenRefused() {
    assertThatThrownBy(() -> RosterCsvParser.parse("M1,Jane Doe,,2026-12-31\n"))
        .isInstanceOf(InvalidRosterFileException.class)
        .hasMessageContaining("but found \"M1,Jane Doe,,2026-12-31\"");
    assertThatThrownBy(
            () -> RosterCsvParser.parse("member_id,name,email,good_standing_through,notes\n"))
        .isInstanceOf(InvalidRosterFileException.class)
        .hasMessageStartingWith("expected the header");
  }

  @Test
  void givenAVeryLongWrongHeader_whenRefused_thenTheMessageShowsOnlyItsStart() {
    String header = "x".repeat(5_000);

    assertThatThrownBy(() -> RosterCsvParser.parse(header))
        .isInstanceOf(InvalidRosterFileException.class)
        .hasMessageEndingWith("x".repeat(100) + "…\"");
  }

  @Test
  void givenBinaryContent_whenParsed_thenRefusedWhole() {
    assertThatThrownBy(() -> RosterCsvParser.parse(HEADER + "M1,Jane\u0000Doe,,2026-12-31\n"))
        .isInstanceOf(InvalidRosterFileException.class)
        .hasMessage("not a CSV text file: binary content (U+0000) on line 2");
    assertThatThrownBy(() -> RosterCsvParser.parse("PK\u0003\u0004\u0014\u0000\u0006\u0000"))
        .isInstanceOf(InvalidRosterFileException.class)
        .hasMessageStartingWith("not a CSV text file: binary content");
    assertThatThrownBy(() -> RosterCsvParser.parse(HEADER + "M1,Jane \uFFFD,,2026-12-31\n"))
        .isInstanceOf(InvalidRosterFileException.class)
        .hasMessage("not a CSV text file: binary content (U+FFFD) on line 2");
  }

  @Test
  void givenAQuotedFieldThatIsNeverClosed_whenParsed_thenRefusedWhole() {
    String csv =
        HEADER + "M1,Jane Doe,,2026-12-31\nM2,\"Unclosed,,2026-12-31\nM3,John Doe,,2026-12-31\n";

    assertThatThrownBy(() -> RosterCsvParser.parse(csv))
        .isInstanceOf(InvalidRosterFileException.class)
        .hasMessage("a quoted field starting on line 3 is never closed");
  }

  @Test
  void givenExactlyTheMaximumOfDataLines_whenParsed_thenAccepted() {
    ParsedRoster roster = RosterCsvParser.parse(rosterOf(RosterCsvParser.MAX_DATA_LINES));

    assertThat(roster.members()).hasSize(RosterCsvParser.MAX_DATA_LINES);
  }

  @Test
  void givenOneDataLineMoreThanTheMaximum_whenParsed_thenRefusedWhole() {
    String csv = rosterOf(RosterCsvParser.MAX_DATA_LINES + 1);

    assertThatThrownBy(() -> RosterCsvParser.parse(csv))
        .isInstanceOf(InvalidRosterFileException.class)
        .hasMessage("the file has more than 200000 data lines");
  }

  private static String rosterOf(int members) {
    return IntStream.rangeClosed(1, members)
        .mapToObj(i -> "M" + i + ",Member " + i + ",,2026-12-31\n")
        .collect(Collectors.joining("", HEADER, ""));
  }
}
