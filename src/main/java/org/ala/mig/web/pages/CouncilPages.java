package org.ala.mig.web.pages;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.ala.mig.conferences.ConferenceService;
import org.ala.mig.web.pages.ProcessDiagrams.ModelStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * GET /council: the models of the MIG lifecycle as diagrams, as Council is shown them, each with
 * how many running instances stand at each step, on the diagram and in a table; and the way to the
 * published COO reports, and a warning when no conference is to come (so no report will be
 * compiled). Any signed-in user may look; Council is its audience.
 */
@Controller
class CouncilPages {

  /** A model on the page: its status and its counts as the diagram script reads them. */
  record Shown(ModelStatus status, String countsJson) {}

  private final ProcessDiagrams diagrams;
  private final ObjectMapper json;
  private final ConferenceService conferences;

  CouncilPages(ProcessDiagrams diagrams, ObjectMapper json, ConferenceService conferences) {
    this.diagrams = diagrams;
    this.json = json;
    this.conferences = conferences;
  }

  @GetMapping("/council")
  String council(Model model) throws JsonProcessingException {
    List<ModelStatus> statuses = diagrams.statuses();
    List<Shown> shown = new ArrayList<>();
    for (ModelStatus s : statuses) {
      shown.add(new Shown(s, json.writeValueAsString(s.countsById())));
    }
    model.addAttribute("models", shown);
    // without a conference to come, no COO report to Council is compiled: say so (step 12)
    model.addAttribute("noUpcomingConference", conferences.upcoming().isEmpty()
        ? ConferenceService.NO_UPCOMING_WARNING : null);
    return "pages/council";
  }
}
