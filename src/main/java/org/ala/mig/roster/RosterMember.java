package org.ala.mig.roster;

import java.time.LocalDate;
import java.util.Locale;
import java.util.Objects;

/**
 * One ALA member as listed on the member roster.
 *
 * @param memberId the ALA member id as written on the roster
 * @param name the member's full name
 * @param email the member's e-mail address, or {@code null} when the roster has none
 * @param goodStandingThrough the last day on which the member is in good standing
 */
public record RosterMember(
    String memberId, String name, String email, LocalDate goodStandingThrough) {

  public RosterMember {
    Objects.requireNonNull(memberId, "memberId");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(goodStandingThrough, "goodStandingThrough");
  }

  /**
   * The form in which member ids are compared: trimmed and upper-cased ({@link Locale#ROOT}), so
   * that {@code " m123 "} and {@code "M123"} are the same member. {@code null} gives {@code ""}.
   */
  public static String canonicalId(String memberId) {
    return memberId == null ? "" : memberId.trim().toUpperCase(Locale.ROOT);
  }

  /** Whether the member is in good standing on {@code date} (the last day included). */
  public boolean inGoodStandingOn(LocalDate date) {
    return !goodStandingThrough.isBefore(date);
  }
}
