package org.ala.mig.roster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class DemoRosterTest {

  private static final LocalDate REFERENCE = LocalDate.of(2026, 4, 15);
  private static final int COUNT = 10_000;
  private static final List<RosterMember> ROSTER = DemoRoster.generate(COUNT, REFERENCE, 42L);

  @Test
  void givenTheSameArguments_whenGeneratedAgain_thenTheRosterIsIdentical() {
    assertThat(DemoRoster.generate(COUNT, REFERENCE, 42L)).isEqualTo(ROSTER);
  }

  @Test
  void givenAnotherSeed_whenGenerated_thenTheRosterDiffers() {
    assertThat(DemoRoster.generate(COUNT, REFERENCE, 43L)).isNotEqualTo(ROSTER);
  }

  @Test
  void givenACount_whenGenerated_thenThatManyMembersWithSequentialIds() {
    assertThat(ROSTER).hasSize(COUNT);
    assertThat(ROSTER.get(0).memberId()).isEqualTo("M000001");
    assertThat(ROSTER.get(COUNT - 1).memberId()).isEqualTo("M010000");
    assertThat(ROSTER.stream().map(RosterMember::memberId).distinct()).hasSize(COUNT);
    assertThat(DemoRoster.generate(0, REFERENCE, 1L)).isEmpty();
    assertThatThrownBy(() -> DemoRoster.generate(-1, REFERENCE, 1L))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void givenAReferenceDate_whenGenerated_thenAboutEightPercentHaveLapsed() {
    long lapsed = ROSTER.stream().filter(member -> !member.inGoodStandingOn(REFERENCE)).count();

    assertThat(lapsed).isBetween(COUNT * 6L / 100, COUNT * 10L / 100);
    assertThat(ROSTER)
        .allSatisfy(
            member ->
                assertThat(member.goodStandingThrough())
                    .isAfterOrEqualTo(REFERENCE.minusMonths(24).withDayOfMonth(1))
                    .isBefore(REFERENCE.plusMonths(25))
                    .isNotEqualTo(REFERENCE));
    assertThat(ROSTER)
        .filteredOn(member -> member.inGoodStandingOn(REFERENCE))
        .allSatisfy(
            member -> assertThat(member.goodStandingThrough()).isAfter(REFERENCE.plusMonths(1)));
  }

  @Test
  void givenTheNameLists_whenGenerated_thenSomeNamesAreAccentedOrPunctuated() {
    List<String> names = ROSTER.stream().map(RosterMember::name).toList();

    assertThat(names).anyMatch(name -> name.contains("Nguyễn"));
    assertThat(names).anyMatch(name -> name.contains("Łukasz"));
    assertThat(names).anyMatch(name -> name.contains("O'Connor"));
    assertThat(names).anyMatch(name -> name.contains("García-Márquez"));
    assertThat(names.stream().filter(name -> !name.chars().allMatch(c -> c < 128)).count())
        .isGreaterThan(COUNT / 4);
  }

  @Test
  void givenAccentedNames_whenGenerated_thenEmailsAreUniqueAsciiAddresses() {
    assertThat(ROSTER)
        .allSatisfy(
            member ->
                assertThat(member.email())
                    .matches("[a-z-]+\\.[a-z-]+\\.\\d+@members\\.example\\.org")
                    .endsWith("." + Integer.parseInt(member.memberId().substring(1))
                        + "@members.example.org"));
    assertThat(ROSTER.stream().map(RosterMember::email).distinct()).hasSize(COUNT);
    assertThat(ROSTER)
        .filteredOn(member -> member.name().matches("Łukasz ([A-Z]\\. )?Nguyễn"))
        .isNotEmpty()
        .allSatisfy(member -> assertThat(member.email()).startsWith("lukasz.nguyen."));
  }

  @Test
  void givenAGeneratedRoster_whenWrittenAsCsvAndParsed_thenEveryMemberComesBack() {
    String csv =
        ROSTER.stream()
            .map(
                member ->
                    String.join(
                        ",",
                        member.memberId(),
                        member.name(),
                        member.email(),
                        member.goodStandingThrough().toString()))
            .collect(Collectors.joining("\n", RosterCsvParser.HEADER_LINE + "\n", "\n"));

    ParsedRoster parsed = RosterCsvParser.parse(csv);

    assertThat(parsed.rejected()).isEmpty();
    assertThat(parsed.members()).isEqualTo(ROSTER);
  }
}
