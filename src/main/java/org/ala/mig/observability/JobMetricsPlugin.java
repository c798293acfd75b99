package org.ala.mig.observability;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.jobexecutor.FailedJobListener;
import org.camunda.bpm.engine.impl.jobexecutor.SuccessfulJobListener;
import org.springframework.stereotype.Component;

/**
 * Counts the jobs this node runs: {@code mig_jobs_executed_total{outcome="succeeded"|"failed"}}
 * (docs/metrics.md). After every job, whether the job executor ran it or
 * {@code ManagementService.executeJob}, the engine runs one of two commands of its own:
 * {@link SuccessfulJobListener} after a commit, {@link FailedJobListener} after a failure (it
 * lowers the retries and, at the last, makes the incident). A command interceptor counts each
 * of them once it has run.
 *
 * <p>Why not the engine's own metrics ({@code ManagementService.createMetricsQuery()}, meters
 * {@code job-successful}/{@code job-failed}): they reach the database only every 15 minutes,
 * and the query sums every node's, so two nodes scraped apart would each report the whole
 * cluster (counted twice, and late). These counters are per node and at once; in Prometheus,
 * {@code sum(rate(...))} over the instances is the cluster's.
 */
@Component
class JobMetricsPlugin extends AbstractProcessEnginePlugin {

  static final String NAME = "mig.jobs.executed";

  private final Counter succeeded;
  private final Counter failed;

  JobMetricsPlugin(MeterRegistry meters) {
    this.succeeded = Counter.builder(NAME).description("Jobs run on this node, by outcome")
        .tag("outcome", "succeeded").register(meters);
    this.failed = Counter.builder(NAME).description("Jobs run on this node, by outcome")
        .tag("outcome", "failed").register(meters);
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<CommandInterceptor> interceptors = new ArrayList<>();
    interceptors.add(new Counting());
    if (configuration.getCustomPreCommandInterceptorsTxRequired() != null) {
      interceptors.addAll(configuration.getCustomPreCommandInterceptorsTxRequired());
    }
    configuration.setCustomPreCommandInterceptorsTxRequired(interceptors);
  }

  private final class Counting extends CommandInterceptor {
    @Override
    public <T> T execute(Command<T> command) {
      T result = next.execute(command);
      if (command instanceof SuccessfulJobListener) {
        succeeded.increment();
      } else if (command instanceof FailedJobListener) {
        failed.increment();
      }
      return result;
    }
  }
}
