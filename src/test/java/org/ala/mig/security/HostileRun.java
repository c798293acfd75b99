package org.ala.mig.security;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What the hostile-input tests share: the row counts that must not move when a body is refused,
 * a tally of the answers per endpoint (printed at the end of each class, and kept for the report),
 * and failures collected per endpoint so that one run shows them all, each with the seed and the
 * body that caused it.
 */
final class HostileRun {

  /** Tables a refused request must leave as they were: the application's and the engine's. */
  static final List<String> TABLES = List.of("petition", "petition_organizer", "petition_signature", "mig",
      "mig_organizer", "annual_report", "member", "mail_outbox", "coo_decision", "council_report",
      "ACT_RU_EXECUTION", "ACT_RU_TASK", "ACT_RU_VARIABLE", "ACT_RU_JOB", "ACT_HI_PROCINST", "ACT_HI_TASKINST");

  private static final String COUNT_SQL = "select " + String.join(", ",
      TABLES.stream().map(t -> "(select count(*) from " + t + ")").toList());

  /** Answers seen, per endpoint and status. */
  static final Map<String, Map<Integer, Integer>> STATUSES = new TreeMap<>();

  private final String endpoint;
  private final long seed;
  private final List<String> failures = new ArrayList<>();
  private int sent;

  HostileRun(String endpoint, long seed) {
    this.endpoint = endpoint;
    this.seed = seed;
  }

  static Map<String, Long> counts(JdbcTemplate jdbc) {
    return jdbc.queryForObject(COUNT_SQL, (rs, n) -> {
      Map<String, Long> counts = new LinkedHashMap<>();
      for (int i = 0; i < TABLES.size(); i++) {
        counts.put(TABLES.get(i), rs.getLong(i + 1));
      }
      return counts;
    });
  }

  /** Which counts moved between two snapshots, as "table: before → after". */
  static List<String> moved(Map<String, Long> before, Map<String, Long> after) {
    List<String> moved = new ArrayList<>();
    before.forEach((table, count) -> {
      if (!count.equals(after.get(table))) {
        moved.add(table + ": " + count + " → " + after.get(table));
      }
    });
    return moved;
  }

  void answered(int status) {
    sent++;
    synchronized (STATUSES) {
      STATUSES.computeIfAbsent(endpoint, e -> new TreeMap<>()).merge(status, 1, Integer::sum);
    }
  }

  int sent() {
    return sent;
  }

  /** Runs one check; a failure is kept with the body and the answer, and the run goes on. */
  void check(String body, Supplier<String> answer, Runnable check) {
    try {
      check.run();
    } catch (AssertionError | RuntimeException e) {
      if (failures.size() < 25) {
        String reply = answer.get();
        failures.add(e.getMessage().lines().limit(6).reduce((a, b) -> a + "\n    " + b).orElse("") + "\n  body "
            + body + "\n  answer " + (reply.length() > 700 ? reply.substring(0, 700) + "..." : reply));
      } else if (failures.size() == 25) {
        failures.add("... and more");
      }
    }
  }

  /** Fails with every kept failure, naming the seed to run again with. */
  void done() {
    if (!failures.isEmpty()) {
      throw new AssertionError(endpoint + ": " + failures.size() + " of " + sent + " bodies answered wrongly"
          + " (run again with -Dhostile.seed=" + seed + ")\n" + String.join("\n", failures));
    }
  }

  /** The tally, one line per endpoint: "POST /api/petitions: 1000 bodies: 201×87 400×898 415×15". */
  static String tally() {
    StringBuilder out = new StringBuilder("Hostile input, answers per endpoint (seed "
        + HostileInputGenerator.seed() + "):\n");
    synchronized (STATUSES) {
      STATUSES.forEach((endpoint, counts) -> {
        int total = counts.values().stream().mapToInt(Integer::intValue).sum();
        out.append("  ").append(endpoint).append(": ").append(total).append(" bodies:");
        counts.forEach((status, n) -> out.append(' ').append(status).append('×').append(n));
        out.append('\n');
      });
    }
    return out.toString();
  }
}
