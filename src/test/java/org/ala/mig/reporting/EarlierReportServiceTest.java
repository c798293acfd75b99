package org.ala.mig.reporting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.LocalDate;
import java.time.Month;
import java.util.List;
import org.ala.mig.common.ConflictException;
import org.ala.mig.common.FieldProblem;
import org.ala.mig.common.InvalidInputException;
import org.ala.mig.common.NotFoundException;
import org.ala.mig.registry.DeadlineCalendar;
import org.ala.mig.registry.Mig;
import org.ala.mig.registry.MigRepository;
import org.ala.mig.registry.MigStatus;
import org.ala.mig.support.MigSpringBootTest;
import org.ala.mig.support.TestMigs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.springframework.beans.factory.annotation.Autowired;

/** Yearly reports from before this application: checked whole, stored closed, or not at all. */
@MigSpringBootTest
class EarlierReportServiceTest {

  @Autowired EarlierReportService earlier;
  @Autowired AnnualReportService reports;
  @Autowired AnnualReportRepository store;
  @Autowired MigRepository migs;
  @Autowired DeadlineCalendar calendar;

  /** A MIG active since seven years ago, in its current term since a year ago; ended {@code endedOn} when given. */
  private Mig mig(String name, LocalDate endedOn) {
    LocalDate today = calendar.today();
    Mig m = TestMigs.active(name);
    Mig mig = new Mig(m.id(), m.name(), MigStatus.ACTIVE, m.statementOfPurpose(), today.minusYears(1),
        calendar.termEnd(today.minusYears(1)), m.staffLiaison(), null, m.organizers());
    migs.insert(mig, today.minusYears(7));
    if (endedOn != null) {
      migs.end(mig.id(), MigStatus.DISBANDED, "REQUESTED", null, endedOn);
    }
    return mig;
  }

  private int lastPastYear() {
    LocalDate today = calendar.today();
    return LocalDate.of(today.getYear(), Month.AUGUST, 1).isBefore(today) ? today.getYear() : today.getYear() - 1;
  }

  @Test
  void badInputIsNamedFieldByFieldAndNothingIsStored() {
    Mig mig = mig("Earlier reports", null);
    int year = lastPastYear() - 2;
    assertThat(fields(() -> earlier.recordEarlierReport(mig.id(), null, null, null)))
        .as("a living MIG's report arrived").containsExactly("year", "receivedOn");
    assertThat(fields(() -> earlier.recordEarlierReport(mig.id(), lastPastYear() + 1, calendar.today(), " ")))
        .containsExactly("year", "receivedOn", "activities");
    assertThat(fields(() -> earlier.recordEarlierReport(mig.id(), year - 6, LocalDate.of(year - 6, 7, 20), "Met.")))
        .as("due before the MIG became active").containsExactly("year");
    assertThat(fields(() -> earlier.recordEarlierReport(mig.id(), year, LocalDate.of(year - 1, 7, 20), "Met.")))
        .as("received before the year's report was owed").containsExactly("receivedOn");
    assertThat(fields(() -> earlier.recordEarlierReport(mig.id(), year, null, "Met.")))
        .containsExactly("receivedOn");
    assertThat(fields(() -> earlier.recordEarlierReport(mig.id(), year, LocalDate.of(year, 7, 20), "x".repeat(20_001))))
        .containsExactly("activities");
    assertThat(reports.forMig(mig.id())).as("nothing stored").isEmpty();
    assertThatThrownBy(() -> earlier.recordEarlierReport("no-such-mig", year, LocalDate.of(year, 7, 20), "Met."))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void reportsArriveOnTimeOrLateAndAnEndedMigsMayNeverHaveSentOne() {
    int year = lastPastYear() - 3;
    Mig mig = mig("Ended reports", LocalDate.of(year + 1, 9, 1));

    AnnualReport onTime = earlier.recordEarlierReport(mig.id(), year - 1, LocalDate.of(year - 1, 8, 1), "Met twice.");
    AnnualReport late = earlier.recordEarlierReport(mig.id(), year, LocalDate.of(year, 8, 2), "Met once.");
    AnnualReport missing = earlier.recordEarlierReport(mig.id(), year + 1, null, null);

    assertThat(onTime.late()).isFalse();
    assertThat(onTime.status()).isEqualTo("ACCEPTED");
    assertThat(onTime.dueDate()).isEqualTo(LocalDate.of(year - 1, 8, 1));
    assertThat(calendar.dateOf(onTime.openedAt())).isEqualTo(LocalDate.of(year - 2, 8, 2));
    assertThat(late.late()).isTrue();
    assertThat(store.rounds(late.id())).singleElement().satisfies(r -> assertThat(r.accepted()).isTrue());
    assertThat(missing.status()).isEqualTo("CANCELLED");
    assertThat(missing.submittedAt()).isNull();
    assertThat(fields(() -> earlier.recordEarlierReport(mig.id(), year + 2, LocalDate.of(year + 2, 7, 1), "Met.")))
        .as("after the MIG ended").containsExactly("year");
    assertThatThrownBy(() -> earlier.recordEarlierReport(mig.id(), year, LocalDate.of(year, 7, 2), "Again."))
        .isInstanceOf(ConflictException.class);
    assertThat(reports.forMig(mig.id())).hasSize(3);
  }

  @Test
  void theRoundsOfEveryReportOfAMigAreReadTogetherEachReportWithItsOwn() {
    int year = lastPastYear() - 3;
    Mig mig = mig("Rounds of reports", LocalDate.of(year + 1, 9, 1));
    Mig other = mig("Rounds of another MIG", null);
    AnnualReport first = earlier.recordEarlierReport(mig.id(), year - 1, LocalDate.of(year - 1, 7, 20), "Met twice.");
    AnnualReport second = earlier.recordEarlierReport(mig.id(), year, LocalDate.of(year, 7, 21), "Met once.");
    AnnualReport never = earlier.recordEarlierReport(mig.id(), year + 1, null, null);
    AnnualReport returned = earlier.recordEarlierReport(other.id(), year, LocalDate.of(year, 7, 22), "Met online.");
    // a second round of the first report, as after COO returned it
    store.addRound(first.id(), "Met twice, with attendance.", calendar.startOfDay(LocalDate.of(year - 1, 9, 1)),
        "organizer", true);

    var byReport = store.roundsOfMig(mig.id());
    assertThat(byReport).as("a report with no round has no entry; another MIG's reports are not there")
        .containsOnlyKeys(first.id(), second.id());
    assertThat(byReport.get(first.id())).extracting(AnnualReportRound::round).containsExactly(1, 2);
    assertThat(byReport.get(first.id())).isEqualTo(store.rounds(first.id()));
    assertThat(byReport.get(second.id())).isEqualTo(store.rounds(second.id()));
    assertThat(store.roundsOfMig(other.id())).containsOnlyKeys(returned.id());

    assertThat(reports.withRounds(mig.id())).as("each report of the MIG, in order, with its own rounds")
        .extracting(r -> r.report().id(), r -> r.rounds().size())
        .containsExactly(org.assertj.core.groups.Tuple.tuple(first.id(), 2), org.assertj.core.groups.Tuple.tuple(second.id(), 1),
            org.assertj.core.groups.Tuple.tuple(never.id(), 0));
    assertThat(reports.withRounds(mig.id()).get(0).rounds().get(1).activities()).isEqualTo("Met twice, with attendance.");
    assertThat(reports.withRounds(mig.id(), reports.forMig(mig.id()))).as("the reports a page has read, with their rounds")
        .isEqualTo(reports.withRounds(mig.id()));
    assertThat(reports.withRounds(mig.id(), List.of(second))).singleElement()
        .satisfies(r -> assertThat(r.rounds()).isEqualTo(store.rounds(second.id())));
  }

  static List<String> fields(Executable call) {
    InvalidInputException refused = catchThrowableOfType(InvalidInputException.class, () -> call.execute());
    assertThat(refused).as("refused").isNotNull();
    return refused.errors().stream().map(FieldProblem::field).toList();
  }
}
