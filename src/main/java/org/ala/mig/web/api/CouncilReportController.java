package org.ala.mig.web.api;

import java.util.List;
import org.ala.mig.common.NotFoundException;
import org.ala.mig.identity.MigGroup;
import org.ala.mig.identity.RequiresGroup;
import org.ala.mig.reporting.CouncilReportService;
import org.ala.mig.reporting.CouncilReportView;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The published COO reports to Council (CONTRACT.md), for Council and COO. A report not yet
 * published (scheduled, or a draft before the chair) is not found.
 */
@RestController
@RequiresGroup({MigGroup.COUNCIL, MigGroup.COO})
class CouncilReportController {

  private final CouncilReportService reports;

  CouncilReportController(CouncilReportService reports) {
    this.reports = reports;
  }

  @GetMapping("/api/council/reports")
  List<CouncilReportView.Listed> list() {
    return reports.published().stream().map(CouncilReportView.Listed::of).toList();
  }

  @GetMapping("/api/council/reports/{conferenceId}")
  CouncilReportView report(@PathVariable String conferenceId) {
    return reports.publishedReport(conferenceId).map(r -> CouncilReportView.of(r, reports))
        .orElseThrow(() -> new NotFoundException("No published COO report for conference '" + conferenceId + "'"));
  }
}
