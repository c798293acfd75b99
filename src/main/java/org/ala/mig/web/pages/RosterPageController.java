package org.ala.mig.web.pages;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.ala.mig.common.FieldProblem;
import org.ala.mig.common.InvalidInputException;
import org.ala.mig.identity.MigGroup;
import org.ala.mig.identity.RequiresGroup;
import org.ala.mig.roster.LineProblem;
import org.ala.mig.roster.ParsedRoster;
import org.ala.mig.roster.RosterCsvParser;
import org.ala.mig.roster.RosterService;
import org.springframework.boot.autoconfigure.web.servlet.MultipartProperties;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/**
 * The roster page of Member Programs and Services: the member roster uploaded as a CSV file, as
 * POST /api/roster takes it ({@link RosterService#importCsv}). The answer is this page again with
 * the outcome: how many lines were imported and every rejected line with its number (the first
 * {@value #SHOWN_REJECTED}), or, for a file that is not a roster, what is wrong with it (nothing
 * is stored then). static/js/roster-upload.js sends the same form with XMLHttpRequest, shows the
 * upload's progress, and puts the outcome of this page into the page in place.
 */
@Controller
@RequiresGroup(MigGroup.MEMBER_PROGRAMS)
class RosterPageController {

  /** Rejected lines listed at most; the page says how many more there are. */
  static final int SHOWN_REJECTED = 1_000;

  /**
   * What an upload came to.
   *
   * @param fileName the chosen file's name, as the browser sent it
   * @param error why nothing was imported, or null when the file was read
   * @param imported the members stored
   * @param rejectedCount how many lines were rejected
   * @param rejected the first {@value #SHOWN_REJECTED} rejected lines
   */
  public record Outcome(String fileName, String error, int imported, int rejectedCount, List<LineProblem> rejected) {

    public boolean failed() {
      return error != null;
    }

    /** The rejected lines not listed. */
    public int notShown() {
      return rejectedCount - rejected.size();
    }
  }

  private final RosterService roster;
  private final long maxFileBytes;

  RosterPageController(RosterService roster, MultipartProperties multipart) {
    this.roster = roster;
    this.maxFileBytes = multipart.getMaxFileSize().toBytes();
  }

  @GetMapping("/roster")
  String page(Model model) {
    return show(null, model);
  }

  @PostMapping("/roster")
  String upload(@RequestParam(name = "roster", required = false) MultipartFile file, HttpServletResponse response,
      Model model) throws IOException {
    String fileName = file == null || file.getOriginalFilename() == null ? "" : file.getOriginalFilename().strip();
    Outcome outcome;
    if (fileName.isEmpty()) {
      outcome = failure("", "choose the roster file (CSV) to upload");
    } else if (file.isEmpty()) {
      outcome = failure(fileName, "the file is empty");
    } else {
      try {
        ParsedRoster parsed = roster.importCsv(file.getBytes());
        List<LineProblem> rejected = parsed.rejected();
        outcome = new Outcome(fileName, null, parsed.members().size(), rejected.size(),
            rejected.subList(0, Math.min(SHOWN_REJECTED, rejected.size())));
      } catch (InvalidInputException e) {
        outcome = failure(fileName, e.errors().stream().map(FieldProblem::message).findFirst().orElse(e.getMessage()));
      }
    }
    if (outcome.failed()) {
      response.setStatus(HttpStatus.BAD_REQUEST.value());
    }
    return show(outcome, model);
  }

  private static Outcome failure(String fileName, String error) {
    return new Outcome(fileName, error, 0, 0, List.of());
  }

  private String show(Outcome outcome, Model model) {
    model.addAttribute("outcome", outcome);
    model.addAttribute("memberCount", roster.memberCount());
    model.addAttribute("header", RosterCsvParser.HEADER_LINE);
    model.addAttribute("maxLines", RosterCsvParser.MAX_DATA_LINES);
    model.addAttribute("maxBytes", maxFileBytes);
    model.addAttribute("maxMegabytes", maxFileBytes / (1024 * 1024));
    model.addAttribute("shownRejected", SHOWN_REJECTED);
    return "pages/roster";
  }
}
