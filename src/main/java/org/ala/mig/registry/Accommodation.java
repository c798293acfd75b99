package org.ala.mig.registry;

/**
 * A MIG's meeting needs (from its petition) and the accommodation Conference Services noted;
 * either may be null.
 */
public record Accommodation(String meetingNeeds, String accommodation) {
  public static final Accommodation NONE = new Accommodation(null, null);
}
