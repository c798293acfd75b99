package org.ala.mig.verification;

import java.util.Set;
import org.ala.mig.common.LetterFolding;

/**
 * Decides whether the name on a signature is the roster's name for that member, ignoring case,
 * accents, punctuation and spacing.
 *
 * <p>Normalization, in order:
 *
 * <ol>
 *   <li>"Last, First Middle" (exactly one comma, text on both sides, and the part after the comma
 *       not a suffix such as "Jr." or "III") becomes "First Middle Last";
 *   <li>letters are folded with {@link LetterFolding} (accents dropped, lower case, ß→ss, …);
 *   <li>apostrophes (' ’ ‘ ʼ ʻ ` ´) are removed, so "O'Brien" becomes "obrien";
 *   <li>every other character that is not a letter or digit (hyphens, periods, commas, spaces, …)
 *       separates words; runs of separators become one space and the ends are trimmed.
 * </ol>
 *
 * <p>Two normalized names match when they are equal once all spaces are removed ("O Brien" =
 * "OBrien", "De la Cruz" = "Delacruz"), or when they are equal after dropping one-letter words
 * (initials) from both, provided each keeps at least two words ("Jane Q. Public" = "Jane Public",
 * but "J. Smith" ≠ "K. Smith"). A null or blank name never matches.
 */
public final class NameMatcher {

  private static final Set<String> SUFFIXES = Set.of("jr", "sr", "ii", "iii", "iv");

  private NameMatcher() {}

  /** The normalized form of {@code name} (see the class comment); {@code null} gives "". */
  public static String normalize(String name) {
    if (name == null) {
      return "";
    }
    String folded = LetterFolding.fold(lastFirstToFirstLast(name));
    StringBuilder out = new StringBuilder(folded.length());
    boolean separatorPending = false;
    for (int i = 0; i < folded.length(); ) {
      int codePoint = folded.codePointAt(i);
      i += Character.charCount(codePoint);
      if (isApostrophe(codePoint)) {
        continue;
      }
      if (Character.isLetterOrDigit(codePoint)) {
        if (separatorPending && out.length() > 0) {
          out.append(' ');
        }
        separatorPending = false;
        out.appendCodePoint(codePoint);
      } else {
        separatorPending = true;
      }
    }
    return out.toString();
  }

  /** Whether the signed name matches the roster name (see the class comment). */
  public static boolean matches(String signed, String roster) {
    return matchesNormalized(normalize(signed), normalize(roster));
  }

  /** {@link #matches} for names already passed through {@link #normalize}. */
  static boolean matchesNormalized(String signed, String roster) {
    if (signed.isEmpty() || roster.isEmpty()) {
      return false;
    }
    if (withoutSpaces(signed).equals(withoutSpaces(roster))) {
      return true;
    }
    String signedWithoutInitials = withoutInitials(signed);
    String rosterWithoutInitials = withoutInitials(roster);
    return signedWithoutInitials != null
        && rosterWithoutInitials != null
        && withoutSpaces(signedWithoutInitials).equals(withoutSpaces(rosterWithoutInitials));
  }

  private static String lastFirstToFirstLast(String name) {
    int comma = name.indexOf(',');
    if (comma < 0 || name.indexOf(',', comma + 1) >= 0) {
      return name;
    }
    String last = name.substring(0, comma);
    String rest = name.substring(comma + 1);
    if (last.isBlank() || rest.isBlank() || SUFFIXES.contains(normalize(rest))) {
      return name;
    }
    return rest + " " + last;
  }

  private static boolean isApostrophe(int codePoint) {
    return switch (codePoint) {
      case '\'', '\u2019', '\u2018', '\u02BC', '\u02BB', '`', '\u00B4' -> true;
      default -> false;
    };
  }

  private static String withoutSpaces(String normalized) {
    return normalized.replace(" ", "");
  }

  /** The words of longer than one letter, or null when fewer than two such words remain. */
  private static String withoutInitials(String normalized) {
    StringBuilder kept = new StringBuilder(normalized.length());
    int words = 0;
    for (String word : normalized.split(" ")) {
      if (word.codePointCount(0, word.length()) > 1) {
        kept.append(word);
        words++;
      }
    }
    return words >= 2 ? kept.toString() : null;
  }
}
