package org.ala.mig.lifecycle;

/** Where a MIG's renewal stands when its term runs out (variable {@code renewalState} of mig-lifecycle). */
public enum RenewalState {
  /** The term was extended meanwhile: the next term runs. */
  RENEWED,
  /** A re-petition is still before COO (or approved and not yet applied): wait for it. */
  PENDING,
  /** Nothing was filed: the MIG is disbanded. */
  NONE
}
