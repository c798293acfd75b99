package org.ala.mig.petition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.LocalDate;
import java.util.List;
import org.ala.mig.common.ConflictException;
import org.ala.mig.common.FieldProblem;
import org.ala.mig.common.InvalidInputException;
import org.ala.mig.registry.DeadlineCalendar;
import org.ala.mig.registry.Mig;
import org.ala.mig.registry.MigRepository;
import org.ala.mig.registry.MigStatus;
import org.ala.mig.registry.OrganizerInput;
import org.ala.mig.reporting.CooDecisionService;
import org.ala.mig.reporting.CooDecisions.Decision;
import org.ala.mig.reporting.CooDecisions.Subject;
import org.ala.mig.support.MigSpringBootTest;
import org.ala.mig.support.TestMigs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.springframework.beans.factory.annotation.Autowired;

/** Petitions from before this application: checked whole, stored closed with COO's decision, or not at all. */
@MigSpringBootTest
class EarlierPetitionServiceTest {

  @Autowired EarlierPetitionService earlier;
  @Autowired PetitionService petitions;
  @Autowired PetitionRepository store;
  @Autowired CooDecisionService decisions;
  @Autowired MigRepository migs;
  @Autowired DeadlineCalendar calendar;

  static final List<OrganizerInput> ORGANIZERS = List.of(new OrganizerInput("Ana", "ana@lib.example", "1 Main St"));

  /** An active MIG in its current term since a year ago, active since seven years ago. */
  private Mig managed(String name) {
    LocalDate today = calendar.today();
    Mig m = TestMigs.active(name);
    Mig mig = new Mig(m.id(), m.name(), MigStatus.ACTIVE, m.statementOfPurpose(), today.minusYears(1),
        calendar.termEnd(today.minusYears(1)), m.staffLiaison(), null, m.organizers());
    migs.insert(mig, today.minusYears(7));
    return mig;
  }

  @Test
  void badInputIsNamedFieldByFieldAndNothingIsStored() {
    Mig mig = managed("Earlier petitions");
    LocalDate today = calendar.today();
    assertThat(fields(() -> earlier.recordEarlierPetition(new EarlierPetition(" ", "GROW", null, List.of(), 12,
        null, null, null, null))))
        .containsExactly("migId", "kind", "organizers", "validSignatures", "receivedOn", "decidedOn", "approved");
    assertThat(fields(() -> earlier.recordEarlierPetition(new EarlierPetition("no-such-mig", "RENEW", null, ORGANIZERS,
        120, today, today.plusDays(1), true, null))))
        .containsExactly("migId", "receivedOn", "decidedOn");
    assertThat(fields(() -> earlier.recordEarlierPetition(new EarlierPetition(mig.id(), "RENEW", null, ORGANIZERS,
        120, today.minusYears(2), today.minusYears(2).minusDays(1), true, null))))
        .as("decided before it was received").containsExactly("decidedOn");
    assertThat(fields(() -> earlier.recordEarlierPetition(new EarlierPetition(mig.id(), "RENEW", null, ORGANIZERS,
        120, today.minusYears(2), today.minusYears(2).plusDays(30), false, "  "))))
        .as("a refusal says why").containsExactly("rationale");
    assertThat(fields(() -> earlier.recordEarlierPetition(new EarlierPetition(mig.id(), "ESTABLISH", null, ORGANIZERS,
        120, today.minusYears(9), today.minusYears(8), true, null))))
        .as("approved on a day the MIG's history has it not yet active").containsExactly("decidedOn");
    assertThat(petitions.forMig(mig.id())).as("nothing stored").isEmpty();
    assertThat(decisions.forMig(mig.id())).isEmpty();
  }

  @Test
  void aRecordedPetitionIsClosedAsDecidedWithCoosDecision() {
    Mig mig = managed("Earlier renewal");
    LocalDate today = calendar.today();
    LocalDate received = today.minusYears(1).minusWeeks(9);
    LocalDate decided = today.minusYears(1).minusWeeks(3);

    String id = earlier.recordEarlierPetition(new EarlierPetition(mig.id(), "RENEW", "Its Old Name", ORGANIZERS, 131,
        received, decided, true, null));

    Petition p = petitions.get(id);
    assertThat(p.status()).isEqualTo("APPROVED");
    assertThat(p.kind()).isEqualTo(PetitionKind.RENEW);
    assertThat(p.migName()).isEqualTo("Its Old Name");
    assertThat(calendar.dateOf(p.submittedAt())).isEqualTo(received);
    assertThat(calendar.dateOf(p.decidedAt())).isEqualTo(decided);
    assertThat(p.validSignatureCount()).isEqualTo(131);
    assertThat(store.hasOpenPetition(mig.id())).isFalse();
    assertThat(store.hasUndecidedRenewal(mig.id())).as("its years were added then").isFalse();
    assertThat(store.organizers(id)).extracting(o -> o.email()).containsExactly("ana@lib.example");
    List<Decision> recorded = decisions.forMig(mig.id());
    assertThat(recorded).singleElement().satisfies(d -> {
      assertThat(d.petitionId()).isEqualTo(id);
      assertThat(d.subject()).isEqualTo(Subject.RENEW);
      assertThat(d.approved()).isTrue();
      assertThat(d.decidedOn()).isEqualTo(decided);
    });
    assertThatThrownBy(() -> earlier.recordEarlierPetition(new EarlierPetition(mig.id(), "RENEW", null, ORGANIZERS,
        131, received, decided, true, null))).isInstanceOf(ConflictException.class);
    assertThat(decisions.forMig(mig.id())).hasSize(1);
  }

  static List<String> fields(Executable call) {
    InvalidInputException refused = catchThrowableOfType(InvalidInputException.class, () -> call.execute());
    assertThat(refused).as("refused").isNotNull();
    return refused.errors().stream().map(FieldProblem::field).toList();
  }
}
