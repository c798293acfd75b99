package org.ala.mig.mail;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SMTP server of the default run (127.0.0.1:2525): it receives every mail, so that
 * `./mvnw spring-boot:run` shows real delivery with no setup. Used while spring.mail.host is unset.
 */
public class EmbeddedSmtpServer {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedSmtpServer.class);
  private final GreenMail server;

  public EmbeddedSmtpServer(String host, int port) {
    ServerSetup setup = new ServerSetup(port, host, ServerSetup.PROTOCOL_SMTP);
    this.server = new GreenMail(setup).withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
  }

  public void start() {
    server.start();
    log.info("Embedded SMTP server listening on {}:{} (set spring.mail.host to use a real one)",
        server.getSmtp().getBindTo(), port());
  }

  public void stop() {
    server.stop();
  }

  public int port() {
    return server.getSmtp().getPort();
  }

  public String host() {
    return server.getSmtp().getBindTo();
  }

  /**
   * Every message received since the start, once per sending however many recipients it had.
   * The server keeps a copy per recipient, and the copies of one sending share their Message-ID;
   * a message sent twice (the outbox keeps its Message-ID) shows twice.
   */
  public List<MimeMessage> received() {
    Map<String, List<MimeMessage>> copies = new LinkedHashMap<>();
    for (MimeMessage message : server.getReceivedMessages()) {
      copies.computeIfAbsent(messageId(message), id -> new ArrayList<>()).add(message);
    }
    List<MimeMessage> sendings = new ArrayList<>();
    copies.values().forEach(same -> {
      int perSending = Math.max(1, recipients(same.get(0)));
      for (int i = 0; i < (same.size() + perSending - 1) / perSending; i++) {
        sendings.add(same.get(0));
      }
    });
    return List.copyOf(sendings);
  }

  private static int recipients(MimeMessage message) {
    try {
      return message.getAllRecipients() == null ? 1 : message.getAllRecipients().length;
    } catch (MessagingException e) {
      return 1;
    }
  }

  private static String messageId(MimeMessage message) {
    try {
      String id = message.getMessageID();
      return id != null ? id : String.valueOf(System.identityHashCode(message));
    } catch (MessagingException e) {
      return String.valueOf(System.identityHashCode(message));
    }
  }

  /** A received mail as the demo's mailbox page shows it. */
  public record Received(String messageId, String subject, List<String> to, String sentAt, String text) {
    /** The links in the text, to click. */
    public List<String> links() {
      return java.util.regex.Pattern.compile("https?://[^\\s<>\"]+").matcher(text).results()
          .map(java.util.regex.MatchResult::group).map(link -> link.replaceAll("[.,;:!?)]+$", "")).distinct().toList();
    }
  }

  /**
   * The mails received for this address (any case), newest first, at most {@code limit}: the
   * mailbox of the demo, where a newcomer reads the sign-in link that was mailed to them.
   */
  public List<Received> receivedFor(String address, int limit) {
    String wanted = address == null ? "" : address.strip().toLowerCase(java.util.Locale.ROOT);
    List<Received> found = new ArrayList<>();
    MimeMessage[] messages = server.getReceivedMessages();
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (int i = messages.length - 1; i >= 0 && found.size() < limit; i--) {
      MimeMessage message = messages[i];
      try {
        List<String> to = message.getAllRecipients() == null ? List.of()
            : java.util.Arrays.stream(message.getAllRecipients()).map(a -> a.toString()).toList();
        if (wanted.isEmpty() || to.stream().noneMatch(a -> a.toLowerCase(java.util.Locale.ROOT).equals(wanted))
            || !seen.add(messageId(message))) {
          continue;
        }
        found.add(new Received(messageId(message), message.getSubject(), to,
            message.getSentDate() == null ? "" : message.getSentDate().toInstant().toString(), textOf(message)));
      } catch (MessagingException | java.io.IOException unreadable) {
        log.debug("A received mail could not be read", unreadable);
      }
    }
    return found;
  }

  private static String textOf(jakarta.mail.Part part) throws MessagingException, java.io.IOException {
    Object content = part.getContent();
    if (content instanceof String text) {
      return part.isMimeType("text/plain") ? text : "";
    }
    if (content instanceof jakarta.mail.Multipart multipart) {
      for (int i = 0; i < multipart.getCount(); i++) {
        String text = textOf(multipart.getBodyPart(i));
        if (!text.isEmpty()) {
          return text;
        }
      }
    }
    return "";
  }
}
