package org.ala.mig.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.Filter;
import org.ala.mig.identity.SignInFailures;
import org.ala.mig.identity.SignInThrottle;
import org.camunda.bpm.engine.FilterService;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * The application's own fixes for known vulnerabilities of Camunda 7.24.0 Community Edition,
 * whose fixes ship only in Enterprise patch releases (README, Security), the security headers
 * of its own pages and APIs, and the check of the variables a task is completed with
 * ({@link TaskCompletionGuard}), and the sign-in throttle of the webapps' own sign-in
 * ({@link WebappLoginThrottle}).
 */
@Configuration(proxyBeanMethods = false)
class CamundaGuardsConfiguration {

  @Bean
  FilterRegistrationBean<AdminSetupGuard> adminSetupGuard() {
    // before the webapps' own filters
    return registration(new AdminSetupGuard(),
        "adminSetupGuard", Ordered.HIGHEST_PRECEDENCE, "/camunda/api/admin/setup/*");
  }

  /** The webapps' sign-in under the sign-in throttle (before the webapps' own filters). */
  @Bean
  FilterRegistrationBean<WebappLoginThrottle> webappLoginThrottle(SignInThrottle throttle, ObjectMapper json,
      SignInFailures failures) {
    return registration(new WebappLoginThrottle(throttle, json, failures), "webappLoginThrottle",
        Ordered.HIGHEST_PRECEDENCE + 2, "/camunda/api/admin/auth/user/*");
  }

  /** Headers on every answer of the application's own (before any filter that may answer first). */
  @Bean
  FilterRegistrationBean<SecurityHeadersFilter> securityHeadersFilter() {
    return registration(new SecurityHeadersFilter(), "securityHeaders", Ordered.HIGHEST_PRECEDENCE + 1, "/*");
  }

  @Bean
  FilterRegistrationBean<TaskQueryExpressionGuard> taskQueryExpressionGuard(ObjectMapper json, FilterService filters) {
    return registration(new TaskQueryExpressionGuard(json, filters), "taskQueryExpressionGuard",
        Ordered.HIGHEST_PRECEDENCE + 22, "/engine-rest/*", "/camunda/api/engine/*");
  }

  @Bean
  FilterRegistrationBean<PersonalDataQueryGuard> personalDataQueryGuard(ObjectMapper json) {
    return registration(new PersonalDataQueryGuard(json), "personalDataQueryGuard",
        Ordered.HIGHEST_PRECEDENCE + 23, "/engine-rest/*", "/camunda/api/*");
  }

  @Bean
  FilterRegistrationBean<TaskCompletionGuard> taskCompletionGuard(ObjectMapper json) {
    return registration(new TaskCompletionGuard(json), "taskCompletionGuard",
        Ordered.HIGHEST_PRECEDENCE + 24, "/engine-rest/*", "/camunda/api/engine/*");
  }

  /** {@code filter} under {@code name}, at {@code order}, on {@code urlPatterns}. */
  private static <F extends Filter> FilterRegistrationBean<F> registration(F filter, String name, int order,
      String... urlPatterns) {
    FilterRegistrationBean<F> registration = new FilterRegistrationBean<>(filter);
    registration.addUrlPatterns(urlPatterns);
    registration.setName(name);
    registration.setOrder(order);
    return registration;
  }
}
