package org.ala.mig.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.ala.mig.common.MigProperties;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The due dates of the user tasks (mig.tasks.due.*) and the renewal window, from the deadline calendar. */
class TaskDueDatesTest {

  static final ZoneId CHICAGO = ZoneId.of("America/Chicago");
  /** Monday, November 23, 2026, 22:30 in Chicago: already November 24 in UTC. */
  static final Instant CREATED = Instant.parse("2026-11-24T04:30:00Z");

  static DeadlineCalendar calendar(Instant now, TaskDueProperties due, Period renewalWindow) {
    MigProperties properties = new MigProperties(CHICAGO, new MigProperties.Petition(100, renewalWindow), null,
        List.of(), null);
    return new DeadlineCalendar(Clock.fixed(now, ZoneOffset.UTC), properties, mock(MigRepository.class),
        migId -> Optional.empty(), due);
  }

  final DeadlineCalendar calendar = calendar(CREATED, TaskDueProperties.defaults(), Period.ofMonths(12));

  /** The end of a day in Chicago. */
  static Instant endOf(LocalDate day) {
    return day.plusDays(1).atStartOfDay(CHICAGO).toInstant().minusMillis(1);
  }

  @ParameterizedTest(name = "{0} is due {1} days after the day it is created")
  @CsvSource({
      "verifySignatures, 14", "acknowledgeNotification, 14",
      "designateStaffLiaison, 30", "reviewAnnualReport, 30", "followUpOverdueReport, 30",
      "arrangeMeetingSpace, 30", "provideSupportItem, 30", "reviewBudgetRequest, 30",
      "cooDecision, 60", "confirmDisband, 60", "decideTransition, 60", "decideRename, 60",
      "someTaskOfALaterModel, 30"})
  void eachTaskIsDueAtTheEndOfItsLastDayInChicago(String task, int days) {
    // created on November 23 in Chicago (November 24 in UTC): counted from the Chicago day
    assertThat(calendar.taskDue(task, CREATED, null)).isEqualTo(endOf(LocalDate.of(2026, 11, 23).plusDays(days)));
  }

  @Test
  void theCouncilReportIsDueTheDayBeforeTheConferenceStarts() {
    Instant due = calendar.taskDue("submitCouncilReport", CREATED, LocalDate.of(2027, 6, 24));
    assertThat(due).isEqualTo(endOf(LocalDate.of(2027, 6, 23)));
    assertThat(due).isEqualTo(Instant.parse("2027-06-24T04:59:59.999Z"));
  }

  @Test
  void theCouncilReportWithoutAConferenceCountsFromItsCreationLikeOtherTasks() {
    assertThat(calendar.taskDue("submitCouncilReport", CREATED, null)).isEqualTo(endOf(LocalDate.of(2026, 12, 23)));
  }

  @Test
  void eachPeriodIsAProperty() {
    TaskDueProperties d = TaskDueProperties.defaults();
    TaskDueProperties shorter = new TaskDueProperties(Period.ofDays(7), d.acknowledgeNotification(),
        d.designateStaffLiaison(), d.reviewAnnualReport(), d.followUpOverdueReport(), d.arrangeMeetingSpace(),
        d.provideSupportItem(), d.reviewBudgetRequest(), Period.ofMonths(1), d.confirmDisband(), d.decideTransition(),
        d.decideRename(), Period.ofDays(3), d.otherTasks());
    DeadlineCalendar custom = calendar(CREATED, shorter, Period.ofMonths(12));
    assertThat(custom.taskDue("verifySignatures", CREATED, null)).isEqualTo(endOf(LocalDate.of(2026, 11, 30)));
    assertThat(custom.taskDue("cooDecision", CREATED, null)).isEqualTo(endOf(LocalDate.of(2026, 12, 23)));
    assertThat(custom.taskDue("submitCouncilReport", CREATED, LocalDate.of(2027, 6, 24)))
        .isEqualTo(endOf(LocalDate.of(2027, 6, 21)));
    assertThatThrownBy(() -> new TaskDueProperties(Period.ofDays(-1), d.acknowledgeNotification(),
        d.designateStaffLiaison(), d.reviewAnnualReport(), d.followUpOverdueReport(), d.arrangeMeetingSpace(),
        d.provideSupportItem(), d.reviewBudgetRequest(), d.cooDecision(), d.confirmDisband(), d.decideTransition(),
        d.decideRename(), d.submitCouncilReport(), d.otherTasks())).hasMessageContaining("not negative");
  }

  @Test
  void theRenewalWindowOpensTwelveMonthsBeforeTheTermsLastDay() {
    LocalDate termEnd = LocalDate.of(2029, 8, 14);
    assertThat(calendar.renewalWindowOpens(termEnd)).isEqualTo(LocalDate.of(2028, 8, 14));
    // the day before, late in the evening in Chicago (already the 14th in UTC): still closed
    assertThat(calendar(Instant.parse("2028-08-14T04:59:59Z"), TaskDueProperties.defaults(), Period.ofMonths(12))
        .renewalWindowOpen(termEnd)).isFalse();
    // its first moment in Chicago, and the term's last day: open
    assertThat(calendar(Instant.parse("2028-08-14T05:00:00Z"), TaskDueProperties.defaults(), Period.ofMonths(12))
        .renewalWindowOpen(termEnd)).isTrue();
    assertThat(calendar(Instant.parse("2029-08-15T04:59:00Z"), TaskDueProperties.defaults(), Period.ofMonths(12))
        .renewalWindowOpen(termEnd)).isTrue();
    // a window of six months
    assertThat(calendar(CREATED, TaskDueProperties.defaults(), Period.ofMonths(6)).renewalWindowOpens(termEnd))
        .isEqualTo(LocalDate.of(2029, 2, 14));
  }
}
