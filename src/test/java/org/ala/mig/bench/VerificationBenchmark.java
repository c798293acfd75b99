package org.ala.mig.bench;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
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
 * Times {@link SignatureVerifier#verify} against a 100,000-member demo roster for petitions of
 * 10,000, 100,000 and 1,000,000 signatures. Not a test: run its {@code main} by hand, e.g.
 * {@code java -cp target/test-classes:target/classes org.ala.mig.bench.VerificationBenchmark}.
 *
 * <p>Signatures are a realistic mix: mostly the roster name as written or as "Last, First" in
 * capitals, some lapsed members, misspelled names, unknown ids and repeated signatures (with
 * 1,000,000 signatures of 100,000 members, repeats dominate).
 */
public final class VerificationBenchmark {

  private static final int ROSTER_SIZE = 100_000;
  private static final int[] PETITION_SIZES = {10_000, 100_000, 1_000_000};
  private static final int WARM_UP_RUNS = 5;
  private static final int MEASURED_RUNS = 5;
  private static final LocalDate SUBMITTED = LocalDate.of(2026, 4, 15);

  private VerificationBenchmark() {}

  public static void main(String[] args) {
    List<RosterMember> roster = DemoRoster.generate(ROSTER_SIZE, SUBMITTED, 2026L);
    Map<String, RosterMember> rosterById = SignatureVerifier.index(roster);
    System.out.printf("roster: %,d members; JVM %s, %d processors%n",
        roster.size(), Runtime.version(), Runtime.getRuntime().availableProcessors());

    warmUp(roster, rosterById);
    for (int size : PETITION_SIZES) {
      List<Signature> petition = petition(size, roster, new SplittableRandom(size));
      long[] nanos = new long[MEASURED_RUNS];
      VerificationResult result = null;
      for (int run = 0; run < MEASURED_RUNS; run++) {
        long start = System.nanoTime();
        result = SignatureVerifier.verify(petition, rosterById, SUBMITTED);
        nanos[run] = System.nanoTime() - start;
      }
      Arrays.sort(nanos);
      double medianMs = nanos[MEASURED_RUNS / 2] / 1e6;
      System.out.printf("%,10d signatures: median %8.1f ms  (%,.0f signatures/s)  %s%n",
          size, medianMs, size / (medianMs / 1e3), result.countsByStatus());
    }
  }

  private static void warmUp(List<RosterMember> roster, Map<String, RosterMember> rosterById) {
    List<Signature> petition = petition(100_000, roster, new SplittableRandom(1));
    for (int run = 0; run < WARM_UP_RUNS; run++) {
      SignatureVerifier.verify(petition, rosterById, SUBMITTED);
    }
  }

  /** About 82% good, 8% lapsed (the roster's share), 4% misspelled, 3% unknown, 3% repeats. */
  private static List<Signature> petition(
      int size, List<RosterMember> roster, SplittableRandom random) {
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
