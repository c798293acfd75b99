package org.ala.mig.identity;

import io.github.bucket4j.TimeMeter;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one {@link SignInThrottle} of this node. It measures wall-clock time
 * ({@link TimeMeter#SYSTEM_MILLISECONDS}), never the engine's clock that the simulation moves;
 * a test may give a {@link TimeMeter} bean of its own to move time by hand. Each node of a cluster
 * counts the failures it sees (docs/security.md).
 */
@Configuration(proxyBeanMethods = false)
class SignInThrottleConfiguration {

  @Bean
  SignInThrottle signInThrottle(SignInThrottleProperties settings, ObjectProvider<TimeMeter> time) {
    return new SignInThrottle(settings, time.getIfAvailable(() -> TimeMeter.SYSTEM_MILLISECONDS));
  }
}
