package org.ala.mig.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The benchmark's options, from system properties ({@code -Dbench.migs=100}); every one has a
 * default. The baseline runs N/2 lifecycles and each run of the thread sweep N/10, to keep a
 * default run on the 2-core reference machine near half an hour.
 *
 * @param migs B1: lifecycles in the headline run (ours, and the baseline unless {@code baselineMigs})
 * @param baselineMigs B1: lifecycles of the baseline run
 * @param sweepMigs B1: lifecycles of each run of the job-executor thread sweep
 * @param sweepThreads B1: the job-executor thread counts of the sweep
 * @param driverThreads B1: threads that stand in for the users (submit, claim, complete)
 * @param only the benchmarks to run (B1..B5)
 * @param tasks B3: open tasks across the groups
 * @param clients B3: concurrent HTTP clients
 * @param queriesPerClient B3: measured Tasklist refreshes (page + count) per client
 * @param starts B4: starts of the jar per database
 * @param out where results.json, the logs and the databases go
 * @param jar B4: the packaged application
 * @param signers B5: signers of the petition draft
 * @param signerClients B5: concurrent HTTP clients the signers sign and confirm from
 * @param signWindowSeconds B5: the signers arrive evenly within this many seconds (the issue's
 *     "1,000 members signing within a minute"); the same number then signs all at once
 * @param signWarmUp B5: signers of a draft of their own before the measured runs (0: none)
 * @param analyticsMigs B6: MIGs of the history Council's analytics are read on, in two cohorts
 *     one after the other
 */
record BenchOptions(int migs, int baselineMigs, int sweepMigs, List<Integer> sweepThreads, int driverThreads,
    Set<String> only, int tasks, int clients, int queriesPerClient, int starts, Path out, Path jar,
    int signers, int signerClients, int signWindowSeconds, int signWarmUp, int analyticsMigs) {

  static final List<String> ALL = List.of("B1", "B2", "B3", "B4", "B5", "B6");

  static BenchOptions fromSystemProperties() {
    int migs = intProperty("bench.migs", 500);
    Set<String> only = new LinkedHashSet<>();
    for (String id : System.getProperty("bench.only", String.join(",", ALL)).split(",")) {
      String trimmed = id.strip().toUpperCase(Locale.ROOT);
      if (trimmed.isEmpty()) {
        continue;
      }
      if (!ALL.contains(trimmed)) {
        throw new IllegalArgumentException("bench.only: unknown benchmark '" + id + "' (known: " + ALL + ")");
      }
      only.add(trimmed);
    }
    Path out = Path.of(System.getProperty("bench.out", "target/bench")).toAbsolutePath();
    String jar = System.getProperty("mig.jar", "");
    return new BenchOptions(
        migs,
        intProperty("bench.baseline.migs", Math.max(10, migs / 2)),
        intProperty("bench.sweep.migs", Math.max(10, migs / 10)),
        Arrays.stream(System.getProperty("bench.sweep.threads", "1,2,4").split(","))
            .map(String::strip).filter(s -> !s.isEmpty()).map(Integer::valueOf).toList(),
        intProperty("bench.driver.threads", 4),
        only,
        intProperty("bench.tasks", 10_000),
        intProperty("bench.clients", 32),
        intProperty("bench.queries", 25),
        intProperty("bench.starts", 3),
        out,
        jar.isBlank() ? null : Path.of(jar).toAbsolutePath(),
        intProperty("bench.signers", 1_000),
        intProperty("bench.signerClients", 50),
        intProperty("bench.signWindow", 60, 0),
        intProperty("bench.signWarmUp", 300, 0),
        intProperty("bench.analytics.migs", 50, 2));
  }

  boolean runs(String id) {
    return only.contains(id);
  }

  Map<String, Object> asMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("migs", migs);
    map.put("baselineMigs", baselineMigs);
    map.put("sweepMigs", sweepMigs);
    map.put("sweepThreads", sweepThreads);
    map.put("driverThreads", driverThreads);
    map.put("only", only);
    map.put("tasks", tasks);
    map.put("clients", clients);
    map.put("queriesPerClient", queriesPerClient);
    map.put("starts", starts);
    map.put("jar", jar == null ? null : jar.toString());
    map.put("signers", signers);
    map.put("signerClients", signerClients);
    map.put("signWindowSeconds", signWindowSeconds);
    map.put("signWarmUp", signWarmUp);
    map.put("analyticsMigs", analyticsMigs);
    return map;
  }

  private static int intProperty(String name, int fallback) {
    return intProperty(name, fallback, 1);
  }

  private static int intProperty(String name, int fallback, int least) {
    String value = System.getProperty(name);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      int n = Integer.parseInt(value.strip());
      if (n < least) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + ": a whole number of at least " + least + ", got '" + value + "'");
    }
  }
}
