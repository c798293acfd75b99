package org.ala.mig.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;

/**
 * The application's own fixes for known vulnerabilities of Camunda 7.24.0 Community Edition,
 * whose fixes ship only in Enterprise patch releases (README, Security), the security headers
 * of its own pages and APIs, and the check of the variables a task is completed with
 * ({@link TaskCompletionGuard}).
 */
@Configuration(proxyBeanMethods = false)
class CamundaGuardsConfiguration {

  @Bean
  FilterRegistrationBean<AdminSetupGuard> adminSetupGuard(IdentityService identity, Environment environment) {
    FilterRegistrationBean<AdminSetupGuard> registration = new FilterRegistrationBean<>(
        new AdminSetupGuard(identity, environment.acceptsProfiles(Profiles.of("prod"))));
    registration.addUrlPatterns("/camunda/api/admin/setup/*");
    registration.setName("adminSetupGuard");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE);   // before the webapps' own filters
    return registration;
  }

  /** Headers on every answer of the application's own (before any filter that may answer first). */
  @Bean
  FilterRegistrationBean<SecurityHeadersFilter> securityHeadersFilter() {
    FilterRegistrationBean<SecurityHeadersFilter> registration = new FilterRegistrationBean<>(new SecurityHeadersFilter());
    registration.addUrlPatterns("/*");
    registration.setName("securityHeaders");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
    return registration;
  }

  @Bean
  FilterRegistrationBean<TaskQueryExpressionGuard> taskQueryExpressionGuard(ObjectMapper json, FilterService filters) {
    FilterRegistrationBean<TaskQueryExpressionGuard> registration =
        new FilterRegistrationBean<>(new TaskQueryExpressionGuard(json, filters));
    registration.addUrlPatterns("/engine-rest/*", "/camunda/api/engine/*");
    registration.setName("taskQueryExpressionGuard");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 22);
    return registration;
  }

  @Bean
  FilterRegistrationBean<PersonalDataQueryGuard> personalDataQueryGuard(ObjectMapper json) {
    FilterRegistrationBean<PersonalDataQueryGuard> registration = new FilterRegistrationBean<>(new PersonalDataQueryGuard(json));
    registration.addUrlPatterns("/engine-rest/*", "/camunda/api/*");
    registration.setName("personalDataQueryGuard");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 23);
    return registration;
  }

  @Bean
  FilterRegistrationBean<TaskCompletionGuard> taskCompletionGuard(ObjectMapper json) {
    FilterRegistrationBean<TaskCompletionGuard> registration = new FilterRegistrationBean<>(new TaskCompletionGuard(json));
    registration.addUrlPatterns("/engine-rest/*", "/camunda/api/engine/*");
    registration.setName("taskCompletionGuard");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 24);
    return registration;
  }
}
