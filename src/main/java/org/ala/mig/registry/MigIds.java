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

  /**
   * The id a MIG named {@code name} gets: its slug, unless a MIG that now bears another name has
   * that id (it was renamed, and kept its id): then the next free one, {@code slug-2},
   * {@code slug-3}, ... An id whose MIG bears this same name is this MIG's (to re-establish or
   * renew it).
   *
   * @param currentNameOf the current name of the MIG with an id, empty when the id is free
   */
  public static String idFor(String name, java.util.function.Function<String, java.util.Optional<String>> currentNameOf) {
    String slug = slug(name);
    String candidate = slug;
    for (int n = 2; ; n++) {
      java.util.Optional<String> holder = currentNameOf.apply(candidate);
      if (holder.isEmpty() || slug(holder.get()).equals(slug)) {
        return candidate;
      }
      String suffix = "-" + n;
      candidate = (slug.length() + suffix.length() > MAX_LENGTH
          ? slug.substring(0, MAX_LENGTH - suffix.length()).replaceAll("-+$", "") : slug) + suffix;
    }
  }
}
