package org.ala.mig.reporting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.formService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.jobQuery;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.managementService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.ala.mig.ProcessModelTest;
import org.ala.mig.common.EngineClock;
import org.ala.mig.common.MigProperties;
import org.ala.mig.registry.DeadlineCalendar;
import org.ala.mig.support.ManagedMigs;
import org.ala.mig.support.ModelConventions;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.exception.NotValidException;
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
 * The paths through {@code bpmn/coo-council-report.bpmn}, on the in-memory engine of
 * {@code src/test/resources/camunda-process-test.cfg.xml}. The two service tasks are recording
 * mocks; the timer calls the real {@link DeadlineCalendar} (its council report method needs
 * nothing but the clock and the zone), and the chair's task runs the real server-side check of
 * {@link CouncilReportDelegates}. So the tests are about the model and its timer: 09:00 in
 * Chicago 14 days before the conference, the chair's form, the check, and the publish step
 * running on its own after the chair's submission.
 *
 * <p>The coverage extension writes a report to {@code target/process-test-coverage/} and fails
 * the class unless together the tests pass every flow node and sequence flow.
 */
@Deployment(resources = {
    "processes/coo-council-report.bpmn",
    "processes/submit-council-report.form"})
class CouncilReportProcessTest extends ProcessModelTest {

  /** The standalone test engine; see the comment in that file for why it is not camunda.cfg.xml. */
  @RegisterExtension
  static final ProcessEngineCoverageExtension ENGINE =
      ProcessEngineCoverageExtension.builder(ENGINE_CONFIGURATION)
          .assertClassCoverageAtLeast(1.0)
          .build();

  static final String PROCESS_KEY = "coo-council-report";

  /** Service task id to the bean its delegate expression names. */
  static final Map<String, String> SERVICE_TASKS = Map.of(
      "compileCouncilReport", "compileCouncilReport",
      "publishCouncilReport", "publishCouncilReport");

  static final ZoneId CHICAGO = ZoneId.of("America/Chicago");

  /** Annual 2027 starts Thursday, June 24: the report is due Thursday, June 10, 09:00 CDT (UTC-5). */
  static final String ANNUAL = "annual-2027";
  static final String ANNUAL_START = "2027-06-24";
  static final Instant ANNUAL_DUE = Instant.parse("2027-06-10T14:00:00Z");

  /** LibLearnX 2027 starts Friday, January 22: due Friday, January 8, 09:00 CST (UTC-6). */
  static final String LLX = "llx-2027";
  static final String LLX_START = "2027-01-22";
  static final Instant LLX_DUE = Instant.parse("2027-01-08T15:00:00Z");

  static final String SUMMARY = "Period: everything up to June 9, 2027\nActive MIGs: 8";

  /** The delegates and the check in the order they ran. */
  private final List<String> calls = new ArrayList<>();

  @BeforeEach
  void registerMocks() {
    BpmnAwareTests.init(ENGINE.getProcessEngine());
    ClockUtil.setCurrentTime(Date.from(Instant.parse("2026-11-23T15:00:00Z")));
    MigProperties properties = new MigProperties(CHICAGO, null, null, List.of(), null);
    Mocks.register("deadlineCalendar", new DeadlineCalendar(new EngineClock(CHICAGO), properties, null, null));
    Mocks.register("compileCouncilReport", (JavaDelegate) execution -> {
      calls.add("compileCouncilReport:" + execution.getProcessBusinessKey());
      execution.setVariable("reportPeriod", "everything up to June 9, 2027");
      execution.setVariable("reportSummary", SUMMARY);
    });
    Mocks.register("publishCouncilReport", (JavaDelegate) execution ->
        calls.add("publishCouncilReport:" + execution.getVariable("chairRemarks")));
    Mocks.register("nameCouncilReportTask", new CouncilReportDelegates().nameCouncilReportTask(properties));
    TaskListener check = new CouncilReportDelegates().validateCouncilReport();
    Mocks.register("validateCouncilReport", (TaskListener) task -> {
      calls.add("validateCouncilReport");
      check.notify(task);
    });
  }

  // ---------------------------------------------------------------------------------------------
  // the paths

  @Test
  void theReportIsCompiledFourteenDaysBeforeTheConferenceThenTheChairSubmitsItAndItIsPublished() {
    // given the conference's report, scheduled in November
    ProcessInstance report = startReport(ANNUAL, "ALA Annual Conference 2027", ANNUAL_START);

    // when 09:00 in Chicago, 14 days before the conference, comes
    fireTimer(report, ANNUAL_DUE);
    runServiceTask(report, "compileCouncilReport");

    // then the COO chair has the compiled report before them, named after its conference, and adds remarks
    Task submit = submitTask(report);
    assertThat(submit.getName()).isEqualTo("Submit the COO report: ALA Annual Conference 2027");
    assertThat(formService().getTaskFormVariables(submit.getId()).getValue("reportSummary", String.class))
        .isEqualTo(SUMMARY);
    complete(submit, withVariables("chairRemarks", "  Two new MIGs this spring.  "));

    // then the report is published on its own, after the chair's submission
    runServiceTask(report, "publishCouncilReport");
    assertThat(report).isEnded()
        .hasPassedInOrder("conferenceScheduled", "councilReportDue", "compileCouncilReport",
            "submitCouncilReport", "publishCouncilReport", "councilReportPublished");
    assertThat(report).variables()
        .containsEntry("conferenceId", ANNUAL)
        .containsEntry("reportPeriod", "everything up to June 9, 2027")
        .containsEntry("chairRemarks", "Two new MIGs this spring.");
    assertThat(calls).containsExactly("compileCouncilReport:" + ANNUAL, "validateCouncilReport",
        "publishCouncilReport:Two new MIGs this spring.");
  }

  @Test
  void aWinterConferenceIsReportedAtNineInTheMorningCentralStandardTime() {
    // given LibLearnX in January, when Chicago is on standard time (UTC-6)
    ProcessInstance report = startReport(LLX, "LibLearnX 2027", LLX_START);

    // then the timer waits for January 8, 09:00 CST, and nothing is due before
    Job timer = assertTimer(report, LLX_DUE);
    ClockUtil.setCurrentTime(Date.from(LLX_DUE.minusSeconds(1)));
    assertThat(jobQuery().processInstanceId(report.getId()).executable().count()).isZero();
    ClockUtil.setCurrentTime(Date.from(LLX_DUE));
    assertThat(jobQuery().processInstanceId(report.getId()).executable().singleResult().getId())
        .isEqualTo(timer.getId());
  }

  @Test
  void aConferenceAddedAfterItsCompileDateIsCompiledAtOnce() {
    // given a conference added to the configuration four days before it starts
    ClockUtil.setCurrentTime(Date.from(Instant.parse("2027-06-20T16:00:00Z")));
    ProcessInstance report = startReport(ANNUAL, "ALA Annual Conference 2027", ANNUAL_START);

    // then its timer, due June 10, is due now
    assertTimer(report, ANNUAL_DUE);
    Job timer = jobQuery().processInstanceId(report.getId()).executable().singleResult();
    assertThat(timer).isNotNull();
    execute(timer);
    // compiled from what the lifecycles did: its job comes after theirs (priority 0)
    assertThat(job("compileCouncilReport", report).getPriority()).isEqualTo(-10);
    runServiceTask(report, "compileCouncilReport");

    // and the chair may submit without remarks: blank is none
    complete(submitTask(report), withVariables("chairRemarks", "   "));
    runServiceTask(report, "publishCouncilReport");
    assertThat(report).isEnded().hasPassed("councilReportPublished");
    assertThat(calls).containsExactly("compileCouncilReport:" + ANNUAL, "validateCouncilReport",
        "publishCouncilReport:null");
  }

  @Test
  void remarksTooLongOrNotTextAreRefusedAndTheTaskStaysWithTheChair() {
    // given the chair's task
    ProcessInstance report = startReport(ANNUAL, "ALA Annual Conference 2027", ANNUAL_START);
    fireTimer(report, ANNUAL_DUE);
    runServiceTask(report, "compileCouncilReport");
    Task submit = submitTask(report);

    // when the remarks are longer than 4000 characters, or not text (a client of the REST API)
    NotValidException tooLong = ManagedMigs.refusal(
        catchThrowable(() -> taskService().complete(submit.getId(), Map.of("chairRemarks", "x".repeat(4001)))));
    NotValidException notText = ManagedMigs.refusal(
        catchThrowable(() -> taskService().complete(submit.getId(), Map.of("chairRemarks", 42L))));

    // then each completion is refused, naming the field, and nothing moved on
    assertThat(tooLong).hasMessageContaining("chairRemarks").hasMessageContaining("4000");
    assertThat(notText).hasMessageContaining("chairRemarks").hasMessageContaining("must be text");
    assertThat(report).isWaitingAt("submitCouncilReport");
    assertThat(jobQuery().processInstanceId(report.getId()).activityId("publishCouncilReport").count()).isZero();

    // when the remarks are 4000 characters, then they are accepted
    complete(submitTask(report), withVariables("chairRemarks", "y".repeat(4000)));
    assertThat(report).isWaitingAt("publishCouncilReport");
  }

  @Test
  void whenPublishingFailsTheChairsSubmissionStandsAndTheStepIsTriedAgainFiveMinutesLater() {
    // given a report the chair has submitted, while publishing fails (say the database hiccups)
    ProcessInstance report = startReport(ANNUAL, "ALA Annual Conference 2027", ANNUAL_START);
    fireTimer(report, ANNUAL_DUE);
    runServiceTask(report, "compileCouncilReport");
    Instant submitted = Instant.parse("2027-06-11T15:00:00Z");
    ClockUtil.setCurrentTime(Date.from(submitted));
    complete(submitTask(report), withVariables("chairRemarks", "Remarks."));
    Mocks.register("publishCouncilReport", (JavaDelegate) execution -> {
      calls.add("publishCouncilReport:failed");
      throw new IllegalStateException("database unavailable");
    });

    // when the publish step runs and fails
    Job publish = job("publishCouncilReport", report);
    assertThat(catchThrowableOfType(IllegalStateException.class, () -> managementService().executeJob(publish.getId())))
        .hasMessage("database unavailable");

    // then the chair's remarks are kept, and the step waits to be tried again in five minutes
    assertThat(report).isWaitingAt("publishCouncilReport").variables().containsEntry("chairRemarks", "Remarks.");
    Job retry = job("publishCouncilReport", report);
    assertThat(retry.getRetries()).isEqualTo(2);
    assertThat(retry.getDuedate()).isEqualTo(Date.from(submitted.plus(Duration.ofMinutes(5))));
    assertThat(taskService().createTaskQuery().processInstanceId(report.getId()).count()).isZero();
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
    ModelConventions.assertReadable(deployedModel(PROCESS_KEY), PROCESS_KEY, "COO report to Council");
  }

  // ---------------------------------------------------------------------------------------------
  // steps shared by the paths

  /** As CouncilReportService.schedule starts it: business key and variables. */
  private ProcessInstance startReport(String conferenceId, String name, String startDate) {
    ProcessInstance report = runtimeService().startProcessInstanceByKey(PROCESS_KEY, conferenceId,
        withVariables("conferenceId", conferenceId, "conferenceName", name, "conferenceStart", startDate));
    assertThat(report).isStarted().hasBusinessKey(conferenceId)
        .hasPassed("conferenceScheduled")
        .isWaitingAt("councilReportDue");
    return report;
  }

  /** The timer waits, due exactly when the deadline calendar says. */
  private Job assertTimer(ProcessInstance report, Instant due) {
    assertThat(report).isWaitingAt("councilReportDue");
    Job timer = jobQuery().processInstanceId(report.getId()).activityId("councilReportDue").timers()
        .singleResult();
    assertThat(timer).as("timer councilReportDue").isNotNull();
    assertThat(timer.getDuedate()).as("due date of the report").isEqualTo(Date.from(due));
    return timer;
  }

  /** Time moves to the timer's due date, and the timer fires. */
  private void fireTimer(ProcessInstance report, Instant due) {
    Job timer = assertTimer(report, due);
    ClockUtil.setCurrentTime(Date.from(due));
    execute(timer);
    assertThat(report).hasPassed("councilReportDue");
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
    assertThat(jobQuery().activityId(activityId).processInstanceId(report.getId()).count()).isZero();
  }

  /**
   * The chair's task waits for coo-chair, and its form is the Camunda Form deployed with the
   * model: the compiled report read-only, the remarks the one field to fill in.
   */
  private Task submitTask(ProcessInstance report) {
    assertThat(report).isWaitingAt("submitCouncilReport");
    Task task = taskService().createTaskQuery().processInstanceId(report.getId())
        .taskDefinitionKey("submitCouncilReport").initializeFormKeys().singleResult();
    assertThat(task).hasCandidateGroup("coo-chair").isNotAssigned();
    assertThat(task.getCamundaFormRef().getKey()).isEqualTo("submit-council-report");
    assertThat(task.getCamundaFormRef().getBinding()).isEqualTo("deployment");
    ModelConventions.assertForm(formService(), task, "submit-council-report",
        List.of("conferenceName", "conferenceStart", "reportPeriod", "reportSummary"), "chairRemarks");
    return task;
  }
}
