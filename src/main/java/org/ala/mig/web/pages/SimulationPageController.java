package org.ala.mig.web.pages;

import java.io.Serializable;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.ala.mig.common.InvalidInputException;
import org.ala.mig.common.MigProperties;
import org.ala.mig.identity.MigGroup;
import org.ala.mig.identity.RequiresGroup;
import org.ala.mig.mail.MailService;
import org.ala.mig.mail.OutboxMail;
import org.ala.mig.registry.Mig;
import org.ala.mig.registry.MigDirectory;
import org.ala.mig.simulation.SimulationClock;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The simulation profile's clock page (administrators): the engine clock now, and buttons that
 * move it a day, a week, a month or a year forward, settle (wait until no job is due, 60 s at
 * most) and come back showing what moved: the clock, the MIGs whose status changed and the mails
 * written meanwhile.
 */
@Controller
@Profile("simulation")
@RequiresGroup(MigGroup.CAMUNDA_ADMIN)
class SimulationPageController {

  /** The moves the page offers, with how it names them. */
  static final Map<String, String> PERIODS = periods();
  static final int MAILS_SHOWN = 50;

  /** What the last move did, carried over the redirect. */
  public record Report(String period, String from, String to, boolean settled, long dueJobs, long retriedJobs,
      long failedJobs, List<String> statusChanges, List<String> mails, long mailsWritten) implements Serializable {}

  private final SimulationClock clock;
  private final MigDirectory migs;
  private final MailService mail;
  private final DateTimeFormatter local;

  SimulationPageController(SimulationClock clock, MigDirectory migs, MailService mail, MigProperties properties) {
    this.clock = clock;
    this.migs = migs;
    this.mail = mail;
    this.local = DateTimeFormatter.ofPattern("EEEE, MMMM d, yyyy, HH:mm z", Locale.US).withZone(properties.timeZone());
  }

  @GetMapping("/simulation")
  String page(Model model) {
    Instant now = clock.now();
    model.addAttribute("now", now);
    model.addAttribute("nowLocal", local.format(now));
    model.addAttribute("periods", PERIODS);
    return "pages/simulation";
  }

  @PostMapping("/simulation/advance")
  String advance(@RequestParam(defaultValue = "") String period, RedirectAttributes redirect)
      throws InterruptedException {
    String name = PERIODS.get(period);
    if (name == null) {
      throw InvalidInputException.of("period", "must be one of " + String.join(", ", PERIODS.keySet()) + ", got '" + period + "'");
    }
    Map<String, Mig> before = statuses();
    long lastMail = mail.outbox(null, null, 1).stream().mapToLong(OutboxMail::id).findFirst().orElse(0);
    long mailsBefore = mailCount();

    SimulationClock.Move move = clock.advance(period);
    SimulationClock.Settled settled = clock.settle();

    List<String> changes = new ArrayList<>();
    statuses().forEach((id, mig) -> {
      Mig was = before.get(id);
      if (was == null) {
        changes.add(mig.name() + ": new, " + mig.status());
      } else if (was.status() != mig.status()) {
        changes.add(mig.name() + ": " + was.status() + " → " + mig.status());
      }
    });
    // the newest first from the outbox; shown oldest first
    List<String> mails = new ArrayList<>(mail.outbox(null, null, MAILS_SHOWN).stream()
        .filter(m -> m.id() > lastMail)
        .map(m -> m.template() + (m.migId() == null ? "" : " (" + m.migId() + ")") + ": " + m.subject())
        .toList());
    Collections.reverse(mails);
    redirect.addFlashAttribute("report", new Report(name, local.format(move.from()), local.format(move.to()),
        settled.settled(), settled.dueJobs(), settled.retriedJobs(), settled.failedJobs(), changes, mails, Math.max(mails.size(), mailCount() - mailsBefore)));
    return "redirect:/simulation";
  }

  private long mailCount() {
    return mail.outboxCounts().values().stream().mapToLong(Long::longValue).sum();
  }

  private Map<String, Mig> statuses() {
    return migs.list(null).stream().collect(Collectors.toMap(Mig::id, Function.identity(), (a, b) -> a, LinkedHashMap::new));
  }

  private static Map<String, String> periods() {
    Map<String, String> periods = new LinkedHashMap<>();
    periods.put("P1D", "a day");
    periods.put("P7D", "a week");
    periods.put("P1M", "a month");
    periods.put("P1Y", "a year");
    return periods;
  }
}
