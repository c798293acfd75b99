package org.ala.mig.common;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The engine builds under the {@link StartupLock}: {@code buildProcessEngine} calls the plugins'
 * {@code preInit}, then constructs the engine, whose constructor creates or updates the tables
 * ({@code schema-update: true}: SchemaOperationsProcessEngineBuild) and records the history level
 * and installation, then calls {@code postProcessEngineBuild}. The lock is held from the first
 * callback to the last, so that of two nodes starting on an empty database one creates the
 * tables and the other finds them. Last among the plugins, so that it also covers what the other
 * plugins do after the build.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE)
public class EngineSchemaLock extends AbstractProcessEnginePlugin implements DisposableBean {

  private final StartupLock lock;
  private StartupLock.Held held;

  public EngineSchemaLock(StartupLock lock) {
    this.lock = lock;
  }

  @Override
  public synchronized void preInit(ProcessEngineConfigurationImpl configuration) {
    held = lock.acquire("engine schema");
  }

  @Override
  public void postProcessEngineBuild(ProcessEngine processEngine) {
    release();
  }

  /** The engine's build failed before postProcessEngineBuild: the lock goes with the context. */
  @Override
  public void destroy() {
    release();
  }

  private synchronized void release() {
    if (held != null) {
      held.close();
      held = null;
    }
  }
}
