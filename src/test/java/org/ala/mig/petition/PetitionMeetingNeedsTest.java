package org.ala.mig.petition;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.ala.mig.common.FieldProblem;
import org.ala.mig.petition.PetitionRequest.SignatureInput;
import org.ala.mig.registry.OrganizerInput;
import org.junit.jupiter.api.Test;

/** A petition's optional meetingNeeds (step 12), checked with the rest of the petition. */
class PetitionMeetingNeedsTest {

  final PetitionValidator validator = new PetitionValidator(2);

  @Test
  void meetingNeedsAreOptionalTextOfAtMost4000Characters() {
    assertThat(problems(null)).isEmpty();
    assertThat(problems("  ")).isEmpty();
    assertThat(problems("A room for 40 at each Annual Conference,\nSaturday mornings")).isEmpty();
    assertThat(problems("x".repeat(4001))).containsExactly("meetingNeeds: longer than 4000 characters");
    assertThat(problems("bell \u0007 inside")).singleElement().asString().startsWith("meetingNeeds: ");
  }

  private List<String> problems(String meetingNeeds) {
    List<SignatureInput> signatures = List.of(new SignatureInput("M-1", "Ann Able"), new SignatureInput("M-2", "Bo Baker"));
    PetitionRequest request = new PetitionRequest("ESTABLISH", "Maker Spaces", null,
        "To share practice on library maker spaces.",
        List.of(new OrganizerInput("Rosa Díaz", "rosa@lib.example", "10 Library Way, Springfield")), signatures,
        meetingNeeds);
    List<String> found = new ArrayList<>();
    for (FieldProblem p : validator.validate(request)) {
      found.add(p.field() + ": " + p.message());
    }
    return found;
  }
}
