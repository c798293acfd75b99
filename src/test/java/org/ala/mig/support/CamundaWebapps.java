package org.ala.mig.support;

import org.camunda.bpm.admin.Admin;
import org.camunda.bpm.admin.impl.DefaultAdminRuntimeDelegate;
import org.camunda.bpm.cockpit.Cockpit;
import org.camunda.bpm.cockpit.impl.DefaultCockpitRuntimeDelegate;
import org.camunda.bpm.container.RuntimeContainerDelegate;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngines;
import org.camunda.bpm.tasklist.Tasklist;
import org.camunda.bpm.tasklist.impl.DefaultTasklistRuntimeDelegate;
import org.camunda.bpm.welcome.Welcome;
import org.camunda.bpm.welcome.impl.DefaultWelcomeRuntimeDelegate;

/**
 * Tests that open the Camunda webapps (Tasklist, Cockpit, Admin) in a test JVM that has run other
 * Spring contexts. The webapps keep their runtime in static fields: when the test context cache
 * closes an older context after a newer one started, the older webapp's shutdown sets those
 * fields to null and takes its engine's name out of the registries, and the newer context's
 * Tasklist answers 500 ("Cockpit.getRuntimeDelegate() is null", seen in the full suite). A running
 * application has one context and never meets this.
 */
public final class CamundaWebapps {

  private CamundaWebapps() {}

  /** Gives the webapps their runtime and this context's engine back, where a closed context took them. */
  public static void serve(ProcessEngine engine) {
    if (Cockpit.getRuntimeDelegate() == null) {
      Cockpit.setCockpitRuntimeDelegate(new DefaultCockpitRuntimeDelegate());
    }
    if (Tasklist.getRuntimeDelegate() == null) {
      Tasklist.setTasklistRuntimeDelegate(new DefaultTasklistRuntimeDelegate());
    }
    if (Admin.getRuntimeDelegate() == null) {
      Admin.setAdminRuntimeDelegate(new DefaultAdminRuntimeDelegate());
    }
    if (Welcome.getRuntimeDelegate() == null) {
      Welcome.setRuntimeDelegate(new DefaultWelcomeRuntimeDelegate());
    }
    RuntimeContainerDelegate container = RuntimeContainerDelegate.INSTANCE.get();
    ProcessEngine registered = container.getProcessEngineService().getProcessEngine(engine.getName());
    if (registered != engine) {
      if (registered != null) {
        container.unregisterProcessEngine(registered);
      }
      container.registerProcessEngine(engine);
    }
    if (ProcessEngines.getProcessEngine(engine.getName()) != engine) {
      ProcessEngines.registerProcessEngine(engine);
    }
  }
}
