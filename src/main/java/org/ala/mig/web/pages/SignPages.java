package org.ala.mig.web.pages;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.ala.mig.common.FieldProblem;
import org.ala.mig.common.InvalidInputException;
import org.ala.mig.drafts.DraftService;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The public side of the online petition: {@code /sign/{draftId}}, where a member signs with their
 * member number and name, and the pages of the mailed links, which confirm or withdraw a signature
 * only by their form's POST (mail scanners fetch links). Nobody is signed in here, and no page
 * shows who signed: only how many confirmed.
 */
@Controller
class SignPages {

  /** What a signer reads after posting the form, whatever the number was. */
  static final String SENT = "If the number is on ALA's roster, we mailed a confirmation link to the address ALA has"
      + " on file for that member. The signature counts once it is confirmed from that mail.";

  private static final Map<String, String> LABELS = Map.of("memberId", "ALA member number", "name", "Your name");

  private final DraftService drafts;

  SignPages(DraftService drafts) {
    this.drafts = drafts;
  }

  @GetMapping("/sign/{draftId}")
  String page(@PathVariable String draftId, @RequestParam(required = false) String sent, Model model) {
    return show(draftId, "", "", false, new FormErrors(), sent != null, model);
  }

  @PostMapping("/sign/{draftId}")
  String sign(@PathVariable String draftId, @RequestParam(defaultValue = "") String memberId,
      @RequestParam(defaultValue = "") String name, @RequestParam(required = false) String showNameToOrganizers,
      HttpServletRequest request, HttpServletResponse response, Model model) {
    boolean show = showNameToOrganizers != null;
    try {
      drafts.sign(draftId, memberId, name, show, request.getRemoteAddr());
    } catch (InvalidInputException refused) {
      FormErrors errors = new FormErrors();
      for (FieldProblem p : refused.errors()) {
        errors.add("sign-" + p.field(), LABELS.getOrDefault(p.field(), p.field()), p.message());
      }
      response.setStatus(HttpStatus.BAD_REQUEST.value());
      return show(draftId, memberId, name, show, errors, false, model);
    }
    return "redirect:/sign/" + draftId + "?sent";
  }

  @GetMapping("/sign/{draftId}/confirm")
  String confirmPage(@PathVariable String draftId, @RequestParam(defaultValue = "") String token, Model model) {
    return linkPage(draftId, token, "confirm", model);
  }

  @PostMapping("/sign/{draftId}/confirm")
  String confirm(@PathVariable String draftId, @RequestParam(defaultValue = "") String token, Model model) {
    DraftService.Confirmation done = drafts.confirm(draftId, token);
    model.addAttribute("done", done);
    return linkPage(draftId, null, "confirmed", model);
  }

  @GetMapping("/sign/{draftId}/withdraw")
  String withdrawPage(@PathVariable String draftId, @RequestParam(defaultValue = "") String token, Model model) {
    return linkPage(draftId, token, "withdraw", model);
  }

  @PostMapping("/sign/{draftId}/withdraw")
  String withdraw(@PathVariable String draftId, @RequestParam(defaultValue = "") String token, Model model) {
    DraftService.Confirmation done = drafts.withdrawSignature(draftId, token);
    model.addAttribute("done", done);
    return linkPage(draftId, null, "withdrawn", model);
  }

  private String linkPage(String draftId, String token, String step, Model model) {
    if (token != null) {
      drafts.migNameForToken(draftId, token);   // 404 for a link that is not one
    }
    model.addAttribute("draft", drafts.publicView(draftId));
    model.addAttribute("token", token);
    model.addAttribute("step", step);
    return "pages/sign-link";
  }

  private String show(String draftId, String memberId, String name, boolean show, FormErrors errors, boolean sent,
      Model model) {
    model.addAttribute("draft", drafts.publicView(draftId));
    model.addAttribute("memberId", memberId);
    model.addAttribute("name", name);
    model.addAttribute("show", show);
    model.addAttribute("errors", errors);
    model.addAttribute("sent", sent ? SENT : null);
    return "pages/sign";
  }
}
