package org.ala.mig.web.pages;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.util.Set;
import java.util.stream.Collectors;
import org.ala.mig.common.TooManyAttemptsException;
import org.ala.mig.identity.Caller;
import org.ala.mig.identity.SignInThrottle;
import org.ala.mig.security.PageAuthenticationFilter;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.view.RedirectView;

/**
 * Sign-in and sign-out for the pages, with the engine's users (the same as Tasklist's). Failed
 * sign-ins are slowed down per user and per address ({@link SignInThrottle}): while they wait, the
 * form comes back with 429 and says for how long.
 */
@Controller
class LoginController {

  /** No user id, password or path is longer; a longer one is not looked up. */
  static final int MAX_INPUT = 2000;

  private final IdentityService identity;
  private final SignInThrottle throttle;

  LoginController(IdentityService identity, SignInThrottle throttle) {
    this.identity = identity;
    this.throttle = throttle;
  }

  @GetMapping("/login")
  String form(@RequestParam(defaultValue = "/registry") String next, Model model) {
    model.addAttribute("next", safeNext(next));
    return "pages/login";
  }

  @PostMapping("/login")
  Object signIn(@RequestParam(defaultValue = "") String username, @RequestParam(defaultValue = "") String password,
      @RequestParam(defaultValue = "/registry") String next, HttpServletRequest request, HttpServletResponse response,
      Model model) {
    String user = username.strip();
    if (user.isEmpty() || password.isEmpty() || user.length() > MAX_INPUT || password.length() > MAX_INPUT) {
      return refused(HttpServletResponse.SC_UNAUTHORIZED, user, next, response, model);
    }
    // while the user or this address waits after failed sign-ins, the password is not looked at
    try (SignInThrottle.Attempt attempt = throttle.admit(user, request.getRemoteAddr())) {
      if (!identity.checkPassword(user, password)) {
        attempt.failed();
        return refused(HttpServletResponse.SC_UNAUTHORIZED, user, next, response, model);
      }
      attempt.succeeded();
    } catch (TooManyAttemptsException tooMany) {
      response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(tooMany.secondsToWait()));
      model.addAttribute("tooMany", tooMany.getMessage() + ".");
      return refused(HttpStatus.TOO_MANY_REQUESTS.value(), user, next, response, model);
    }
    Set<String> groups = identity.createGroupQuery().groupMember(user).list().stream().map(Group::getId)
        .collect(Collectors.toSet());
    request.changeSessionId();
    HttpSession session = request.getSession();
    session.setAttribute(PageAuthenticationFilter.SESSION_CALLER, new Caller(user, groups));
    // the path as it is: "{x}" in it is text, not a template variable to fill in
    RedirectView onwards = new RedirectView(safeNext(next), true);
    onwards.setExpandUriTemplateVariables(false);
    return onwards;
  }

  /**
   * The form again, saying why: 401 for a wrong user name or password (so that no client takes the
   * answer for a sign-in), 429 while sign-ins wait.
   */
  private static String refused(int status, String user, String next, HttpServletResponse response, Model model) {
    response.setStatus(status);
    model.addAttribute("next", safeNext(next));
    model.addAttribute("username", user.length() > MAX_INPUT ? "" : user);
    model.addAttribute("failed", !model.containsAttribute("tooMany"));
    return "pages/login";
  }

  @PostMapping("/logout")
  String signOut(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    if (session != null) {
      session.invalidate();
    }
    return "redirect:/";
  }

  /** Only a path of this application, printable ASCII as a browser sends it: never another site. */
  static String safeNext(String next) {
    if (next == null || !next.startsWith("/") || next.startsWith("//") || next.contains("\\")
        || next.startsWith("/login") || next.length() > MAX_INPUT || !next.chars().allMatch(c -> c > 0x20 && c < 0x7F)) {
      return "/registry";
    }
    return next;
  }
}
