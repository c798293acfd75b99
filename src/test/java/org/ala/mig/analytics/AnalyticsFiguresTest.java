package org.ala.mig.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.ala.mig.analytics.AnalyticsRepository.Change;
import org.ala.mig.analytics.AnalyticsRepository.Decided;
import org.ala.mig.analytics.AnalyticsRepository.Report;
import org.ala.mig.analytics.CouncilAnalytics.YearCount;
import org.ala.mig.analytics.CouncilAnalytics.YearReports;
import org.junit.jupiter.api.Test;

/** The rules of Council's figures, one at a time, without a database or an engine. */
class AnalyticsFiguresTest {

  static final ZoneId CHICAGO = ZoneId.of("America/Chicago");
  static final LocalDate TODAY = LocalDate.of(2030, 3, 15);

  final AnalyticsFigures figures = new AnalyticsFigures(TODAY, CHICAGO,
      day -> day.plusDays(1).atStartOfDay(CHICAGO).toInstant().minusMillis(1));

  static Change change(String mig, String event, String status, String day) {
    return new Change(mig, event, status, LocalDate.parse(day));
  }

  @Test
  void aMigCountsInEveryYearItWasActiveOnAnyDayOfBothEndsIncluded() {
    // active from the last day of 2026, disbanded on the first day of 2029 (its term's last day)
    figures.add(change("a", "ESTABLISHED", "ACTIVE", "2026-12-31"));
    figures.add(change("a", "DISBANDED", "DISBANDED", "2029-01-01"));
    // petitioned in 2027, never established: never counts
    figures.add(change("b", "PETITIONED", "PETITIONED", "2027-03-01"));
    figures.add(change("b", "NOT_ESTABLISHED", "NOT_ESTABLISHED", "2027-04-01"));

    assertThat(figures.activeMigsByYear()).containsExactly(new YearCount(2026, 1), new YearCount(2027, 1),
        new YearCount(2028, 1), new YearCount(2029, 1), new YearCount(2030, 0));
  }

  @Test
  void renewalPendingCountsAsActiveAndAYearWithoutAnyMigIsListedAsZero() {
    figures.add(change("a", "ESTABLISHED", "ACTIVE", "2021-05-01"));
    figures.add(change("a", "DISBANDED", "DISBANDED", "2022-06-30"));
    figures.add(change("c", "ESTABLISHED", "ACTIVE", "2025-01-10"));
    figures.add(change("c", "RENEWAL_PENDING", "RENEWAL_PENDING", "2028-01-11"));
    figures.add(change("c", "RENEWED", "ACTIVE", "2028-02-01"));

    assertThat(figures.activeMigsByYear()).extracting(YearCount::count)
        .containsExactly(1, 1, 0, 0, 1, 1, 1, 1, 1, 1);   // 2021 .. 2030
  }

  @Test
  void anEndRecordedLaterButDatedEarlierReplacesWhatTheTimelineSaidAfterIt() {
    // marked renewal pending after the term ran out, then disbanded as of the term's last day
    figures.add(change("a", "ESTABLISHED", "ACTIVE", "2025-01-10"));
    figures.add(change("a", "RENEWAL_PENDING", "RENEWAL_PENDING", "2028-01-11"));
    figures.add(change("a", "DISBANDED", "DISBANDED", "2028-01-10"));

    assertThat(figures.activeDays("a")).containsExactly(
        new AnalyticsFigures.Active(LocalDate.of(2025, 1, 10), LocalDate.of(2028, 1, 10)));
    assertThat(figures.activeMigsByYear()).extracting(YearCount::count).containsExactly(1, 1, 1, 1, 0, 0);
  }

  @Test
  void aMigReestablishedAfterItEndedIsActiveAgainFromItsNewStart() {
    figures.add(change("a", "ESTABLISHED", "ACTIVE", "2020-02-01"));
    figures.add(change("a", "DISBANDED", "DISBANDED", "2021-03-01"));
    figures.add(change("a", "PETITIONED", "PETITIONED", "2024-09-01"));
    figures.add(change("a", "ESTABLISHED", "ACTIVE", "2024-10-01"));

    assertThat(figures.activeMigsByYear()).extracting(YearCount::count)
        .containsExactly(1, 1, 0, 0, 1, 1, 1, 1, 1, 1, 1);   // 2020 .. 2030
  }

  @Test
  void nothingActiveYetGivesNoYears() {
    figures.add(change("b", "PETITIONED", "PETITIONED", "2030-03-01"));
    assertThat(figures.activeMigsByYear()).isEmpty();
  }

  @Test
  void daysToDecisionAreWholeChicagoDaysWithTheMedianAndTheNearestRank90thPercentile() {
    // received late in the evening in Chicago (already the next day in UTC), decided 3 days later
    Decided threeDays = new Decided(Instant.parse("2027-03-02T04:30:00Z"), Instant.parse("2027-03-04T15:00:00Z"));
    assertThat(figures.days(threeDays)).isEqualTo(3);

    List<Decided> petitions = List.of(threeDays, decided(10, 2027), decided(20, 2027), decided(40, 2028));
    var overall = figures.daysToDecision(petitions);
    assertThat(overall.median()).isEqualTo(15.0);   // between 10 and 20
    assertThat(overall.p90()).isEqualTo(40);        // rank ceil(0.9 * 4) = 4
    assertThat(figures.daysToDecisionByYear(petitions)).containsExactly(
        new CouncilAnalytics.YearDays(2027, 3, 10.0, 20), new CouncilAnalytics.YearDays(2028, 1, 40.0, 40));
    assertThat(figures.daysToDecision(List.of())).isNull();
  }

  @Test
  void theNearestRankPercentileOfTenValuesIsTheNinth() {
    assertThat(AnalyticsFigures.p90(new long[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 100})).isEqualTo(9);
    assertThat(AnalyticsFigures.p90(new long[] {7})).isEqualTo(7);
    assertThat(AnalyticsFigures.median(new long[] {1, 2, 100})).isEqualTo(2.0);
  }

  static Decided decided(int days, int year) {
    Instant received = LocalDate.of(year, 5, 1).atTime(12, 0).atZone(CHICAGO).toInstant();
    return new Decided(received, received.plus(java.time.Duration.ofDays(days)));
  }

  @Test
  void reportsAreOnTimeToTheEndOfTheirDueDayLateAfterAndMissingOnlyWhenOwed() {
    figures.add(change("a", "ESTABLISHED", "ACTIVE", "2026-01-10"));
    figures.add(change("b", "ESTABLISHED", "ACTIVE", "2026-01-10"));
    figures.add(change("b", "TRANSITIONED", "TRANSITIONED", "2027-06-15"));
    List<Report> reports = List.of(
        // 23:59 on August 1 in Chicago is still on time; a minute past midnight is late
        new Report("a", LocalDate.of(2026, 8, 1), Instant.parse("2026-08-02T04:59:00Z")),
        new Report("b", LocalDate.of(2026, 8, 1), Instant.parse("2026-08-02T05:01:00Z")),
        // never received while the MIG was active on its due day: missing
        new Report("a", LocalDate.of(2027, 8, 1), null),
        // the MIG had moved on before it fell due: not owed, not counted
        new Report("b", LocalDate.of(2027, 8, 1), null),
        // not due yet (today is 2030-03-15): not counted, nor its year
        new Report("a", LocalDate.of(2030, 8, 1), null),
        new Report("a", LocalDate.of(2029, 8, 1), Instant.parse("2029-07-01T15:00:00Z")));

    assertThat(figures.reportsOnTime(reports)).containsExactly(
        new YearReports(2026, 1, 1, 0), new YearReports(2027, 0, 0, 1), new YearReports(2028, 0, 0, 0),
        new YearReports(2029, 1, 0, 0));
  }

  @Test
  void outcomesCountEveryEventOfTheirKind() {
    var outcomes = AnalyticsFigures.outcomes(Map.of("ESTABLISHED", 4, "RENEWED", 6, "DISBANDED", 2,
        "TRANSITIONED", 1, "NOT_ESTABLISHED", 3, "PETITIONED", 9, "RENEWAL_PENDING", 2));
    assertThat(outcomes).isEqualTo(new CouncilAnalytics.Outcomes(4, 6, 2, 1, 3));
    assertThat(AnalyticsFigures.outcomes(Map.of())).isEqualTo(new CouncilAnalytics.Outcomes(0, 0, 0, 0, 0));
  }
}
