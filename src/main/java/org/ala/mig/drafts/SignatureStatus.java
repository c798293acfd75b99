package org.ala.mig.drafts;

/** An online signature: waiting for its mailed confirmation, confirmed (it counts), or withdrawn by the signer. */
public enum SignatureStatus {
  PENDING, CONFIRMED, WITHDRAWN
}
