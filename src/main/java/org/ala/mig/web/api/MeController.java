package org.ala.mig.web.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.ala.mig.identity.Caller;
import org.ala.mig.signin.LinkIdentity;
import org.ala.mig.signin.SignInLinks;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Who am I: the signed-in user, their groups, and for a link session the MIGs (and, from step 11,
 * the petition drafts) that the address organizes and the member whose address it is, as of now.
 */
@RestController
class MeController {

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Me(String userId, List<String> groups, List<String> organizerOf, List<String> draftsOf, String memberId) {}

  private final SignInLinks links;

  MeController(SignInLinks links) {
    this.links = links;
  }

  @GetMapping("/api/me")
  Me me(HttpServletRequest request) {
    Caller caller = Caller.of(request);
    if (!caller.byLink()) {
      return new Me(caller.userId(), caller.groupIds().stream().sorted().toList(), List.of(), List.of(), null);
    }
    Optional<LinkIdentity> now = links.identify(caller.userId());
    return new Me(caller.userId(),
        List.copyOf(new TreeSet<>(now.map(LinkIdentity::groups).orElse(caller.groupIds()))),
        now.map(LinkIdentity::organizerOf).orElse(List.of()), now.map(LinkIdentity::draftsOf).orElse(List.of()),
        now.map(LinkIdentity::memberId).orElse(null));
  }
}
