package org.ala.mig.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.observation.SecurityObservationSettings;

/**
 * Spring Security observes sign-ins and access decisions, but not each filter of its chain. With
 * request observations on (Spring Security's default once an observation registry exists, as the
 * actuator makes one), every filter of the chain is wrapped in an observation of its own, about
 * 15 per request: in a profile of Tasklist's "My Group Tasks" over engine REST that was about a
 * tenth of the request threads' CPU (docs/performance.md, B3). The request itself is still
 * observed and measured as {@code http.server.requests} (docs/metrics.md); only the
 * {@code spring.security.filterchains} observations are gone.
 */
@Configuration(proxyBeanMethods = false)
class SecurityObservations {

  @Bean
  SecurityObservationSettings securityObservationSettings() {
    return SecurityObservationSettings.withDefaults().shouldObserveRequests(false).build();
  }
}
