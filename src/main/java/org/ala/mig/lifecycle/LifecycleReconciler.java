package org.ala.mig.lifecycle;

import org.ala.mig.common.StartupLock;
import org.ala.mig.registry.Mig;
import org.ala.mig.registry.MigRepository;
import org.ala.mig.registry.MigStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * At start-up, gives every ACTIVE MIG without a running {@code mig-lifecycle} one: MIGs that
 * became active before this version of the application managed their term (or whose instance an
 * operator deleted in Cockpit) get their reminders, reports and term end back. Runs after the
 * demo data, under the {@link StartupLock}, so that two nodes starting together start one each.
 */
@Component
@Order(40)
class LifecycleReconciler implements ApplicationRunner {

  private static final Logger log = LoggerFactory.getLogger(LifecycleReconciler.class);

  private final MigRepository migs;
  private final LifecycleService lifecycle;
  private final StartupLock lock;

  LifecycleReconciler(MigRepository migs, LifecycleService lifecycle, StartupLock lock) {
    this.migs = migs;
    this.lifecycle = lifecycle;
    this.lock = lock;
  }

  @Override
  public void run(ApplicationArguments args) {
    lock.run("lifecycle reconciliation", this::reconcile);
  }

  private void reconcile() {
    int started = 0;
    for (Mig mig : migs.list(MigStatus.ACTIVE)) {
      if (mig.termEnd() != null && lifecycle.start(mig.id())) {
        log.warn("MIG {} was active without a lifecycle: started one from its term ending {}", mig.id(), mig.termEnd());
        started++;
      }
    }
    if (started > 0) {
      log.info("Started the lifecycle of {} active MIG(s) that had none", started);
    }
  }
}
