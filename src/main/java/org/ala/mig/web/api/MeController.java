package org.ala.mig.web.api;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.ala.mig.identity.Caller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Who am I: the signed-in user and their groups, for clients and operators checking a login. */
@RestController
class MeController {

  record Me(String userId, List<String> groups) {}

  @GetMapping("/api/me")
  Me me(HttpServletRequest request) {
    Caller caller = Caller.of(request);
    return new Me(caller.userId(), caller.groupIds().stream().sorted().toList());
  }
}
