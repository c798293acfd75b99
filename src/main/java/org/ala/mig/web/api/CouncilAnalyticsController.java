package org.ala.mig.web.api;

import org.ala.mig.analytics.AnalyticsService;
import org.ala.mig.analytics.CouncilAnalytics;
import org.ala.mig.identity.MigGroup;
import org.ala.mig.identity.RequiresGroup;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Council's analytics (CONTRACT.md), for Council and COO. */
@RestController
@RequiresGroup({MigGroup.COUNCIL, MigGroup.COO})
class CouncilAnalyticsController {

  private final AnalyticsService analytics;

  CouncilAnalyticsController(AnalyticsService analytics) {
    this.analytics = analytics;
  }

  @GetMapping("/api/council/analytics")
  CouncilAnalytics analytics() {
    return analytics.analytics();
  }
}
