package org.ala.mig.verification;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The verdicts on all signatures of one petition, in petition order.
 *
 * @param checks one check per signature, in petition order
 * @param validCount how many signatures count
 * @param flaggedCount how many signatures do not count
 */
public record VerificationResult(List<SignatureCheck> checks, int validCount, int flaggedCount) {

  public VerificationResult {
    // the verifier's own list is unmodifiable and knows its count (CheckList: a copy, or a record
    // per signature, is what made large petitions slow)
    long valid;
    if (checks instanceof CheckList verified) {
      valid = verified.validCount();
    } else {
      checks = List.copyOf(checks);
      valid = checks.stream().filter(SignatureCheck::valid).count();
    }
    if (validCount != valid || flaggedCount != checks.size() - valid) {
      throw new IllegalArgumentException(
          "counts %d valid / %d flagged do not match the checks (%d valid of %d)"
              .formatted(validCount, flaggedCount, valid, checks.size()));
    }
  }

  /** A result whose counts are taken from {@code checks}. */
  public static VerificationResult of(List<SignatureCheck> checks) {
    int valid = (int) checks.stream().filter(SignatureCheck::valid).count();
    return new VerificationResult(checks, valid, checks.size() - valid);
  }

  /** How many signatures have each status; every status is present, zero when unused. */
  public Map<SignatureStatus, Integer> countsByStatus() {
    Map<SignatureStatus, Integer> counts = new EnumMap<>(SignatureStatus.class);
    for (SignatureStatus status : SignatureStatus.values()) {
      counts.put(status, 0);
    }
    for (SignatureCheck check : checks) {
      counts.merge(check.status(), 1, Integer::sum);
    }
    return Collections.unmodifiableMap(counts);
  }

  /** The checks that do not count, in petition order. */
  public List<SignatureCheck> flagged() {
    return checks.stream().filter(check -> !check.valid()).toList();
  }
}
