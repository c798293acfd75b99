package org.ala.mig.reporting;

import static org.ala.mig.common.TaskOutputs.invalid;

import org.ala.mig.common.TaskOutputs;
import org.ala.mig.mail.MailKeys;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The service tasks and task checks of {@code bpmn/mig-annual-report.bpmn}, each a bean named
 * as in the model. The report's id is the process's business key.
 */
@Configuration(proxyBeanMethods = false)
class AnnualReportDelegates {

  static final int MAX_TEXT = 4000;

  static String reportId(DelegateExecution execution) {
    return execution.getProcessBusinessKey();
  }

  @Bean
  JavaDelegate sendReportReminder(AnnualReportService reports) {
    return execution -> reports.sendReminder(reportId(execution),
        ((Number) execution.getVariableLocal("daysBefore")).longValue(), MailKeys.step(execution));
  }

  @Bean
  JavaDelegate notifyReportOverdue(AnnualReportService reports) {
    return execution -> reports.notifyOverdue(reportId(execution), MailKeys.step(execution));
  }

  @Bean
  JavaDelegate recordReportReceived(AnnualReportService reports) {
    return execution -> {
      execution.setVariable("submittedLate", reports.receivedLate(reportId(execution)));
      // a resubmitted report is reviewed afresh: the previous round's review never counts for it
      execution.removeVariable("reportAccepted");
      execution.removeVariable("reviewNotes");
    };
  }

  @Bean
  JavaDelegate notifyReportReturned(AnnualReportService reports) {
    return execution -> reports.notifyReturned(reportId(execution));
  }

  @Bean
  JavaDelegate recordReportReview(AnnualReportService reports) {
    return execution -> reports.recordReview(reportId(execution),
        Boolean.TRUE.equals(execution.getVariable("reportAccepted")), (String) execution.getVariable("reviewNotes"));
  }

  /** reviewAnnualReport: accepted or not; a report not accepted needs notes saying what is missing. */
  @Bean
  TaskListener validateReportReview() {
    return task -> {
      boolean accepted = TaskOutputs.requiredBool(task, "reportAccepted", "accept the report or return it");
      String notes = TaskOutputs.text("reviewNotes", task.getVariable("reviewNotes"), MAX_TEXT);
      if (!accepted && notes == null) {
        throw invalid("reviewNotes", "required when the report is not accepted: say what is missing");
      }
      task.setVariable("reviewNotes", notes);
    };
  }

  /** followUpOverdueReport: notes are optional, and bounded. */
  @Bean
  TaskListener validateFollowUp() {
    return task -> TaskOutputs.text("followUpNotes", task.getVariable("followUpNotes"), MAX_TEXT);
  }
}
