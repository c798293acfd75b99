package org.ala.mig.mail;

import java.time.Instant;
import java.util.List;

/**
 * A row of the outbox as operators see it (GET /api/mail/outbox); key is what caused it.
 * rejectedRecipients: the addresses the SMTP server refused (the others received the mail);
 * possiblyRepeated: sent again after its node died while sending it, with the same Message-ID.
 */
public record OutboxMail(
    long id,
    String key,
    String template,
    String migId,
    List<String> to,
    List<String> cc,
    String subject,
    Status status,
    int attempts,
    String problems,
    String lastError,
    Instant createdAt,
    Instant nextAttemptAt,
    Instant sentAt,
    List<String> rejectedRecipients,
    boolean possiblyRepeated) {

  /** PENDING until sent; SENDING while a dispatcher holds it; SENT; FAILED for good. */
  public enum Status {
    PENDING,
    SENDING,
    SENT,
    FAILED
  }
}
