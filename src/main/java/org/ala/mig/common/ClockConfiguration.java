package org.ala.mig.common;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ClockConfiguration {

  @Bean
  Clock clock(MigProperties properties) {
    return new EngineClock(properties.timeZone());
  }
}
