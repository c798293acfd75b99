package org.ala.mig.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.ala.mig.common.ConflictException;
import org.ala.mig.common.FieldProblem;
import org.ala.mig.common.InvalidInputException;
import org.ala.mig.common.NotFoundException;
import org.ala.mig.registry.DeadlineCalendar;
import org.ala.mig.registry.Mig;
import org.ala.mig.registry.MigRepository;
import org.ala.mig.registry.MigRepository.HistoryEntry;
import org.ala.mig.registry.MigStatus;
import org.ala.mig.registry.OrganizerInput;
import org.ala.mig.registry.StaffLiaison;
import org.ala.mig.support.MigSpringBootTest;
import org.ala.mig.support.TestMigs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.springframework.beans.factory.annotation.Autowired;

/** History from before this application: each call checks all its input, names the fields in error, stores all or nothing. */
@MigSpringBootTest
class EarlierStandingServiceTest {

  @Autowired EarlierStandingService earlier;
  @Autowired MigRepository migs;
  @Autowired DeadlineCalendar calendar;

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
  void earlierRenewalsAreDaysBetweenTheFirstActiveDayAndTheCurrentTerm() {
    Mig mig = managed("Renewals");
    LocalDate today = calendar.today();
    List<HistoryEntry> before = migs.history(mig.id());

    assertThat(fields(() -> earlier.recordEarlierRenewals(mig.id(), List.of())))
        .containsExactly("renewedOn");
    List<LocalDate> bad = new ArrayList<>();
    bad.add(today.minusYears(4));
    bad.add(today.minusYears(5));      // out of order
    bad.add(null);
    bad.add(today.minusYears(9));      // before it became active
    bad.add(today.plusDays(3));        // after the current term started
    assertThat(fields(() -> earlier.recordEarlierRenewals(mig.id(), bad)))
        .containsExactly("renewedOn[1]", "renewedOn[2]", "renewedOn[3]", "renewedOn[4]");
    assertThat(migs.history(mig.id())).as("nothing stored").isEqualTo(before);
    assertThatThrownBy(() -> earlier.recordEarlierRenewals("no-such-mig", List.of(today.minusYears(2))))
        .isInstanceOf(NotFoundException.class);

    earlier.recordEarlierRenewals(mig.id(), List.of(today.minusYears(4).minusWeeks(3), today.minusYears(1).minusWeeks(2)));
    assertThat(migs.history(mig.id())).extracting(HistoryEntry::event)
        .containsExactly("ESTABLISHED", "RENEWED", "RENEWED");
    assertThat(fields(() -> earlier.recordEarlierRenewals(mig.id(), List.of(today.minusYears(1).minusWeeks(2)))))
        .as("recorded already").containsExactly("renewedOn[0]");
  }

  @Test
  void anEarlierRenameNamesAFormerNameOnAPastDayWhileActive() {
    Mig mig = managed("Rename");
    LocalDate today = calendar.today();
    assertThat(fields(() -> earlier.recordEarlierRename(mig.id(), " ", today)))
        .containsExactly("formerName", "renamedOn");
    assertThat(fields(() -> earlier.recordEarlierRename(mig.id(), mig.name().toUpperCase(), today.minusYears(8))))
        .containsExactly("formerName", "renamedOn");
    assertThat(fields(() -> earlier.recordEarlierRename(mig.id(), "Old\nName", null)))
        .containsExactly("formerName", "renamedOn");
    assertThat(migs.formerNames(mig.id())).as("nothing stored").isEmpty();

    earlier.recordEarlierRename(mig.id(), "Old Name", today.minusYears(2));
    assertThat(migs.formerNames(mig.id())).containsExactly("Old Name");
    assertThat(migs.get(mig.id()).name()).isEqualTo(mig.name());
    assertThat(fields(() -> earlier.recordEarlierRename(mig.id(), "old name", today.minusYears(1))))
        .as("a former name already").containsExactly("formerName");
  }

  @Test
  void anEndedMigIsCheckedWholeAndStoredWithItsHistory() {
    LocalDate today = calendar.today();
    String name = "Ended " + java.util.UUID.randomUUID().toString().substring(0, 8);
    List<OrganizerInput> organizers = List.of(new OrganizerInput("Ana", "ana@lib.example", "1 Main St"));

    assertThat(fields(() -> earlier.recordEndedMig(new EarlierMig(" ", null, new StaffLiaison("X", "not-an-email"),
        List.of(), null, null, null, "ACTIVE", today, null, null))))
        .containsExactly("name", "statementOfPurpose", "staffLiaison.email", "organizers", "outcome", "petitionedOn",
            "endedOn");
    LocalDate established = today.minusYears(8);
    assertThat(fields(() -> earlier.recordEndedMig(new EarlierMig(name, "To do things.", null, organizers,
        established.minusWeeks(6), established, List.of(), "DISBANDED", established.plusYears(2), "NOT_RENEWED", null))))
        .as("not renewed: ends on its term's last day").containsExactly("endedOn");
    assertThat(fields(() -> earlier.recordEndedMig(new EarlierMig(name, "To do things.", null, organizers,
        established.minusWeeks(6), established, List.of(established.minusDays(1)), "TRANSITIONED",
        established.plusYears(2), null, " "))))
        .containsExactly("renewedOn[0]", "transitionedTo");
    assertThat(fields(() -> earlier.recordEndedMig(new EarlierMig(name, "To do things.", null, organizers,
        established, established, List.of(), "NOT_ESTABLISHED", established.minusDays(1), null, null))))
        .containsExactly("establishedOn", "endedOn");
    assertThat(fields(() -> earlier.recordEndedMig(new EarlierMig(name, "To do things.", null, organizers,
        established.minusWeeks(6), established, List.of(), "DISBANDED", established.plusYears(1), "BORED", null))))
        .containsExactly("disbandReason");
    assertThat(migs.find(org.ala.mig.registry.MigIds.slug(name))).as("nothing stored").isEmpty();

    Mig ended = earlier.recordEndedMig(new EarlierMig(name, "To do things.", null, organizers,
        established.minusWeeks(6), established, List.of(calendar.termEnd(established).minusWeeks(4)), "DISBANDED",
        calendar.renewedTermEnd(calendar.termEnd(established)), "NOT_RENEWED", null));
    assertThat(migs.get(ended.id()).status()).isEqualTo(MigStatus.DISBANDED);
    assertThat(migs.get(ended.id()).termEnd()).isEqualTo(calendar.renewedTermEnd(calendar.termEnd(established)));
    assertThat(migs.activeSince(ended.id())).contains(established);
    assertThat(migs.history(ended.id())).extracting(HistoryEntry::event)
        .containsExactly("PETITIONED", "ESTABLISHED", "RENEWED", "DISBANDED");
    assertThatThrownBy(() -> earlier.recordEndedMig(new EarlierMig(name, "To do things.", null, organizers,
        established.minusWeeks(6), null, List.of(), "NOT_ESTABLISHED", established, null, null)))
        .isInstanceOf(ConflictException.class);
  }

  static List<String> fields(Executable call) {
    InvalidInputException refused = catchThrowableOfType(InvalidInputException.class, () -> call.execute());
    assertThat(refused).as("refused").isNotNull();
    return refused.errors().stream().map(FieldProblem::field).toList();
  }
}
