package org.ala.mig.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.ala.mig.identity.SignInThrottle;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Wires HTTP Basic authentication of the APIs, the pages' sign-in, and the group checks of both. */
@Configuration(proxyBeanMethods = false)
class ApiSecurityConfiguration implements WebMvcConfigurer {

  @Bean
  FilterRegistrationBean<ApiAuthenticationFilter> apiAuthenticationFilter(IdentityService identity, ObjectMapper json,
      SignInThrottle throttle) {
    FilterRegistrationBean<ApiAuthenticationFilter> registration =
        new FilterRegistrationBean<>(new ApiAuthenticationFilter(identity, json, throttle));
    registration.addUrlPatterns("/api/*", "/engine-rest/*", "/actuator/*");
    registration.setName("apiAuthentication");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
    return registration;
  }

  @Bean
  FilterRegistrationBean<PageAuthenticationFilter> pageAuthenticationFilter(IdentityService identity) {
    FilterRegistrationBean<PageAuthenticationFilter> registration =
        new FilterRegistrationBean<>(new PageAuthenticationFilter(identity));
    registration.addUrlPatterns("/*");
    registration.setName("pageAuthentication");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 21);
    return registration;
  }

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    registry.addInterceptor(new GroupAccessInterceptor()).addPathPatterns("/**")
        .excludePathPatterns("/engine-rest/**", "/camunda/**");
  }
}
