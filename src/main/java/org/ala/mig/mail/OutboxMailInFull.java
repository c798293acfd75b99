package org.ala.mig.mail;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

/**
 * One mail of the outbox with its bodies (GET /api/mail/outbox/{id}, the page /outbox/{id}): the
 * row's fields, then {@code text} and {@code html} as they were written. What leaves
 * {@link MailService} is masked ({@link MailMasking}).
 */
public record OutboxMailInFull(@JsonUnwrapped OutboxMail mail, String text, String html) {}
