package org.ala.mig.web;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.stereotype.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Tells whoever started the application where to click. */
@Component
class StartupReport {

  private static final Logger log = LoggerFactory.getLogger(StartupReport.class);

  @EventListener
  void ready(ApplicationReadyEvent event) {
    Environment env = event.getApplicationContext().getEnvironment();
    String port = env.getProperty("local.server.port", env.getProperty("server.port", "8080"));
    String base = "http://localhost:" + port;
    StringBuilder text = new StringBuilder()
        .append("\n\n  MIG Lifecycle is ready.\n")
        .append("    Home       ").append(base).append("/\n")
        .append("    Registry   ").append(base).append("/registry\n")
        .append("    Handbook   ").append(base).append("/handbook (public)\n")
        .append("    Council    ").append(base).append("/council, with /council/analytics\n")
        .append("    Tasklist   ").append(base).append("/camunda/app/tasklist/\n")
        .append("    Cockpit    ").append(base).append("/camunda/app/cockpit/\n")
        .append("    Admin      ").append(base).append("/camunda/app/admin/\n")
        .append("    REST API   ").append(base).append("/api (HTTP Basic), described at ").append(base)
        .append("/swagger-ui/index.html\n");
    if (env.acceptsProfiles(Profiles.of("demo"))) {
      text.append("    Sign in as chair, coo1, mps1, confsvc1, liaison1, barc1, exec1, council1 or admin;")
          .append(" the password is 'demo'.\n")
          .append("    Organizers sign in with a link by mail: ask for one at ").append(base)
          .append("/login for organizers@diversity.example.org,\n")
          .append("    and read it at ").append(base).append("/demo/mailbox?to=organizers@diversity.example.org\n");
    }
    log.info(text.toString());
  }
}
