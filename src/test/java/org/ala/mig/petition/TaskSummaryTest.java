package org.ala.mig.petition;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The summaries a petition's tasks show are process variables, which hold at most 4,000 characters. */
class TaskSummaryTest {

  @Test
  void linesThatFitAreShownInFull() {
    assertThat(PetitionService.lines(List.of("#1 M1 Ana: NOT_ON_ROSTER", "#2 M2 Bo: DUPLICATE"), 2))
        .isEqualTo("#1 M1 Ana: NOT_ON_ROSTER\n#2 M2 Bo: DUPLICATE");
  }

  @Test
  void twoHundredLongLinesAreCutToWhatFitsAndSayHowManyMore() {
    List<String> flagged = IntStream.range(0, 200)
        .mapToObj(i -> "#" + i + " M" + i + " Sinéad Håkansson: NOT_IN_GOOD_STANDING (membership lapsed 2026-12-31)")
        .toList();
    String text = PetitionService.lines(flagged, 250);
    assertThat(text.length()).isLessThanOrEqualTo(4000);
    int shown = (int) text.lines().filter(l -> l.startsWith("#")).count();
    assertThat(shown).isBetween(40, 199);
    assertThat(text).endsWith("... and " + (250 - shown) + " more");
  }

  @Test
  void nothingShownStillSaysHowMany() {
    assertThat(PetitionService.lines(Collections.nCopies(1, "x".repeat(5000)), 1)).isEqualTo("... and 1 more");
  }
}
