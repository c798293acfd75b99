package org.ala.mig.common;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LetterFoldingTest {

  @ParameterizedTest(name = "{0} folds to {1}")
  @CsvSource({
    "María José Núñez, maria jose nunez",
    "ZOË, zoe",
    "Nguyễn Thảo, nguyen thao",
    "Strauß, strauss",
    "Æsa Œuvre, aesa oeuvre",
    "Søren Østergaard, soren ostergaard",
    "Łukasz, lukasz",
    "Đorđe, dorde",
    "Þórður, thordur",
    "Yılmaz, yilmaz",
    "İlker, ilker",
    "O'Connor-Smith, o'connor-smith"
  })
  void givenAccentedOrSpecialLetters_whenFolded_thenLowerCaseBaseLettersRemain(
      String text, String folded) {
    assertThat(LetterFolding.fold(text)).isEqualTo(folded);
  }

  @ParameterizedTest
  @CsvSource(value = {"NULL", "''"}, nullValues = "NULL")
  void givenNoText_whenFolded_thenEmpty(String text) {
    assertThat(LetterFolding.fold(text)).isEmpty();
  }
}
