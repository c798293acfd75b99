package org.ala.mig.web.pages;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.ala.mig.common.AccessDeniedException;
import org.ala.mig.common.MigProperties;
import org.ala.mig.identity.Caller;
import org.ala.mig.organizer.OrganizerHome;
import org.ala.mig.organizer.OrganizerHome.MigHome;
import org.ala.mig.signin.LinkIdentity;
import org.ala.mig.signin.SignInLinks;
import org.ala.mig.web.pages.RegistryPages.Times;
import org.ala.mig.web.pages.RequestForms.Done;
import org.ala.mig.web.pages.RequestForms.Failed;
import org.ala.mig.web.pages.RequestForms.FormState;
import org.ala.mig.web.pages.RequestForms.Outcome;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * {@code /my}, the home page of organizers and members signed in with a link: for each MIG the
 * address organizes, where it stands, its deadlines to come, its open requests, its reports and the
 * mails its organizers were sent, and the forms it files with (each a POST under {@code /my/migs/{id}/}).
 * An organizer acts for their own MIGs only: any other answers 403. Staff who open it are pointed
 * to the registry, where each MIG's page has the same forms for them.
 */
@Controller
class MyPages {

  private final OrganizerHome home;
  private final SignInLinks links;
  private final RequestForms forms;
  private final MigProperties properties;
  private final ZoneId zone;

  private final org.ala.mig.drafts.DraftService drafts;
  private final CalendarLinks calendarLinks;

  MyPages(OrganizerHome home, SignInLinks links, RequestForms forms, MigProperties properties,
      org.ala.mig.drafts.DraftService drafts, CalendarLinks calendarLinks) {
    this.drafts = drafts;
    this.calendarLinks = calendarLinks;
    this.home = home;
    this.links = links;
    this.forms = forms;
    this.properties = properties;
    this.zone = properties.timeZone();
  }

  @GetMapping("/my")
  String my(HttpServletRequest request, Model model) {
    return show(Caller.of(request), FormState.NONE, model);
  }

  @PostMapping("/my/migs/{id}/annual-reports")
  String fileReport(@PathVariable String id, @RequestParam(defaultValue = "") String year,
      @RequestParam(defaultValue = "") String activities, HttpServletRequest request, HttpServletResponse response,
      Model model, RedirectAttributes redirect) {
    Caller caller = organizerOf(request, id);
    return answer(forms.report(id, year, activities, caller.actor()), caller, response, model, redirect);
  }

  @PostMapping("/my/migs/{id}/support-requests")
  String requestSupport(@PathVariable String id, @RequestParam(defaultValue = "") String type,
      @RequestParam(defaultValue = "") String details, @RequestParam(defaultValue = "") String amount,
      HttpServletRequest request, HttpServletResponse response,
      Model model, RedirectAttributes redirect) {
    Caller caller = organizerOf(request, id);
    return answer(forms.support(id, type, details, amount, caller.actor()), caller, response, model, redirect);
  }

  @PostMapping("/my/migs/{id}/transition-requests")
  String requestTransition(@PathVariable String id, @RequestParam(defaultValue = "") String targetUnit,
      @RequestParam(defaultValue = "") String reason, HttpServletRequest request, HttpServletResponse response,
      Model model, RedirectAttributes redirect) {
    Caller caller = organizerOf(request, id);
    return answer(forms.transition(id, targetUnit, reason, caller.actor()), caller, response, model, redirect);
  }

  @PostMapping("/my/migs/{id}/rename-requests")
  String requestRename(@PathVariable String id, @RequestParam(defaultValue = "") String newName,
      @RequestParam(defaultValue = "") String reason, HttpServletRequest request, HttpServletResponse response,
      Model model, RedirectAttributes redirect) {
    Caller caller = organizerOf(request, id);
    return answer(forms.rename(id, newName, reason, caller.actor()), caller, response, model, redirect);
  }

  @PostMapping("/my/migs/{id}/disband-requests")
  String requestDisband(@PathVariable String id, @RequestParam(defaultValue = "") String reason,
      HttpServletRequest request, HttpServletResponse response, Model model, RedirectAttributes redirect) {
    Caller caller = organizerOf(request, id);
    return answer(forms.disband(id, reason, caller.actor()), caller, response, model, redirect);
  }

  @PostMapping("/my/migs/{id}/address")
  String correctAddress(@PathVariable String id, @RequestParam(defaultValue = "") String address,
      HttpServletRequest request, HttpServletResponse response, Model model, RedirectAttributes redirect) {
    Caller caller = organizerOf(request, id);
    return answer(forms.address(id, caller.userId(), address), caller, response, model, redirect);
  }

  /** The caller, when they organize this MIG and signed in with a link; otherwise 403. */
  private Caller organizerOf(HttpServletRequest request, String migId) {
    Caller caller = Caller.of(request);
    if (!caller.byLink()) {
      throw new AccessDeniedException("These forms are for a MIG's organizers, signed in with a link by mail;"
          + " staff file for a MIG on its page, /migs/" + migId);
    }
    if (!links.organizes(caller.userId(), migId)) {
      throw new AccessDeniedException("'" + caller.userId() + "' is not an organizer of MIG '" + migId
          + "': you may act only for the MIGs you organize");
    }
    return caller;
  }

  /** A success goes back to the MIG on /my with a message; a refusal shows the page again, 400. */
  private String answer(Outcome outcome, Caller caller, HttpServletResponse response, Model model,
      RedirectAttributes redirect) {
    if (outcome instanceof Done done) {
      redirect.addFlashAttribute("done", done);
      return "redirect:/my#mig-" + done.migId();
    }
    response.setStatus(HttpStatus.BAD_REQUEST.value());
    return show(caller, new FormState((Failed) outcome), model);
  }

  private String show(Caller caller, FormState state, Model model) {
    model.addAttribute("forms", state);
    model.addAttribute("times", new Times(zone));
    model.addAttribute("zone", zone.getId());
    model.addAttribute("requiredSignatures", properties.petition().requiredSignatures());
    if (!caller.byLink()) {
      model.addAttribute("staff", true);
      model.addAttribute("homes", List.of());
      return "pages/my";
    }
    Optional<LinkIdentity> identity = links.identify(caller.userId());
    List<MigHome> homes = home.of(caller.userId());
    model.addAttribute("staff", false);
    model.addAttribute("email", caller.userId());
    model.addAttribute("member", identity.map(LinkIdentity::memberId).orElse(null));
    model.addAttribute("drafts", identity.map(LinkIdentity::draftsOf).orElse(List.of()).stream()
        .map(drafts::publicView).toList());
    model.addAttribute("homes", homes);
    // step 13: each MIG's calendar feed link (templates/pages/calendar-link.html)
    model.addAttribute("calendarLinks", calendarLinks.ofOrganizer(homes.stream().map(h -> h.mig().id()).toList()));
    return "pages/my";
  }
}
