package org.ala.mig.lifecycle;

import static org.ala.mig.common.TaskOutputs.invalid;

import org.ala.mig.common.TaskOutputs;
import org.ala.mig.conferences.MeetingSchedule;
import org.ala.mig.reporting.CooDecisions;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Server-side checks of the lifecycle's task outputs ({@code camunda:taskListener
 * event="complete"}); COO's decisions are recorded for the report to Council in the same
 * transaction as the completion.
 */
@Configuration(proxyBeanMethods = false)
class LifecycleTaskListeners {

  static final int MAX_TEXT = 4000;

  static String migId(DelegateTask task) {
    return (String) task.getVariable("migId");
  }

  /**
   * confirmDisband: yes or no, recorded with the MIG's reason for its request; COO gives no
   * rationale here, and the MIG's reason is never recorded as one.
   */
  @Bean
  TaskListener validateDisbandDecision(LifecycleService lifecycle) {
    return task -> {
      boolean confirmed = TaskOutputs.requiredBool(task, "disbandConfirmed", "confirm or decline the disbanding");
      lifecycle.recordDecision(migId(task), CooDecisions.Subject.DISBAND, confirmed, null,
          (String) task.getVariable("disbandRequestReason"), TaskOutputs.actor(task));
    };
  }

  /** decideTransition: approved or not, always with a rationale. */
  @Bean
  TaskListener validateTransitionDecision(LifecycleService lifecycle) {
    return task -> {
      boolean approved = TaskOutputs.requiredBool(task, "transitionApproved", "approve or decline the transition");
      String rationale = requiredText(task, "decisionRationale", "the MIG and Council are told why");
      lifecycle.recordDecision(migId(task), CooDecisions.Subject.TRANSITION, approved, rationale,
          (String) task.getVariable("transitionReason"), TaskOutputs.actor(task));
    };
  }

  /** arrangeMeetingSpace: what was arranged; an arranged meeting goes into its conference's schedule. */
  @Bean
  TaskListener validateMeetingArrangements(MeetingSchedule schedule) {
    return task -> {
      requiredText(task, "meetingArrangements", "the room, date and time arranged, or why none");
      schedule.arranged(task.getId(), migId(task), task::getVariable);
    };
  }

  /** provideSupportItem: provided or not; notes say why not. */
  @Bean
  TaskListener validateSupportItem() {
    return task -> outcomeWithReason(task, "supportProvided", "supportNotes", "say whether the item was provided");
  }

  /** reviewBudgetRequest: approved or not; notes say why not. */
  @Bean
  TaskListener validateBudgetReview() {
    return task -> outcomeWithReason(task, "budgetApproved", "budgetNotes", "approve or decline the budget request");
  }

  static void outcomeWithReason(DelegateTask task, String outcome, String notes, String problem) {
    boolean yes = TaskOutputs.requiredBool(task, outcome, problem);
    String text = TaskOutputs.text(notes, task.getVariable(notes), MAX_TEXT);
    if (!yes && text == null) {
      throw invalid(notes, "required when " + outcome + " is false: the MIG is told why");
    }
  }

  static String requiredText(DelegateTask task, String field, String why) {
    String text = TaskOutputs.text(field, task.getVariable(field), MAX_TEXT);
    if (text == null) {
      throw invalid(field, "required: " + why);
    }
    return text;
  }
}
