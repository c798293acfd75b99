package org.ala.mig.verification;

/** The outcome of checking one signature, in the order the checks are made. */
public enum SignatureStatus {
  /** Counts towards the petition. */
  VALID,
  /** The member id is not on the roster. */
  NOT_A_MEMBER,
  /** The member's good standing ended before the petition's submission date. */
  NOT_IN_GOOD_STANDING,
  /** The signed name is not the roster's name for that member id. */
  NAME_MISMATCH,
  /** The member already has an earlier valid signature on this petition. */
  DUPLICATE
}
