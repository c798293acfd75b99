package org.ala.mig.identity;

import org.ala.mig.common.StartupLock;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Applies {@link IdentitySetup} once the engine is up, before any demo data is loaded, under the
 * {@link StartupLock}: of two nodes starting together, the second finds everything made.
 */
@Component
@Order(10)
class IdentityInitializer implements ApplicationRunner {

  private final IdentitySetup setup;
  private final StartupLock lock;

  IdentityInitializer(IdentitySetup setup, StartupLock lock) {
    this.setup = setup;
    this.lock = lock;
  }

  @Override
  public void run(ApplicationArguments args) {
    lock.run("identity", setup::apply);
  }
}
