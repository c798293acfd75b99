package org.ala.mig.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import org.ala.mig.registry.Mig;
import org.ala.mig.registry.MigRepository;
import org.ala.mig.support.MigSpringBootTest;
import org.ala.mig.support.TestMigs;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;

@MigSpringBootTest
class LifecycleReconcilerTest {

  @Autowired MigRepository migs;
  @Autowired RuntimeService runtime;
  @Autowired LifecycleReconciler reconciler;

  @Test
  void anActiveMigWithoutALifecycleGetsOneAtStartUpAndOnlyOne() {
    // given an active MIG stored before lifecycles were managed (no mig-lifecycle instance)
    Mig mig = TestMigs.active("Reconciled");
    migs.insert(mig);
    assertThat(lifecycles(mig)).isZero();

    // when the application starts (twice)
    reconciler.run(new DefaultApplicationArguments());
    reconciler.run(new DefaultApplicationArguments());

    // then the MIG has exactly one lifecycle, keyed by its id, with its name
    assertThat(lifecycles(mig)).isEqualTo(1);
    String instance = runtime.createProcessInstanceQuery().processDefinitionKey(LifecycleService.PROCESS_KEY)
        .processInstanceBusinessKey(mig.id()).singleResult().getId();
    assertThat(runtime.getVariable(instance, "migName")).isEqualTo(mig.name());
  }

  private long lifecycles(Mig mig) {
    return runtime.createProcessInstanceQuery().processDefinitionKey(LifecycleService.PROCESS_KEY)
        .processInstanceBusinessKey(mig.id()).count();
  }
}
