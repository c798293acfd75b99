package org.ala.mig.mail;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
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
   * Every message received since the start, each once however many recipients it had (the
   * server keeps a copy per recipient; copies share their Message-ID).
   */
  public List<MimeMessage> received() {
    Map<String, MimeMessage> byId = new LinkedHashMap<>();
    for (MimeMessage message : server.getReceivedMessages()) {
      byId.putIfAbsent(messageId(message), message);
    }
    return List.copyOf(byId.values());
  }

  private static String messageId(MimeMessage message) {
    try {
      String id = message.getMessageID();
      return id != null ? id : String.valueOf(System.identityHashCode(message));
    } catch (MessagingException e) {
      return String.valueOf(System.identityHashCode(message));
    }
  }
}
