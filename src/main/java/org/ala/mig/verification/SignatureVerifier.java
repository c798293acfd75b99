package org.ala.mig.verification;

import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.ala.mig.roster.RosterMember;

/**
 * Checks a petition's signatures against the member roster.
 *
 * <p>A signature counts when its member id is on the roster, the member's good standing runs
 * through the submission date (that day included), and the signed name {@linkplain NameMatcher
 * matches} the roster's name. A signature {@linkplain Signature#confirmedOnline confirmed online}
 * by a link mailed to the member's roster address needs no name match: the roster address answered
 * for the member, so it counts when the member is on the roster in good standing (pre-verified).
 * Each member counts once: the first signature of a member that passes
 * the other checks is valid, later ones are {@link SignatureStatus#DUPLICATE}.
 *
 * <p>The checks are made in the order of {@link SignatureStatus} and the first failing one is the
 * verdict. Verification is one pass over the signatures with hash look-ups, so it takes time
 * linear in the number of signatures.
 */
public final class SignatureVerifier {

  private SignatureVerifier() {}

  /**
   * The form in which member ids are compared: trimmed and upper-cased ({@code Locale.ROOT}).
   * The roster map given to {@link #verify} must be keyed by this form; {@link #index} builds
   * such a map.
   */
  public static String canonicalId(String memberId) {
    return RosterMember.canonicalId(memberId);
  }

  /**
   * The roster keyed by {@link #canonicalId}.
   *
   * @throws IllegalArgumentException when two members have the same canonical id
   */
  public static Map<String, RosterMember> index(Collection<RosterMember> roster) {
    Map<String, RosterMember> byId = new HashMap<>(roster.size() * 4 / 3 + 1);
    for (RosterMember member : roster) {
      RosterMember earlier = byId.putIfAbsent(canonicalId(member.memberId()), member);
      if (earlier != null) {
        throw new IllegalArgumentException("member id on the roster twice: " + member.memberId());
      }
    }
    return byId;
  }

  /**
   * Verifies {@code signatures} in order. Reasons that point at another signature number it
   * from 1, as staff count ("signature 7" is the one at index 6).
   *
   * @param signatures the petition's signatures, in petition order
   * @param rosterById the roster, keyed by {@link #canonicalId} of each member id
   * @param submissionDate the day the petition was submitted; members must be in good standing
   *     on it
   */
  public static VerificationResult verify(
      List<Signature> signatures, Map<String, RosterMember> rosterById, LocalDate submissionDate) {
    Objects.requireNonNull(signatures, "signatures");
    Objects.requireNonNull(rosterById, "rosterById");
    Objects.requireNonNull(submissionDate, "submissionDate");
    Run run = new Run(rosterById, submissionDate);
    Signature[] petition = signatures.toArray(new Signature[0]);
    byte[] statuses = new byte[petition.length];
    String[] reasons = new String[petition.length];
    int valid = 0;
    for (int index = 0; index < petition.length; index++) {
      SignatureStatus status = run.check(index, Objects.requireNonNull(petition[index], "signature"));
      statuses[index] = (byte) status.ordinal();
      reasons[index] = run.reason;
      if (status == SignatureStatus.VALID) {
        valid++;
      }
    }
    return new VerificationResult(new CheckList(petition, statuses, reasons, valid), valid, petition.length - valid);
  }

  /** The state of one verification: who has signed validly, and normalized roster names. */
  private static final class Run {

    private final Map<String, RosterMember> rosterById;
    private final LocalDate submissionDate;
    private final Map<String, Integer> firstValidIndexById = new HashMap<>();
    private final Map<String, String> normalizedRosterNameById = new HashMap<>();
    /**
     * A member's reason, made once and shared by every signature flagged for it: in a large
     * petition most flags repeat a member (the same lapse, the same roster name, the same first
     * signature), and a string per flag made the run's memory, and the collector's work, grow
     * faster than the petition (benchmark B2). A member's lapse and roster name never meet (a
     * lapsed member's name is not compared); duplicates have a map of their own, since a member
     * can sign once with a name that does not match and later sign validly and again.
     */
    private final Map<String, String> reasonById = new HashMap<>();
    private final Map<String, String> duplicateReasonById = new HashMap<>();

    Run(Map<String, RosterMember> rosterById, LocalDate submissionDate) {
      this.rosterById = rosterById;
      this.submissionDate = submissionDate;
    }

    /** The reason of the last {@link #check}: null when the signature was valid. */
    String reason;

    SignatureStatus check(int index, Signature signature) {
      String id = canonicalId(signature.memberId());
      RosterMember member = id.isEmpty() ? null : rosterById.get(id);
      if (member == null) {
        return flag(index, signature, SignatureStatus.NOT_A_MEMBER, "not on the member roster");
      }
      if (!member.inGoodStandingOn(submissionDate)) {
        return flag(index, signature, SignatureStatus.NOT_IN_GOOD_STANDING,
            reasonById.computeIfAbsent(id, key -> "membership lapsed on " + member.goodStandingThrough()));
      }
      if (!signature.confirmedOnline() && !nameMatches(id, signature.name(), member.name())) {
        String rosterName = reasonById.computeIfAbsent(id, key -> "roster name is '" + member.name() + "'");
        String why =
            signature.name() == null || signature.name().isBlank()
                ? "no name signed; " + rosterName
                : rosterName;
        return flag(index, signature, SignatureStatus.NAME_MISMATCH, why);
      }
      Integer earlier = firstValidIndexById.putIfAbsent(id, index);
      if (earlier != null) {
        return flag(index, signature, SignatureStatus.DUPLICATE, duplicateReasonById.computeIfAbsent(id,
            key -> "member " + member.memberId() + " already signed (signature " + (earlier + 1) + ")"));
      }
      reason = null;
      return SignatureStatus.VALID;
    }

    private boolean nameMatches(String id, String signedName, String rosterName) {
      if (signedName == null || signedName.isBlank()) {
        return false;
      }
      if (signedName.equals(rosterName)) {
        return true;
      }
      String normalizedRosterName =
          normalizedRosterNameById.computeIfAbsent(id, key -> NameMatcher.normalize(rosterName));
      return NameMatcher.matchesNormalized(
          NameMatcher.normalize(signedName), normalizedRosterName);
    }

    private SignatureStatus flag(int index, Signature signature, SignatureStatus status, String why) {
      reason = why;
      return status;
    }
  }
}
