package org.ala.mig.verification;

/**
 * One signature on a petition, exactly as submitted.
 *
 * @param memberId the ALA member id the signer gave (may be {@code null} or untidy)
 * @param name the name the signer gave (may be {@code null} or blank)
 * @param confirmedOnline whether the member confirmed the signature online, by a link mailed to
 *     the member's roster address: the member is who the roster says, so the signed name is not
 *     compared with the roster's
 */
public record Signature(String memberId, String name, boolean confirmedOnline) {

  /** A signature on paper (CSV or API). */
  public Signature(String memberId, String name) {
    this(memberId, name, false);
  }
}
