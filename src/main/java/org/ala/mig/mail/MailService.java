package org.ala.mig.mail;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.ala.mig.common.MigProperties;
import org.ala.mig.mail.MailOutbox.NewMail;
import org.ala.mig.mail.OutboxMail.Status;
import org.ala.mig.registry.Mig;
import org.ala.mig.registry.MigRepository;
import org.ala.mig.registry.StaffLiaisonRepository;
import org.ala.mig.registry.Organizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The one way to send a mail: {@link #send} renders it and writes it to the outbox in the
 * caller's transaction (the engine step's), and the dispatcher sends it after commit. A step
 * that rolls back leaves no mail; a step that runs again with the same key writes none.
 */
@Service
public class MailService {

  private static final Logger log = LoggerFactory.getLogger(MailService.class);

  private final MailOutbox outbox;
  private final MailRenderer renderer;
  private final MigRepository migs;
  private final MigProperties properties;
  private final Clock clock;
  private final MailDispatcher dispatcher;
  private final MailFormats formats;
  private final StaffLiaisonRepository liaisons;

  public MailService(MailOutbox outbox, MailRenderer renderer, MigRepository migs,
      MigProperties properties, Clock clock, MailDispatcher dispatcher, StaffLiaisonRepository liaisons) {
    this.liaisons = liaisons;
    this.outbox = outbox;
    this.renderer = renderer;
    this.migs = migs;
    this.properties = properties;
    this.clock = clock;
    this.dispatcher = dispatcher;
    this.formats = new MailFormats(properties.timeZone());
  }

  /*
   * Reading the outbox: every mail that leaves here is masked (MailMasking), so that no view of a
   * mail shows a live sign-in or confirmation link.
   */

  /**
   * The outbox's mails, newest first: of one MIG and one status when given, at most {@code limit};
   * tokens masked.
   */
  public List<OutboxMail> outbox(String migId, OutboxMail.Status status, int limit) {
    return outbox.list(migId, status, limit).stream().map(MailMasking::mask).toList();
  }

  /** One mail with its text and HTML bodies, tokens masked; empty when there is none with that id. */
  public Optional<OutboxMailInFull> outboxMail(long id) {
    return outbox.find(id).map(MailMasking::mask);
  }

  /** How many mails the outbox holds in each status. */
  public Map<OutboxMail.Status, Long> outboxCounts() {
    return outbox.countByStatus();
  }

  /**
   * Writes the mail to the outbox unless a mail with the same key is there already.
   *
   * @return true when a new mail was written
   * @throws IllegalArgumentException when the MIG does not exist (a programming error)
   */
  @Transactional
  public boolean send(MailRequest request) {
    if (outbox.exists(request.idempotencyKey())) {
      log.debug("Mail {} already in the outbox", request.idempotencyKey());
      return false;
    }
    MailTemplate template = request.template();
    Mig mig = null;
    if (request.migId() != null) {
      mig = migs.find(request.migId())
          .orElseThrow(() -> new IllegalArgumentException("no MIG with id " + request.migId()));
    } else if (template.aboutOneMig()) {
      throw new IllegalArgumentException(template.id() + " is about one MIG: give its id");
    }
    List<Organizer> organizers = request.organizers() != null ? request.organizers()
        : mig != null ? mig.organizers() : List.of();

    List<String> problems = new ArrayList<>();
    List<String> to = addresses(template.to(), mig, organizers, request, problems);
    List<String> cc = addresses(template.cc(), mig, organizers, request, problems);
    cc.removeAll(to);

    Map<String, Object> model = new HashMap<>(request.model());
    model.put("mig", mig);
    List<String> formerNames = mig == null ? List.of() : migs.formerNames(mig.id());
    model.put("formerNames", formerNames);
    model.put("migTitle", mig == null ? null : title(mig.name(), formerNames));
    model.put("organizers", organizers);
    model.put("fmt", formats);
    model.put("appUrl", properties.mail().publicUrl());
    model.put("contact", contact(mig));
    model.putIfAbsent("requiredSignatures", properties.petition().requiredSignatures());
    MailRenderer.Rendered rendered = renderer.render(template, model);

    boolean nobody = to.isEmpty() && cc.isEmpty();
    if (nobody) {
      problems.add("no valid recipient: nothing can be sent");
    }
    String problem = problems.isEmpty() ? null : String.join("; ", problems);
    outbox.insert(new NewMail(request.idempotencyKey(), template, request.migId(), to, cc,
        rendered.subject(), rendered.text(), rendered.html(), nobody ? Status.FAILED : Status.PENDING,
        problem), clock.instant());
    if (problem != null) {
      log.warn("Mail {} ({}) for MIG {}: {}", template.id(), request.idempotencyKey(), request.migId(), problem);
    }
    wakeDispatcherAfterCommit();
    return true;
  }

  /** The MIG's name as mails show it: "Name (formerly Old Name)", newest former name first. */
  public static String title(String name, List<String> formerNames) {
    return formerNames.isEmpty() ? name : name + " (formerly " + String.join("; ", formerNames) + ")";
  }

  private List<String> addresses(List<Audience> audiences, Mig mig, List<Organizer> organizers, MailRequest request,
      List<String> problems) {
    Set<String> result = new LinkedHashSet<>();
    for (Audience audience : audiences) {
      switch (audience) {
        case ORGANIZERS -> organizers.forEach(o -> add(result, o.email(), "organizer " + o.name(), problems));
        case STAFF_LIAISON -> {
          if (mig != null) {   // every liaison of the MIG (step 12), in order
            liaisons.of(mig.id()).forEach(l -> add(result, l.email(), "staff liaison " + l.name(), problems));
          }
        }
        case MEMBER_PROGRAMS -> add(result, properties.mail().memberPrograms(), "member programs", problems);
        case CONFERENCE_SERVICES ->
            add(result, properties.mail().conferenceServices(), "conference services", problems);
        case COO_CHAIR -> add(result, properties.mail().cooChair(), "COO chair", problems);
        case COUNCIL -> add(result, properties.mail().council(), "council", problems);
        case REQUESTER -> add(result, request.requester(), "the address that asked", problems);
        case OFFICE -> request.offices().forEach(a -> add(result, a, "the task's office", problems));
      }
    }
    return new ArrayList<>(result);
  }

  /** Adds a valid address; an invalid one is left out and named in the row's problems. */
  private static void add(Set<String> result, String address, String whose, List<String> problems) {
    if (isValid(address)) {
      result.add(address.trim());
    } else {
      problems.add("invalid address of " + whose + " left out: '" + address + "'");
    }
  }

  static boolean isValid(String address) {
    if (address == null || address.isBlank() || address.indexOf('@') < 1) {
      return false;
    }
    try {
      new InternetAddress(address.trim(), true).validate();
      return !address.contains(",");
    } catch (AddressException e) {
      return false;
    }
  }

  private String contact(Mig mig) {
    if (mig != null && mig.staffLiaison() != null) {
      return mig.staffLiaison().name() + " <" + mig.staffLiaison().email() + ">";
    }
    return "Member Programs and Services <" + properties.mail().memberPrograms() + ">";
  }

  private void wakeDispatcherAfterCommit() {
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void afterCommit() {
          dispatcher.wakeUp();
        }
      });
    }
  }
}
