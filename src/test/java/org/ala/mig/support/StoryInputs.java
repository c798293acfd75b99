package org.ala.mig.support;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ala.mig.roster.DemoRoster;
import org.ala.mig.roster.RosterMember;

/**
 * What the simulated stories send (the one-MIG stories of {@link LifecycleSimulationTest} and the
 * two-node run of {@code ClusterIT}): a petition signed by the first members of the demo roster,
 * and the roster upload that keeps those members in good standing while the clock runs years
 * past the demo roster's own dates.
 */
public final class StoryInputs {

  public static final long DEMO_ROSTER_SEED = 1876L;
  public static final int SIGNATURES = 110;

  private StoryInputs() {}

  /** The signers: the roster's names and ids depend only on the seed, not on the reference date. */
  public static List<RosterMember> signers() {
    return DemoRoster.generate(SIGNATURES, LocalDate.of(2026, 1, 1), DEMO_ROSTER_SEED);
  }

  /** The roster CSV of the signers, each in good standing through {@code through}. */
  public static String rosterOfSigners(LocalDate through) {
    StringBuilder csv = new StringBuilder("member_id,name,email,good_standing_through\n");
    for (RosterMember m : signers()) {
      csv.append(m.memberId()).append(",\"").append(m.name()).append("\",").append(m.email()).append(',')
          .append(through).append('\n');
    }
    return csv.toString();
  }

  /** A petition body ({@code kind} ESTABLISH with a name, or RENEW with a MIG id) signed by the signers. */
  public static Map<String, Object> petition(String kind, String name, String migId) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("kind", kind);
    if (name != null) {
      body.put("migName", name);
    }
    if (migId != null) {
      body.put("migId", migId);
    }
    body.put("statementOfPurpose", "To bring together librarians who run seed libraries and garden programs.");
    body.put("organizers", List.of(
        Map.of("name", "Rosa Díaz", "email", "rosa@lib.example", "address", "10 Library Way, Springfield"),
        Map.of("name", "Sam Okafor", "email", "sam@lib.example", "address", "22 Reading Rd, Shelbyville")));
    body.put("signatures", signers().stream().map(m -> Map.of("memberId", m.memberId(), "name", m.name())).toList());
    return body;
  }
}
