package org.ala.mig.verification;

import java.util.Objects;

/**
 * The verdict on one signature.
 *
 * @param index the 0-based position of the signature in the petition
 * @param memberId the member id as submitted
 * @param name the name as submitted
 * @param status the outcome
 * @param reason a short sentence for Member Programs staff explaining a flag; {@code null} exactly
 *     when the status is {@link SignatureStatus#VALID}
 */
public record SignatureCheck(
    int index, String memberId, String name, SignatureStatus status, String reason) {

  public SignatureCheck {
    if (index < 0) {
      throw new IllegalArgumentException("index must not be negative: " + index);
    }
    Objects.requireNonNull(status, "status");
    if (status == SignatureStatus.VALID && reason != null) {
      throw new IllegalArgumentException("a valid signature has no reason");
    }
    if (status != SignatureStatus.VALID && (reason == null || reason.isBlank())) {
      throw new IllegalArgumentException("a flagged signature needs a reason");
    }
  }

  /** Whether the signature counts towards the petition. */
  public boolean valid() {
    return status == SignatureStatus.VALID;
  }
}
