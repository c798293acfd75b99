package org.ala.mig.roster;

import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.ala.mig.common.LetterFolding;

/**
 * A synthetic member roster for demos, tests and benchmarks. The same arguments always give the
 * same roster. Members get ids {@code M000001}, {@code M000002}, …, names drawn from lists that
 * include accented and punctuated names, e-mails {@code firstname.lastname.N@members.example.org}
 * (folded to ASCII), and a good-standing date at a month end: about 8% lapsed (1–24 months
 * before the reference date), the rest good through 1–24 months after it.
 */
public final class DemoRoster {

  /** The domain of every demo e-mail address. */
  public static final String EMAIL_DOMAIN = "members.example.org";

  private static final int LAPSED_PERCENT = 8;
  private static final int MIDDLE_INITIAL_PERCENT = 15;
  private static final int MAX_MONTHS = 24;

  private static final List<String> FIRST_NAMES =
      List.of(
          "José", "Zoë", "Björn", "Łukasz", "Sinéad", "María", "François", "Søren", "Jürgen",
          "Chloé", "Siobhán", "Kateřina", "Ayşe", "Zoltán", "Thảo", "Renée", "Aoife", "Mateo",
          "Ngozi", "Wei", "Priya", "Olumide", "Hiroshi", "Fatima", "Omar", "Lucía", "Mary",
          "James", "Linda", "Michael", "Sarah", "David", "Emily", "Robert", "Aisha", "Carlos",
          "Anne-Marie", "Jean-Luc", "Grace", "Daniel");

  private static final List<String> LAST_NAMES =
      List.of(
          "Nguyễn", "Ñúñez", "O'Connor", "García-Márquez", "Smith", "Johnson", "Williams",
          "Brown", "Jones", "Miller", "Davis", "Wilson", "Anderson", "Taylor", "Moore",
          "Jackson", "Lee", "Kim", "Patel", "Müller", "Schröder", "Kowalski", "Wiśniewski",
          "Dvořák", "Østergaard", "Håkansson", "D'Angelo", "van der Berg", "Çelik", "Yılmaz",
          "Strauß", "Okonkwo", "Haddad", "Tanaka", "Chen", "Silva", "Pérez", "Hernández",
          "MacDonald", "Ó Briain");

  private DemoRoster() {}

  /**
   * Generates {@code count} members.
   *
   * @param count how many members, at least 0
   * @param referenceDate the day that "lapsed" and "in good standing" are measured from
   * @param seed the seed of the random choices
   */
  public static List<RosterMember> generate(int count, LocalDate referenceDate, long seed) {
    if (count < 0) {
      throw new IllegalArgumentException("count must not be negative: " + count);
    }
    SplittableRandom random = new SplittableRandom(seed);
    List<RosterMember> members = new ArrayList<>(count);
    for (int number = 1; number <= count; number++) {
      String first = pick(FIRST_NAMES, random);
      String last = pick(LAST_NAMES, random);
      String middle =
          random.nextInt(100) < MIDDLE_INITIAL_PERCENT
              ? " " + (char) ('A' + random.nextInt(26)) + "."
              : "";
      members.add(
          new RosterMember(
              "M%06d".formatted(number),
              first + middle + " " + last,
              emailLocalPart(first) + "." + emailLocalPart(last) + "." + number + "@"
                  + EMAIL_DOMAIN,
              goodStandingThrough(referenceDate, random)));
    }
    return members;
  }

  private static String pick(List<String> names, SplittableRandom random) {
    return names.get(random.nextInt(names.size()));
  }

  private static LocalDate goodStandingThrough(LocalDate referenceDate, SplittableRandom random) {
    boolean lapsed = random.nextInt(100) < LAPSED_PERCENT;
    int months = 1 + random.nextInt(MAX_MONTHS);
    LocalDate month = lapsed ? referenceDate.minusMonths(months) : referenceDate.plusMonths(months);
    return month.with(TemporalAdjusters.lastDayOfMonth());
  }

  /** The name folded to ASCII lower case, keeping only letters, digits and hyphens. */
  private static String emailLocalPart(String name) {
    StringBuilder ascii = new StringBuilder();
    for (char c : LetterFolding.fold(name).toCharArray()) {
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-') {
        ascii.append(c);
      }
    }
    return ascii.toString();
  }
}
