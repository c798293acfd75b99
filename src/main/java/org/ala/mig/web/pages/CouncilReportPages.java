package org.ala.mig.web.pages;

import org.ala.mig.common.MigProperties;
import org.ala.mig.common.NotFoundException;
import org.ala.mig.identity.MigGroup;
import org.ala.mig.identity.RequiresGroup;
import org.ala.mig.mail.MailFormats;
import org.ala.mig.reporting.CooDecisions;
import org.ala.mig.reporting.CouncilReportService;
import org.ala.mig.reporting.CouncilReportView;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The published COO reports to Council as pages, for Council and COO: the list, and each report
 * as a printable page (print styles in mig.css).
 */
@Controller
class CouncilReportPages {

  private final CouncilReportService reports;
  private final MailFormats formats;

  CouncilReportPages(CouncilReportService reports, MigProperties properties) {
    this.reports = reports;
    this.formats = new MailFormats(properties.timeZone());
  }

  @GetMapping("/council/reports")
  @RequiresGroup({MigGroup.COUNCIL, MigGroup.COO})
  String list(Model model) {
    model.addAttribute("reports", reports.published().stream().map(CouncilReportView.Listed::of).toList());
    model.addAttribute("fmt", formats);
    return "pages/council-reports";
  }

  @GetMapping("/council/reports/{conferenceId}")
  @RequiresGroup({MigGroup.COUNCIL, MigGroup.COO})
  String report(@PathVariable String conferenceId, Model model) {
    CouncilReportView report = reports.publishedReport(conferenceId).map(r -> CouncilReportView.of(r, reports))
        .orElseThrow(() -> new NotFoundException("No published COO report for conference '" + conferenceId + "'"));
    model.addAttribute("report", report);
    model.addAttribute("fmt", formats);
    model.addAttribute("labels", new Labels());
    return "pages/council-report";
  }

  /** Words for the codes the report keeps, as the page shows them. */
  static final class Labels {

    public String subject(CooDecisions.Subject subject) {
      return CouncilReportService.subject(subject);
    }

    public String disbandReason(String reason) {
      return CouncilReportService.disbandReason(reason);
    }
  }
}
