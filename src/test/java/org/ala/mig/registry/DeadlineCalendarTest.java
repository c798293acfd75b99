package org.ala.mig.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.ala.mig.common.MigProperties;
import org.junit.jupiter.api.Test;

class DeadlineCalendarTest {

  static final ZoneId CHICAGO = ZoneId.of("America/Chicago");

  static final MigRepository MIGS = mock(MigRepository.class);

  static DeadlineCalendar calendarAt(Instant now) {
    MigProperties properties = new MigProperties(CHICAGO, new MigProperties.Petition(100, java.time.Period.ofMonths(12)), null, List.of(), null);
    return new DeadlineCalendar(Clock.fixed(now, ZoneOffset.UTC), properties, MIGS, migId -> Optional.empty());
  }

  final DeadlineCalendar calendar = calendarAt(Instant.parse("2026-11-23T12:00:00Z"));

  @Test
  void aTermLastsThreeYearsToTheDayBeforeTheAnniversary() {
    assertThat(calendar.termEnd(LocalDate.of(2026, 8, 15))).isEqualTo(LocalDate.of(2029, 8, 14));
  }

  @Test
  void aTermStartingOnFebruary29EndsOnFebruary28() {
    assertThat(calendar.termEnd(LocalDate.of(2028, 2, 29))).isEqualTo(LocalDate.of(2031, 2, 28));
  }

  @Test
  void aRenewalAddsThreeYearsToTheCurrentEnd() {
    assertThat(calendar.renewedTermEnd(LocalDate.of(2029, 8, 14))).isEqualTo(LocalDate.of(2032, 8, 14));
  }

  @Test
  void theReportIsDueTheNextAugustFirst() {
    assertThat(calendar.nextAnnualReportDue(LocalDate.of(2025, 1, 10), LocalDate.of(2026, 11, 23)))
        .isEqualTo(LocalDate.of(2027, 8, 1));
    assertThat(calendar.nextAnnualReportDue(LocalDate.of(2025, 1, 10), LocalDate.of(2027, 8, 1)))
        .as("due today is still due").isEqualTo(LocalDate.of(2027, 8, 1));
  }

  @Test
  void noReportIsOwedForAnAugustFirstLessThan90DaysAfterBecomingActive() {
    LocalDate activeSince = LocalDate.of(2027, 5, 10);              // 83 days before August 1
    assertThat(calendar.nextAnnualReportDue(activeSince, activeSince)).isEqualTo(LocalDate.of(2028, 8, 1));
    LocalDate earlier = LocalDate.of(2027, 5, 3);                   // exactly 90 days before
    assertThat(calendar.nextAnnualReportDue(earlier, earlier)).isEqualTo(LocalDate.of(2027, 8, 1));
  }

  @Test
  void aDueDateEndsAtMidnightInChicagoWhateverDaylightSavingSays() {
    assertThat(calendar.endOfDay(LocalDate.of(2027, 8, 1)))      // CDT, UTC-5
        .isEqualTo(Instant.parse("2027-08-02T04:59:59.999Z"));
    assertThat(calendar.endOfDay(LocalDate.of(2027, 1, 15)))     // CST, UTC-6
        .isEqualTo(Instant.parse("2027-01-16T05:59:59.999Z"));
  }

  @Test
  void renewalRemindersGoAtNineInTheMorningBeforeTheTermsLastDay() {
    when(MIGS.find("gn-comics")).thenReturn(Optional.of(mig(LocalDate.of(2026, 8, 15), LocalDate.of(2029, 8, 14))));
    assertThat(calendar.beforeTermEnd("gn-comics", 90).toInstant())       // 2029-05-16, CDT
        .isEqualTo(Instant.parse("2029-05-16T14:00:00Z"));
    assertThat(calendar.beforeTermEnd("gn-comics", 30).toInstant())
        .isEqualTo(Instant.parse("2029-07-15T14:00:00Z"));
    assertThat(calendar.termEndsAt("gn-comics").toInstant()).isEqualTo(Instant.parse("2029-08-15T04:59:59.999Z"));
  }

  @Test
  void aTermEndingOnAugustFirstRunsOutAtTheSameMomentItsReportIsDue() {
    when(MIGS.find("ends-aug-1")).thenReturn(Optional.of(mig(LocalDate.of(2024, 8, 2), LocalDate.of(2027, 8, 1))));
    assertThat(calendar.termEndsAt("ends-aug-1").toInstant()).isEqualTo(calendar.endOfDay(LocalDate.of(2027, 8, 1)));
  }

  @Test
  void reportNoticesGoAtNineInTheMorningInEitherSeason() {
    assertThat(calendar.beforeReportDue("2027-08-01", 30).toInstant()).isEqualTo(Instant.parse("2027-07-02T14:00:00Z"));
    assertThat(calendar.beforeReportDue("2027-08-01", 7).toInstant()).isEqualTo(Instant.parse("2027-07-25T14:00:00Z"));
    assertThat(calendar.overdueNoticeAt("2027-08-01").toInstant()).isEqualTo(Instant.parse("2027-08-02T14:00:00Z"));
    assertThat(calendar.beforeReportDue("2028-01-15", 7).toInstant())   // CST, UTC-6
        .isEqualTo(Instant.parse("2028-01-08T15:00:00Z"));
  }

  @Test
  void theNextReportOpensTheDayAfterTheOneNowOwedIsDue() {
    when(MIGS.find("young")).thenReturn(Optional.of(mig(LocalDate.of(2026, 11, 1), LocalDate.of(2029, 10, 31))));
    assertThat(calendar.nextReportOpensAt("young").toInstant())       // owed: 2027-08-01
        .isEqualTo(Instant.parse("2027-08-02T05:00:00Z"));
  }

  static Mig mig(LocalDate start, LocalDate end) {
    return new Mig("m", "M", MigStatus.ACTIVE, "purpose", start, end, null, null, List.of());
  }

  @Test
  void todayIsTheDateInChicagoNotInUtc() {
    DeadlineCalendar lateEvening = calendarAt(Instant.parse("2027-08-02T03:00:00Z"));
    assertThat(lateEvening.today()).isEqualTo(LocalDate.of(2027, 8, 1));
  }

  // --- reminders a late timer has overtaken -----------------------------------------------------

  static final LocalDate TERM_END = LocalDate.of(2027, 6, 30);

  @Test
  void aReminderOnItsOwnDayIsNotOvertaken() {
    DeadlineCalendar onTheDay = calendarAt(Instant.parse("2027-04-01T14:00:00Z"));   // 90 days before, 09:00 Chicago
    assertThat(onTheDay.overtaken(TERM_END, 90, List.of(90L, 30L))).isFalse();
  }

  @Test
  void theFirstReminderIsOvertakenOnceTheDayOfTheSecondHasCome() {
    DeadlineCalendar dayBefore = calendarAt(Instant.parse("2027-05-30T14:00:00Z"));  // 31 days before
    DeadlineCalendar dayOf = calendarAt(Instant.parse("2027-05-31T06:00:00Z"));      // 30 days before, 01:00 Chicago
    assertThat(dayBefore.overtaken(TERM_END, 90, List.of(90L, 30L))).isFalse();
    assertThat(dayOf.overtaken(TERM_END, 90, List.of(30L, 90L))).as("order of the list does not matter").isTrue();
  }

  @Test
  void theLastReminderIsOvertakenOnlyAfterTheDeadline() {
    DeadlineCalendar lastDay = calendarAt(Instant.parse("2027-07-01T04:00:00Z"));    // 23:00 Chicago, June 30
    DeadlineCalendar dayAfter = calendarAt(Instant.parse("2027-07-01T05:00:00Z"));   // 00:00 Chicago, July 1
    assertThat(lastDay.overtaken(TERM_END, 30, List.of(90L, 30L))).isFalse();
    assertThat(dayAfter.overtaken(TERM_END, 30, List.of(90L, 30L))).isTrue();
  }
}
