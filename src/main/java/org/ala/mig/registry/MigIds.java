package org.ala.mig.registry;

import java.text.Normalizer;
import java.util.Locale;

/** A MIG's id: a stable slug of its name ("Graphic Novels & Comics in Libraries" → graphic-novels-comics-in-libraries). */
public final class MigIds {

  public static final int MAX_LENGTH = 100;

  private MigIds() {}

  public static String slug(String name) {
    String ascii = Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
    String slug = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
    if (slug.length() > MAX_LENGTH) {
      slug = slug.substring(0, MAX_LENGTH).replaceAll("-+$", "");
    }
    return slug;
  }
}
