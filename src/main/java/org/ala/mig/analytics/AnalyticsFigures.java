package org.ala.mig.analytics;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.ala.mig.analytics.AnalyticsRepository.Change;
import org.ala.mig.analytics.AnalyticsRepository.Decided;
import org.ala.mig.analytics.AnalyticsRepository.Report;
import org.ala.mig.analytics.CouncilAnalytics.DaysToDecision;
import org.ala.mig.analytics.CouncilAnalytics.Outcomes;
import org.ala.mig.analytics.CouncilAnalytics.YearCount;
import org.ala.mig.analytics.CouncilAnalytics.YearDays;
import org.ala.mig.analytics.CouncilAnalytics.YearReports;

/**
 * Council's figures from the rows the repository reads: plain computation, with no database or
 * engine, so that each rule can be tested on its own.
 *
 * <p>A MIG's standing is a timeline of days. Each change, in the order it was recorded, says how
 * the MIG stands from its day on: it replaces whatever the timeline said from a later day (a term
 * that ran out is disbanded as of its last day, even when that is recorded after the MIG was
 * marked renewal pending). A status holds from its day to the next change's day, both days
 * included: a MIG disbanded on its term's last day was active on that day.
 */
final class AnalyticsFigures {

  static final Set<String> ACTIVE = Set.of("ACTIVE", "RENEWAL_PENDING");

  private final LocalDate today;
  private final ZoneId zone;
  private final Function<LocalDate, Instant> endOfDay;
  /** By MIG: the segments of its timeline, each (first day, status), in day order. */
  private final Map<String, List<Segment>> timelines = new TreeMap<>();

  record Segment(LocalDate from, String status) {}

  /** An interval of days, both included, in which a MIG was active. */
  record Active(LocalDate from, LocalDate to) {
    boolean contains(LocalDate day) {
      return !day.isBefore(from) && !day.isAfter(to);
    }
  }

  /**
   * @param today the day the figures are for (mig.time-zone)
   * @param endOfDay when a due date ends (the deadline calendar's rule)
   */
  AnalyticsFigures(LocalDate today, ZoneId zone, Function<LocalDate, Instant> endOfDay) {
    this.today = today;
    this.zone = zone;
    this.endOfDay = endOfDay;
  }

  /** One change, in the order the MIG's changes were recorded. */
  void add(Change change) {
    List<Segment> timeline = timelines.computeIfAbsent(change.migId(), id -> new ArrayList<>());
    timeline.removeIf(segment -> segment.from().isAfter(change.effectiveOn()));
    timeline.add(new Segment(change.effectiveOn(), change.status()));
  }

  /** The days, up to today, on which the MIG was ACTIVE or RENEWAL_PENDING. */
  List<Active> activeDays(String migId) {
    List<Segment> timeline = timelines.getOrDefault(migId, List.of());
    List<Active> active = new ArrayList<>();
    for (int i = 0; i < timeline.size(); i++) {
      Segment segment = timeline.get(i);
      if (!ACTIVE.contains(segment.status()) || segment.from().isAfter(today)) {
        continue;
      }
      LocalDate to = i + 1 < timeline.size() ? timeline.get(i + 1).from() : today;
      active.add(new Active(segment.from(), to.isAfter(today) ? today : to));
    }
    return active;
  }

  List<YearCount> activeMigsByYear() {
    TreeMap<Integer, Integer> counts = new TreeMap<>();
    for (String migId : timelines.keySet()) {
      Set<Integer> years = new java.util.TreeSet<>();
      for (Active interval : activeDays(migId)) {
        for (int year = interval.from().getYear(); year <= interval.to().getYear(); year++) {
          years.add(year);
        }
      }
      years.forEach(year -> counts.merge(year, 1, Integer::sum));
    }
    if (counts.isEmpty()) {
      return List.of();
    }
    List<YearCount> byYear = new ArrayList<>();
    for (int year = counts.firstKey(); year <= today.getYear(); year++) {
      byYear.add(new YearCount(year, counts.getOrDefault(year, 0)));
    }
    return byYear;
  }

  /** Whole days in mig.time-zone from the day a petition was received to the day COO decided it. */
  long days(Decided petition) {
    long days = ChronoUnit.DAYS.between(LocalDate.ofInstant(petition.receivedAt(), zone),
        LocalDate.ofInstant(petition.decidedAt(), zone));
    return Math.max(0, days);
  }

  DaysToDecision daysToDecision(List<Decided> petitions) {
    if (petitions.isEmpty()) {
      return null;
    }
    long[] days = petitions.stream().mapToLong(this::days).sorted().toArray();
    return new DaysToDecision(median(days), p90(days));
  }

  List<YearDays> daysToDecisionByYear(List<Decided> petitions) {
    TreeMap<Integer, List<Decided>> byYear = new TreeMap<>();
    for (Decided petition : petitions) {
      byYear.computeIfAbsent(LocalDate.ofInstant(petition.decidedAt(), zone).getYear(), y -> new ArrayList<>())
          .add(petition);
    }
    List<YearDays> years = new ArrayList<>();
    byYear.forEach((year, decided) -> {
      long[] days = decided.stream().mapToLong(this::days).sorted().toArray();
      years.add(new YearDays(year, days.length, median(days), p90(days)));
    });
    return years;
  }

  /** The middle value; for an even count, halfway between the two middle ones. */
  static double median(long[] sorted) {
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
  }

  /** The 90th percentile by nearest rank: the smallest value that at least 90% of the values do not exceed. */
  static int p90(long[] sorted) {
    int rank = (int) Math.ceil(0.9 * sorted.length);
    return (int) sorted[Math.max(rank, 1) - 1];
  }

  /**
   * By due year. On time: first received by the end of its due date; late: after it; missing:
   * never received, its due date over, and the MIG active on that day (a report cancelled because
   * the MIG had ended before it fell due is not missing). A report still to come is not counted.
   */
  List<YearReports> reportsOnTime(List<Report> reports) {
    TreeMap<Integer, int[]> byYear = new TreeMap<>();
    for (Report report : reports) {
      int column;
      if (report.firstReceivedAt() != null) {
        column = report.firstReceivedAt().isAfter(endOfDay.apply(report.dueDate())) ? 1 : 0;
      } else if (report.dueDate().isBefore(today)
          && activeDays(report.migId()).stream().anyMatch(a -> a.contains(report.dueDate()))) {
        column = 2;
      } else {
        continue;
      }
      byYear.computeIfAbsent(report.dueDate().getYear(), y -> new int[3])[column]++;
    }
    if (byYear.isEmpty()) {
      return List.of();
    }
    List<YearReports> years = new ArrayList<>();
    for (int year = byYear.firstKey(); year <= byYear.lastKey(); year++) {
      int[] n = byYear.getOrDefault(year, new int[3]);
      years.add(new YearReports(year, n[0], n[1], n[2]));
    }
    return years;
  }

  static Outcomes outcomes(Map<String, Integer> events) {
    return new Outcomes(events.getOrDefault("ESTABLISHED", 0), events.getOrDefault("RENEWED", 0),
        events.getOrDefault("DISBANDED", 0), events.getOrDefault("TRANSITIONED", 0),
        events.getOrDefault("NOT_ESTABLISHED", 0));
  }
}
