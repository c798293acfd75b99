package org.ala.mig.simulation;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.AcquireJobsCmd;
import org.camunda.bpm.engine.impl.cmd.ExecuteJobsCmd;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * With several nodes, a job must run on the simulated clock of the latest move, whichever node
 * made it: otherwise a node that has not yet polled the move would lock jobs until a moment the
 * others see as past (and they would run them again), or run a job that another node created
 * after the move with yesterday's date. So each job acquisition and each job execution first
 * follows the shared clock (one read of a one-row table).
 */
@Component
@Profile("simulation")
class SharedClockPlugin extends AbstractProcessEnginePlugin {

  private final ObjectProvider<SharedClock> sharedClock;

  SharedClockPlugin(ObjectProvider<SharedClock> sharedClock) {
    this.sharedClock = sharedClock;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<CommandInterceptor> interceptors = configuration.getCustomPreCommandInterceptorsTxRequired() == null
        ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPreCommandInterceptorsTxRequired());
    interceptors.add(new FollowSharedClock());
    configuration.setCustomPreCommandInterceptorsTxRequired(interceptors);
  }

  private final class FollowSharedClock extends CommandInterceptor {
    @Override
    public <T> T execute(Command<T> command) {
      if (command instanceof AcquireJobsCmd || command instanceof ExecuteJobsCmd) {
        SharedClock clock = sharedClock.getIfAvailable();
        if (clock != null) {
          clock.follow();
        }
      }
      return next.execute(command);
    }
  }
}
