package org.ala.mig.mail;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.ala.mig.common.MigProperties;
import org.ala.mig.mail.MailOutbox.Sendable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends the outbox through JavaMail: after each commit that wrote a mail, and every
 * {@code mig.mail.dispatcher.poll-interval}. A failure that may pass (server down, timeout) is
 * retried with a doubling backoff; after {@code max-attempts}, or at once when the server refuses
 * every recipient, the row is FAILED, logged and shown in the outbox.
 */
@Component
public class MailDispatcher implements DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(MailDispatcher.class);

  private final MailOutbox outbox;
  private final JavaMailSender sender;
  private final MigProperties.Mail settings;
  private final Clock clock;
  /** A short transaction of the dispatcher's own: a claim, or the outcomes of one batch. */
  private final TransactionTemplate ownTransaction;
  private final String node;
  private final ExecutorService wakeUps = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "mail-dispatcher");
    t.setDaemon(true);
    return t;
  });
  private final AtomicBoolean wakeUpQueued = new AtomicBoolean();
  /** Renews the lease of the mails this node is sending, while it sends (see {@link #dispatchDue}). */
  private final ScheduledExecutorService leaseKeeper = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "mail-lease-keeper");
    t.setDaemon(true);
    return t;
  });
  private final AtomicInteger sending = new AtomicInteger();
  private final Counter sent;
  private final Counter retried;
  private final Counter failed;

  public MailDispatcher(MailOutbox outbox, JavaMailSender sender, MigProperties properties, Clock clock,
      PlatformTransactionManager transactions, MeterRegistry meters) {
    MailStreams.nameProvider();
    this.outbox = outbox;
    this.sender = sender;
    this.settings = properties.mail();
    this.clock = clock;
    this.ownTransaction = new TransactionTemplate(transactions);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.node = nodeName();
    this.sent = meters.counter("mig.mail.sent");
    this.retried = meters.counter("mig.mail.retried");
    this.failed = meters.counter("mig.mail.failed");
    long renewEvery = Math.max(1, settings.dispatcher().lease().toMillis() / 3);
    leaseKeeper.scheduleWithFixedDelay(this::renewLeases, renewEvery, renewEvery, TimeUnit.MILLISECONDS);
  }

  /**
   * Sends every mail that is due now, batch after batch; returns how many were handled. A claimed
   * batch is leased to this node for {@code mig.mail.dispatcher.lease}, renewed while it sends
   * (a slow server may take longer than one lease), so that no other node sends it meanwhile,
   * and a node that dies gives it back within one lease.
   */
  public int dispatchDue() {
    int handled = 0;
    int batchSize = settings.dispatcher().batchSize();
    int lease = leaseSeconds();
    sending.incrementAndGet();
    try {
      while (true) {
        List<Long> claimed = ownTransaction.execute(
            tx -> outbox.claimDue(clock.instant(), batchSize, node, lease));
        if (claimed == null || claimed.isEmpty()) {
          return handled;
        }
        deliver(outbox.sendables(claimed, node));
        handled += claimed.size();
        if (claimed.size() < batchSize) {
          return handled;
        }
      }
    } finally {
      sending.decrementAndGet();
    }
  }

  /** Extends the lease of the mails this node is sending, if it is sending any. */
  void renewLeases() {
    if (sending.get() == 0) {
      return;
    }
    try {
      outbox.renewClaims(node, leaseSeconds());
    } catch (RuntimeException e) {
      log.warn("Could not renew the lease of the mails being sent: {}", e.toString());
    }
  }

  private int leaseSeconds() {
    return (int) Math.max(1, settings.dispatcher().lease().toSeconds());
  }

  @Scheduled(fixedDelayString = "${mig.mail.dispatcher.poll-interval:2s}")
  void poll() {
    if (settings.dispatcher().enabled()) {
      dispatchQuietly();
    }
  }

  /**
   * Whether this node sends mail at all (the tests switch the dispatcher off and send by hand).
   */
  /** How many mails are due now or being sent: what a settled simulation waits for. */
  public long dueOrSending() {
    return outbox.countDueOrSending(clock.instant());
  }

  public boolean enabled() {
    return settings.dispatcher().enabled();
  }

  /** Asks for a dispatch soon (after a commit that wrote mail); several asks make one run. */
  public void wakeUp() {
    if (settings.dispatcher().enabled() && wakeUpQueued.compareAndSet(false, true)) {
      wakeUps.execute(() -> {
        wakeUpQueued.set(false);
        dispatchQuietly();
      });
    }
  }

  private void dispatchQuietly() {
    try {
      dispatchDue();
    } catch (RuntimeException e) {
      log.warn("Mail dispatch round failed; the next round tries again: {}", e.toString());
    }
  }

  /**
   * Sends a batch over one SMTP connection (a connection costs far more than a mail), then
   * judges each mail by its own outcome: sent, refused for good, or to be retried.
   */
  private void deliver(List<Sendable> batch) {
    Map<MimeMessage, Sendable> messages = new LinkedHashMap<>(); // outbox order; MimeMessage equality is identity
    for (Sendable mail : batch) {
      try {
        messages.put(message(mail), mail);
      } catch (MessagingException e) {
        fail(mail, mail.attempts() + 1, "cannot be built: " + describe(e));
      }
    }
    if (messages.isEmpty()) {
      return;
    }
    Map<Object, Exception> failures = Map.of();
    try {
      sender.send(messages.keySet().toArray(MimeMessage[]::new));
    } catch (MailSendException e) {
      failures = e.getFailedMessages().isEmpty() ? everyMessage(messages, e) : e.getFailedMessages();
    } catch (MailException e) {
      failures = everyMessage(messages, e);
    }
    // the outcomes of one batch in one transaction: one commit, not one per mail
    Map<Object, Exception> outcomes = failures;
    ownTransaction.executeWithoutResult(tx -> {
      for (Map.Entry<MimeMessage, Sendable> entry : messages.entrySet()) {
        Exception failure = outcomes.get(entry.getKey());
        Sendable mail = entry.getValue();
        if (failure == null) {
          outbox.markSent(mail.id(), node, mail.attempts() + 1, clock.instant(), null);
          sent.increment();
          log.info("Mail {} '{}' sent to {} (attempt {})", mail.id(), mail.template(), mail.to(), mail.attempts() + 1);
        } else {
          failed(mail, failure);
        }
      }
    });
  }

  private static Map<Object, Exception> everyMessage(Map<MimeMessage, Sendable> messages, Exception e) {
    Map<Object, Exception> all = new IdentityHashMap<>();
    messages.keySet().forEach(m -> all.put(m, e));
    return all;
  }

  private void failed(Sendable mail, Exception e) {
    int attempts = mail.attempts() + 1;
    SendFailedException refused = refusedRecipients(e);
    if (refused != null && refused.getValidSentAddresses() != null && refused.getValidSentAddresses().length > 0) {
      String note = ("not delivered to " + join(refused.getInvalidAddresses()) + " "
          + join(refused.getValidUnsentAddresses())).strip() + ": " + refused.getMessage();
      outbox.markSent(mail.id(), node, attempts, clock.instant(), note);
      sent.increment();
      log.warn("Mail {} '{}' sent, but {}", mail.id(), mail.template(), note);
    } else if (isPermanent(e, refused)) {
      fail(mail, attempts, describe(e));
    } else if (attempts >= settings.dispatcher().maxAttempts()) {
      fail(mail, attempts, "gave up after " + attempts + " attempts: " + describe(e));
    } else {
      Duration wait = backoff(attempts);
      outbox.markRetry(mail.id(), node, attempts, clock.instant().plus(wait), describe(e));
      retried.increment();
      log.warn("Mail {} '{}' not sent (attempt {}), next try in {}: {}", mail.id(), mail.template(),
          attempts, wait, describe(e));
    }
  }

  private void fail(Sendable mail, int attempts, String error) {
    outbox.markFailed(mail.id(), node, attempts, error);
    failed.increment();
    log.error("Mail {} '{}' for MIG {} to {} FAILED: {}", mail.id(), mail.template(), mail.migId(), mail.to(), error);
  }

  /** The wait after {@code attempts} failures: initial, doubling, at most max-backoff. */
  Duration backoff(int attempts) {
    Duration wait = settings.dispatcher().initialBackoff();
    for (int i = 1; i < attempts && wait.compareTo(settings.dispatcher().maxBackoff()) < 0; i++) {
      wait = wait.multipliedBy(2);
    }
    return wait.compareTo(settings.dispatcher().maxBackoff()) > 0 ? settings.dispatcher().maxBackoff() : wait;
  }

  private MimeMessage message(Sendable mail) throws MessagingException {
    MimeMessage message = sender.createMimeMessage();
    message.setFrom(settings.from());
    message.setRecipients(MimeMessage.RecipientType.TO, String.join(", ", mail.to()));
    if (!mail.cc().isEmpty()) {
      message.setRecipients(MimeMessage.RecipientType.CC, String.join(", ", mail.cc()));
    }
    message.setSubject(mail.subject(), "UTF-8");
    message.setHeader("X-MIG-Template", mail.template());
    message.setHeader("X-MIG-Outbox-Key", mail.idempotencyKey());
    MimeMultipart alternative = new MimeMultipart("alternative");
    MimeBodyPart text = new MimeBodyPart();
    text.setText(mail.text(), "UTF-8", "plain");
    MimeBodyPart html = new MimeBodyPart();
    html.setText(mail.html(), "UTF-8", "html");
    alternative.addBodyPart(text);
    alternative.addBodyPart(html);
    message.setContent(alternative);
    message.setSentDate(java.util.Date.from(clock.instant()));
    return message;
  }

  private static SendFailedException refusedRecipients(Exception e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SendFailedException refused) {
        return refused;
      }
    }
    return null;
  }

  private static boolean isPermanent(Exception e, SendFailedException refused) {
    if (e instanceof MailParseException || e instanceof MailPreparationException
        || e instanceof jakarta.mail.internet.ParseException) {
      return true;
    }
    if (e instanceof MailAuthenticationException) {
      return false;
    }
    return refused != null && refused.getInvalidAddresses() != null && refused.getInvalidAddresses().length > 0
        && (refused.getValidUnsentAddresses() == null || refused.getValidUnsentAddresses().length == 0);
  }

  private static String describe(Exception e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return root == e ? message : message + " (" + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
  }

  private static String join(Object[] addresses) {
    return addresses == null ? "" : Arrays.stream(addresses).map(Object::toString).collect(Collectors.joining(", "));
  }

  private static String nodeName() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (Exception e) {
      host = "unknown-host";
    }
    return host + ":" + ProcessHandle.current().pid() + ":" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** This dispatcher's name in claimed_by. */
  public String node() {
    return node;
  }

  @Override
  public void destroy() {
    wakeUps.shutdownNow();
    leaseKeeper.shutdownNow();
  }
}
