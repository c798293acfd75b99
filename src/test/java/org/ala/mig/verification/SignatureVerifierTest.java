package org.ala.mig.verification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ala.mig.roster.RosterMember;
import org.junit.jupiter.api.Test;

class SignatureVerifierTest {

  private static final LocalDate SUBMITTED = LocalDate.of(2026, 4, 15);

  private static final RosterMember MARIA =
      new RosterMember("M100", "María José Núñez", "mj@example.org", LocalDate.of(2027, 3, 31));
  private static final RosterMember JOHN =
      new RosterMember("M200", "John Smith", null, SUBMITTED);
  private static final RosterMember LAPSED =
      new RosterMember("M300", "Pat Lapsed", null, SUBMITTED.minusDays(1));
  private static final RosterMember SEAN =
      new RosterMember("m400", "Sean O'Brien", null, LocalDate.of(2026, 12, 31));

  private static final Map<String, RosterMember> ROSTER =
      SignatureVerifier.index(List.of(MARIA, JOHN, LAPSED, SEAN));

  @Test
  void givenAMemberInGoodStandingWithTheirRosterName_whenVerified_thenValid() {
    SignatureCheck check = verifyOne("M100", "María José Núñez");

    assertThat(check).isEqualTo(
        new SignatureCheck(0, "M100", "María José Núñez", SignatureStatus.VALID, null));
  }

  @Test
  void givenAnIdNotOnTheRoster_whenVerified_thenNotAMember() {
    SignatureCheck check = verifyOne("M999", "María José Núñez");

    assertThat(check.status()).isEqualTo(SignatureStatus.NOT_A_MEMBER);
    assertThat(check.reason()).isEqualTo("not on the member roster");
  }

  @Test
  void givenNoOrBlankId_whenVerified_thenNotAMember() {
    assertThat(verifyOne(null, "John Smith").status()).isEqualTo(SignatureStatus.NOT_A_MEMBER);
    assertThat(verifyOne("  ", "John Smith").status()).isEqualTo(SignatureStatus.NOT_A_MEMBER);
  }

  @Test
  void givenGoodStandingEndingOnTheSubmissionDate_whenVerified_thenValid() {
    assertThat(verifyOne("M200", "John Smith").status()).isEqualTo(SignatureStatus.VALID);
  }

  @Test
  void givenGoodStandingEndingTheDayBeforeSubmission_whenVerified_thenNotInGoodStanding() {
    SignatureCheck check = verifyOne("M300", "Pat Lapsed");

    assertThat(check.status()).isEqualTo(SignatureStatus.NOT_IN_GOOD_STANDING);
    assertThat(check.reason()).isEqualTo("membership lapsed on 2026-04-14");
  }

  @Test
  void givenALapsedMemberWithTheWrongName_whenVerified_thenGoodStandingIsReportedFirst() {
    assertThat(verifyOne("M300", "Somebody Else").status())
        .isEqualTo(SignatureStatus.NOT_IN_GOOD_STANDING);
  }

  @Test
  void givenAnotherPersonsName_whenVerified_thenNameMismatchShowsTheRosterName() {
    SignatureCheck check = verifyOne("M100", "Maria Nunez");

    assertThat(check.status()).isEqualTo(SignatureStatus.NAME_MISMATCH);
    assertThat(check.reason()).isEqualTo("roster name is 'María José Núñez'");
  }

  @Test
  void givenABlankName_whenVerified_thenNameMismatchSaysNoNameWasSigned() {
    SignatureCheck blank = verifyOne("M200", "   ");
    SignatureCheck missing = verifyOne("M200", null);

    assertThat(List.of(blank, missing))
        .allSatisfy(
            check -> {
              assertThat(check.status()).isEqualTo(SignatureStatus.NAME_MISMATCH);
              assertThat(check.reason()).isEqualTo("no name signed; roster name is 'John Smith'");
            });
  }

  @Test
  void givenTheRosterNameWrittenDifferently_whenVerified_thenValid() {
    VerificationResult result =
        verify(
            new Signature("M100", "Núñez, María José"),
            new Signature("M200", "SMITH, JOHN"),
            new Signature("M400", "Sean OBrien"));

    assertThat(result.checks())
        .extracting(SignatureCheck::status)
        .containsOnly(SignatureStatus.VALID);
  }

  @Test
  void givenIdsInAnotherCaseOrWithSpaces_whenVerified_thenTheMemberIsFound() {
    VerificationResult result =
        verify(
            new Signature("  m100 ", "María José Núñez"), new Signature("M400\t", "Sean O'Brien"));

    assertThat(result.validCount()).isEqualTo(2);
    assertThat(result.checks().get(0).memberId()).isEqualTo("  m100 ");
  }

  @Test
  void givenASecondSignatureOfAMemberWhoSignedValidly_whenVerified_thenDuplicate() {
    VerificationResult result =
        verify(
            new Signature("M100", "María José Núñez"),
            new Signature("M200", "John Smith"),
            new Signature("m100", "Maria Jose Nunez"));

    SignatureCheck duplicate = result.checks().get(2);
    assertThat(duplicate.index()).isEqualTo(2);
    assertThat(duplicate.status()).isEqualTo(SignatureStatus.DUPLICATE);
    assertThat(duplicate.reason()).isEqualTo("member M100 already signed (signature 1)");
  }

  @Test
  void givenAnInvalidThenAValidSignatureOfOneMember_whenVerified_thenTheLaterOneCounts() {
    VerificationResult result =
        verify(
            new Signature("M200", "Jane Smith"),
            new Signature("M200", "John Smith"),
            new Signature("M200", "John Smith"));

    assertThat(result.checks())
        .extracting(SignatureCheck::status)
        .containsExactly(
            SignatureStatus.NAME_MISMATCH, SignatureStatus.VALID, SignatureStatus.DUPLICATE);
    assertThat(result.checks().get(2).reason())
        .isEqualTo("member M200 already signed (signature 2)");
  }

  @Test
  void givenAMemberFlaggedAgainAndAgain_whenVerified_thenEachFlagKeepsItsOwnReason() {
    // reasons are made once per member and shared: a mismatch, a duplicate and a blank name of
    // the same member must still each say their own thing
    VerificationResult result =
        verify(
            new Signature("M200", "Jane Smith"),
            new Signature("M200", "John Smith"),
            new Signature("M200", "John Smith"),
            new Signature("M200", "Jane Smith"),
            new Signature("m200", " "),
            new Signature("M200", "John Smith"));

    assertThat(result.checks())
        .extracting(SignatureCheck::reason)
        .containsExactly(
            "roster name is 'John Smith'",
            null,
            "member M200 already signed (signature 2)",
            "roster name is 'John Smith'",
            "no name signed; roster name is 'John Smith'",
            "member M200 already signed (signature 2)");
  }

  @Test
  void givenAVerification_whenItsChecksAreRead_thenTheyAreUnmodifiableAndEqualToTheSameChecksAsAList() {
    VerificationResult result =
        verify(new Signature("M100", "María José Núñez"), new Signature("X9", "Nobody"), new Signature("M100", "María José Núñez"));

    List<SignatureCheck> copy = new ArrayList<>(result.checks());
    assertThat(new VerificationResult(copy, 1, 2)).isEqualTo(result);
    assertThat(result.checks().get(1))
        .isEqualTo(new SignatureCheck(1, "X9", "Nobody", SignatureStatus.NOT_A_MEMBER, "not on the member roster"));
    assertThatThrownBy(() -> result.checks().set(0, copy.get(1)))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> new VerificationResult(result.checks(), 2, 1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void givenALapsedMemberSigningTwice_whenVerified_thenBothAreNotInGoodStandingNotDuplicate() {
    VerificationResult result =
        verify(new Signature("M300", "Pat Lapsed"), new Signature("M300", "Pat Lapsed"));

    assertThat(result.checks())
        .extracting(SignatureCheck::status)
        .containsOnly(SignatureStatus.NOT_IN_GOOD_STANDING);
  }

  @Test
  void givenSignaturesConfirmedOnline_whenVerified_thenRosterAndGoodStandingDecideAndTheNameIsNotCompared() {
    VerificationResult result =
        verify(
            new Signature("M200", "Jon Smyth", true),
            new Signature("M300", "Pat Lapsed", true),
            new Signature("M999", "Nobody", true),
            new Signature("M200", "John Smith", true),
            new Signature("M400", "Jon Smyth"));

    assertThat(result.checks())
        .extracting(SignatureCheck::status)
        .containsExactly(
            SignatureStatus.VALID,
            SignatureStatus.NOT_IN_GOOD_STANDING,
            SignatureStatus.NOT_A_MEMBER,
            SignatureStatus.DUPLICATE,
            SignatureStatus.NAME_MISMATCH);
  }

  @Test
  void givenAMixedPetition_whenVerified_thenTheCountsAddUp() {
    VerificationResult result =
        verify(
            new Signature("M100", "María José Núñez"),
            new Signature("M999", "Nobody"),
            new Signature("M300", "Pat Lapsed"),
            new Signature("M200", "Jon Smyth"),
            new Signature("M200", "John Smith"),
            new Signature("M100", "Maria Jose Nunez"),
            new Signature("M400", "Sean O'Brien"));

    assertThat(result.validCount()).isEqualTo(3);
    assertThat(result.flaggedCount()).isEqualTo(4);
    assertThat(result.countsByStatus())
        .containsExactly(
            entry(SignatureStatus.VALID, 3),
            entry(SignatureStatus.NOT_A_MEMBER, 1),
            entry(SignatureStatus.NOT_IN_GOOD_STANDING, 1),
            entry(SignatureStatus.NAME_MISMATCH, 1),
            entry(SignatureStatus.DUPLICATE, 1));
    assertThat(result.flagged()).extracting(SignatureCheck::index).containsExactly(1, 2, 3, 5);
  }

  @Test
  void givenNoSignatures_whenVerified_thenEveryCountIsZero() {
    VerificationResult result = verify();

    assertThat(result.checks()).isEmpty();
    assertThat(result.validCount()).isZero();
    assertThat(result.countsByStatus()).hasSize(SignatureStatus.values().length);
    assertThat(result.countsByStatus().values()).containsOnly(0);
  }

  @Test
  void givenTwoMembersWithTheSameIdInAnotherCase_whenIndexed_thenRefused() {
    RosterMember twin = new RosterMember(" m100", "Someone Else", null, SUBMITTED);

    assertThatThrownBy(() -> SignatureVerifier.index(List.of(MARIA, twin)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("m100");
  }

  @Test
  void givenARoster_whenIndexed_thenKeyedByCanonicalId() {
    assertThat(ROSTER).containsOnlyKeys("M100", "M200", "M300", "M400");
    assertThat(SignatureVerifier.canonicalId("  ab-12\t")).isEqualTo("AB-12");
  }

  @Test
  void givenCountsThatDisagreeWithTheChecks_whenAResultIsBuilt_thenRefused() {
    List<SignatureCheck> checks =
        List.of(new SignatureCheck(0, "M1", "A B", SignatureStatus.VALID, null));

    assertThatThrownBy(() -> new VerificationResult(checks, 0, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(VerificationResult.of(checks).validCount()).isEqualTo(1);
  }

  @Test
  void givenAReasonOnAValidCheckOrNoneOnAFlaggedOne_whenBuilt_thenRefused() {
    assertThatThrownBy(() -> new SignatureCheck(0, "M1", "A", SignatureStatus.VALID, "fine"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SignatureCheck(0, "M1", "A", SignatureStatus.DUPLICATE, null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void givenHalfAMillionSignaturesOfFewMembers_whenVerified_thenItFinishesInLinearTime() {
    List<Signature> signatures = new ArrayList<>();
    for (int i = 0; i < 500_000; i++) {
      signatures.add(
          switch (i % 4) {
            case 0 -> new Signature("M100", "Maria Jose Nunez");
            case 1 -> new Signature("M" + i, "Nobody " + i);
            case 2 -> new Signature("m200", "Smith, John");
            default -> new Signature("M400", "Someone " + i);
          });
    }

    VerificationResult result =
        assertTimeoutPreemptively(
            Duration.ofSeconds(20),
            () -> SignatureVerifier.verify(signatures, ROSTER, SUBMITTED));

    assertThat(result.validCount()).isEqualTo(2);
    assertThat(result.countsByStatus().get(SignatureStatus.DUPLICATE)).isEqualTo(249_998);
  }

  private static SignatureCheck verifyOne(String memberId, String name) {
    return verify(new Signature(memberId, name)).checks().get(0);
  }

  private static VerificationResult verify(Signature... signatures) {
    return SignatureVerifier.verify(List.of(signatures), ROSTER, SUBMITTED);
  }
}
