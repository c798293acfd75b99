package org.ala.mig.web;

import java.util.List;
import org.ala.mig.identity.DemoUser;
import org.ala.mig.identity.MigGroup;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The home page: what this is, where to click, and in the demo profile who to sign in as. */
@Controller
class HomeController {

  record Login(String user, String password, String groups) {}

  private final Environment environment;

  HomeController(Environment environment) {
    this.environment = environment;
  }

  @GetMapping("/")
  String home(Model model) {
    boolean demo = environment.acceptsProfiles(Profiles.of("demo"));
    List<Login> logins = demo
        ? DemoUser.ALL.stream()
            .map(u -> new Login(u.id(), DemoUser.PASSWORD,
                String.join(", ", u.groups().stream().map(MigGroup::id).sorted().toList())))
            .toList()
        : List.of();
    model.addAttribute("demo", demo);
    model.addAttribute("logins", logins);
    model.addAttribute("profiles", String.join(", ", environment.getActiveProfiles().length == 0
        ? environment.getDefaultProfiles() : environment.getActiveProfiles()));
    return "home";
  }
}
