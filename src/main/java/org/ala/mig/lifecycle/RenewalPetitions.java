package org.ala.mig.lifecycle;

/**
 * What a MIG's lifecycle needs to know of its re-petitions at the end of its term. The petition
 * feature answers it (it owns the petitions); the lifecycle only asks, so that the dependency
 * points from petitions to the lifecycle and never back.
 */
public interface RenewalPetitions {

  /**
   * Whether a re-petition of the MIG is still to be decided, or approved and its three years not
   * yet added to the term.
   */
  boolean hasUndecidedRenewal(String migId);

  /** Whether the MIG's latest decided re-petition was not approved. */
  boolean latestRenewalDisapproved(String migId);
}
