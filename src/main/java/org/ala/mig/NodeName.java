package org.ala.mig;

import java.util.UUID;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * {@code mig.node-name} (MIG_NODE_NAME), when set, names this node to the engine: it is the host
 * that the job log records for each job this node runs (Cockpit, ACT_HI_JOB_LOG) and the start of
 * its job executor's lock owner, so that with several nodes on one database an operator sees
 * which node ran or holds a job. Unset, the engine's own defaults stay (its IP address, a UUID).
 */
@Component
class NodeName extends AbstractProcessEnginePlugin {

  private final String name;

  NodeName(@Value("${mig.node-name:}") String name) {
    this.name = name.strip();
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (!name.isEmpty()) {
      configuration.setHostname(name);
    }
  }

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    if (!name.isEmpty() && configuration.getJobExecutor() != null) {
      // one lock owner per start: a restarted node does not take over the locks of its former self
      configuration.getJobExecutor().setLockOwner(name + ":" + UUID.randomUUID().toString().substring(0, 8));
    }
  }
}
