package org.ala.mig.web.api;

import java.util.List;
import org.ala.mig.common.InvalidInputException;
import org.ala.mig.common.NotFoundException;
import org.ala.mig.identity.MigGroup;
import org.ala.mig.identity.RequiresGroup;
import org.ala.mig.mail.MailService;
import org.ala.mig.mail.OutboxMail.Status;
import org.ala.mig.mail.OutboxMail;
import org.ala.mig.mail.OutboxMailInFull;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * GET /api/mail/outbox: what was sent, what waits, what failed and why; GET /api/mail/outbox/{id}:
 * one mail with its bodies (COO and administrators). Tokens of links are masked in both.
 */
@RestController
@RequiresGroup({MigGroup.COO, MigGroup.CAMUNDA_ADMIN})
class OutboxController {

  private final MailService mail;

  OutboxController(MailService mail) {
    this.mail = mail;
  }

  @GetMapping("/api/mail/outbox")
  List<OutboxMail> outbox(
      @RequestParam(required = false) String migId,
      @RequestParam(required = false) String status,
      @RequestParam(defaultValue = "200") int limit) {
    if (limit < 1 || limit > 1000) {
      throw InvalidInputException.of("limit", "must be between 1 and 1000, got " + limit);
    }
    Status wanted = InvalidInputException.enumValue("status", status, Status.class);
    return mail.outbox(migId == null || migId.isBlank() ? null : migId, wanted, limit);
  }

  @GetMapping("/api/mail/outbox/{id}")
  OutboxMailInFull outboxMail(@PathVariable long id) {
    return mail.outboxMail(id).orElseThrow(() -> new NotFoundException("no mail " + id + " in the outbox"));
  }
}
