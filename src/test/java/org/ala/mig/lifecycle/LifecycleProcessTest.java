package org.ala.mig.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.formService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.jobQuery;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.ala.mig.ProcessModelTest;
import org.ala.mig.support.ModelConventions;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.community.process_test_coverage.core.engine.ExcludeFromProcessCoverage;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One test per path through {@code bpmn/mig-lifecycle.bpmn}, on the in-memory engine of
 * {@code src/test/resources/camunda-process-test.cfg.xml}. Every delegate is a recording mock and
 * the timers ask a fake {@code deadlineCalendar} whose dates the tests control, so these tests are
 * about the model: its order, its timers, its messages, its gateways and its user tasks and forms.
 *
 * <p>The coverage extension fails the class unless together the tests pass every flow node and
 * sequence flow.
 */
@Deployment(resources = {
    "processes/mig-lifecycle.bpmn",
    "processes/confirm-disband.form",
    "processes/decide-transition.form",
    "processes/decide-rename.form",
    "processes/arrange-meeting-space.form",
    "processes/provide-support-item.form",
    "processes/review-budget-request.form"})
class LifecycleProcessTest extends ProcessModelTest {

  @RegisterExtension
  static final ProcessEngineCoverageExtension ENGINE =
      ProcessEngineCoverageExtension.builder(ENGINE_CONFIGURATION)
          .assertClassCoverageAtLeast(1.0)
          .build();

  static final String PROCESS_KEY = "mig-lifecycle";
  static final String MIG_ID = "MIG-GNCL";
  static final String MIG_NAME = "Graphic Novels & Comics in Libraries";

  /** Service task id to the delegate bean it names. */
  static final Map<String, String> SERVICE_TASKS = Map.of(
      "sendRenewalReminder90", "sendRenewalReminder",
      "sendRenewalReminder30", "sendRenewalReminder",
      "openAnnualReport", "openAnnualReport",
      "disbandOnRequest", "disbandMig",
      "transitionMig", "transitionMig",
      "renameMig", "renameMig",
      "checkRenewal", "checkRenewal",
      "markRenewalPending", "markRenewalPending",
      "disbandNotRenewed", "disbandMig",
      "disbandNotRenewedAfterDecision", "disbandMig");

  static final Instant STARTED = Instant.parse("2025-07-01T14:00:00Z");
  static final Instant TERM_END = Instant.parse("2028-07-01T03:59:59Z");
  static final Instant NEXT_REPORT = Instant.parse("2026-06-01T13:00:00Z");

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The delegates in the order they ran, with the input that tells their calls apart. */
  private final List<String> calls = new ArrayList<>();
  private final FakeDeadlineCalendar calendar = new FakeDeadlineCalendar();
  private String renewalState = "NONE";
  /** The task listeners in the order they ran. */
  private final List<String> checkedTasks = new ArrayList<>();
  /** The tasks whose request outcome was recorded, with the task's own copy of requestId. */
  private final List<String> recordedRequests = new ArrayList<>();

  /** Stands in for org.ala.mig.registry.DeadlineCalendar's timer methods. */
  public static class FakeDeadlineCalendar {
    Instant termEnd = TERM_END;
    Instant nextReport = NEXT_REPORT;

    public Date beforeTermEnd(String migId, int days) {
      assertThat(migId).isEqualTo(MIG_ID);
      return Date.from(termEnd.minus(Duration.ofDays(days)));
    }

    public Date termEndsAt(String migId) {
      assertThat(migId).isEqualTo(MIG_ID);
      return Date.from(termEnd);
    }

    public Date nextReportOpensAt(String migId) {
      assertThat(migId).isEqualTo(MIG_ID);
      return Date.from(nextReport);
    }
  }

  @BeforeEach
  void registerMocks() {
    BpmnAwareTests.init(ENGINE.getProcessEngine());
    ClockUtil.setCurrentTime(Date.from(STARTED));
    Mocks.register("deadlineCalendar", calendar);
    Mocks.register("sendRenewalReminder", (JavaDelegate) execution ->
        calls.add("sendRenewalReminder:" + execution.getVariable("daysBefore")));
    Mocks.register("disbandMig", (JavaDelegate) execution ->
        calls.add("disbandMig:" + execution.getVariable("disbandReason")));
    Mocks.register("checkRenewal", (JavaDelegate) execution -> {
      calls.add("checkRenewal");
      execution.setVariable("renewalState", renewalState);
    });
    Mocks.register("recordRequestOutcome", (TaskListener) task -> recordedRequests.add(task.getTaskDefinitionKey()
        + ":" + task.getExecution().getVariableLocal("requestId")));
    for (String name : List.of("validateDisbandDecision", "validateTransitionDecision", "validateMeetingArrangements",
        "validateSupportItem", "validateBudgetReview", "validateRenameDecision")) {
      Mocks.register(name, (TaskListener) task -> checkedTasks.add(name + ":" + task.getTaskDefinitionKey()));
    }
    for (String name : List.of("openAnnualReport", "transitionMig", "markRenewalPending", "renameMig")) {
      Mocks.register(name, (JavaDelegate) execution -> calls.add(name));
    }
  }

  // ---------------------------------------------------------------------------------------------
  // the term and its end

  @Test
  void termRunsOutWithoutARePetitionAndTheMigIsDisbanded() {
    // given an established MIG
    ProcessInstance mig = startLifecycle();

    // when its term runs to the end and no re-petition is open
    runTermToItsEnd(mig, TERM_END);
    runServiceTask(mig, "checkRenewal");
    runServiceTask(mig, "disbandNotRenewed");

    // then both reminders went out in order, the report was opened, and the MIG is disbanded
    assertThat(mig).isEnded().hasPassed("termRanOut", "migDisbandedNotRenewed")
        .variables().containsEntry("renewalState", "NONE");
    assertThat(calls).containsExactly("openAnnualReport", "sendRenewalReminder:90",
        "sendRenewalReminder:30", "checkRenewal", "disbandMig:NOT_RENEWED");
  }

  @Test
  void aRenewalDuringTheTermStartsTheNewTermThenThatTermRunsOut() {
    // given an established MIG that was reminded 90 days before its term ends
    ProcessInstance mig = startLifecycle();
    runServiceTask(mig, "openAnnualReport");
    fireTimer(mig, "renewalReminder90Due", TERM_END.minus(Duration.ofDays(90)));
    runServiceTask(mig, "sendRenewalReminder90");

    // when its re-petition is approved and the term extended by three years
    Instant renewedEnd = TERM_END.plus(Duration.ofDays(1096));
    calendar.termEnd = renewedEnd;
    correlate("termRenewed", Map.of());

    // then the term starts again with timers from the new term end
    assertThat(mig).hasPassed("termRenewed").isWaitingAt("openAnnualReport", "renewalReminder90Due");
    assertDue(job("renewalReminder90Due", mig), renewedEnd.minus(Duration.ofDays(90)));

    // and when that term runs out with no re-petition, the MIG is disbanded
    runTermToItsEnd(mig, renewedEnd);
    runServiceTask(mig, "checkRenewal");
    runServiceTask(mig, "disbandNotRenewed");
    assertThat(mig).isEnded().hasPassed("migDisbandedNotRenewed");
    assertThat(calls).containsExactly("openAnnualReport", "sendRenewalReminder:90",
        "openAnnualReport", "sendRenewalReminder:90", "sendRenewalReminder:30",
        "checkRenewal", "disbandMig:NOT_RENEWED");
  }

  @Test
  void aRenewalPendingAtTermEndThenApprovedStartsANewTerm() {
    // given a MIG whose re-petition is still undecided when its term ends
    ProcessInstance mig = startLifecycle();
    renewalState = "PENDING";
    runTermToItsEnd(mig, TERM_END);
    runServiceTask(mig, "checkRenewal", "checkRenewal", "markRenewalPending");
    assertThat(mig).isWaitingAtExactly("awaitRenewalDecision");

    // when the re-petition is approved
    Instant renewedEnd = TERM_END.plus(Duration.ofDays(1096));
    calendar.termEnd = renewedEnd;
    correlate("termRenewed", Map.of());

    // then a new term runs, with its reminders timed from the new term end
    assertThat(mig).hasPassed("awaitRenewalDecision").hasNotPassed("renewalDisapproved")
        .isWaitingAt("openAnnualReport", "renewalReminder90Due");
    assertDue(job("renewalReminder90Due", mig), renewedEnd.minus(Duration.ofDays(90)));
    assertThat(calls).endsWith("checkRenewal", "markRenewalPending");
    assertThat(calls).doesNotContain("disbandMig:NOT_RENEWED");
  }

  @Test
  void aRenewalPendingAtTermEndThenDisapprovedDisbandsTheMig() {
    // given a MIG whose re-petition is still undecided when its term ends
    ProcessInstance mig = startLifecycle();
    renewalState = "PENDING";
    runTermToItsEnd(mig, TERM_END);
    runServiceTask(mig, "checkRenewal", "checkRenewal", "markRenewalPending");

    // when the re-petition is not approved
    correlate("renewalDisapproved", Map.of());

    // then the MIG is disbanded as not renewed
    runServiceTask(mig, "disbandNotRenewedAfterDecision");
    assertThat(mig).isEnded().hasPassed("renewalDisapproved", "migDisbandedAfterRenewalRefused")
        .hasNotPassed("disbandNotRenewed");
    assertThat(calls).endsWith("checkRenewal", "markRenewalPending", "disbandMig:NOT_RENEWED");
  }

  @Test
  void aRenewalAppliedBetweenTheTermEndAndTheCheckStartsTheNextTerm() {
    // given a MIG whose term ran out just as its re-petition's approval was being applied
    ProcessInstance mig = startLifecycle();
    runTermToItsEnd(mig, TERM_END);
    Instant renewedEnd = TERM_END.plus(Duration.ofDays(1096));
    calendar.termEnd = renewedEnd;
    renewalState = "RENEWED";

    // when the lifecycle checks the renewal
    runServiceTask(mig, "checkRenewal");

    // then the next term runs, timed from the new end, and nothing is disbanded
    assertThat(mig).hasPassedInOrder("checkRenewal", "renewalOpen", "termBegins").hasNotPassed("markRenewalPending")
        .isWaitingAt("openAnnualReport", "renewalReminder90Due");
    assertDue(job("renewalReminder90Due", mig), renewedEnd.minus(Duration.ofDays(90)));
    assertThat(calls).doesNotContain("disbandMig:NOT_RENEWED");
  }

  @Test
  void aMigDisbandedWhileASupportRequestIsOpenLeavesNoTaskBehind() {
    // given a MIG with a meeting-space request open
    ProcessInstance mig = startLifecycle();
    correlate("supportRequested", withVariables("supportType", "MEETING_SPACE", "supportDetails", "A room",
        "supportRequestedBy", "liaison1"));
    assertThat(mig).isWaitingAt("arrangeMeetingSpace");

    // when its term runs out with nothing filed and it is disbanded
    runTermToItsEnd(mig, TERM_END);
    runServiceTask(mig, "checkRenewal");
    runServiceTask(mig, "disbandNotRenewed");

    // then the lifecycle ended, the support task with it
    assertThat(mig).isEnded().hasPassed("migDisbandedNotRenewed").hasNotPassed("meetingSpaceArranged");
    assertThat(taskService().createTaskQuery().processInstanceId(mig.getId()).count()).isZero();
  }

  // ---------------------------------------------------------------------------------------------
  // disband and transition requests

  @Test
  void aConfirmedDisbandRequestDisbandsTheMig() {
    // given a MIG in its term
    ProcessInstance mig = startLifecycle();

    // when a disband request arrives and COO confirms it
    correlate("disbandRequested", withVariables("disbandRequestReason", "Our work is done.", "requestId", "R-D1"));
    Task task = userTask(mig, "confirmDisband", "coo", "confirm-disband",
        List.of("migName", "disbandRequestReason"), "disbandConfirmed");
    assertThat(jobQuery().processInstanceId(mig.getId()).count()).isZero();
    complete(task, withVariables("disbandConfirmed", true));
    assertThat(checkedTasks).containsExactly("validateDisbandDecision:confirmDisband");
    assertThat(recordedRequests).as("the outcome lands on the request's own record")
        .containsExactly("confirmDisband:R-D1");
    runServiceTask(mig, "disbandOnRequest");

    // then the MIG is disbanded on request
    assertThat(mig).isEnded().hasPassed("migDisbandedOnRequest").hasNotPassed("checkRenewal");
    assertThat(calls).containsExactly("disbandMig:REQUESTED");
  }

  @Test
  void anUnconfirmedDisbandRequestLetsTheTermContinue() {
    // given a MIG in its term whose first annual report is open
    ProcessInstance mig = startLifecycle();
    runServiceTask(mig, "openAnnualReport");

    // when a disband request is not confirmed
    correlate("disbandRequested", withVariables("disbandRequestReason", "Organizers moved on."));
    complete(userTask(mig, "confirmDisband", "coo", "confirm-disband",
        List.of("migName", "disbandRequestReason"), "disbandConfirmed"),
        withVariables("disbandConfirmed", false));

    // then the term runs again, its timers recomputed
    assertThat(mig).isNotEnded().isWaitingAt("openAnnualReport", "renewalReminder90Due")
        .hasPassed("disbandConfirmedGateway").hasNotPassed("disbandOnRequest");
    assertDue(job("renewalReminder90Due", mig), TERM_END.minus(Duration.ofDays(90)));
    assertThat(calls).containsExactly("openAnnualReport");
  }

  @Test
  void anApprovedTransitionEndsTheLifecycle() {
    // given a MIG in its term
    ProcessInstance mig = startLifecycle();

    // when a transition request is approved
    correlate("transitionRequested", withVariables("targetUnit", "Graphic Novels Round Table",
        "transitionReason", "Enough members for a round table."));
    complete(userTask(mig, "decideTransition", "coo", "decide-transition",
        List.of("migName", "targetUnit", "transitionReason"),
        "transitionApproved", "decisionRationale"),
        withVariables("transitionApproved", true, "decisionRationale", "Membership has grown."));
    runServiceTask(mig, "transitionMig");

    // then the MIG has transitioned
    assertThat(mig).isEnded().hasPassed("migTransitioned");
    assertThat(calls).containsExactly("transitionMig");
  }

  @Test
  void aRefusedTransitionLetsTheTermContinue() {
    // given a MIG in its term
    ProcessInstance mig = startLifecycle();

    // when a transition request is refused
    correlate("transitionRequested", withVariables("targetUnit", "RUSA",
        "transitionReason", "A better home."));
    complete(userTask(mig, "decideTransition", "coo", "decide-transition",
        List.of("migName", "targetUnit", "transitionReason"),
        "transitionApproved", "decisionRationale"),
        withVariables("transitionApproved", false, "decisionRationale", "Overlaps a section."));

    // then the term runs again
    assertThat(mig).isNotEnded().isWaitingAt("openAnnualReport", "renewalReminder90Due")
        .hasNotPassed("transitionMig")
        .variables().containsEntry("decisionRationale", "Overlaps a section.");
    assertThat(calls).isEmpty();
  }

  // ---------------------------------------------------------------------------------------------
  // rename requests

  @Test
  void anApprovedRenameRenamesTheMigAndTheTermContinues() {
    // given a MIG in its term
    ProcessInstance mig = startLifecycle();

    // when a rename request is approved
    correlate("renameRequested", withVariables("newName", "Graphic Storytelling in Libraries",
        "renameReason", "We cover more than comics.", "requestId", "R-RN1"));
    Task task = userTask(mig, "decideRename", "coo", "decide-rename",
        List.of("migName", "newName", "renameReason"), "renameApproved", "decisionRationale");
    assertThat(mig).isWaitingAt("decideRename").hasPassed("renameRequested");
    complete(task, withVariables("renameApproved", true, "decisionRationale", "A fitting name."));
    assertThat(checkedTasks).containsExactly("validateRenameDecision:decideRename");
    assertThat(recordedRequests).containsExactly("decideRename:R-RN1");
    runServiceTask(mig, "renameMig");

    // then the MIG is renamed and its term runs again
    assertThat(mig).isNotEnded().hasPassed("renameApprovedGateway", "renameMig")
        .isWaitingAt("openAnnualReport", "renewalReminder90Due");
    assertThat(calls).containsExactly("renameMig");
  }

  @Test
  void aDeclinedRenameLeavesTheNameAndTheTermContinues() {
    // given a MIG in its term
    ProcessInstance mig = startLifecycle();

    // when a rename request is declined
    correlate("renameRequested", withVariables("newName", "Comics", "renameReason", "Shorter.", "requestId", "R-RN2"));
    complete(userTask(mig, "decideRename", "coo", "decide-rename",
        List.of("migName", "newName", "renameReason"), "renameApproved", "decisionRationale"),
        withVariables("renameApproved", false, "decisionRationale", "Too broad."));

    // then nothing is renamed and the term runs again
    assertThat(mig).isNotEnded().hasPassed("renameApprovedGateway").hasNotPassed("renameMig")
        .isWaitingAt("openAnnualReport", "renewalReminder90Due")
        .variables().containsEntry("decisionRationale", "Too broad.");
    assertThat(calls).isEmpty();
    assertThat(recordedRequests).containsExactly("decideRename:R-RN2");
  }

  // ---------------------------------------------------------------------------------------------
  // support requests: each type to its group, without interrupting the term

  @Test
  void aMeetingSpaceRequestGoesToConferenceServices() {
    supportRequestIsHandled("MEETING_SPACE", "arrangeMeetingSpace", "conference-services",
        "arrange-meeting-space", withVariables("meetingArrangements", "Room W183, Saturday 9am",
            "spaceArranged", true, "conferenceId", "annual-2027", "meetingStart", "2027-06-26T14:00:00Z",
            "meetingEnd", "2027-06-26T15:30:00Z", "room", "W183"),
        "meetingSpaceArranged", "spaceArranged", "conferenceId", "meetingStart", "meetingEnd", "room",
        "meetingArrangements");
  }

  @Test
  void aSupportItemRequestGoesToHqStaff() {
    supportRequestIsHandled("SUPPORT_ITEM", "provideSupportItem", "hq-staff",
        "provide-support-item",
        withVariables("supportProvided", true, "supportNotes", "Listserv created."),
        "supportItemHandled", "supportProvided", "supportNotes");
  }

  @Test
  void aBudgetRequestGoesToBarc() {
    supportRequestIsHandled("BUDGET", "reviewBudgetRequest", "barc", "review-budget-request",
        withVariables("budgetApproved", false, "budgetNotes", "Not in this fiscal year."),
        "budgetRequestReviewed", "budgetApproved", "budgetNotes");
  }

  @Test
  void eachSupportTaskKeepsTheDetailsOfItsOwnRequest() {
    // given a MIG with a meeting-space request open
    ProcessInstance mig = startLifecycle();
    correlate("supportRequested", withVariables("supportType", "MEETING_SPACE", "supportDetails", "A room for 40",
        "supportRequestedBy", "liaison1"));

    // when it asks for budget too
    correlate("supportRequested", withVariables("supportType", "BUDGET", "supportDetails", "$500 for speakers",
        "supportRequestedBy", "mps1"));

    // then each task shows its own request
    Task room = taskService().createTaskQuery().processInstanceId(mig.getId())
        .taskDefinitionKey("arrangeMeetingSpace").singleResult();
    Task budget = taskService().createTaskQuery().processInstanceId(mig.getId())
        .taskDefinitionKey("reviewBudgetRequest").singleResult();
    assertThat(taskService().getVariable(room.getId(), "supportDetails")).isEqualTo("A room for 40");
    assertThat(taskService().getVariable(room.getId(), "supportRequestedBy")).isEqualTo("liaison1");
    assertThat(taskService().getVariable(budget.getId(), "supportDetails")).isEqualTo("$500 for speakers");
  }

  private void supportRequestIsHandled(String type, String taskKey, String group, String formKey,
      Map<String, Object> output, String endEvent, String... outputs) {
    // given a MIG in its term
    ProcessInstance mig = startLifecycle();

    // when it asks for support
    correlate("supportRequested", withVariables("supportType", type,
        "supportDetails", "Details of the " + type + " request", "supportRequestedBy", "liaison1",
        "requestId", "R-" + type));

    // then the task waits for the right group, and the term keeps running
    Task task = userTask(mig, taskKey, group, formKey, List.of("migName", "supportDetails"),
        outputs);
    assertThat(mig).isWaitingAt(taskKey, "openAnnualReport", "renewalReminder90Due");

    // and when the task is completed, only that request ends
    complete(task, output);
    assertThat(checkedTasks).as("the task's outputs are checked on completion").hasSize(1)
        .allSatisfy(check -> assertThat(check).endsWith(":" + taskKey));
    assertThat(recordedRequests).containsExactly(taskKey + ":R-" + type);
    assertThat(mig).isNotEnded().hasPassed(endEvent)
        .isWaitingAt("openAnnualReport", "renewalReminder90Due");
    assertThat(taskService().createTaskQuery().processInstanceId(mig.getId()).count()).isZero();
  }

  // ---------------------------------------------------------------------------------------------
  // the annual report loop

  @Test
  void theNextAnnualReportOpensWhenItsTimeComes() {
    // given a MIG whose first annual report was opened
    ProcessInstance mig = startLifecycle();
    runServiceTask(mig, "openAnnualReport");

    // when the next report's time comes
    Instant following = NEXT_REPORT.plus(Duration.ofDays(365));
    fireTimer(mig, "nextReportOpens", NEXT_REPORT);
    calendar.nextReport = following;
    runServiceTask(mig, "openAnnualReport");

    // then it is opened, and the loop waits for the year after
    assertThat(mig).isWaitingAt("nextReportOpens", "renewalReminder90Due");
    assertDue(job("nextReportOpens", mig), following);
    assertThat(calls).containsExactly("openAnnualReport", "openAnnualReport");
  }

  // ---------------------------------------------------------------------------------------------
  // the model itself

  @Test
  @ExcludeFromProcessCoverage // reads the model; runs no instance
  void everyServiceTaskIsAsynchronousWithThreeRetriesFiveMinutesApart() {
    ModelConventions.assertServiceTasks(deployedModel(PROCESS_KEY), SERVICE_TASKS, "markRenewalPending");
  }

  @Test
  @ExcludeFromProcessCoverage // reads the model; runs no instance
  void everyElementHasAMeaningfulIdANameAndAPlaceInTheDiagram() {
    ModelConventions.assertReadable(deployedModel(PROCESS_KEY), PROCESS_KEY, "MIG lifecycle");
  }

  // ---------------------------------------------------------------------------------------------
  // steps shared by the paths

  private ProcessInstance startLifecycle() {
    ProcessInstance mig = runtimeService().startProcessInstanceByKey(PROCESS_KEY, MIG_ID,
        withVariables("migId", MIG_ID, "migName", MIG_NAME));
    assertThat(mig).isStarted().hasBusinessKey(MIG_ID)
        .hasPassed("lifecycleStarted", "termBegins", "termStarted")
        .isWaitingAt("openAnnualReport", "renewalReminder90Due");
    assertDue(job("renewalReminder90Due", mig), TERM_END.minus(Duration.ofDays(90)));
    return mig;
  }

  /** Opens the annual report if that is still pending, then both reminders and the term end. */
  private void runTermToItsEnd(ProcessInstance mig, Instant termEnd) {
    if (jobQuery().processInstanceId(mig.getId()).activityId("openAnnualReport").count() > 0) {
      runServiceTask(mig, "openAnnualReport");
    }
    if (jobQuery().processInstanceId(mig.getId()).activityId("renewalReminder90Due").count() > 0) {
      fireTimer(mig, "renewalReminder90Due", termEnd.minus(Duration.ofDays(90)));
      runServiceTask(mig, "sendRenewalReminder90");
    }
    fireTimer(mig, "renewalReminder30Due", termEnd.minus(Duration.ofDays(30)));
    runServiceTask(mig, "sendRenewalReminder30");
    assertThat(mig).isWaitingAt("termEndReached", "nextReportOpens");
    fireTimer(mig, "termEndReached", termEnd);
    assertThat(mig).hasPassed("termRanOut").isWaitingAt("checkRenewal");
    assertThat(jobQuery().processInstanceId(mig.getId()).timers().count()).as("no timer of the term is left").isZero();
    assertThat(jobQuery().processInstanceId(mig.getId()).activityId("nextReportOpens").count())
        .as("the report loop ended with the term").isZero();
  }

  /** The timer is due when the deadline calendar says, to the minute; then time reaches it. */
  private void fireTimer(ProcessInstance mig, String timerId, Instant due) {
    assertThat(mig).isWaitingAt(timerId);
    Job timer = job(timerId, mig);
    assertDue(timer, due);
    ClockUtil.setCurrentTime(Date.from(due));
    execute(timer);
    assertThat(mig).hasPassed(timerId);
  }

  private static void assertDue(Job job, Instant due) {
    assertThat(job.getDuedate().toInstant().truncatedTo(ChronoUnit.MINUTES))
        .as("due date of %s", job.getId()).isEqualTo(due.truncatedTo(ChronoUnit.MINUTES));
  }

  /** The service task waits as a job with three retries; running it runs its delegate once. */
  private void runServiceTask(ProcessInstance mig, String activityId) {
    runServiceTask(mig, activityId, (String[]) null);
  }

  /**
   * Runs the service task's job; {@code delegates}, when given, are the delegates that job runs,
   * in order (a synchronous step after it runs in the same job).
   */
  private void runServiceTask(ProcessInstance mig, String activityId, String... delegates) {
    assertThat(mig).isWaitingAt(activityId);
    Job job = job(activityId, mig);
    assertThat(job).hasActivityId(activityId).hasRetries(3);
    int before = calls.size();
    execute(job);
    if (delegates == null) {
      assertThat(calls).hasSize(before + 1);
    } else {
      assertThat(calls.subList(before, calls.size())).containsExactly(delegates);
    }
    assertThat(jobQuery().activityId(activityId).processInstanceId(mig.getId()).count()).isZero();
  }

  private void correlate(String message, Map<String, Object> variables) {
    runtimeService().createMessageCorrelation(message).processInstanceBusinessKey(MIG_ID)
        .setVariables(variables).correlateWithResult();
  }

  /**
   * The user task waits for its candidate group; its form is the one deployed with the model,
   * shows the context read-only and edits exactly the task's outputs.
   */
  private Task userTask(ProcessInstance mig, String taskKey, String candidateGroup,
      String formKey, List<String> context, String... outputs) {
    assertThat(mig).isWaitingAt(taskKey);
    Task task = taskService().createTaskQuery().processInstanceId(mig.getId())
        .taskDefinitionKey(taskKey).initializeFormKeys().singleResult();
    assertThat(task).hasCandidateGroup(candidateGroup).isNotAssigned();
    assertThat(task.getCamundaFormRef().getKey()).isEqualTo(formKey);
    assertThat(task.getCamundaFormRef().getBinding()).isEqualTo("deployment");

    ModelConventions.assertForm(formService(), task, formKey, context, outputs);
    for (String key : context) {
      assertThat(taskService().getVariable(task.getId(), key)).as(key).isNotNull();
    }
    return task;
  }


}
