package org.ala.mig.web.pages;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.ala.mig.common.InvalidInputException;
import org.ala.mig.common.MigProperties;
import org.ala.mig.common.NotFoundException;
import org.ala.mig.identity.MigGroup;
import org.ala.mig.identity.RequiresGroup;
import org.ala.mig.mail.MailService;
import org.ala.mig.mail.OutboxMail.Status;
import org.ala.mig.mail.OutboxMail;
import org.ala.mig.mail.OutboxMailInFull;
import org.ala.mig.registry.Mig;
import org.ala.mig.registry.MigDirectory;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The outbox for COO and administrators, as GET /api/mail/outbox: the latest mails, what was
 * sent, what waits and what failed, filtered by status and MIG, with the counts by status; and
 * each mail on its own page (/outbox/{id}) in full: recipients, why it failed, and its bodies.
 * Tokens of links are masked by {@link MailService}.
 */
@Controller
@RequiresGroup({MigGroup.COO, MigGroup.CAMUNDA_ADMIN})
class OutboxPageController {

  static final int SHOWN = 200;

  /** One mail as the table and its page show it; times in {@code mig.time-zone}. */
  public record Row(long id, String template, String migId, List<String> to, List<String> cc, String subject, String status,
      int attempts, String lastError, String problems, Instant createdAt, String created, Instant sentAt,
      String sent, List<String> rejectedRecipients, boolean possiblyRepeated, String key, Instant nextAttemptAt,
      String nextAttempt) {}

  /** One mail in full: its row, its text body and the source of its HTML body. */
  public record Full(Row mail, String text, String html) {}

  /** A MIG in the filter. */
  public record MigChoice(String id, String name) {}

  private final MailService mail;
  private final MigDirectory migs;
  private final DateTimeFormatter time;

  OutboxPageController(MailService mail, MigDirectory migs, MigProperties properties) {
    this.mail = mail;
    this.migs = migs;
    this.time = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z", Locale.US).withZone(properties.timeZone());
  }

  @GetMapping("/outbox")
  String outbox(@RequestParam(defaultValue = "") String status, @RequestParam(defaultValue = "") String migId,
      Model model) {
    Status wanted = status.isBlank() ? null : InvalidInputException.enumValue("status", status.strip(), Status.class);
    String mig = migId.isBlank() ? null : migId.strip();
    List<Row> rows = mail.outbox(mig, wanted, SHOWN).stream().map(this::row).toList();
    Map<Status, Long> counts = mail.outboxCounts();
    List<MigChoice> choices = new ArrayList<>(migs.list(null).stream().map(OutboxPageController::choice).toList());
    if (mig != null && choices.stream().noneMatch(c -> c.id().equals(mig))) {
      choices.add(0, new MigChoice(mig, mig));
    }
    model.addAttribute("rows", rows);
    model.addAttribute("counts", counts);
    model.addAttribute("total", counts.values().stream().mapToLong(Long::longValue).sum());
    model.addAttribute("statuses", Status.values());
    model.addAttribute("status", wanted == null ? "" : wanted.name());
    model.addAttribute("migId", mig == null ? "" : mig);
    model.addAttribute("migs", choices);
    model.addAttribute("shown", SHOWN);
    model.addAttribute("zone", time.getZone().getId());
    return "pages/outbox";
  }

  @GetMapping("/outbox/{id}")
  String mail(@PathVariable String id, Model model) {
    OutboxMailInFull found = parse(id).flatMap(mail::outboxMail)
        .orElseThrow(() -> new NotFoundException("There is no mail " + id + " in the outbox."));
    OutboxMail m = found.mail();
    model.addAttribute("m", new Full(row(m), found.text(), found.html()));
    model.addAttribute("migName", m.migId() == null ? null : migs.find(m.migId()).map(Mig::name).orElse(null));
    model.addAttribute("zone", time.getZone().getId());
    return "pages/outbox-mail";
  }

  private static Optional<Long> parse(String id) {
    try {
      return Optional.of(Long.parseLong(id.strip()));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private Row row(OutboxMail m) {
    boolean waiting = m.status() == Status.PENDING && m.nextAttemptAt() != null && m.attempts() > 0;
    return new Row(m.id(), m.template(), m.migId(), m.to(), m.cc(),
        m.subject(), m.status().name(), m.attempts(), m.lastError(), m.problems(), m.createdAt(),
        format(m.createdAt()), m.sentAt(), format(m.sentAt()), m.rejectedRecipients(), m.possiblyRepeated(),
        m.key(), waiting ? m.nextAttemptAt() : null, waiting ? format(m.nextAttemptAt()) : null);
  }

  private String format(Instant instant) {
    return instant == null ? null : time.format(instant);
  }

  private static MigChoice choice(Mig mig) {
    return new MigChoice(mig.id(), mig.name());
  }
}
