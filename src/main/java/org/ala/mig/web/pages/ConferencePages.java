package org.ala.mig.web.pages;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import org.ala.mig.common.FieldProblem;
import org.ala.mig.common.InvalidInputException;
import org.ala.mig.common.MigProperties;
import org.ala.mig.conferences.Conference;
import org.ala.mig.conferences.ConferenceRequest;
import org.ala.mig.conferences.ConferenceService;
import org.ala.mig.identity.Caller;
import org.ala.mig.identity.MigGroup;
import org.ala.mig.identity.RequiresGroup;
import org.ala.mig.mail.MailFormats;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The conferences as pages (staff): GET /conferences lists them, with a form to add one for the
 * COO chair and Conference Services (as POST /api/conferences: its COO report to Council is
 * scheduled at once); GET /conferences/{id}/schedule shows the MIG meetings arranged at one.
 */
@Controller
class ConferencePages {

  /** What was typed into the add form, kept when it comes back with problems. */
  public record Typed(String id, String name, String startDate, String endDate, String location) {
    static final Typed EMPTY = new Typed("", "", "", "", "");
  }

  private final ConferenceService conferences;
  private final MailFormats formats;

  ConferencePages(ConferenceService conferences, MigProperties properties) {
    this.conferences = conferences;
    this.formats = new MailFormats(properties.timeZone());
  }

  @GetMapping("/conferences")
  String list(HttpServletRequest request, Model model) {
    return show(request, model, Typed.EMPTY, List.of());
  }

  @PostMapping("/conferences")
  @RequiresGroup({MigGroup.COO_CHAIR, MigGroup.CONFERENCE_SERVICES})
  String add(@RequestParam(defaultValue = "") String id, @RequestParam(defaultValue = "") String name,
      @RequestParam(defaultValue = "") String startDate, @RequestParam(defaultValue = "") String endDate,
      @RequestParam(defaultValue = "") String location, HttpServletRequest request, HttpServletResponse response,
      Model model, RedirectAttributes redirect) {
    Typed typed = new Typed(id, name, startDate, endDate, location);
    try {
      Conference added = conferences.add(new ConferenceRequest(id, name, startDate,
          endDate.isBlank() ? null : endDate, location.isBlank() ? null : location));
      redirect.addFlashAttribute("added", added);
      return "redirect:/conferences#conference-" + added.id();
    } catch (InvalidInputException e) {
      response.setStatus(HttpStatus.BAD_REQUEST.value());
      return show(request, model, typed, e.errors());
    }
  }

  @GetMapping("/conferences/{id}/schedule")
  String schedule(@PathVariable String id, Model model) {
    model.addAttribute("conference", conferences.get(id));
    model.addAttribute("meetings", conferences.schedule(id));
    model.addAttribute("fmt", formats);
    return "pages/conference-schedule";
  }

  private String show(HttpServletRequest request, Model model, Typed typed, List<FieldProblem> errors) {
    model.addAttribute("conferences", conferences.list());
    model.addAttribute("noUpcoming", conferences.upcoming().isEmpty());
    model.addAttribute("warning", ConferenceService.NO_UPCOMING_WARNING);
    model.addAttribute("mayAdd", Caller.of(request).isInAny(MigGroup.COO_CHAIR, MigGroup.CONFERENCE_SERVICES));
    model.addAttribute("typed", typed);
    model.addAttribute("errors", errors);
    model.addAttribute("fmt", formats);
    return "pages/conferences";
  }
}
