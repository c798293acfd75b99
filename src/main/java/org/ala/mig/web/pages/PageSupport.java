package org.ala.mig.web.pages;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.ala.mig.common.DomainException;
import org.ala.mig.identity.Caller;
import org.ala.mig.identity.MigGroup;
import org.ala.mig.web.ApiExceptionHandler;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What every page of this package shares: the signed-in user and what they may open (for the
 * navigation), the form token, and problems shown as a page rather than JSON.
 */
@ControllerAdvice(basePackages = "org.ala.mig.web.pages")
@Order(Ordered.HIGHEST_PRECEDENCE)
class PageSupport {

  /** What the navigation offers the signed-in user. */
  record Navigation(String userId, boolean staff, boolean petitions, boolean roster, boolean outbox, boolean simulation) {}

  private final Environment environment;

  PageSupport(Environment environment) {
    this.environment = environment;
  }

  @ModelAttribute
  void common(HttpServletRequest request, Model model) {
    Caller caller = Caller.of(request);
    // reading the token also sets the cookie XSRF-TOKEN, for the page's own JSON calls
    CsrfToken csrf = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
    model.addAttribute("csrf", csrf == null ? "" : csrf.getToken());
    model.addAttribute("nav", caller == null ? null : new Navigation(caller.userId(), !caller.byLink(),
        caller.isInAny(MigGroup.COO, MigGroup.MEMBER_PROGRAMS),
        caller.isInAny(MigGroup.MEMBER_PROGRAMS),
        caller.isInAny(MigGroup.COO, MigGroup.CAMUNDA_ADMIN),
        environment.acceptsProfiles(Profiles.of("simulation")) && caller.isInAny(MigGroup.CAMUNDA_ADMIN)));
  }

  /** 403, 404, 409 and 400 on a page: a page that says what happened. */
  @ExceptionHandler(DomainException.class)
  String problem(DomainException e, HttpServletResponse response, Model model) {
    int status = ApiExceptionHandler.statusOf(e).value();
    response.setStatus(status);
    model.addAttribute("status", status);
    model.addAttribute("message", e.getMessage());
    model.addAttribute("errors", e.errors());
    return "pages/problem";
  }
}
