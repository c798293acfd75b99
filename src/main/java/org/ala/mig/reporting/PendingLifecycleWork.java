package org.ala.mig.reporting;

import java.time.Instant;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.camunda.bpm.engine.runtime.Job;
import org.springframework.stereotype.Component;

/**
 * The engine's work that a COO report to Council must wait for: a job of another model (a
 * lifecycle's timer, an annual report's step, a petition's step) that is due, and falls before
 * the end of the report's period, has not run yet. After a time jump every timer of the years
 * jumped over is due at once, and the job executor runs them in no particular order; a report
 * compiled before the lifecycles have caught up would miss what happened in its period.
 *
 * <p>A job that failed and waits for its retry (a lock conflict with another job of the MIG) is
 * waited for too, whatever its new due date; one with no retries left (an incident) is not: it
 * is broken, not behind, and shows in Cockpit. Nothing is waited for on a node
 * whose job executor is off ({@code camunda.bpm.job-execution.enabled: false}, as in the tests):
 * there jobs run only when someone runs them by hand, in the order they choose.
 */
@Component
class PendingLifecycleWork {

  private final ManagementService management;
  private final JobExecutor jobExecutor;

  PendingLifecycleWork(ProcessEngine engine) {
    this.management = engine.getManagementService();
    this.jobExecutor = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getJobExecutor();
  }

  /**
   * How many jobs of other models are due now and fall before {@code end}, or failed and wait for
   * their retry.
   */
  long before(Instant end) {
    if (jobExecutor == null || !jobExecutor.isActive()) {
      return 0;
    }
    long due = management.createJobQuery().executable().active().list().stream()
        .filter(job -> !CouncilReportService.PROCESS_KEY.equals(job.getProcessDefinitionKey()))
        .filter(job -> job.getExceptionMessage() == null && dueBefore(job, end))
        .count();
    long retrying = management.createJobQuery().withException().withRetriesLeft().active().list().stream()
        .filter(job -> !CouncilReportService.PROCESS_KEY.equals(job.getProcessDefinitionKey()))
        .count();
    return due + retrying;
  }

  private static boolean dueBefore(Job job, Instant end) {
    return job.getDuedate() == null || job.getDuedate().toInstant().isBefore(end);
  }
}
