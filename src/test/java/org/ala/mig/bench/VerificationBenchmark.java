package org.ala.mig.bench;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.ala.mig.roster.DemoRoster;
import org.ala.mig.roster.RosterMember;
import org.ala.mig.verification.Signature;
import org.ala.mig.verification.SignatureVerifier;
import org.ala.mig.verification.VerificationResult;

/**
 * B2, signature verification: {@link SignatureVerifier#verify} against a 100,000-member roster
 * for petitions of 10,000, 100,000 and 1,000,000 signatures, median of 5 runs after warming up.
 * Targets: 100,000 signatures in at most a second, and linear growth (1,000,000 within 12 times
 * the time of 100,000). Its {@code main} runs this part alone, without a database.
 *
 * <p>Signatures are a realistic mix: mostly the roster name as written or as "Last, First" in
 * capitals, some lapsed members, misspelled names, unknown ids and repeated signatures (with
 * 1,000,000 signatures of 100,000 members, repeats dominate).
 */
public final class VerificationBenchmark {

  static final int ROSTER_SIZE = 100_000;
  static final int[] PETITION_SIZES = {10_000, 100_000, 1_000_000};
  static final double TARGET_100K_SECONDS = 1.0;
  static final double TARGET_GROWTH = 12.0;
  private static final int WARM_UP_RUNS = 5;
  private static final int MEASURED_RUNS = 5;
  static final LocalDate SUBMITTED = LocalDate.of(2026, 4, 15);

  private final BenchOptions options;
  private final BenchDatabase db;
  private final Results results;

  VerificationBenchmark(BenchOptions options, BenchDatabase db, Results results) {
    this.options = options;
    this.db = db;
    this.results = results;
  }

  public static void main(String[] args) {
    Map<Integer, Double> medians = measure();
    medians.forEach((size, ms) -> System.out.printf(Locale.ROOT, "%,10d signatures: median %8.1f ms  (%,.0f signatures/s)%n",
        size, ms, size / (ms / 1e3)));
  }

  void run() throws Exception {
    Map<String, Object> details = results.details("B2");
    Map<Integer, Double> medians = measure();
    details.put("rosterSize", ROSTER_SIZE);
    details.put("medianMillisBySignatures", medians);
    for (int size : PETITION_SIZES) {
      double seconds = medians.get(size) / 1e3;
      String name = String.format(Locale.ROOT, "verify %,d signatures", size);
      if (size == 100_000) {
        results.target("B2", name, seconds, "s", "<= " + TARGET_100K_SECONDS + " s", seconds <= TARGET_100K_SECONDS,
            String.format(Locale.ROOT, "%,.0f signatures/s", size / seconds));
      } else {
        results.figure("B2", name, seconds, "s", String.format(Locale.ROOT, "%,.0f signatures/s", size / seconds));
      }
    }
    double growth = medians.get(1_000_000) / medians.get(100_000);
    results.target("B2", "growth 1M / 100k", growth, "x", "<= " + TARGET_GROWTH + "x", growth <= TARGET_GROWTH,
        "10x the signatures");
    new StoredPetitionBenchmark(options, db, results).run();
  }

  /** The median time in milliseconds of verifying each petition size. */
  static Map<Integer, Double> measure() {
    List<RosterMember> roster = DemoRoster.generate(ROSTER_SIZE, SUBMITTED, 2026L);
    Map<String, RosterMember> rosterById = SignatureVerifier.index(roster);
    List<Signature> warmUp = petition(100_000, roster, new SplittableRandom(1));
    for (int run = 0; run < WARM_UP_RUNS; run++) {
      SignatureVerifier.verify(warmUp, rosterById, SUBMITTED);
    }
    Map<Integer, Double> medians = new LinkedHashMap<>();
    for (int size : PETITION_SIZES) {
      List<Signature> petition = petition(size, roster, new SplittableRandom(size));
      long[] nanos = new long[MEASURED_RUNS];
      VerificationResult result = null;
      for (int run = 0; run < MEASURED_RUNS; run++) {
        long start = System.nanoTime();
        result = SignatureVerifier.verify(petition, rosterById, SUBMITTED);
        nanos[run] = System.nanoTime() - start;
      }
      if (result.checks().size() != size) {
        throw new IllegalStateException("verified " + result.checks().size() + " of " + size + " signatures");
      }
      Arrays.sort(nanos);
      medians.put(size, nanos[MEASURED_RUNS / 2] / 1e6);
    }
    return medians;
  }

  /** About 82% good, 8% lapsed (the roster's share), 4% misspelled, 3% unknown, 3% repeats. */
  static List<Signature> petition(int size, List<RosterMember> roster, SplittableRandom random) {
    List<Signature> signatures = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      RosterMember member = roster.get(random.nextInt(roster.size()));
      int dice = random.nextInt(100);
      Signature signature;
      if (dice < 3 && !signatures.isEmpty()) {
        signature = signatures.get(random.nextInt(signatures.size()));
      } else if (dice < 6) {
        signature = new Signature("X" + random.nextInt(1_000_000), member.name());
      } else if (dice < 10) {
        signature = new Signature(member.memberId(), misspelled(member.name(), random));
      } else if (dice < 20) {
        signature = new Signature(member.memberId().toLowerCase(Locale.ROOT), lastFirst(member.name()));
      } else {
        signature = new Signature(member.memberId(), member.name());
      }
      signatures.add(signature);
    }
    return signatures;
  }

  private static String lastFirst(String name) {
    int lastSpace = name.lastIndexOf(' ');
    return (name.substring(lastSpace + 1) + ", " + name.substring(0, lastSpace)).toUpperCase(Locale.ROOT);
  }

  private static String misspelled(String name, SplittableRandom random) {
    char[] letters = name.toCharArray();
    int at = random.nextInt(letters.length);
    letters[at] = letters[at] == 'q' ? 'z' : 'q';
    return new String(letters);
  }
}
