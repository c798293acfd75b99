package org.ala.mig.lifecycle;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.ala.mig.mail.MailRequest;
import org.ala.mig.mail.MailService;
import org.ala.mig.mail.MailTemplate;
import org.ala.mig.registry.MigRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * A MIG's requests as records (CONTRACT.md, step 12): each is OPEN from the moment it is handed to
 * the lifecycle until the office's (or COO's) task completes, then GRANTED or DECLINED with the
 * decision in words; the organizers are mailed {@code request-decided}, cc the staff liaison,
 * once per request.
 */
@Service
public class MigRequestService {

  private static final Logger log = LoggerFactory.getLogger(MigRequestService.class);

  private final MigRequestRepository requests;
  private final MigRepository migs;
  private final MailService mail;
  private final Clock clock;

  public MigRequestService(MigRequestRepository requests, MigRepository migs, MailService mail, Clock clock) {
    this.requests = requests;
    this.migs = migs;
    this.mail = mail;
    this.clock = clock;
  }

  /** A new request id: R- and twelve hexadecimal digits. */
  static String newId() {
    return "R-" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toUpperCase();
  }

  /** Stores a new OPEN request, in the caller's transaction (the one that hands it to the lifecycle). */
  MigRequest open(String requestId, String migId, RequestType type, String details, BigDecimal amount,
      String newName, String requestedBy) {
    MigRequest request = new MigRequest(requestId, migId, type, details, amount, newName, MigRequest.OPEN, null,
        requestedBy, clock.instant(), null, null);
    requests.insert(request);
    return request;
  }

  /** The MIG's requests, newest first; {@link org.ala.mig.common.NotFoundException} for an unknown MIG. */
  public List<MigRequest> forMig(String migId) {
    migs.get(migId);
    return requests.forMig(migId);
  }

  /**
   * The task that decides a request completed: the record takes its outcome, and the organizers
   * are mailed. A request handed to the lifecycle before requests were records (an instance
   * migrated from an older model) has no id: its record is made now, under {@code fallbackId},
   * with the details the task shows. A request decided already is left as it is, and no second
   * mail goes.
   *
   * @param subject what the decision was about, for its words ("to Libraries Foster ...", the
   *     target unit), or null
   * @return the request as decided
   */
  public MigRequest decided(String migId, String requestId, String fallbackId, RequestType type, boolean granted,
      String subject, String notes, String decidedBy, String fallbackDetails) {
    String id = requestId != null ? requestId : matchingOpen(migId, type, fallbackDetails).orElse(fallbackId);
    if (requests.find(id).isEmpty()) {
      log.info("Request {} of MIG {} ({}) has no record (it predates them): recorded now", id, migId, type);
      open(id, migId, type, fallbackDetails == null || fallbackDetails.isBlank() ? "(not recorded)" : fallbackDetails,
          null, null, null);
    }
    String outcome = outcome(type, granted, subject, notes);
    if (!requests.decide(id, granted, outcome, decidedBy, clock.instant())) {
      log.info("Request {} of MIG {} was decided already", id, migId);
    }
    MigRequest decided = requests.find(id).orElseThrow();
    mail.send(MailRequest.of(MailTemplate.REQUEST_DECIDED, migId, "request-decided/" + id)
        .with("requestId", id)
        .with("requestType", type.words())
        .with("granted", MigRequest.GRANTED.equals(decided.status()))
        .with("outcome", decided.outcome())
        .with("details", decided.details())
        .with("notes", notes));
    return decided;
  }

  /**
   * For a task without its own copy of the request id (opened on an older model, before the
   * request reached it with its id): the oldest open request of the MIG of this type whose details
   * the task shows (a budget's task shows its amount first).
   */
  private java.util.Optional<String> matchingOpen(String migId, RequestType type, String shown) {
    if (shown == null) {
      return java.util.Optional.empty();
    }
    return requests.forMig(migId).stream()
        .filter(r -> r.type() == type && MigRequest.OPEN.equals(r.status()))
        .filter(r -> shown.equals(r.details()) || shown.endsWith("\n" + r.details()))
        .reduce((newer, older) -> older)
        .map(MigRequest::requestId);
  }

  /** The decision in words, with the decider's notes. */
  static String outcome(RequestType type, boolean granted, String subject, String notes) {
    String decision = switch (type) {
      case MEETING_SPACE -> granted ? "Meeting space arranged by Conference Services"
          : "No meeting space arranged by Conference Services";
      case SUPPORT_ITEM -> granted ? "Support item provided by HQ staff" : "Support item not provided by HQ staff";
      case BUDGET -> granted ? "Budget approved by BARC" : "Budget not approved by BARC";
      case DISBAND -> granted ? "Disbanding confirmed by the Committee on Organization"
          : "Disbanding not confirmed by the Committee on Organization";
      case TRANSITION -> "Transition" + (subject == null ? "" : " to " + subject)
          + (granted ? " approved" : " not approved") + " by the Committee on Organization";
      case RENAME -> "Rename" + (subject == null ? "" : " to \u201c" + subject + "\u201d")
          + (granted ? " approved" : " not approved") + " by the Committee on Organization";
    };
    return notes == null || notes.isBlank() ? decision + "." : decision + ". Notes: " + notes.strip();
  }
}
