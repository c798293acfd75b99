package org.ala.mig.reporting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.formService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.jobQuery;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskQuery;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
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
 * One test per path through {@code bpmn/mig-annual-report.bpmn}, on the in-memory engine of
 * {@code src/test/resources/camunda-process-test.cfg.xml}. Every delegate is a recording mock and
 * {@code deadlineCalendar} is a {@link TestDeadlineCalendar} whose dates the tests know, so the
 * tests are about the model: its timers, its reminders in order, the overdue follow-up, the report
 * interrupting the waiting, and the MIG's end interrupting everything.
 *
 * <p>The coverage extension writes a report to {@code target/process-test-coverage/} and fails
 * the class unless together the tests pass every flow node and sequence flow.
 */
@Deployment(resources = {
    "processes/mig-annual-report.bpmn",
    "processes/review-annual-report.form",
    "processes/follow-up-overdue-report.form"})
class AnnualReportProcessTest extends ProcessModelTest {

  /** The standalone test engine; see the comment in that file for why it is not camunda.cfg.xml. */
  @RegisterExtension
  static final ProcessEngineCoverageExtension ENGINE =
      ProcessEngineCoverageExtension.builder(ENGINE_CONFIGURATION)
          .assertClassCoverageAtLeast(1.0)
          .build();

  static final String PROCESS_KEY = "mig-annual-report";

  /** Service task id to the bean its delegate expression names. */
  static final Map<String, String> SERVICE_TASKS = Map.of(
      "sendReportReminder30", "sendReportReminder",
      "sendReportReminder7", "sendReportReminder",
      "notifyReportOverdue", "notifyReportOverdue",
      "recordReportReceived", "recordReportReceived",
      "recordReportReview", "recordReportReview",
      "notifyReportReturned", "notifyReportReturned");

  static final String MIG_ID = "MIG-GNCL";
  static final String MIG_NAME = "Graphic Novels & Comics in Libraries";
  static final String DUE_DATE = "2027-08-01";

  /** What the test calendar answers for DUE_DATE (America/Chicago is UTC-5 in summer). */
  static final Instant REMINDER_30 = Instant.parse("2027-07-02T14:00:00Z");
  static final Instant REMINDER_7 = Instant.parse("2027-07-25T14:00:00Z");
  static final Instant OVERDUE_NOTICE = Instant.parse("2027-08-02T05:00:00Z");

  static final String ACTIVITIES =
      "Two programs at Annual; a reading list of graphic novels for teens.";

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The delegates in the order they ran; reminders with their daysBefore. */
  private final List<String> calls = new ArrayList<>();

  private final TestDeadlineCalendar calendar = new TestDeadlineCalendar();

  @BeforeEach
  void registerMocks() {
    BpmnAwareTests.init(ENGINE.getProcessEngine());
    ClockUtil.setCurrentTime(Date.from(Instant.parse("2027-05-03T15:00:00Z")));
    Mocks.register("deadlineCalendar", calendar);
    Mocks.register("sendReportReminder", (JavaDelegate) execution ->
        calls.add("sendReportReminder:" + execution.getVariable("daysBefore")));
    Mocks.register("notifyReportOverdue", recording("notifyReportOverdue"));
    Mocks.register("recordReportReceived", (JavaDelegate) execution -> {
      calls.add("recordReportReceived");
      Date now = ClockUtil.getCurrentTime();
      String dueDate = (String) execution.getVariable("dueDate");
      execution.setVariable("submittedLate", !now.before(calendar.overdueNoticeAt(dueDate)));
      execution.removeVariable("reportAccepted");
      execution.removeVariable("reviewNotes");
    });
    Mocks.register("notifyReportReturned", (JavaDelegate) execution ->
        calls.add("notifyReportReturned:" + execution.getVariable("reviewNotes")));
    Mocks.register("recordReportReview", recording("recordReportReview"));
    Mocks.register("validateReportReview", (TaskListener) task -> calls.add("validateReportReview"));
    Mocks.register("validateFollowUp", (TaskListener) task -> calls.add("validateFollowUp"));
  }

  // ---------------------------------------------------------------------------------------------
  // the paths

  @Test
  void reportSubmittedBeforeAnyReminderIsReviewed() {
    // given a report due August 1, waiting for its first reminder
    ProcessInstance report = startReport(2027, DUE_DATE, false);
    assertTimer(report, "reminder30Due", REMINDER_30);

    // when the MIG submits its report in May
    submitReport(report);

    // then no reminder is pending any more, and COO reviews the report
    assertThat(jobQuery().processInstanceId(report.getId()).timers().count()).isZero();
    runServiceTask(report, "recordReportReceived");
    review(report, true, "Thorough and on time.");
    runServiceTask(report, "recordReportReview");

    assertThat(report).isEnded()
        .hasPassedInOrder("reportRequested", "reportSubmitted", "recordReportReceived",
            "reviewAnnualReport", "recordReportReview", "reportReviewed")
        .hasNotPassed("sendReportReminder30", "sendReportReminder7", "notifyReportOverdue",
            "followUpOverdueReport", "reportNoLongerDue");
    assertThat(report).variables()
        .containsEntry("activities", ACTIVITIES)
        .containsEntry("submittedLate", false)
        .containsEntry("reportAccepted", true)
        .containsEntry("reviewNotes", "Thorough and on time.");
    assertThat(calls).containsExactly("recordReportReceived", "validateReportReview", "recordReportReview");
  }

  @Test
  void remindersGoThirtyAndSevenDaysBeforeThenTheReportArrivesInTime() {
    // given a report due August 1
    ProcessInstance report = startReport(2027, DUE_DATE, false);

    // when the first reminder is due
    fireTimer(report, "reminder30Due", REMINDER_30);
    runServiceTask(report, "sendReportReminder30");

    // then the second waits for 7 days before the due date
    fireTimer(report, "reminder7Due", REMINDER_7);
    runServiceTask(report, "sendReportReminder7");
    assertTimer(report, "reportOverdue", OVERDUE_NOTICE);

    // when the report arrives on the due date
    ClockUtil.setCurrentTime(Date.from(Instant.parse("2027-08-01T20:00:00Z")));
    submitReport(report);
    runServiceTask(report, "recordReportReceived");
    review(report, true, "Attendance figures would help next year.");
    runServiceTask(report, "recordReportReview");

    // then it was in time, and no overdue notice went
    assertThat(report).isEnded()
        .hasPassedInOrder("reminder30Due", "sendReportReminder30", "reminder7Due",
            "sendReportReminder7", "reportSubmitted", "reviewAnnualReport", "reportReviewed")
        .hasNotPassed("notifyReportOverdue", "followUpOverdueReport");
    assertThat(report).variables()
        .containsEntry("submittedLate", false)
        .containsEntry("reportAccepted", true)
        .containsEntry("reviewNotes", "Attendance figures would help next year.");
    assertThat(calls).containsExactly("sendReportReminder:30", "sendReportReminder:7",
        "recordReportReceived", "validateReportReview", "recordReportReview");
  }

  @Test
  void anOverdueReportIsFollowedUpEveryThirtyDaysAndALateReportIsStillReviewed() {
    // given a report that nobody sends by August 1
    ProcessInstance report = startReport(2027, DUE_DATE, false);
    fireTimer(report, "reminder30Due", REMINDER_30);
    runServiceTask(report, "sendReportReminder30");
    fireTimer(report, "reminder7Due", REMINDER_7);
    runServiceTask(report, "sendReportReminder7");

    // when the day after the due date begins
    fireTimer(report, "reportOverdue", OVERDUE_NOTICE);
    runServiceTask(report, "notifyReportOverdue");

    // then COO follows up, and again 30 days after each follow-up
    Task followUp = userTask(report, "followUpOverdueReport", "coo", "follow-up-overdue-report",
        "followUpNotes");
    Instant followedUp = Instant.parse("2027-08-04T16:00:00Z");
    ClockUtil.setCurrentTime(Date.from(followedUp));
    complete(followUp, withVariables("followUpNotes", "Wrote to the organizers."));
    assertThat(report).isWaitingAt("followUpAgain");
    fireTimer(report, "followUpAgain", followedUp.plus(Duration.ofDays(30)));
    Task secondFollowUp = userTask(report, "followUpOverdueReport", "coo",
        "follow-up-overdue-report", "followUpNotes");
    assertThat(secondFollowUp.getId()).isNotEqualTo(followUp.getId());

    // when the report arrives late, while the second follow-up is open
    submitReport(report);

    // then the follow-up is gone and COO reviews the late report
    assertThat(taskQuery().taskDefinitionKey("followUpOverdueReport")
        .processInstanceId(report.getId()).count()).isZero();
    assertThat(jobQuery().processInstanceId(report.getId()).timers().count()).isZero();
    runServiceTask(report, "recordReportReceived");
    review(report, true, "Late, but complete.");
    runServiceTask(report, "recordReportReview");

    assertThat(report).isEnded()
        .hasPassedInOrder("reportOverdue", "notifyReportOverdue", "followUpOverdueReport",
            "followUpAgain", "reportSubmitted", "reviewAnnualReport", "reportReviewed")
        .hasNotPassed("reportNoLongerDue");
    assertThat(report).variables()
        .containsEntry("followUpNotes", "Wrote to the organizers.")
        .containsEntry("submittedLate", true)
        .containsEntry("reportAccepted", true);
    assertThat(calls).containsExactly("sendReportReminder:30", "sendReportReminder:7",
        "notifyReportOverdue", "validateFollowUp", "recordReportReceived", "validateReportReview",
        "recordReportReview");
  }

  @Test
  void theMigEndingWhileTheReportIsAwaitedEndsTheProcess() {
    // given a report waiting for its 7-day reminder
    ProcessInstance report = startReport(2027, DUE_DATE, false);
    fireTimer(report, "reminder30Due", REMINDER_30);
    runServiceTask(report, "sendReportReminder30");
    assertTimer(report, "reminder7Due", REMINDER_7);

    // when the MIG is disbanded
    runtimeService().createMessageCorrelation("migEnded")
        .processInstanceVariableEquals("migId", MIG_ID).correlateAll();

    // then the report is no longer due: no timer, no task, no further mail
    assertThat(report).isEnded().hasPassed("migEnded", "reportNoLongerDue")
        .hasNotPassed("sendReportReminder7", "reportSubmitted", "reportReviewed");
    assertThat(jobQuery().processInstanceId(report.getId()).count()).isZero();
    assertThat(calls).containsExactly("sendReportReminder:30");
  }

  @Test
  void aReturnedReportGoesBackToTheOrganizersAndIsReviewedAgainWhenResubmitted() {
    // given a report submitted and in review
    ProcessInstance report = startReport(2027, DUE_DATE, false);
    submitReport(report);
    runServiceTask(report, "recordReportReceived");

    // when COO returns it
    review(report, false, "Say which programs you held and how many attended.");
    runServiceTask(report, "recordReportReview");

    // then the organizers are told with the notes, and the process waits for the resubmission
    runServiceTask(report, "notifyReportReturned");
    assertThat(report).isNotEnded().hasPassed("reportAcceptedGateway", "notifyReportReturned")
        .isWaitingAt("awaitResubmission").hasNotPassed("reportReviewed");

    // and when the organizers resubmit it, COO reviews it again, and accepts it
    runtimeService().createMessageCorrelation("annualReportSubmitted")
        .processInstanceBusinessKey(report.getBusinessKey())
        .setVariable("activities", ACTIVITIES + " Two programs, 40 and 65 attendees.")
        .correlate();
    assertThat(report).hasPassed("awaitResubmission").isWaitingAt("recordReportReceived");
    runServiceTask(report, "recordReportReceived");
    assertThat(report).variables().doesNotContainKey("reportAccepted");
    review(report, true, "Thank you.");
    runServiceTask(report, "recordReportReview");

    assertThat(report).isEnded().hasPassed("reportReviewed")
        .variables().containsEntry("reportAccepted", true).containsEntry("reviewNotes", "Thank you.");
    assertThat(calls).containsExactly("recordReportReceived", "validateReportReview", "recordReportReview",
        "notifyReportReturned:Say which programs you held and how many attended.",
        "recordReportReceived", "validateReportReview", "recordReportReview");
  }

  @Test
  void theMigEndingWhileAnExtraReportIsInReviewEndsTheProcess() {
    // given an extra report COO asked for, submitted and in review
    ProcessInstance report = startReport(2027, "2027-03-15", true);
    submitReport(report);
    runServiceTask(report, "recordReportReceived");
    userTask(report, "reviewAnnualReport", "coo", "review-annual-report",
        "reportAccepted", "reviewNotes");

    // when the MIG moves to another place in the ALA structure
    runtimeService().createMessageCorrelation("migEnded")
        .processInstanceBusinessKey(MIG_ID + ":2027-03-15").correlate();

    // then the review task is gone and the process ends
    assertThat(report).isEnded().hasPassed("reportNoLongerDue")
        .hasNotPassed("recordReportReview", "reportReviewed");
    assertThat(taskQuery().processInstanceId(report.getId()).count()).isZero();
    assertThat(calls).containsExactly("recordReportReceived");
  }

  // ---------------------------------------------------------------------------------------------
  // the model itself

  @Test
  @ExcludeFromProcessCoverage // reads the model; runs no instance
  void everyServiceTaskIsAsynchronousWithThreeRetriesFiveMinutesApart() {
    ModelConventions.assertServiceTasks(deployedModel(PROCESS_KEY), SERVICE_TASKS);
  }

  @Test
  @ExcludeFromProcessCoverage // reads the model; runs no instance
  void everyElementHasAMeaningfulIdANameAndAPlaceInTheDiagram() {
    ModelConventions.assertReadable(deployedModel(PROCESS_KEY), PROCESS_KEY, "MIG annual report");
  }

  // ---------------------------------------------------------------------------------------------
  // steps shared by the paths

  private ProcessInstance startReport(int year, String dueDate, boolean extraReport) {
    String businessKey = MIG_ID + ":" + (extraReport ? dueDate : String.valueOf(year));
    ProcessInstance report = runtimeService().startProcessInstanceByKey(PROCESS_KEY, businessKey,
        withVariables(
            "migId", MIG_ID,
            "migName", MIG_NAME,
            "year", year,
            "dueDate", dueDate,
            "extraReport", extraReport));
    assertThat(report).isStarted().hasBusinessKey(businessKey)
        .hasPassed("reportRequested", "awaitingReportStarted")
        .isWaitingAt("reminder30Due");
    return report;
  }

  /** The report arrives through the API, as this message with the activities. */
  private void submitReport(ProcessInstance report) {
    runtimeService().createMessageCorrelation("annualReportSubmitted")
        .processInstanceBusinessKey(report.getBusinessKey())
        .setVariable("activities", ACTIVITIES)
        .correlate();
    assertThat(report).hasPassed("reportSubmitted").isWaitingAt("recordReportReceived");
  }

  private void review(ProcessInstance report, boolean accepted, String notes) {
    Task task = userTask(report, "reviewAnnualReport", "coo", "review-annual-report",
        "reportAccepted", "reviewNotes");
    complete(task, withVariables("reportAccepted", accepted, "reviewNotes", notes));
  }

  /** The timer waits, due exactly when the deadline calendar says. */
  private Job assertTimer(ProcessInstance report, String activityId, Instant due) {
    assertThat(report).isWaitingAt(activityId);
    Job timer = jobQuery().processInstanceId(report.getId()).activityId(activityId).timers()
        .singleResult();
    assertThat(timer).as("timer %s", activityId).isNotNull();
    assertThat(timer.getDuedate()).as("due date of %s", activityId).isEqualTo(Date.from(due));
    return timer;
  }

  /** Time moves to the timer's due date, and the timer fires. */
  private void fireTimer(ProcessInstance report, String activityId, Instant due) {
    Job timer = assertTimer(report, activityId, due);
    ClockUtil.setCurrentTime(Date.from(due));
    execute(timer);
    assertThat(report).hasPassed(activityId);
  }

  /** The process waits in front of the service task, as a job; running it runs the delegate. */
  private void runServiceTask(ProcessInstance report, String activityId) {
    assertThat(report).isWaitingAt(activityId);
    Job job = job(activityId, report);
    assertThat(job).hasActivityId(activityId).hasRetries(3);
    int before = calls.size();

    execute(job);

    assertThat(calls).hasSize(before + 1);
    assertThat(report).hasPassed(activityId);
    assertThat(jobQuery().activityId(activityId).processInstanceId(report.getId()).count())
        .isZero();
  }

  /**
   * The user task waits for its candidate group, and its form reference resolves to the Camunda
   * Form deployed with the model, whose editable fields are exactly the task's outputs.
   */
  private Task userTask(ProcessInstance report, String taskKey, String candidateGroup,
      String formKey, String... outputs) {
    assertThat(report).isWaitingAt(taskKey);
    Task task = taskService().createTaskQuery().processInstanceId(report.getId())
        .taskDefinitionKey(taskKey).initializeFormKeys().singleResult();
    assertThat(task).hasCandidateGroup(candidateGroup).isNotAssigned();
    assertThat(task.getCamundaFormRef().getKey()).isEqualTo(formKey);
    assertThat(task.getCamundaFormRef().getBinding()).isEqualTo("deployment");

    ModelConventions.assertForm(formService(), task, formKey, null, outputs);
    return task;
  }


  private JavaDelegate recording(String name) {
    return execution -> calls.add(name);
  }

  /**
   * Stands in for org.ala.mig.registry.DeadlineCalendar with the same method names: reminders at
   * 09:00 in America/Chicago the given number of days before the due date; the overdue notice at
   * the start of the day after it.
   */
  public static final class TestDeadlineCalendar {

    private static final ZoneId ZONE = ZoneId.of("America/Chicago");

    public Date beforeReportDue(String dueDate, int days) {
      return Date.from(LocalDate.parse(dueDate).minusDays(days).atTime(LocalTime.of(9, 0))
          .atZone(ZONE).toInstant());
    }

    public Date overdueNoticeAt(String dueDate) {
      return Date.from(LocalDate.parse(dueDate).plusDays(1).atStartOfDay(ZONE).toInstant());
    }
  }
}
