package org.ala.mig.petition;

import org.ala.mig.mail.MailKeys;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The service tasks of {@code bpmn/mig-petition.bpmn}, each a bean named as in the model
 * ({@code camunda:delegateExpression="${acknowledgeReceipt}"}). They only read variables and
 * call the petition services, where the rules live.
 */
@Configuration(proxyBeanMethods = false)
class PetitionDelegates {

  static String petitionId(DelegateExecution execution) {
    return (String) execution.getVariable("petitionId");
  }

  @Bean
  JavaDelegate acknowledgeReceipt(PetitionService petitions) {
    return execution -> petitions.acknowledgeReceipt(petitionId(execution), MailKeys.step(execution));
  }

  @Bean
  JavaDelegate preVerifySignatures(PetitionService petitions) {
    return execution -> {
      PetitionService.PreVerification result = petitions.preVerify(petitionId(execution));
      execution.setVariable("autoValidSignatureCount", result.autoValid());
      execution.setVariable("flaggedSignatureCount", result.flagged());
    };
  }

  @Bean
  JavaDelegate notifyInsufficientSignatures(PetitionService petitions) {
    return execution -> petitions.closeInsufficient(petitionId(execution), MailKeys.step(execution));
  }

  @Bean
  JavaDelegate recordDecision(PetitionDecisionService decisions) {
    return execution -> decisions.record(petitionId(execution), Boolean.TRUE.equals(execution.getVariable("approved")),
        (String) execution.getVariable("decisionRationale"), (String) execution.getVariable("decidedBy"));
  }

  @Bean
  JavaDelegate establishMig(PetitionDecisionService decisions) {
    return execution -> decisions.establish(petitionId(execution));
  }

  @Bean
  JavaDelegate notifyApproval(PetitionDecisionService decisions) {
    return execution -> decisions.notifyApproval(petitionId(execution), MailKeys.step(execution));
  }

  @Bean
  JavaDelegate notifyConferenceServices(PetitionDecisionService decisions) {
    return execution -> decisions.notifyConferenceServices(petitionId(execution), MailKeys.step(execution));
  }

  @Bean
  JavaDelegate renewTerm(PetitionDecisionService decisions) {
    return execution -> decisions.renew(petitionId(execution));
  }

  @Bean
  JavaDelegate notifyRenewal(PetitionDecisionService decisions) {
    return execution -> decisions.notifyRenewal(petitionId(execution), MailKeys.step(execution));
  }

  @Bean
  JavaDelegate notifyDisapproval(PetitionDecisionService decisions) {
    return execution -> decisions.disapprove(petitionId(execution),
        (String) execution.getVariable("decisionRationale"), MailKeys.step(execution));
  }
}
