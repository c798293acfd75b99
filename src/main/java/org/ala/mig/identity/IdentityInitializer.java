package org.ala.mig.identity;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** Applies {@link IdentitySetup} once the engine is up, before any demo data is loaded. */
@Component
@Order(10)
class IdentityInitializer implements ApplicationRunner {

  private final IdentitySetup setup;

  IdentityInitializer(IdentitySetup setup) {
    this.setup = setup;
  }

  @Override
  public void run(ApplicationArguments args) {
    setup.apply();
  }
}
