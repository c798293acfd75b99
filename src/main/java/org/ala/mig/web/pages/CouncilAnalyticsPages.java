package org.ala.mig.web.pages;

import org.ala.mig.analytics.AnalyticsService;
import org.ala.mig.identity.MigGroup;
import org.ala.mig.identity.RequiresGroup;
import org.ala.mig.registry.DeadlineCalendar;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * Council's analytics as charts, for Council and COO. The page's tables carry the figures (for
 * screen readers, print and a browser without scripts); its script draws each table as a chart
 * with ECharts, from the webjar.
 */
@Controller
class CouncilAnalyticsPages {

  private final AnalyticsService analytics;
  private final DeadlineCalendar calendar;

  CouncilAnalyticsPages(AnalyticsService analytics, DeadlineCalendar calendar) {
    this.analytics = analytics;
    this.calendar = calendar;
  }

  @GetMapping("/council/analytics")
  @RequiresGroup({MigGroup.COUNCIL, MigGroup.COO})
  String analytics(Model model) {
    model.addAttribute("a", analytics.analytics());
    model.addAttribute("today", calendar.today());
    return "pages/council-analytics";
  }
}
