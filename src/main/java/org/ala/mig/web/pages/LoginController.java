package org.ala.mig.web.pages;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.ala.mig.security.LocalPaths;
import org.ala.mig.security.LoginProblems;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The sign-in page: staff with their user name and password (Spring Security's form login posts
 * to {@code /login}), organizers and members with a link by mail (posted to {@code /ott/generate}).
 * The sign-in itself is Spring Security's; this page shows the forms, what happened to a link
 * asked for, and a refused sign-in beside its field ({@link LoginProblems}).
 */
@Controller
class LoginController {

  @GetMapping("/login")
  String form(@RequestParam(defaultValue = LocalPaths.DEFAULT_NEXT) String next,
      @RequestParam(required = false) String error, @RequestParam(required = false) String sent, Model model) {
    model.addAttribute("next", LocalPaths.safeNext(next));
    model.addAttribute("linkFailed", error != null);
    model.addAttribute("linkSent", sent != null);
    return "pages/login";
  }

  /** A refused sign-in or link request, forwarded here by the security layer with its status and reason. */
  @PostMapping("/login")
  String refused(@RequestParam(defaultValue = "") String username,
      @RequestParam(defaultValue = LocalPaths.DEFAULT_NEXT) String next, HttpServletRequest request,
      HttpServletResponse response, Model model) {
    Object status = request.getAttribute(LoginProblems.STATUS);
    response.setStatus(status instanceof Integer code ? code : HttpServletResponse.SC_UNAUTHORIZED);
    String field = (String) request.getAttribute(LoginProblems.FIELD);
    String message = (String) request.getAttribute(LoginProblems.MESSAGE);
    Object asked = request.getAttribute(RequestDispatcher.FORWARD_REQUEST_URI);
    boolean linkForm = asked != null && asked.toString().endsWith("/ott/generate");
    String shown = username.length() > (linkForm ? 254 : 2000) || username.isBlank() ? "" : username.strip();
    model.addAttribute("next", LocalPaths.safeNext(next));
    model.addAttribute(linkForm ? "linkAddress" : "username", shown);
    model.addAttribute(linkForm ? "linkProblem" : "problem", message == null ? "Wrong user name or password." : message);
    model.addAttribute("problemField", field);
    return "pages/login";
  }

  /**
   * The page a sign-in link opens: one button that posts the token (a mail scanner that fetches
   * the link signs nobody in).
   */
  @GetMapping("/login/ott")
  String link(@RequestParam(defaultValue = "") String token, Model model) {
    model.addAttribute("token", token.length() > 64 ? "" : token);
    return "pages/login-link";
  }
}
