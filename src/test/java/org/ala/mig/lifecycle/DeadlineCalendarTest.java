package org.ala.mig.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.ala.mig.MigProperties;
import org.junit.jupiter.api.Test;

class DeadlineCalendarTest {

  static final ZoneId CHICAGO = ZoneId.of("America/Chicago");

  static DeadlineCalendar calendarAt(Instant now) {
    MigProperties properties = new MigProperties(CHICAGO, new MigProperties.Petition(100), null, List.of(), null);
    return new DeadlineCalendar(Clock.fixed(now, ZoneOffset.UTC), properties);
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
  void todayIsTheDateInChicagoNotInUtc() {
    DeadlineCalendar lateEvening = calendarAt(Instant.parse("2027-08-02T03:00:00Z"));
    assertThat(lateEvening.today()).isEqualTo(LocalDate.of(2027, 8, 1));
  }
}
