package org.ala.mig.common;

import java.text.Normalizer;

/**
 * Folds text to lower-case base letters so that names typed with or without accents compare
 * equal: Unicode NFD, combining marks dropped, simple case folding (locale-independent, as with
 * {@code Locale.ROOT}), and the Latin letters that have no decomposition spelled out (ß→ss, æ→ae,
 * œ→oe, ø→o, ł→l, đ→d, ð→d, þ→th, ı→i). Punctuation, digits, spaces and other scripts are kept.
 */
public final class LetterFolding {

  private LetterFolding() {}

  /** Returns {@code text} folded as described above; {@code null} folds to the empty string. */
  public static String fold(String text) {
    if (text == null || text.isEmpty()) {
      return "";
    }
    String decomposed = Normalizer.normalize(text, Normalizer.Form.NFD);
    StringBuilder out = new StringBuilder(decomposed.length());
    for (int i = 0; i < decomposed.length(); ) {
      int codePoint = decomposed.codePointAt(i);
      i += Character.charCount(codePoint);
      if (!isCombiningMark(codePoint)) {
        appendFolded(out, Character.toLowerCase(Character.toUpperCase(codePoint)));
      }
    }
    return out.toString();
  }

  private static boolean isCombiningMark(int codePoint) {
    int type = Character.getType(codePoint);
    return type == Character.NON_SPACING_MARK
        || type == Character.COMBINING_SPACING_MARK
        || type == Character.ENCLOSING_MARK;
  }

  private static void appendFolded(StringBuilder out, int lowerCodePoint) {
    switch (lowerCodePoint) {
      case 'ß' -> out.append("ss");
      case 'æ' -> out.append("ae");
      case 'œ' -> out.append("oe");
      case 'ø' -> out.append('o');
      case 'ł' -> out.append('l');
      case 'đ', 'ð' -> out.append('d');
      case 'þ' -> out.append("th");
      case 'ı' -> out.append('i');
      default -> out.appendCodePoint(lowerCodePoint);
    }
  }
}
