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

  /** decideRename: approved or not; a rationale when not approved; a name taken meanwhile cannot be approved. */
  @Bean
  TaskListener validateRenameDecision(LifecycleService lifecycle) {
    return task -> {
      boolean approved = TaskOutputs.requiredBool(task, "renameApproved", "approve or decline the rename");
      String rationale = TaskOutputs.text("decisionRationale", task.getVariable("decisionRationale"), MAX_TEXT);
      if (!approved && rationale == null) {
        throw invalid("decisionRationale", "required when the rename is not approved: the MIG is told why");
      }
      String newName = (String) task.getVariable("newName");
      if (approved) {
        String refusal = lifecycle.renameRefusal(migId(task), newName);
        if (refusal != null) {
          throw invalid("renameApproved", refusal);
        }
      }
      task.setVariable("decisionRationale", rationale);
      String asked = "Rename from \u201c" + task.getVariable("migName") + "\u201d to \u201c" + newName + "\u201d: "
          + task.getVariable("renameReason");
      // the record keeps 4000 characters: a reason that long loses its end, saying so
      lifecycle.recordDecision(migId(task), CooDecisions.Subject.RENAME, approved, rationale,
          asked.length() <= MAX_TEXT ? asked : asked.substring(0, MAX_TEXT - 1) + "\u2026", TaskOutputs.actor(task));
    };
  }

  /**
   * Every task that decides a request of the MIG, after its own checks: the request's record takes
   * the outcome and the organizers are told ({@link MigRequestService#decided}). The request's id
   * is the task's own copy of {@code requestId}; a task opened before requests were records has
   * none, and its record is made now.
   */
  @Bean
  TaskListener recordRequestOutcome(MigRequestService requests) {
    return task -> {
      RequestType type = RequestType.decidedBy(task.getTaskDefinitionKey());
      Object id = task.getExecution().getVariableLocal("requestId");
      boolean granted;
      String notes;
      String subject = null;
      String details;
      switch (type) {
        case MEETING_SPACE -> {
          Object arranged = task.getVariable("spaceArranged");
          granted = arranged == null || Boolean.TRUE.equals(TaskOutputs.bool("spaceArranged", arranged));
          notes = (String) task.getVariable("meetingArrangements");
          details = (String) task.getVariable("supportDetails");
        }
        case SUPPORT_ITEM -> {
          granted = Boolean.TRUE.equals(task.getVariable("supportProvided"));
          notes = (String) task.getVariable("supportNotes");
          details = (String) task.getVariable("supportDetails");
        }
        case BUDGET -> {
          granted = Boolean.TRUE.equals(task.getVariable("budgetApproved"));
          notes = (String) task.getVariable("budgetNotes");
          details = (String) task.getVariable("supportDetails");
        }
        case DISBAND -> {
          granted = Boolean.TRUE.equals(task.getVariable("disbandConfirmed"));
          notes = null;
          details = (String) task.getVariable("disbandRequestReason");
        }
        case TRANSITION -> {
          granted = Boolean.TRUE.equals(task.getVariable("transitionApproved"));
          notes = (String) task.getVariable("decisionRationale");
          subject = (String) task.getVariable("targetUnit");
          details = "To " + subject + ": " + task.getVariable("transitionReason");
        }
        case RENAME -> {
          granted = Boolean.TRUE.equals(task.getVariable("renameApproved"));
          notes = (String) task.getVariable("decisionRationale");
          subject = (String) task.getVariable("newName");
          details = "Rename to \u201c" + subject + "\u201d: " + task.getVariable("renameReason");
        }
        default -> throw new IllegalStateException("unknown request type " + type);
      }
      requests.decided(migId(task), (String) id, "R-" + task.getId(), type, granted, subject, notes,
          TaskOutputs.actor(task), details);
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
