package org.ala.mig.support;

import java.time.Duration;
import java.util.Properties;
import org.ala.mig.common.MigProperties.Dispatcher;
import org.ala.mig.common.MigProperties.Mail;
import org.ala.mig.common.MigProperties;
import org.ala.mig.mail.EmbeddedSmtpServer;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/** An SMTP server on a fixed free port that a test can stop and start, and a dispatcher using it. */
public final class TestSmtp {

  public final int port = LocalProcesses.freePort();
  private EmbeddedSmtpServer server;

  public void start() {
    server = new EmbeddedSmtpServer("127.0.0.1", port);
    server.start();
  }

  public void stop() {
    if (server != null) {
      server.stop();
      server = null;
    }
  }

  public EmbeddedSmtpServer server() {
    return server;
  }

  public JavaMailSenderImpl sender() {
    return senderTo(port);
  }

  /** A sender to an SMTP server on 127.0.0.1, with short timeouts: no test waits long on a dead server. */
  public static JavaMailSenderImpl senderTo(int port) {
    JavaMailSenderImpl sender = new JavaMailSenderImpl();
    sender.setHost("127.0.0.1");
    sender.setPort(port);
    Properties timeouts = new Properties();
    timeouts.put("mail.smtp.connectiontimeout", "2000");
    timeouts.put("mail.smtp.timeout", "5000");
    timeouts.put("mail.smtp.writetimeout", "5000");
    sender.setJavaMailProperties(timeouts);
    return sender;
  }

  /** The application's settings with another dispatcher configuration. */
  public static MigProperties withDispatcher(MigProperties p, int maxAttempts, Duration initialBackoff) {
    Mail m = p.mail();
    Dispatcher d = new Dispatcher(false, m.dispatcher().pollInterval(), maxAttempts, initialBackoff,
        Duration.ofHours(1), m.dispatcher().batchSize(), m.dispatcher().lease());
    return new MigProperties(p.timeZone(), p.petition(),
        new Mail(m.from(), m.memberPrograms(), m.conferenceServices(), m.cooChair(), m.council(), m.hqStaff(), m.barc(),
            m.executiveOffice(), m.publicUrl(),
            m.embedded(), d),
        p.conferences(), p.adminPassword());
  }

}
