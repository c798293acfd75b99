package org.ala.mig.lifecycle;

import org.ala.mig.mail.MailKeys;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The service tasks of {@code bpmn/mig-lifecycle.bpmn}, each a bean named as in the model. They
 * read variables and call {@link LifecycleService}, where the rules live.
 */
@Configuration(proxyBeanMethods = false)
class LifecycleDelegates {

  static String migId(DelegateExecution execution) {
    return (String) execution.getVariable("migId");
  }

  @Bean
  JavaDelegate sendRenewalReminder(LifecycleService lifecycle) {
    return execution -> lifecycle.sendRenewalReminder(migId(execution),
        ((Number) execution.getVariableLocal("daysBefore")).longValue());
  }

  @Bean
  JavaDelegate openAnnualReport(LifecycleService lifecycle) {
    return execution -> lifecycle.openAnnualReport(migId(execution));
  }

  @Bean
  JavaDelegate checkRenewal(LifecycleService lifecycle) {
    return execution -> execution.setVariable("renewalState", lifecycle.renewalState(migId(execution)).name());
  }

  @Bean
  JavaDelegate markRenewalPending(LifecycleService lifecycle) {
    return execution -> lifecycle.markRenewalPending(migId(execution));
  }

  @Bean
  JavaDelegate disbandMig(LifecycleService lifecycle) {
    return execution -> lifecycle.disband(migId(execution),
        DisbandReason.valueOf((String) execution.getVariableLocal("disbandReason")), MailKeys.step(execution));
  }

  @Bean
  JavaDelegate renameMig(LifecycleService lifecycle) {
    return execution -> {
      String newName = (String) execution.getVariable("newName");
      lifecycle.rename(migId(execution), newName);
      execution.setVariable("migName", newName);
    };
  }

  @Bean
  JavaDelegate transitionMig(LifecycleService lifecycle) {
    return execution -> lifecycle.transition(migId(execution), (String) execution.getVariable("targetUnit"));
  }
}
