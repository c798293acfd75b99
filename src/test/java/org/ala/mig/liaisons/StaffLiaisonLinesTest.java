package org.ala.mig.liaisons;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.ala.mig.common.FieldProblem;
import org.ala.mig.common.InvalidInputException;
import org.ala.mig.registry.StaffLiaison;
import org.junit.jupiter.api.Test;

/** The form's lines {@code Name <email>} of designateStaffLiaison, read without an engine. */
class StaffLiaisonLinesTest {

  @Test
  void eachLineIsALiaisonInOrderAndBlankLinesAreSkipped() {
    assertThat(StaffLiaisonService.parseLines("  Tina Coleman <tcoleman@ala.org>\r\n\n Jenny Levine<jlevine@ala.org> \n"))
        .containsExactly(new StaffLiaison("Tina Coleman", "tcoleman@ala.org"),
            new StaffLiaison("Jenny Levine", "jlevine@ala.org"));
    assertThat(StaffLiaisonService.lines(List.of(new StaffLiaison("Tina Coleman", "tcoleman@ala.org"),
        new StaffLiaison("Jenny Levine", "jlevine@ala.org"))))
        .isEqualTo("Tina Coleman <tcoleman@ala.org>\nJenny Levine <jlevine@ala.org>");
  }

  @Test
  void badLinesAreNamedByTheirNumber() {
    assertThat(problems("Tina Coleman <tcoleman@ala.org>\nJenny Levine jlevine@ala.org\n<nobody@ala.org>\nX <x@>"))
        .containsExactly(
            "line 2: write Name <email>, got 'Jenny Levine jlevine@ala.org'",
            "line 3: name required",
            "line 4: email not a valid email address: 'x@'");
    assertThat(problems("")).containsExactly("required: at least one liaison, as Name <email>");
    assertThat(problems(null)).containsExactly("required: at least one liaison, as Name <email>");
    assertThat(problems("A <same@ala.org>\nB <SAME@ala.org>"))
        .containsExactly("liaison 2: the address SAME@ala.org is named twice");
    assertThat(problems(42)).containsExactly("must be text: one liaison per line, as Name <email>");
    assertThat(problems("x".repeat(4001))).containsExactly("longer than 4000 characters");
  }

  private static List<String> problems(Object lines) {
    try {
      StaffLiaisonService.parseLines(lines);
    } catch (InvalidInputException e) {
      assertThat(e.errors()).extracting(FieldProblem::field).containsOnly("staffLiaisons");
      return e.errors().stream().map(FieldProblem::message).toList();
    }
    throw new AssertionError("accepted: " + lines);
  }

  @Test
  void moreThanTenLiaisonsAreRefused() {
    StringBuilder lines = new StringBuilder();
    for (int i = 0; i < 11; i++) {
      lines.append("L").append(i).append(" <l").append(i).append("@ala.org>\n");
    }
    assertThatThrownBy(() -> StaffLiaisonService.parseLines(lines.toString()))
        .isInstanceOf(InvalidInputException.class);
  }
}
