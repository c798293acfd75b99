package org.ala.mig.registry;

import java.time.Period;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code mig.tasks.due.*}: how long each user task has, counted from the day it is created (in
 * {@code mig.time-zone}); it is due at the end of that day. {@code submitCouncilReport} is counted
 * back from the conference's start date instead: by default it is due the day before the conference
 * starts. A task the table does not name gets {@code other-tasks}. Each value is a period:
 * {@code P14D}, {@code 14d}, {@code P2M}. docs/configuration.md lists them.
 */
@ConfigurationProperties("mig.tasks.due")
public record TaskDueProperties(
    @DefaultValue("P14D") Period verifySignatures,
    @DefaultValue("P14D") Period acknowledgeNotification,
    @DefaultValue("P30D") Period designateStaffLiaison,
    @DefaultValue("P30D") Period reviewAnnualReport,
    @DefaultValue("P30D") Period followUpOverdueReport,
    @DefaultValue("P30D") Period arrangeMeetingSpace,
    @DefaultValue("P30D") Period provideSupportItem,
    @DefaultValue("P30D") Period reviewBudgetRequest,
    @DefaultValue("P60D") Period cooDecision,
    @DefaultValue("P60D") Period confirmDisband,
    @DefaultValue("P60D") Period decideTransition,
    @DefaultValue("P60D") Period decideRename,
    @DefaultValue("P1D") Period submitCouncilReport,
    @DefaultValue("P30D") Period otherTasks) {

  /** The defaults of CONTRACT.md, for code that builds a calendar without Spring. */
  public static TaskDueProperties defaults() {
    Period d14 = Period.ofDays(14);
    Period d30 = Period.ofDays(30);
    Period d60 = Period.ofDays(60);
    return new TaskDueProperties(d14, d14, d30, d30, d30, d30, d30, d30, d60, d60, d60, d60, Period.ofDays(1), d30);
  }

  public TaskDueProperties {
    Period[] all = {verifySignatures, acknowledgeNotification, designateStaffLiaison, reviewAnnualReport,
        followUpOverdueReport, arrangeMeetingSpace, provideSupportItem, reviewBudgetRequest, cooDecision,
        confirmDisband, decideTransition, decideRename, submitCouncilReport, otherTasks};
    for (Period period : all) {
      if (period == null || period.isNegative()) {
        throw new IllegalArgumentException("mig.tasks.due.*: every period must be given and not negative, got "
            + period);
      }
    }
  }

  /**
   * The period of the task with this id (the BPMN element's id): from its creation day, or for
   * {@code submitCouncilReport} back from the conference's start date.
   */
  public Period of(String taskDefinitionKey) {
    if (taskDefinitionKey == null) {
      return otherTasks;
    }
    return switch (taskDefinitionKey) {
      case "verifySignatures" -> verifySignatures;
      case "acknowledgeNotification" -> acknowledgeNotification;
      case "designateStaffLiaison" -> designateStaffLiaison;
      case "reviewAnnualReport" -> reviewAnnualReport;
      case "followUpOverdueReport" -> followUpOverdueReport;
      case "arrangeMeetingSpace" -> arrangeMeetingSpace;
      case "provideSupportItem" -> provideSupportItem;
      case "reviewBudgetRequest" -> reviewBudgetRequest;
      case "cooDecision" -> cooDecision;
      case "confirmDisband" -> confirmDisband;
      case "decideTransition" -> decideTransition;
      case "decideRename" -> decideRename;
      case "submitCouncilReport" -> submitCouncilReport;
      default -> otherTasks;
    };
  }
}
