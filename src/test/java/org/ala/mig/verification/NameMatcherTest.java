package org.ala.mig.verification;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NameMatcherTest {

  @ParameterizedTest(name = "\"{0}\" normalizes to \"{1}\"")
  @CsvSource(
      delimiter = '|',
      nullValues = "NULL",
      value = {
        "María José Núñez          | maria jose nunez",
        "'  Maria   JOSE\tNunez  ' | maria jose nunez",
        "Núñez, María José         | maria jose nunez",
        "Smith,John                | john smith",
        "O'Brien                   | obrien",
        "O’Brien                   | obrien",
        "García-Márquez            | garcia marquez",
        "Jane Q. Public            | jane q public",
        "Strauß                    | strauss",
        "Smith, Jr.                | smith jr",
        "Smith, John, Jr.          | smith john jr",
        "', John'                  | john",
        "NULL                      | ''",
        "'   '                     | ''"
      })
  void givenAName_whenNormalized_thenFoldedReorderedAndSeparatedBySingleSpaces(
      String name, String normalized) {
    assertThat(NameMatcher.normalize(name)).isEqualTo(normalized);
  }

  @ParameterizedTest(name = "\"{0}\" matches roster name \"{1}\"")
  @CsvSource(
      delimiter = '|',
      value = {
        "María José Núñez       | María José Núñez",
        "Maria Jose Nunez       | María José Núñez",
        "Núñez, María José      | Maria Jose Nunez",
        "MARIA JOSE NUNEZ       | María José Núñez",
        "Sean OBrien            | Sean O'Brien",
        "Sean O Brien           | Sean O'Brien",
        "Ana Garcia Marquez     | Ana García-Márquez",
        "Ana García-Márquez     | Ana Garcia Marquez",
        "'  John    Smith  '    | John Smith",
        "Smith, John            | John Smith",
        "Jane Q. Public         | Jane Public",
        "Jane Public            | Jane Q Public",
        "J. Robert Oppenheimer  | Robert Oppenheimer",
        "Rosa De la Cruz        | Rosa Delacruz",
        "Zoe Muller             | Zoë Müller",
        "Björn Strauss          | Bjorn Strauß",
        "Lukasz Ostergaard      | Łukasz Østergaard",
        "John Smith, Jr.        | John Smith Jr"
      })
  void givenTheSamePersonWrittenDifferently_whenMatched_thenTheNamesMatch(
      String signed, String roster) {
    assertThat(NameMatcher.matches(signed, roster)).isTrue();
  }

  @ParameterizedTest(name = "\"{0}\" does not match roster name \"{1}\"")
  @CsvSource(
      delimiter = '|',
      value = {
        "John Smith       | Jane Smith",
        "Maria Nunez      | María José Núñez",
        "Jon Smith        | John Smith",
        "J. Smith         | K. Smith",
        "J. Smith         | John Smith",
        "John Smith       | Smith John Paul",
        "Smith, Jr.       | Jr Smith"
      })
  void givenADifferentName_whenMatched_thenNoMatch(String signed, String roster) {
    assertThat(NameMatcher.matches(signed, roster)).isFalse();
  }

  @ParameterizedTest(name = "blank or missing \"{0}\" never matches")
  @CsvSource(
      value = {"NULL", "''", "'   '", "'.,-'"},
      nullValues = "NULL")
  void givenABlankName_whenMatched_thenNeverAMatch(String blank) {
    assertThat(NameMatcher.matches(blank, "John Smith")).isFalse();
    assertThat(NameMatcher.matches("John Smith", blank)).isFalse();
    assertThat(NameMatcher.matches(blank, blank)).isFalse();
  }
}
