package org.ala.mig.verification;

/**
 * One signature on a petition, exactly as submitted.
 *
 * @param memberId the ALA member id the signer gave (may be {@code null} or untidy)
 * @param name the name the signer gave (may be {@code null} or blank)
 */
public record Signature(String memberId, String name) {}
