package org.ala.mig.mail;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeBodyPart;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MailStreamsTest {

  private String before;

  @BeforeEach
  void remember() {
    before = System.getProperty(MailStreams.PROPERTY);
  }

  @AfterEach
  void restore() {
    if (before == null) {
      System.clearProperty(MailStreams.PROPERTY);
    } else {
      System.setProperty(MailStreams.PROPERTY, before);
    }
  }

  @Test
  void namesAngusAsTheStreamProviderAndMailPartsStillWork() throws Exception {
    System.clearProperty(MailStreams.PROPERTY);
    MailStreams.nameProvider();
    assertThat(System.getProperty(MailStreams.PROPERTY)).isEqualTo(MailStreams.ANGUS);
    MimeBodyPart part = new MimeBodyPart();
    part.setText("Grüße", "UTF-8", "plain");
    assertThat(part.getContent()).isEqualTo("Grüße");
  }

  @Test
  void aProviderGivenOnTheCommandLineWins() {
    System.setProperty(MailStreams.PROPERTY, "com.example.OtherProvider");
    MailStreams.nameProvider();
    assertThat(System.getProperty(MailStreams.PROPERTY)).isEqualTo("com.example.OtherProvider");
  }
}
