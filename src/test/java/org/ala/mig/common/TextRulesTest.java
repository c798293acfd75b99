package org.ala.mig.common;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Text as a person types it passes; control characters, surrogate halves and invisible-only text do not. */
class TextRulesTest {

  @Test
  void typedTextPasses() {
    assertThat(TextRules.problem("Zoë Ñúñez-Ødegård 李小龍 🦄 <script>alert(1)</script>", false)).isNull();
    assertThat(TextRules.problem("Line one\nLine two\r\n\tindented", true)).isNull();
  }

  @Test
  void controlCharactersAndSurrogateHalvesAreNamedWithTheirPosition() {
    assertThat(TextRules.problem("ab\u0000c", true)).isEqualTo("contains the control character U+0000 at position 3");
    assertThat(TextRules.problem("a\u001Bb", true)).isEqualTo("contains the control character U+001B at position 2");
    assertThat(TextRules.problem("a\u0085", true)).isEqualTo("contains the control character U+0085 at position 2");
    assertThat(TextRules.problem("x\uD800y", true))
        .isEqualTo("contains an invalid character (half of a UTF-16 surrogate pair, U+D800) at position 2");
    assertThat(TextRules.problem("\uDC00", true)).startsWith("contains an invalid character");
    assertThat(TextRules.problem("a\uFFFF", true)).isEqualTo("contains the non-character U+FFFF at position 2");
  }

  @Test
  void oneLineFieldsRefuseLineBreaksAndTabs() {
    assertThat(TextRules.problem("Maker\nSpaces", false)).isEqualTo("must be one line: contains a line break at position 6");
    assertThat(TextRules.problem("Maker\tSpaces", false)).isEqualTo("contains a tab at position 6");
  }

  @Test
  void textThatShowsNothingIsBlank() {
    assertThat(TextRules.blank(null)).isTrue();
    assertThat(TextRules.blank(" \u00A0\u200B\uFEFF\u3000\n")).isTrue();
    assertThat(TextRules.blank(" a ")).isFalse();
  }
}
