package org.ala.mig.petition;

import static org.ala.mig.common.TaskOutputs.invalid;

import org.ala.mig.common.TaskOutputs;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Server-side checks of the petition's task outputs ({@code camunda:taskListener event="complete"}). */
@Configuration(proxyBeanMethods = false)
class PetitionTaskListeners {

  /**
   * verifySignatures and cooDecision, on create: the organizers (and, for Member Programs, the
   * flagged signatures and how the signatures were collected: online with the confirmation times,
   * or on paper) as variables of this task alone. Personal data stays out of the process
   * instance's variables, which other groups' tasks would show.
   */
  @Bean
  TaskListener showPetitionPersonalData(PetitionService petitions) {
    return task -> {
      String petitionId = (String) task.getVariable("petitionId");
      task.setVariableLocal("organizersSummary", petitions.organizersSummary(petitionId));
      if ("verifySignatures".equals(task.getTaskDefinitionKey())) {
        task.setVariableLocal("flaggedSignaturesSummary", petitions.flaggedSummary(petitionId));
        task.setVariableLocal("signatureCollectionSummary", petitions.collectionSummary(petitionId));
        task.setVariableLocal("onlinePreVerifiedSignatureCount", petitions.onlinePreVerifiedCount(petitionId));
      }
    };
  }

  /** verifySignatures: the confirmed count is required, whole, and at most the signatures submitted. */
  @Bean
  TaskListener validateSignatureVerification(PetitionService petitions) {
    return task -> {
      Integer valid = TaskOutputs.wholeNumber("validSignatureCount", task.getVariable("validSignatureCount"));
      if (valid == null) {
        throw invalid("validSignatureCount", "required: the number of valid signatures you confirm");
      }
      int submitted = ((Number) task.getVariable("signatureCount")).intValue();
      if (valid < 0 || valid > submitted) {
        throw invalid("validSignatureCount", "must be between 0 and the " + submitted + " signatures submitted, got " + valid);
      }
      String notes = TaskOutputs.text("verificationNotes", task.getVariable("verificationNotes"), 4000);
      task.setVariable("validSignatureCount", valid);
      petitions.recordVerification((String) task.getVariable("petitionId"), valid, notes);
    };
  }

  /** cooDecision: approving needs the no-overlap confirmation; not approving needs a rationale. */
  @Bean
  TaskListener validateCooDecision() {
    return PetitionTaskListeners::checkCooDecision;
  }

  static void checkCooDecision(DelegateTask task) {
    Boolean approved = TaskOutputs.bool("approved", task.getVariable("approved"));
    if (approved == null) {
      throw invalid("approved", "required: approve or disapprove the petition");
    }
    Boolean noOverlap = TaskOutputs.bool("noOverlapConfirmed", task.getVariable("noOverlapConfirmed"));
    String rationale = TaskOutputs.text("decisionRationale", task.getVariable("decisionRationale"), 4000);
    if (approved && !Boolean.TRUE.equals(noOverlap)) {
      throw invalid("noOverlapConfirmed", "confirm that the MIG does not take over the delegated responsibilities"
          + " of an existing unit nor speak for the Association before approving");
    }
    if (!approved && rationale == null) {
      throw invalid("decisionRationale", "required when the petition is not approved: the organizers are told why");
    }
    task.setVariable("approved", approved);
    task.setVariable("noOverlapConfirmed", Boolean.TRUE.equals(noOverlap));
    task.setVariable("decidedBy", TaskOutputs.actor(task));
  }
}
