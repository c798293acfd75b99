package org.ala.mig.web.pages;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.ala.mig.common.MigProperties;
import org.ala.mig.identity.Caller;
import org.ala.mig.identity.MigGroup;
import org.ala.mig.identity.RequiresGroup;
import org.ala.mig.conferences.MigAccommodation;
import org.ala.mig.liaisons.StaffLiaisonService;
import org.ala.mig.lifecycle.MigStanding.Standing;
import org.ala.mig.lifecycle.MigRequestService;
import org.ala.mig.lifecycle.MigStanding;
import org.ala.mig.mail.MailService;
import org.ala.mig.mail.OutboxMail;
import org.ala.mig.petition.Petition;
import org.ala.mig.petition.PetitionKind;
import org.ala.mig.petition.PetitionService;
import org.ala.mig.registry.Mig;
import org.ala.mig.registry.MigDirectory;
import org.ala.mig.registry.MigStatus;
import org.ala.mig.reporting.AnnualReport;
import org.ala.mig.reporting.AnnualReportService;
import org.ala.mig.reporting.CooDecisionService;
import org.ala.mig.reporting.CooDecisions.Decision;
import org.ala.mig.web.pages.ProcessDiagrams.Position;
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
 * The registry pages, for any signed-in user: GET /registry, the MIGs as the Handbook of
 * Organization lists them (the active ones, or those of one status), and GET /migs/{id}, one MIG
 * with its timeline, its open tasks and where its lifecycle stands on the diagram. Organizers'
 * names and addresses, and who each mail went to, are personal data: only COO and Member
 * Programs and Services see them, as in the API. On a MIG's page COO, Member Programs and
 * Services and HQ staff file for the MIG with the forms its organizers have on /my (the groups
 * of the API's calls), and COO asks for an extra report ({@link RequestForms}).
 */
@Controller
class RegistryPages {

  /** The statuses the Handbook lists: the MIGs that exist now. */
  static final Set<MigStatus> CURRENT = EnumSet.of(MigStatus.ACTIVE, MigStatus.RENEWAL_PENDING);
  static final int MAILS_SHOWN = 200;

  /** A MIG in the listing, with where it stands today. */
  record Entry(Mig mig, Standing now, List<String> formerNames) {

    /** "formerly A; B", or null for a MIG never renamed. */
    public String formerly() {
      return formerNames.isEmpty() ? null : "formerly " + String.join("; ", formerNames);
    }
  }

  /**
   * One thing that happened to the MIG; status is shown as a badge; template (of a mail) and
   * detail may be null.
   */
  record Event(ZonedDateTime at, String kind, String title, String template, String detail, String status) {}

  /** Instants as the pages show them: in the MIGs' time zone. */
  record Times(ZoneId zone) {
    public ZonedDateTime at(Instant instant) {
      return instant == null ? null : instant.atZone(zone);
    }
  }

  /** An open user task of one of the MIG's processes. */
  record OpenTask(String id, String name, String process, String groups, String assignee, ZonedDateTime created,
      ZonedDateTime due) {}

  private final MigDirectory migs;
  private final MigStanding standing;
  private final PetitionService petitions;
  private final CooDecisionService decisions;
  private final AnnualReportService reports;
  private final MailService mail;
  private final ProcessDiagrams diagrams;
  private final OpenTasks openTasks;
  private final RequestForms forms;
  private final ZoneId zone;
  private final MigRequestService requests;

  private final StaffLiaisonService liaisons;
  private final MigAccommodation accommodation;
  private final CalendarLinks calendarLinks;

  RegistryPages(MigDirectory migs, MigStanding standing, PetitionService petitions, CooDecisionService decisions,
      AnnualReportService reports, MailService mail, ProcessDiagrams diagrams, OpenTasks openTasks,
      RequestForms forms, MigProperties properties, StaffLiaisonService liaisons, MigAccommodation accommodation,
      MigRequestService requests, CalendarLinks calendarLinks) {
    this.calendarLinks = calendarLinks;
    this.requests = requests;
    this.liaisons = liaisons;
    this.accommodation = accommodation;
    this.migs = migs;
    this.standing = standing;
    this.petitions = petitions;
    this.decisions = decisions;
    this.reports = reports;
    this.mail = mail;
    this.diagrams = diagrams;
    this.openTasks = openTasks;
    this.forms = forms;
    this.zone = properties.timeZone();
  }

  @GetMapping("/registry")
  String registry(@RequestParam(required = false) String status, Model model) {
    String shown = status == null || status.isBlank() ? null : status.strip();
    List<Mig> listed;
    if (shown == null) {
      listed = migs.list(null).stream().filter(m -> CURRENT.contains(m.status())).toList();
    } else {
      listed = migs.listNamed(shown);
    }
    Function<Mig, Standing> standingOf = standing.forListing();
    Map<String, List<String>> formerNames = migs.formerNamesByMig();
    model.addAttribute("entries", listed.stream()
        .map(m -> new Entry(m, standingOf.apply(m), formerNames.getOrDefault(m.id(), List.of()))).toList());
    model.addAttribute("status", shown);
    model.addAttribute("statuses", MigStatus.values());
    return "pages/registry";
  }

  @GetMapping("/migs/{id}")
  String mig(@PathVariable String id, HttpServletRequest request, Model model) {
    return show(id, request, model, FormState.NONE);
  }

  // --- staff file for the MIG: the forms of /my, with the groups of the API's calls -------------

  @PostMapping("/migs/{id}/annual-reports")
  @RequiresGroup({MigGroup.COO, MigGroup.MEMBER_PROGRAMS, MigGroup.HQ_STAFF})
  String fileReport(@PathVariable String id, @RequestParam(defaultValue = "") String year,
      @RequestParam(defaultValue = "") String activities, HttpServletRequest request, HttpServletResponse response,
      Model model, RedirectAttributes redirect) {
    migs.get(id);
    return answer(id, forms.report(id, year, activities, Caller.of(request).userId()), request, response, model,
        redirect);
  }

  @PostMapping("/migs/{id}/support-requests")
  @RequiresGroup({MigGroup.COO, MigGroup.MEMBER_PROGRAMS, MigGroup.HQ_STAFF})
  String requestSupport(@PathVariable String id, @RequestParam(defaultValue = "") String type,
      @RequestParam(defaultValue = "") String details, @RequestParam(defaultValue = "") String amount,
      HttpServletRequest request, HttpServletResponse response,
      Model model, RedirectAttributes redirect) {
    migs.get(id);
    return answer(id, forms.support(id, type, details, amount, Caller.of(request).userId()), request, response, model,
        redirect);
  }

  @PostMapping("/migs/{id}/transition-requests")
  @RequiresGroup({MigGroup.COO, MigGroup.MEMBER_PROGRAMS, MigGroup.HQ_STAFF})
  String requestTransition(@PathVariable String id, @RequestParam(defaultValue = "") String targetUnit,
      @RequestParam(defaultValue = "") String reason, HttpServletRequest request, HttpServletResponse response,
      Model model, RedirectAttributes redirect) {
    migs.get(id);
    return answer(id, forms.transition(id, targetUnit, reason, Caller.of(request).userId()), request, response,
        model, redirect);
  }

  @PostMapping("/migs/{id}/rename-requests")
  @RequiresGroup({MigGroup.COO, MigGroup.MEMBER_PROGRAMS, MigGroup.HQ_STAFF})
  String requestRename(@PathVariable String id, @RequestParam(defaultValue = "") String newName,
      @RequestParam(defaultValue = "") String reason, HttpServletRequest request, HttpServletResponse response,
      Model model, RedirectAttributes redirect) {
    migs.get(id);
    return answer(id, forms.rename(id, newName, reason, Caller.of(request).userId()), request, response, model,
        redirect);
  }

  @PostMapping("/migs/{id}/disband-requests")
  @RequiresGroup({MigGroup.COO, MigGroup.MEMBER_PROGRAMS, MigGroup.HQ_STAFF})
  String requestDisband(@PathVariable String id, @RequestParam(defaultValue = "") String reason,
      HttpServletRequest request, HttpServletResponse response, Model model, RedirectAttributes redirect) {
    migs.get(id);
    return answer(id, forms.disband(id, reason, Caller.of(request).userId()), request, response, model, redirect);
  }

  @PostMapping("/migs/{id}/report-requests")
  @RequiresGroup({MigGroup.COO})
  String requestExtraReport(@PathVariable String id, @RequestParam(defaultValue = "") String dueDate,
      HttpServletRequest request, HttpServletResponse response, Model model, RedirectAttributes redirect) {
    migs.get(id);
    return answer(id, forms.extraReport(id, dueDate, Caller.of(request).userId()), request, response, model,
        redirect);
  }

  /** A success goes back to the MIG's page with a message; a refusal shows the page again, 400. */
  private String answer(String id, Outcome outcome, HttpServletRequest request, HttpServletResponse response,
      Model model, RedirectAttributes redirect) {
    if (outcome instanceof Done done) {
      redirect.addFlashAttribute("done", done);
      return "redirect:/migs/" + id + "#file";
    }
    response.setStatus(HttpStatus.BAD_REQUEST.value());
    return show(id, request, model, new FormState((Failed) outcome));
  }

  private String show(String id, HttpServletRequest request, Model model, FormState state) {
    Mig mig = migs.get(id);
    Caller caller = Caller.of(request);
    boolean personal = caller.isInAny(MigGroup.COO, MigGroup.MEMBER_PROGRAMS);
    List<Petition> petitionsOfMig = petitions.forMig(id);
    List<AnnualReport> reportsOfMig = reports.forMig(id);

    Optional<Position> position = diagrams.position("mig-lifecycle", id);
    boolean lifecycle = position.isPresent();
    if (position.isEmpty() && !petitionsOfMig.isEmpty()) {
      // not established (yet): where its latest petition stands
      position = diagrams.position("mig-petition", petitionsOfMig.get(petitionsOfMig.size() - 1).id());
    }

    model.addAttribute("mig", mig);
    List<String> formerNames = migs.formerNames(id);
    model.addAttribute("formerly", formerNames.isEmpty() ? null : "formerly " + String.join("; ", formerNames));
    boolean seesRequests = caller.isInAny(MigGroup.COO, MigGroup.MEMBER_PROGRAMS, MigGroup.HQ_STAFF,
        MigGroup.CONFERENCE_SERVICES, MigGroup.BARC, MigGroup.EXECUTIVE_OFFICE);
    model.addAttribute("requests", seesRequests ? requests.forMig(id) : null);
    model.addAttribute("reportRounds", seesRequests ? reports.withRounds(id, reportsOfMig) : List.of());
    model.addAttribute("personal", personal);
    model.addAttribute("now", standing.of(mig));
    model.addAttribute("position", position.orElse(null));
    model.addAttribute("lifecycle", lifecycle);
    model.addAttribute("reports", reportsOfMig);
    model.addAttribute("timeline", timeline(petitionsOfMig, decisions.forMig(id), reportsOfMig,
        mail.outbox(id, null, MAILS_SHOWN), personal));
    model.addAttribute("tasks", openTasks.of(id, petitionsOfMig.stream().map(Petition::id).toList()));
    model.addAttribute("zone", zone.getId());
    model.addAttribute("times", new Times(zone));
    model.addAttribute("forms", state);
    model.addAttribute("mayFile", caller.isInAny(MigGroup.COO, MigGroup.MEMBER_PROGRAMS, MigGroup.HQ_STAFF));
    model.addAttribute("mayAskExtra", caller.isInAny(MigGroup.COO));
    model.addAttribute("owesReports", mig.status() == MigStatus.ACTIVE || mig.status() == MigStatus.RENEWAL_PENDING);
    model.addAttribute("mayRequest", mig.status() == MigStatus.ACTIVE);
    // step 12: every staff liaison (the executive office changes them here), meeting needs, accommodation
    var liaisonsOfMig = liaisons.of(id);
    model.addAttribute("liaisons", liaisonsOfMig);
    model.addAttribute("liaisonLines", StaffLiaisonService.lines(liaisonsOfMig));
    model.addAttribute("mayDesignate", caller.isInAny(MigGroup.EXECUTIVE_OFFICE));
    model.addAttribute("accommodation", accommodation.of(id));
    model.addAttribute("awaited", reportsOfMig.stream().filter(r -> AnnualReport.AWAITED.equals(r.status())).toList());
    // step 13: the MIG's calendar feed link, for its organizers and staff (templates/pages/calendar-link.html)
    model.addAttribute("calendarLink", calendarLinks.onMigPage(caller, id));
    return "pages/mig";
  }

  /** Everything that happened to the MIG, newest first. */
  List<Event> timeline(List<Petition> petitionList, List<Decision> decisionList, List<AnnualReport> reportList,
      List<OutboxMail> mails, boolean personal) {
    List<Event> events = new ArrayList<>();
    for (Petition p : petitionList) {
      String what = p.kind() == PetitionKind.RENEW ? "Petition to renew the term" : "Petition to establish the MIG";
      StringBuilder detail = new StringBuilder(p.signatureCount() + " signatures");
      if (p.validSignatureCount() != null) {
        detail.append(", ").append(p.validSignatureCount()).append(" valid");
      }
      if (p.decidedAt() != null) {
        detail.append("; decided ").append(at(p.decidedAt()).toLocalDate());
      }
      events.add(new Event(at(p.submittedAt()), "Petition", what + " submitted", null, detail.toString(), p.status()));
    }
    for (Decision d : decisionList) {
      String subject = switch (d.subject()) {
        case ESTABLISH -> "establishing the MIG";
        case RENEW -> "renewing its term";
        case DISBAND -> "disbanding the MIG";
        case TRANSITION -> "its transition";
        case RENAME -> "renaming the MIG";
      };
      String detail = d.rationale() == null ? null : "COO's rationale: " + d.rationale();
      if (d.requestReason() != null) {
        detail = (detail == null ? "" : detail + "; ") + "the MIG's reason: " + d.requestReason();
      }
      events.add(new Event(at(d.decidedAt()), "COO decision",
          "COO " + (d.approved() ? "approved " : "did not approve ") + subject, null,
          detail, d.approved() ? "APPROVED" : "DISAPPROVED"));
    }
    for (AnnualReport r : reportList) {
      String what = (r.extra() ? "Extra report" : "Annual report " + r.year()) + " due " + r.dueDate();
      StringBuilder detail = new StringBuilder();
      if (r.submittedAt() != null) {
        detail.append("Submitted ").append(at(r.submittedAt()).toLocalDate())
            .append(Boolean.TRUE.equals(r.late()) ? " (late)" : "");
      }
      if (r.reviewedAt() != null) {
        detail.append(detail.isEmpty() ? "" : "; ").append("reviewed ").append(at(r.reviewedAt()).toLocalDate())
            .append(r.reviewNotes() == null || r.reviewNotes().isBlank() ? "" : ": " + r.reviewNotes());
      }
      events.add(new Event(at(r.openedAt()), "Annual report", what, null, detail.isEmpty() ? null : detail.toString(),
          r.status()));
    }
    for (OutboxMail m : mails) {
      List<String> detail = new ArrayList<>();
      if (personal) {
        detail.add("to " + String.join(", ", m.to()));
        if (!m.cc().isEmpty()) {
          detail.add("cc " + String.join(", ", m.cc()));
        }
      }
      if (m.sentAt() != null) {
        detail.add("sent " + at(m.sentAt()).toLocalDate());
      }
      events.add(new Event(at(m.createdAt()), "Mail", m.subject(), m.template(),
          detail.isEmpty() ? null : String.join("; ", detail), m.status().name()));
    }
    events.sort(Comparator.comparing(Event::at).reversed());
    return events;
  }

  private ZonedDateTime at(Instant instant) {
    return instant.atZone(zone);
  }
}
