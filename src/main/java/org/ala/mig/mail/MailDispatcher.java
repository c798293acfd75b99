package org.ala.mig.mail;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
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
import org.springframework.mail.javamail.JavaMailSenderImpl;
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
  private final JavaMailSenderImpl sender;
  /** The sender's session with partial sending on, made at the first dispatch. */
  private volatile Session partialSession;
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

  public MailDispatcher(MailOutbox outbox, JavaMailSenderImpl sender, MigProperties properties, Clock clock,
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
        MailOutbox.Claim claim = ownTransaction.execute(
            tx -> outbox.claimDue(clock.instant(), batchSize, node, lease));
        if (claim == null || claim.ids().isEmpty()) {
          return handled;
        }
        deliver(outbox.sendables(claim.ids(), claim.token()));
        handled += claim.ids().size();
        if (claim.ids().size() < batchSize) {
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

  /** How many mails are due now or being sent: what a settled simulation waits for. */
  public long dueOrSending() {
    return outbox.countDueOrSending(clock.instant());
  }

  /**
   * Whether this node sends mail at all (the tests switch the dispatcher off and send by hand).
   */
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
   * Sends a batch over one SMTP connection (a connection costs far more than a mail), and commits
   * each mail's outcome right after its own sending, so that a crash repeats at most the one mail
   * being sent. A failure to close the connection after the sending changes no outcome: the
   * server has taken those mails. A connection that breaks gives the mails not yet tried back.
   */
  private void deliver(List<Sendable> batch) {
    if (batch.isEmpty()) {
      return;
    }
    Transport transport;
    try {
      transport = connect();
    } catch (MessagingException e) {
      batch.forEach(mail -> record(() -> failed(mail, e)));
      return;
    }
    try {
      for (int i = 0; i < batch.size(); i++) {
        Sendable mail = batch.get(i);
        MimeMessage message;
        try {
          message = message(mail);
        } catch (MessagingException e) {
          record(() -> fail(mail, mail.attempts() + 1, "cannot be built: " + describe(e)));
          continue;
        }
        try {
          transport.sendMessage(message, message.getAllRecipients());
          record(() -> sent(mail, mail.attempts() + 1, null, null));
        } catch (MessagingException e) {
          record(() -> failed(mail, e));
          // only a server that refused recipients has answered, and leaves the connection usable;
          // any other failure may be the connection's (a dropped one shows as "[EOF]" or a broken
          // pipe, even while isConnected() still says yes): the rest waits for the next round
          if (!recipientsRefused(e)) {
            List<Sendable> untried = batch.subList(i + 1, batch.size());
            untried.forEach(rest -> record(() -> outbox.release(rest.id(), rest.claim(), clock.instant())));
            log.warn("The SMTP connection broke after mail {}: {} mails of the batch wait for the next round",
                mail.id(), untried.size());
            return;
          }
        }
      }
    } finally {
      try {
        transport.close();
      } catch (MessagingException e) {
        log.info("Closing the SMTP connection failed after sending; the mails it took stay sent: {}", describe(e));
      }
    }
  }

  private Transport connect() throws MessagingException {
    Transport transport = session().getTransport(sender.getProtocol() == null ? "smtp" : sender.getProtocol());
    String user = sender.getUsername() == null || sender.getUsername().isEmpty() ? null : sender.getUsername();
    String password = user == null ? null : sender.getPassword();
    transport.connect(sender.getHost(), sender.getPort(), user, password);
    return transport;
  }

  /**
   * The sender's JavaMail session with partial sending on: a recipient the server refuses is
   * left out, and the others get the mail (mail.smtp.sendpartial).
   */
  private Session session() {
    Session session = partialSession;
    if (session == null) {
      Properties properties = new Properties();
      properties.putAll(sender.getSession().getProperties());
      properties.setProperty("mail.smtp.sendpartial", "true");
      properties.setProperty("mail.smtps.sendpartial", "true");
      session = Session.getInstance(properties);
      partialSession = session;
    }
    return session;
  }

  /** Commits one mail's outcome in the dispatcher's own short transaction. */
  private void record(Runnable outcome) {
    ownTransaction.executeWithoutResult(tx -> outcome.run());
  }

  private void sent(Sendable mail, int attempts, String rejected, String note) {
    if (!claimHeld(mail, outbox.markSent(mail.id(), mail.claim(), attempts, clock.instant(), rejected, note))) {
      return;
    }
    sent.increment();
    if (rejected == null) {
      log.info("Mail {} '{}' sent to {} (attempt {}{})", mail.id(), mail.template(), mail.to(), attempts,
          mail.resent() ? ", sent again after its node died: it may arrive twice, with the same Message-ID" : "");
    } else {
      log.warn("Mail {} '{}' sent, but not to {}: {}", mail.id(), mail.template(), rejected, note);
    }
  }

  /** Whether the claim on the mail was still this dispatcher's when it recorded the outcome. */
  private boolean claimHeld(Sendable mail, boolean held) {
    if (!held) {
      log.warn("Mail {} '{}': its claim ran out and another dispatcher holds it now; this outcome is not recorded",
          mail.id(), mail.template());
    }
    return held;
  }

  private void failed(Sendable mail, Exception e) {
    int attempts = mail.attempts() + 1;
    SendFailedException refused = refusedRecipients(e);
    if (refused != null && refused.getValidSentAddresses() != null && refused.getValidSentAddresses().length > 0) {
      String rejected = (join(refused.getInvalidAddresses()) + ", " + join(refused.getValidUnsentAddresses()))
          .replaceAll("^, |, $", "");
      sent(mail, attempts, rejected, "not delivered to " + rejected + ": " + reasons(refused));
    } else if (isPermanent(e, refused)) {
      fail(mail, attempts, describe(e));
    } else if (attempts >= settings.dispatcher().maxAttempts()) {
      fail(mail, attempts, "gave up after " + attempts + " attempts: " + describe(e));
    } else {
      Duration wait = backoff(attempts);
      if (claimHeld(mail, outbox.markRetry(mail.id(), mail.claim(), attempts, clock.instant().plus(wait), describe(e)))) {
        retried.increment();
        log.warn("Mail {} '{}' not sent (attempt {}), next try in {}: {}", mail.id(), mail.template(),
            attempts, wait, describe(e));
      }
    }
  }

  private void fail(Sendable mail, int attempts, String error) {
    if (claimHeld(mail, outbox.markFailed(mail.id(), mail.claim(), attempts, error))) {
      failed.increment();
      log.error("Mail {} '{}' for MIG {} to {} FAILED: {}", mail.id(), mail.template(), mail.migId(), mail.to(), error);
    }
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
    MimeMessage message = new OutboxMessage(session(), messageId(mail.id(), mail.idempotencyKey()));
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

  /** The server's answer to each refused address (JavaMail chains one exception per address). */
  private static String reasons(SendFailedException refused) {
    List<String> reasons = new ArrayList<>();
    for (Exception next = refused.getNextException(); next != null;
        next = next instanceof MessagingException chained ? chained.getNextException() : null) {
      if (next.getMessage() != null && !next.getMessage().isBlank()) {
        reasons.add(next.getMessage().strip());
      }
    }
    return reasons.isEmpty() ? refused.getMessage() : String.join("; ", reasons);
  }

  private static boolean recipientsRefused(MessagingException e) {
    return e instanceof SendFailedException refusal && refusal.getInvalidAddresses() != null
        && refusal.getInvalidAddresses().length > 0;
  }

  private static boolean isPermanent(Exception e, SendFailedException refused) {
    if (e instanceof jakarta.mail.internet.ParseException) {
      return true;   // an address or header that cannot be written: no retry mends it
    }
    return refused != null && refused.getInvalidAddresses() != null && refused.getInvalidAddresses().length > 0
        && (refused.getValidUnsentAddresses() == null || refused.getValidUnsentAddresses().length == 0);
  }

  /**
   * The Message-ID of an outbox row: the same on every attempt and every node, so that a receiver
   * can tell a repeat (after a crash inside an SMTP transaction) from a new mail.
   */
  String messageId(long id, String idempotencyKey) {
    String hash;
    try {
      hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(idempotencyKey.getBytes(StandardCharsets.UTF_8))).substring(0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    String from = settings.from();
    String domain = from.contains("@") ? from.substring(from.lastIndexOf('@') + 1).replace(">", "").strip() : "mig.invalid";
    return "<outbox-" + id + "." + hash + "@" + domain + ">";
  }

  /** A message whose Message-ID is the outbox row's, not a new one at every save. */
  private static final class OutboxMessage extends MimeMessage {
    private final String messageId;

    OutboxMessage(Session session, String messageId) {
      super(session);
      this.messageId = messageId;
    }

    @Override
    protected void updateMessageID() throws MessagingException {
      setHeader("Message-ID", messageId);
    }
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
