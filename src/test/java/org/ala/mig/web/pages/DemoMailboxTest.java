package org.ala.mig.web.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.ala.mig.mail.MailDispatcher;
import org.ala.mig.mail.MailOutbox;
import org.ala.mig.support.HttpApi;
import org.ala.mig.support.LinkSession;
import org.ala.mig.support.ManagedMigs;
import org.ala.mig.support.MigSpringBootTest;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** The demo's mailbox: a newcomer reads the sign-in link that the embedded SMTP server received, and it works. */
@MigSpringBootTest
class DemoMailboxTest {

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  @Autowired RuntimeService runtime;
  @Autowired ManagementService management;
  @Autowired MailOutbox outbox;
  @Autowired MailDispatcher dispatcher;

  @Test
  void theSignInLinkOfADemoOrganizerIsReadInTheMailboxAndSignsIn() {
    String organizer = new ManagedMigs(new HttpApi(port), runtime, management, outbox, jdbc)
        .manage("Mailbox", LocalDate.of(2026, 2, 1)).organizerEmails().get(0);
    LinkSession browser = new LinkSession(port);
    browser.askForLink(organizer);
    dispatcher.dispatchDue();

    LinkSession.Answer mailbox = browser.get("/demo/mailbox?to=" + organizer);
    Document page = Jsoup.parse(mailbox.body());

    assertThat(mailbox.status()).isEqualTo(200);
    assertThat(page.select(".received-mail h2").eachText()).contains("Your sign-in link to MIG Lifecycle");
    String link = page.select(".received-mail .mail-links a[href*=/login/ott?token=]").first().attr("href");
    String token = link.substring(link.indexOf("token=") + 6);
    assertThat(browser.useLink(token).location()).endsWith("/my");
    assertThat(Jsoup.parse(browser.get("/demo/mailbox?to=nobody@elsewhere.example").body()).select("#no-mail").text())
        .startsWith("No mail for nobody@elsewhere.example");
  }
}
