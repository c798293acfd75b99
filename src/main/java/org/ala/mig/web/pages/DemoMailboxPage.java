package org.ala.mig.web.pages;

import java.util.List;
import org.ala.mig.common.NotFoundException;
import org.ala.mig.mail.EmbeddedSmtpServer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The demo's mailbox: what the embedded SMTP server received for one address, so that a newcomer
 * can read the sign-in link mailed to a demo organizer. It exists only in the demo profile while
 * the embedded server receives the mail (no {@code spring.mail.host}); elsewhere it is not found.
 * Every address here is made up (the demo's MIGs and roster).
 */
@Controller
class DemoMailboxPage {

  static final int SHOWN = 20;

  private final ObjectProvider<EmbeddedSmtpServer> server;
  private final Environment environment;

  DemoMailboxPage(ObjectProvider<EmbeddedSmtpServer> server, Environment environment) {
    this.server = server;
    this.environment = environment;
  }

  @GetMapping("/demo/mailbox")
  String mailbox(@RequestParam(defaultValue = "") String to, Model model) {
    EmbeddedSmtpServer smtp = server.getIfAvailable();
    if (smtp == null || !environment.acceptsProfiles(Profiles.of("demo"))) {
      throw new NotFoundException("There is no demo mailbox here: mail goes to a real mail server");
    }
    String address = to.length() > 254 ? "" : to.strip();
    model.addAttribute("to", address);
    model.addAttribute("mails", address.isEmpty() ? List.of() : smtp.receivedFor(address, SHOWN));
    return "pages/demo-mailbox";
  }
}
