package org.ala.mig.web.pages;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ala.mig.common.ConflictException;
import org.ala.mig.common.FieldProblem;
import org.ala.mig.common.InvalidInputException;
import org.ala.mig.drafts.Draft;
import org.ala.mig.drafts.DraftRequest;
import org.ala.mig.drafts.DraftService;
import org.ala.mig.identity.Caller;
import org.ala.mig.identity.MigGroup;
import org.ala.mig.petition.PetitionService;
import org.ala.mig.registry.Organizer;
import org.ala.mig.registry.OrganizerInput;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A member starts a petition on {@code /my/drafts/new}; its organizers (and coo, member-programs)
 * see it on {@code /my/drafts/{id}}: its signing link, how many confirmed, the names of the
 * signers who agreed to show them, and while nobody has confirmed, the form that changes it.
 */
@Controller
class MyDraftPages {

  /** Organizer rows the form offers. */
  static final int ORGANIZER_ROWS = 4;

  private static final Map<String, String> LABELS = Map.of("kind", "Kind", "migName", "Name of the MIG",
      "migId", "MIG to renew", "statementOfPurpose", "Statement of purpose", "meetingNeeds", "Meeting needs",
      "organizers", "Organizers", "body", "Form");

  /** What the form shows: the fields as typed, organizers one row each. */
  public record DraftForm(String kind, String migName, String migId, String statementOfPurpose, String meetingNeeds,
      List<OrganizerInput> organizers) {

    static DraftForm empty(String email) {
      List<OrganizerInput> rows = new ArrayList<>();
      rows.add(new OrganizerInput("", email == null ? "" : email, ""));
      while (rows.size() < ORGANIZER_ROWS) {
        rows.add(new OrganizerInput("", "", ""));
      }
      return new DraftForm("ESTABLISH", "", "", "", "", rows);
    }

    static DraftForm of(Draft d) {
      List<OrganizerInput> rows = new ArrayList<>();
      for (Organizer o : d.organizers()) {
        rows.add(new OrganizerInput(o.name(), o.email(), o.address()));
      }
      while (rows.size() < ORGANIZER_ROWS) {
        rows.add(new OrganizerInput("", "", ""));
      }
      return new DraftForm(d.kind(), d.migName(), d.migId() == null ? "" : d.migId(), d.statementOfPurpose(),
          d.meetingNeeds() == null ? "" : d.meetingNeeds(), rows);
    }
  }

  private final DraftService drafts;

  MyDraftPages(DraftService drafts) {
    this.drafts = drafts;
  }

  @GetMapping("/my/drafts/new")
  String newDraft(HttpServletRequest request, Model model) {
    Caller caller = Caller.of(request);
    return form(DraftForm.empty(caller.byLink() ? caller.userId() : ""), new FormErrors(), model);
  }

  @PostMapping("/my/drafts")
  String create(@RequestParam Map<String, String> fields, HttpServletRequest request, HttpServletResponse response,
      Model model) {
    DraftForm typed = typed(fields);
    try {
      DraftService.Created created = drafts.create(request(typed), actor(request));
      return "redirect:/my/drafts/" + created.draftId() + "?created";
    } catch (InvalidInputException refused) {
      response.setStatus(HttpStatus.BAD_REQUEST.value());
      return form(typed, errors(refused), model);
    }
  }

  @GetMapping("/my/drafts/{id}")
  String draft(@PathVariable String id, @RequestParam(required = false) String created,
      @RequestParam(required = false) String updated, HttpServletRequest request, Model model) {
    DraftService.OrganizerView view = drafts.organizerView(id, actor(request));
    model.addAttribute("notice", created != null ? "The draft is saved. Share its signing link with ALA members."
        : updated != null ? "The draft is changed." : null);
    return show(view, DraftForm.of(view.draft()), new FormErrors(), null, model);
  }

  @PostMapping("/my/drafts/{id}")
  String update(@PathVariable String id, @RequestParam Map<String, String> fields, HttpServletRequest request,
      HttpServletResponse response, Model model) {
    DraftForm typed = typed(fields);
    try {
      drafts.update(id, request(typed), actor(request));
      return "redirect:/my/drafts/" + id + "?updated";
    } catch (InvalidInputException refused) {
      response.setStatus(HttpStatus.BAD_REQUEST.value());
      return show(drafts.organizerView(id, actor(request)), typed, errors(refused), null, model);
    } catch (ConflictException refused) {
      response.setStatus(HttpStatus.CONFLICT.value());
      return show(drafts.organizerView(id, actor(request)), typed, new FormErrors(), refused.getMessage(), model);
    }
  }

  @PostMapping("/my/drafts/{id}/withdraw")
  String withdraw(@PathVariable String id, HttpServletRequest request) {
    drafts.withdraw(id, actor(request));
    return "redirect:/my/drafts/" + id;
  }

  @PostMapping("/my/drafts/{id}/submit")
  String submit(@PathVariable String id, HttpServletRequest request, HttpServletResponse response, Model model,
      RedirectAttributes redirect) {
    try {
      PetitionService.Submitted submitted = drafts.submit(id, actor(request));
      return "redirect:/my/drafts/" + id + "?submitted=" + submitted.petitionId();
    } catch (ConflictException refused) {
      response.setStatus(HttpStatus.CONFLICT.value());
      DraftService.OrganizerView view = drafts.organizerView(id, actor(request));
      return show(view, DraftForm.of(view.draft()), new FormErrors(), refused.getMessage(), model);
    }
  }

  private static DraftService.Actor actor(HttpServletRequest request) {
    Caller caller = Caller.of(request);
    return new DraftService.Actor(caller.userId(), caller.byLink(), caller.isInAny(MigGroup.COO, MigGroup.MEMBER_PROGRAMS));
  }

  /** The form as typed; organizer rows left wholly empty are not sent. */
  private static DraftForm typed(Map<String, String> f) {
    List<OrganizerInput> rows = new ArrayList<>();
    for (int i = 0; i < ORGANIZER_ROWS; i++) {
      rows.add(new OrganizerInput(f.getOrDefault("organizers[" + i + "].name", ""),
          f.getOrDefault("organizers[" + i + "].email", ""), f.getOrDefault("organizers[" + i + "].address", "")));
    }
    return new DraftForm(f.getOrDefault("kind", "ESTABLISH"), f.getOrDefault("migName", ""), f.getOrDefault("migId", ""),
        f.getOrDefault("statementOfPurpose", ""), f.getOrDefault("meetingNeeds", ""), rows);
  }

  /**
   * The request of the form. Empty organizer rows at the end are left out; the others keep their
   * positions, so that a problem of organizers[2] is shown beside the third row.
   */
  private static DraftRequest request(DraftForm f) {
    List<OrganizerInput> rows = new ArrayList<>(f.organizers());
    while (!rows.isEmpty() && blank(rows.get(rows.size() - 1))) {
      rows.remove(rows.size() - 1);
    }
    boolean renew = "RENEW".equals(f.kind());
    return new DraftRequest(f.kind(), renew ? null : f.migName(), renew ? f.migId() : null, f.statementOfPurpose(),
        f.meetingNeeds(), rows);
  }

  private static boolean blank(OrganizerInput o) {
    return o.name().isBlank() && o.email().isBlank() && o.address().isBlank();
  }

  private static FormErrors errors(InvalidInputException refused) {
    FormErrors errors = new FormErrors();
    for (FieldProblem p : refused.errors()) {
      String id = "draft-" + p.field().replace("].", "-").replace("[", "-").replace("]", "");
      String label = LABELS.getOrDefault(p.field(), p.field().startsWith("organizers[")
          ? "Organizer " + (Integer.parseInt(p.field().substring(11, p.field().indexOf(']'))) + 1) + ", "
              + p.field().substring(p.field().indexOf("].") + 2)
          : p.field());
      errors.add(id, label, p.message());
    }
    return errors;
  }

  private String form(DraftForm form, FormErrors errors, Model model) {
    model.addAttribute("form", form);
    model.addAttribute("errors", errors);
    model.addAttribute("requiredSignatures", drafts.requiredSignatures());
    return "pages/draft-new";
  }

  private String show(DraftService.OrganizerView view, DraftForm form, FormErrors errors, String problem, Model model) {
    model.addAttribute("view", view);
    model.addAttribute("draft", view.draft());
    model.addAttribute("form", form);
    model.addAttribute("errors", errors);
    model.addAttribute("problem", problem);
    return "pages/draft";
  }
}
