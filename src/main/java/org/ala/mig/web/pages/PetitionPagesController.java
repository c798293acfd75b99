package org.ala.mig.web.pages;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ala.mig.common.ConflictException;
import org.ala.mig.common.FieldProblem;
import org.ala.mig.common.InvalidInputException;
import org.ala.mig.common.MigProperties;
import org.ala.mig.common.NotFoundException;
import org.ala.mig.identity.Caller;
import org.ala.mig.identity.MigGroup;
import org.ala.mig.identity.RequiresGroup;
import org.ala.mig.petition.Petition;
import org.ala.mig.petition.PetitionKind;
import org.ala.mig.petition.PetitionRequest;
import org.ala.mig.petition.PetitionService;
import org.ala.mig.petition.PetitionValidator;
import org.ala.mig.petition.SignatureCsvParser;
import org.ala.mig.registry.Mig;
import org.ala.mig.registry.MigDirectory;
import org.ala.mig.registry.MigStatus;
import org.ala.mig.registry.OrganizerInput;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The petition form of Member Programs and Services and COO: the same petition as POST
 * /api/petitions, with the signatures uploaded as {@code signatures.csv} ({@link
 * SignatureCsvParser}). Every problem is shown next to its input and in a summary at the top;
 * nothing is stored while anything is wrong. A stored petition is shown on its confirmation page.
 */
@Controller
@RequiresGroup({MigGroup.COO, MigGroup.MEMBER_PROGRAMS})
class PetitionPagesController {

  static final int DEFAULT_ROWS = 5;
  static final int MIN_ROWS = 3;
  /** Organizer rows the form offers at most (3 parts each; Tomcat allows 50 parts per request). */
  static final int MAX_ROWS = 12;

  private static final Pattern ORGANIZER = Pattern.compile("organizers\\[(\\d+)](?:\\.(name|email|address))?");
  private static final Pattern SIGNATURE = Pattern.compile("signatures\\[(\\d+)](?:\\.(memberId|name))?");

  /** One row of organizer inputs as typed. */
  public record OrganizerRow(String name, String email, String address) {
    static final OrganizerRow EMPTY = new OrganizerRow("", "", "");

    boolean blank() {
      return name.isBlank() && email.isBlank() && address.isBlank();
    }
  }

  /** What the user typed, shown again when the form comes back with problems. */
  public record PetitionForm(String kind, String migName, String migId, String statementOfPurpose,
      List<OrganizerRow> organizers, String meetingNeeds) {}

  private final PetitionService petitions;
  private final MigDirectory migs;
  private final PetitionValidator validator;
  private final RequestMappingHandlerMapping mappings;
  private volatile Boolean migPages;

  PetitionPagesController(PetitionService petitions, MigDirectory migs,
      MigProperties properties, @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings) {
    this.petitions = petitions;
    this.migs = migs;
    this.validator = new PetitionValidator(properties.petition().requiredSignatures());
    this.mappings = mappings;
  }

  @GetMapping("/petitions/new")
  String form(@RequestParam(defaultValue = "") String rows, Model model) {
    int count = DEFAULT_ROWS;
    try {
      count = Math.max(MIN_ROWS, Math.min(MAX_ROWS, Integer.parseInt(rows.strip())));
    } catch (NumberFormatException e) {
      // the default
    }
    List<OrganizerRow> organizers = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      organizers.add(OrganizerRow.EMPTY);
    }
    return show(new PetitionForm(PetitionKind.ESTABLISH.name(), "", "", "", organizers, ""), new FormErrors(), null,
        model);
  }

  @PostMapping("/petitions")
  String submit(HttpServletRequest request, @RequestParam(name = "signatures", required = false) MultipartFile file,
      HttpServletResponse response, Model model) throws IOException {
    PetitionForm form = formOf(request);
    List<Integer> rowOf = new ArrayList<>();
    List<OrganizerInput> organizers = new ArrayList<>();
    for (int row = 0; row < form.organizers().size(); row++) {
      OrganizerRow o = form.organizers().get(row);
      if (!o.blank()) {
        organizers.add(new OrganizerInput(o.name(), o.email(), o.address()));
        rowOf.add(row);
      }
    }
    boolean chosen = file != null && file.getOriginalFilename() != null && !file.getOriginalFilename().isBlank();
    SignatureCsvParser.Result csv = chosen ? SignatureCsvParser.parse(file.getBytes()) : null;
    boolean renew = PetitionKind.RENEW.name().equals(form.kind());
    PetitionRequest petition = new PetitionRequest(
        form.kind().isEmpty() ? null : form.kind(),
        renew ? null : form.migName(),
        renew ? form.migId() : null,
        form.statementOfPurpose(),
        organizers,
        csv == null ? List.of() : csv.signatures(),
        form.meetingNeeds().isBlank() ? null : form.meetingNeeds());

    FormErrors errors = new FormErrors();
    if (csv == null || !csv.ok()) {
      // the file is not usable: report it, and every other field's problem, without submitting
      if (csv == null) {
        errors.add("signatures", "Signatures file", "choose the " + SignatureCsvParser.FILE_NAME + " file ("
            + SignatureCsvParser.HEADER_LINE + ", one signature per line)");
      } else {
        csv.problems().forEach(p -> errors.add("signatures", "Signatures file", p.describe()));
      }
      validator.validate(petition).stream()
          .filter(p -> !p.field().equals("signatures") && !p.field().startsWith("signatures["))
          .forEach(p -> map(p, errors, rowOf, csv));
    } else {
      try {
        PetitionService.Submitted submitted = petitions.submit(petition, Caller.of(request).userId());
        return "redirect:/petitions/" + submitted.petitionId();
      } catch (InvalidInputException e) {
        e.errors().forEach(p -> map(p, errors, rowOf, csv));
      } catch (NotFoundException | ConflictException e) {
        // an unknown MIG to renew, a MIG of that name active, a petition already open
        errors.add(renew ? "migId" : "migName", renew ? "MIG to renew" : "Name of the new MIG", e.getMessage());
      }
    }
    response.setStatus(HttpStatus.BAD_REQUEST.value());
    return show(form, errors, chosen ? file.getOriginalFilename() : null, model);
  }

  @GetMapping("/petitions/{petitionId}")
  String confirmation(@PathVariable String petitionId, Model model) {
    Petition petition = petitions.get(petitionId);
    model.addAttribute("petition", petition);
    model.addAttribute("migPage", migPagesExist() && migs.find(petition.migId()).isPresent()
        ? "/migs/" + petition.migId() : null);
    return "pages/petition-received";
  }

  private String show(PetitionForm form, FormErrors errors, String fileName, Model model) {
    model.addAttribute("form", form);
    model.addAttribute("errors", errors);
    model.addAttribute("fileName", fileName);
    model.addAttribute("activeMigs", migs.list(MigStatus.ACTIVE).stream().map(PetitionPagesController::choice).toList());
    model.addAttribute("moreRows", form.organizers().size() < MAX_ROWS ? MAX_ROWS : null);
    model.addAttribute("header", SignatureCsvParser.HEADER_LINE);
    return "pages/petition-form";
  }

  /** A MIG to renew, as the select offers it. */
  public record MigChoice(String id, String name) {}

  private static MigChoice choice(Mig mig) {
    return new MigChoice(mig.id(), mig.name());
  }

  private static PetitionForm formOf(HttpServletRequest request) {
    List<OrganizerRow> rows = new ArrayList<>();
    int last = -1;
    for (int row = 0; row < MAX_ROWS; row++) {
      String name = request.getParameter("organizers[" + row + "].name");
      String email = request.getParameter("organizers[" + row + "].email");
      String address = request.getParameter("organizers[" + row + "].address");
      if (name != null || email != null || address != null) {
        last = row;
      }
      rows.add(new OrganizerRow(text(name), text(email), text(address)));
    }
    int shown = Math.max(last + 1, MIN_ROWS);
    return new PetitionForm(text(request.getParameter("kind")).strip(), text(request.getParameter("migName")),
        text(request.getParameter("migId")).strip(), text(request.getParameter("statementOfPurpose")),
        List.copyOf(rows.subList(0, shown)), text(request.getParameter("meetingNeeds")));
  }

  private static String text(String value) {
    return value == null ? "" : value;
  }

  /** Puts a problem of the validator next to the input it is about. */
  private static void map(FieldProblem problem, FormErrors errors, List<Integer> rowOf, SignatureCsvParser.Result csv) {
    String field = problem.field();
    String message = problem.message();
    switch (field) {
      case "kind" -> errors.add("kind", "Kind of petition", message);
      case "migName" -> errors.add("migName", "Name of the new MIG", message);
      case "migId" -> errors.add("migId", "MIG to renew", message);
      case "statementOfPurpose" -> errors.add("statementOfPurpose", "Statement of purpose", message);
      case "meetingNeeds" -> errors.add("meetingNeeds", "Meeting needs at conferences", message);
      case "organizers" -> errors.add("organizers", "Designated organizers", message);
      case "signatures" -> errors.add("signatures", "Signatures file", message);
      default -> {
        Matcher organizer = ORGANIZER.matcher(field);
        Matcher signature = SIGNATURE.matcher(field);
        if (organizer.matches()) {
          int index = Integer.parseInt(organizer.group(1));
          int row = index < rowOf.size() ? rowOf.get(index) : index;
          String part = organizer.group(2);
          errors.add(part == null ? "organizers" : "organizers-" + row + "-" + part,
              "Organizer " + (row + 1) + (part == null ? "" : " " + part), message);
        } else if (signature.matches() && csv != null) {
          int line = csv.lineOf(Integer.parseInt(signature.group(1)));
          String column = "memberId".equals(signature.group(2)) ? "member_id" : signature.group(2);
          errors.add("signatures", "Signatures file", new SignatureCsvParser.Problem(line,
              (column == null ? "" : column + " ") + message).describe());
        } else {
          errors.add(null, field, message);
        }
      }
    }
  }

  /** Whether the registry's MIG pages (GET /migs/{id}) are there to link to. */
  private boolean migPagesExist() {
    Boolean known = migPages;
    if (known == null) {
      known = mappings.getHandlerMethods().keySet().stream()
          .flatMap(info -> info.getPatternValues().stream())
          .anyMatch(pattern -> pattern.startsWith("/migs/{") && pattern.indexOf('/', 6) < 0);
      migPages = known;
    }
    return known;
  }
}
