package org.ala.mig.reporting;

import java.time.LocalDate;
import org.ala.mig.common.MigProperties;
import org.ala.mig.common.TaskOutputs;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The service tasks and the task check of {@code bpmn/coo-council-report.bpmn}, each a bean named
 * as in the model. The conference id is the process's business key.
 */
@Configuration(proxyBeanMethods = false)
class CouncilReportDelegates {

  static String conferenceId(DelegateExecution execution) {
    return execution.getProcessBusinessKey();
  }

  /** Compiles the draft, and gives the chair's form its period and text. */
  @Bean
  JavaDelegate compileCouncilReport(CouncilReportService reports) {
    return execution -> {
      CouncilReport draft = reports.compile(conferenceId(execution),
          (String) execution.getVariable("conferenceName"),
          LocalDate.parse((String) execution.getVariable("conferenceStart")));
      execution.setVariable("reportPeriod", reports.periodText(draft));
      execution.setVariable("reportSummary", reports.summary(draft));
    };
  }

  /**
   * submitCouncilReport, when created: named after its conference ("Submit the COO report: ALA
   * Annual Conference 2027"), so that the chair tells several apart. (In the application every
   * user task is also named, described and given its due date by the tasks feature, the same way.)
   */
  @Bean
  TaskListener nameCouncilReportTask(MigProperties properties) {
    return task -> task.setName("Submit the COO report: " + task.getVariable("conferenceName"));
  }

  @Bean
  JavaDelegate publishCouncilReport(CouncilReportService reports) {
    return execution -> reports.publish(conferenceId(execution), (String) execution.getVariable("chairRemarks"));
  }

  /** submitCouncilReport: the chair's remarks are optional, and bounded; blank is none. */
  @Bean
  TaskListener validateCouncilReport() {
    return task -> {
      Object remarks = task.getVariable("chairRemarks");
      if (remarks != null && !(remarks instanceof String)) {
        throw TaskOutputs.invalid("chairRemarks", "must be text, got " + remarks.getClass().getSimpleName());
      }
      task.setVariable("chairRemarks", TaskOutputs.text("chairRemarks", remarks, CouncilReportService.MAX_TEXT));
    };
  }
}
