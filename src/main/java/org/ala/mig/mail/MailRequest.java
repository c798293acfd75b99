package org.ala.mig.mail;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.ala.mig.registry.Organizer;

/**
 * One mail to write to the outbox: its template, the MIG it is about, the key that makes it
 * unique (a step that runs again writes no second mail) and the template's own facts.
 */
public final class MailRequest {

  private final MailTemplate template;
  private final String migId;
  private final String idempotencyKey;
  private final Map<String, Object> model = new LinkedHashMap<>();
  private List<Organizer> organizers;
  private String requester;
  private List<String> offices = List.of();

  private MailRequest(MailTemplate template, String migId, String idempotencyKey) {
    this.template = Objects.requireNonNull(template, "template");
    this.migId = migId;
    this.idempotencyKey = Objects.requireNonNull(idempotencyKey, "idempotencyKey");
  }

  /**
   * @param idempotencyKey e.g. {@code processInstanceId/activityId}, or a business key such as
   *     {@code renewal-reminder/gn-comics/2027-06-30/90}
   */
  public static MailRequest of(MailTemplate template, String migId, String idempotencyKey) {
    return new MailRequest(template, migId, idempotencyKey);
  }

  /** A fact the template shows ({@code decisionRationale}, {@code dueDate}, ...). */
  public MailRequest with(String name, Object value) {
    model.put(name, value);
    return this;
  }

  /** Mail these organizers instead of the MIG's (the organizers of the petition at hand). */
  public MailRequest organizers(List<Organizer> petitionOrganizers) {
    this.organizers = List.copyOf(petitionOrganizers);
    return this;
  }

  /** The address that asked for this mail ({@link Audience#REQUESTER}). */
  public MailRequest requester(String address) {
    this.requester = Objects.requireNonNull(address, "address");
    return this;
  }

  public String requester() {
    return requester;
  }

  /** The addresses of the offices a task belongs to ({@link Audience#OFFICE}). */
  public MailRequest offices(List<String> addresses) {
    this.offices = List.copyOf(addresses);
    return this;
  }

  public List<String> offices() {
    return offices;
  }

  public MailTemplate template() {
    return template;
  }

  public String migId() {
    return migId;
  }

  public String idempotencyKey() {
    return idempotencyKey;
  }

  public Map<String, Object> model() {
    return model;
  }

  /** The organizers to mail, or null for the MIG's own. */
  public List<Organizer> organizers() {
    return organizers;
  }
}
