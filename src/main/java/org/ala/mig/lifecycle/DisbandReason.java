package org.ala.mig.lifecycle;

/** Why a MIG was disbanded (the registry's {@code disbandReason}). */
public enum DisbandReason {
  /** Its term ended without an approved re-petition. */
  NOT_RENEWED,
  /** COO confirmed the MIG's own request. */
  REQUESTED
}
