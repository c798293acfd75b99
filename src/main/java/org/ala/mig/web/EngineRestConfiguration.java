package org.ala.mig.web;

import org.springframework.boot.autoconfigure.jersey.ResourceConfigCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Additions to Camunda's engine REST (/engine-rest). */
@Configuration(proxyBeanMethods = false)
class EngineRestConfiguration {

  @Bean
  ResourceConfigCustomizer taskOutputRefusals() {
    return config -> config.register(TaskOutputRefusalMapper.class);
  }

  @Bean
  EngineRestJson engineRestJson() {
    return new EngineRestJson();
  }

  @Bean
  ResourceConfigCustomizer engineRestSharedJson(EngineRestJson json) {
    return config -> config.register(json);
  }
}
