package org.ala.mig.lifecycle;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One request of a MIG (table mig_request) and its outcome.
 *
 * @param status OPEN, GRANTED or DECLINED
 * @param outcome the decision in words with the decider's notes; null while open
 * @param amount US dollars, for a BUDGET request only
 * @param newName for a RENAME request only
 */
public record MigRequest(String requestId, String migId, RequestType type, String details, BigDecimal amount,
    String newName, String status, String outcome, String requestedBy, Instant requestedAt, String decidedBy,
    Instant decidedAt) {

  public static final String OPEN = "OPEN";
  public static final String GRANTED = "GRANTED";
  public static final String DECLINED = "DECLINED";
}
