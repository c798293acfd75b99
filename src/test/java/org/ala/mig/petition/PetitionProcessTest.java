package org.ala.mig.petition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.formService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.historyService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.jobQuery;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.managementService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.runtimeService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.taskService;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.ala.mig.ProcessModelTest;
import org.ala.mig.support.ModelConventions;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Incident;
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
 * One test per path through {@code bpmn/mig-petition.bpmn}, on the in-memory engine of
 * {@code src/test/resources/camunda-process-test.cfg.xml}. Every delegate and task listener is a
 * recording mock ({@link Mocks}), so these tests are about the model: its order, its gateways,
 * its user tasks and forms, and its asynchronous, retried service tasks.
 *
 * <p>The coverage extension writes a report to {@code target/process-test-coverage/} and fails
 * the class unless together the tests pass every flow node and sequence flow.
 */
@Deployment(resources = {
    "processes/mig-petition.bpmn",
    "processes/verify-signatures.form",
    "processes/coo-decision.form",
    "processes/acknowledge-notification.form",
    "processes/designate-staff-liaison.form"})
class PetitionProcessTest extends ProcessModelTest {

  /** The standalone test engine; see the comment in that file for why it is not camunda.cfg.xml. */
  @RegisterExtension
  static final ProcessEngineCoverageExtension ENGINE =
      ProcessEngineCoverageExtension.builder(ENGINE_CONFIGURATION)
          .assertClassCoverageAtLeast(1.0)
          .build();

  static final String PROCESS_KEY = "mig-petition";

  static final List<String> SERVICE_TASKS = List.of(
      "acknowledgeReceipt", "preVerifySignatures", "notifyInsufficientSignatures",
      "recordDecision", "establishMig", "notifyApproval", "notifyConferenceServices",
      "renewTerm", "notifyRenewal", "notifyDisapproval");

  static final List<String> TASK_LISTENERS = List.of(
      "validateSignatureVerification", "validateCooDecision", "keepAccommodationNotes",
      "validateStaffLiaisonDesignation");

  static final String MEETING_NEEDS = "A room for 40 at each Annual Conference, Saturday mornings";
  static final String LIAISON_LINES = "Tina Coleman <tcoleman@ala.org>\nJenny Levine <jlevine@ala.org>";

  static final String ORGANIZERS = "A. Organizer <a@lib.example>, 50 E Huron St, Chicago IL";
  static final String FLAGGED =
      "M-1042 Jane Roe: not in good standing; M-2210 John Doe: signed twice";

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The delegates and task listeners in the order they ran. */
  private final List<String> calls = new ArrayList<>();

  @BeforeEach
  void registerRecordingMocks() {
    BpmnAwareTests.init(ENGINE.getProcessEngine());
    for (String name : SERVICE_TASKS) {
      Mocks.register(name, recording(name));
    }
    Mocks.register("preVerifySignatures", (JavaDelegate) execution -> {
      calls.add("preVerifySignatures");
      execution.setVariable("autoValidSignatureCount", 128);
      execution.setVariable("flaggedSignatureCount", 2);
    });
    // the organizers and flagged signatures: variables of the MPS and COO tasks only, never of the process
    Mocks.register("showPetitionPersonalData", (TaskListener) task -> {
      task.setVariableLocal("organizersSummary", ORGANIZERS);
      if ("verifySignatures".equals(task.getTaskDefinitionKey())) {
        task.setVariableLocal("flaggedSignaturesSummary", FLAGGED);
      }
    });
    for (String name : TASK_LISTENERS) {
      Mocks.register(name, (TaskListener) task -> calls.add(name));
    }
  }

  // ---------------------------------------------------------------------------------------------
  // the paths

  @Test
  void approvedPetitionEstablishesTheMigAndConferenceServicesAcknowledgesIt() {
    // given a petition for a new MIG with enough signatures
    ProcessInstance petition = startPetition("ESTABLISH", 134);
    passIntake(petition);

    // when MPS finds 130 valid signatures and COO approves
    verifySignatures(petition, 130, "Two flagged signatures rejected.");
    decide(petition, true, "Nobody else covers comics in libraries.", true);
    runServiceTask(petition, "recordDecision");
    runServiceTask(petition, "establishMig");
    runServiceTask(petition, "notifyApproval");

    // then Conference Services is notified and, beside it, the executive office is asked for the
    // new MIG's staff liaisons
    assertThat(petition).isWaitingAtExactly("notifyConferenceServices", "designateStaffLiaison");
    Task designate = taskOf(petition, "designateStaffLiaison", "executive-office", "designate-staff-liaison",
        "staffLiaisons");
    execute(job("notifyConferenceServices", petition));

    // and Conference Services acknowledges the new MIG, seeing its meeting needs, and notes its space needs
    Task acknowledge = taskOf(petition, "acknowledgeNotification", "conference-services",
        "acknowledge-notification", "accommodationNotes");
    assertThat(taskService().getVariable(acknowledge.getId(), "meetingNeeds")).isEqualTo(MEETING_NEEDS);
    complete(acknowledge, withVariables("accommodationNotes", "Room for 40, Saturday morning"));
    assertThat(calls).endsWith("keepAccommodationNotes");

    // the MIG is established while the liaisons are still to be designated: nothing waits for them
    assertThat(petition).isWaitingAtExactly("designateStaffLiaison").hasPassed("migEstablished");

    // when the executive office names two liaisons, then the petition ends
    complete(designate, withVariables("staffLiaisons", LIAISON_LINES));
    assertThat(petition).isEnded()
        .hasPassedInOrder("acknowledgeNotification", "migEstablished")
        .hasPassedInOrder("establishedFork", "designateStaffLiaison", "staffLiaisonDesignated")
        .hasNotPassed("petitionDisapproved", "termRenewed", "petitionClosedInsufficient");
    assertThat(petition).variables()
        .containsEntry("autoValidSignatureCount", 128)
        .containsEntry("flaggedSignatureCount", 2)
        .containsEntry("validSignatureCount", 130)
        .containsEntry("verificationNotes", "Two flagged signatures rejected.")
        .containsEntry("approved", true)
        .containsEntry("noOverlapConfirmed", true)
        .containsEntry("decisionRationale", "Nobody else covers comics in libraries.")
        .containsEntry("accommodationNotes", "Room for 40, Saturday morning")
        .containsEntry("staffLiaisons", LIAISON_LINES);
    assertThat(calls).containsExactly(
        "acknowledgeReceipt", "preVerifySignatures", "validateSignatureVerification",
        "validateCooDecision", "recordDecision", "establishMig", "notifyApproval",
        "notifyConferenceServices", "keepAccommodationNotes", "validateStaffLiaisonDesignation");
  }

  @Test
  void theStaffLiaisonsMayBeDesignatedBeforeConferenceServicesAcknowledgesTheNewMig() {
    // given a new MIG just approved
    ProcessInstance petition = startPetition("ESTABLISH", 130);
    passIntake(petition);
    verifySignatures(petition, 125, null);
    decide(petition, true, null, true);
    runServiceTask(petition, "recordDecision");
    runServiceTask(petition, "establishMig");
    runServiceTask(petition, "notifyApproval");

    // when the executive office designates the liaisons first
    complete(taskOf(petition, "designateStaffLiaison", "executive-office", "designate-staff-liaison",
        "staffLiaisons"), withVariables("staffLiaisons", "Tina Coleman <tcoleman@ala.org>"));

    // then the petition waits only for Conference Services, and ends once it has acknowledged
    assertThat(petition).isWaitingAtExactly("notifyConferenceServices").hasPassed("staffLiaisonDesignated")
        .hasNotPassed("migEstablished");
    runServiceTask(petition, "notifyConferenceServices");
    complete(userTask(petition, "acknowledgeNotification", "conference-services", "acknowledge-notification",
        "accommodationNotes"), withVariables("accommodationNotes", "Room for 25"));
    assertThat(petition).isEnded().hasPassed("migEstablished", "staffLiaisonDesignated");
  }

  @Test
  void disapprovedPetitionForANewMigTellsTheOrganizers() {
    // given a petition for a new MIG, verified with enough signatures
    ProcessInstance petition = startPetition("ESTABLISH", 120);
    passIntake(petition);
    verifySignatures(petition, 118, null);

    // when COO does not approve it
    decide(petition, false, "An existing round table already covers this topic.", false);
    runServiceTask(petition, "recordDecision");
    runServiceTask(petition, "notifyDisapproval");

    // then the organizers are told, and the petition ends as not approved
    assertThat(petition).isEnded()
        .hasPassedInOrder("recordDecision", "notifyDisapproval", "petitionDisapproved")
        .hasNotPassed("establishMig", "renewTerm", "acknowledgeNotification");
    assertThat(petition).variables()
        .containsEntry("approved", false)
        .containsEntry("noOverlapConfirmed", false)
        .containsEntry("decisionRationale", "An existing round table already covers this topic.");
    assertThat(calls).containsExactly(
        "acknowledgeReceipt", "preVerifySignatures", "validateSignatureVerification",
        "validateCooDecision", "recordDecision", "notifyDisapproval");
  }

  @Test
  void tooFewValidSignaturesClosesThePetitionWithoutACooDecision() {
    // given a petition that needs 100 valid signatures
    ProcessInstance petition = startPetition("ESTABLISH", 104);
    passIntake(petition);

    // when MPS finds only 99
    verifySignatures(petition, 99, "Five signers are not in good standing.");
    runServiceTask(petition, "notifyInsufficientSignatures");

    // then the organizers are told and the petition closes; COO never sees it
    assertThat(petition).isEnded()
        .hasPassedInOrder("verifySignatures", "notifyInsufficientSignatures",
            "petitionClosedInsufficient")
        .hasNotPassed("cooDecision", "recordDecision");
    assertThat(historyService().createHistoricTaskInstanceQuery()
        .processInstanceId(petition.getId()).taskDefinitionKey("cooDecision").count()).isZero();
    assertThat(petition).variables()
        .containsEntry("validSignatureCount", 99)
        .containsEntry("requiredSignatures", 100)
        .doesNotContainKey("approved");
    assertThat(calls).containsExactly(
        "acknowledgeReceipt", "preVerifySignatures", "validateSignatureVerification",
        "notifyInsufficientSignatures");
  }

  @Test
  void exactlyTheRequiredNumberOfValidSignaturesIsEnoughForCooToDecide() {
    // given a petition that needs 100 valid signatures
    ProcessInstance petition = startPetition("ESTABLISH", 100);
    passIntake(petition);

    // when MPS finds exactly 100
    verifySignatures(petition, 100, null);

    // then COO decides on it
    userTask(petition, "cooDecision", "coo", "coo-decision",
        "approved", "noOverlapConfirmed", "decisionRationale");
    assertThat(petition).isWaitingAtExactly("cooDecision")
        .hasNotPassed("notifyInsufficientSignatures");
    assertThat(calls).doesNotContain("notifyInsufficientSignatures");
  }

  @Test
  void approvedRenewalExtendsTheTermAndTellsTheOrganizers() {
    // given a MIG's re-petition for another three-year term
    ProcessInstance petition = startPetition("RENEW", 140);
    passIntake(petition);
    verifySignatures(petition, 139, null);

    // when COO approves it
    decide(petition, true, null, true);
    runServiceTask(petition, "recordDecision");
    runServiceTask(petition, "renewTerm");
    runServiceTask(petition, "notifyRenewal");

    // then the term is renewed; no new MIG, no Conference Services task
    assertThat(petition).isEnded()
        .hasPassedInOrder("recordDecision", "renewTerm", "notifyRenewal", "termRenewed")
        .hasNotPassed("establishMig", "acknowledgeNotification", "notifyDisapproval");
    assertThat(petition).variables()
        .containsEntry("kind", "RENEW")
        .containsEntry("approved", true);
    assertThat(calls).containsExactly(
        "acknowledgeReceipt", "preVerifySignatures", "validateSignatureVerification",
        "validateCooDecision", "recordDecision", "renewTerm", "notifyRenewal");
  }

  @Test
  void disapprovedRenewalTellsTheOrganizers() {
    // given a MIG's re-petition with enough signatures
    ProcessInstance petition = startPetition("RENEW", 110);
    passIntake(petition);
    verifySignatures(petition, 105, null);

    // when COO does not approve it
    decide(petition, false, "The topic now belongs in a division.", false);
    runServiceTask(petition, "recordDecision");
    runServiceTask(petition, "notifyDisapproval");

    // then the organizers are told and the term is not extended
    assertThat(petition).isEnded()
        .hasPassedInOrder("notifyDisapproval", "petitionDisapproved")
        .hasNotPassed("renewTerm", "notifyRenewal", "termRenewed");
    assertThat(petition).variables()
        .containsEntry("kind", "RENEW")
        .containsEntry("approved", false)
        .containsEntry("decisionRationale", "The topic now belongs in a division.");
    assertThat(calls).containsExactly(
        "acknowledgeReceipt", "preVerifySignatures", "validateSignatureVerification",
        "validateCooDecision", "recordDecision", "notifyDisapproval");
  }

  // ---------------------------------------------------------------------------------------------
  // failures: retry, then incident

  @Test
  void aFailedMailStepIsRetriedAndThenTheProcessMovesOn() {
    // given a mail server that is down for the first attempt only
    Instant now = Instant.parse("2025-03-03T15:00:00Z");
    ClockUtil.setCurrentTime(Date.from(now));
    AtomicInteger attempts = new AtomicInteger();
    Mocks.register("acknowledgeReceipt", (JavaDelegate) execution -> {
      calls.add("acknowledgeReceipt");
      if (attempts.incrementAndGet() == 1) {
        throw new IllegalStateException("Mail server unavailable");
      }
    });
    ProcessInstance petition = startPetition("ESTABLISH", 134);

    // when the acknowledgement runs and fails
    assertThatThrownBy(() -> execute(job("acknowledgeReceipt", petition)))
        .hasMessageContaining("Mail server unavailable");

    // then it will be retried twice more, five minutes apart, and the petition waits for it
    Job failed = job("acknowledgeReceipt", petition);
    assertThat(failed).hasRetries(2).hasExceptionMessage();
    assertThat(failed.getExceptionMessage())
        .contains("Mail server unavailable");
    assertThat(failed.getDuedate())
        .isEqualTo(Date.from(now.plus(Duration.ofMinutes(5))));
    assertThat(managementService().getJobExceptionStacktrace(
        failed.getId())).contains("Mail server unavailable");
    assertThat(petition).isWaitingAtExactly("acknowledgeReceipt");
    assertThat(incidents(petition)).isEmpty();

    // when the retry succeeds
    execute(job("acknowledgeReceipt", petition));

    // then the petition moves on to the roster check
    assertThat(petition).isWaitingAtExactly("preVerifySignatures")
        .hasPassed("acknowledgeReceipt");
    assertThat(attempts).hasValue(2);
    assertThat(incidents(petition)).isEmpty();
  }

  @Test
  void aStepThatKeepsFailingBecomesAnIncidentWhenItsRetriesRunOut() {
    // given a mail server that stays down
    Mocks.register("acknowledgeReceipt", (JavaDelegate) execution -> {
      throw new IllegalStateException("Mail server unavailable");
    });
    ProcessInstance petition = startPetition("ESTABLISH", 134);
    // The first failure sets the retries from R3/PT5M (3 - 1 = 2), whatever they were before;
    // so fail once, then leave one retry, as an operator (or the passing of time) would.
    assertThatThrownBy(() -> execute(job("acknowledgeReceipt", petition)));
    managementService().setJobRetries(job("acknowledgeReceipt", petition).getId(), 1);
    assertThat(incidents(petition)).isEmpty();

    // when its last retry fails too
    assertThatThrownBy(() -> execute(job("acknowledgeReceipt", petition)))
        .hasMessageContaining("Mail server unavailable");

    // then the job has no retries left and an incident shows it in Cockpit
    assertThat(job("acknowledgeReceipt", petition)).hasRetries(0);
    List<Incident> incidents = incidents(petition);
    assertThat(incidents).singleElement().satisfies(incident -> {
      assertThat(incident.getIncidentType())
          .isEqualTo(Incident.FAILED_JOB_HANDLER_TYPE);
      assertThat(incident.getActivityId())
          .isEqualTo("acknowledgeReceipt");
      assertThat(incident.getIncidentMessage())
          .contains("Mail server unavailable");
    });
    assertThat(petition).isNotEnded().isWaitingAtExactly("acknowledgeReceipt");
  }

  // ---------------------------------------------------------------------------------------------
  // the model itself

  @Test
  @ExcludeFromProcessCoverage // reads the model; runs no instance
  void everyServiceTaskIsAsynchronousWithThreeRetriesFiveMinutesApart() {
    ModelConventions.assertServiceTasks(deployedModel(PROCESS_KEY), SERVICE_TASKS.stream().collect(Collectors.toMap(id -> id, id -> id)));
  }

  @Test
  @ExcludeFromProcessCoverage // reads the model; runs no instance
  void everyElementHasAMeaningfulIdANameAndAPlaceInTheDiagram() {
    ModelConventions.assertReadable(deployedModel(PROCESS_KEY), PROCESS_KEY, "MIG petition");
  }

  // ---------------------------------------------------------------------------------------------
  // steps shared by the paths

  private ProcessInstance startPetition(String kind, int signatureCount) {
    String petitionId = "P-2025-" + kind;
    ProcessInstance petition = runtimeService().startProcessInstanceByKey(PROCESS_KEY, petitionId,
        withVariables(
            "petitionId", petitionId,
            "migId", "RENEW".equals(kind) ? "MIG-GNCL" : "MIG-NEW-1",
            "migName", "Graphic Novels & Comics in Libraries",
            "kind", kind,
            "statementOfPurpose", "To promote graphic novels and comics in libraries.",
            "signatureCount", signatureCount,
            "requiredSignatures", 100,
            "meetingNeeds", MEETING_NEEDS));
    assertThat(petition).isStarted().hasBusinessKey(petitionId)
        .hasPassed("petitionReceived");
    return petition;
  }

  /** Receipt is acknowledged, then the roster check runs: both as jobs. */
  private void passIntake(ProcessInstance petition) {
    runServiceTask(petition, "acknowledgeReceipt");
    runServiceTask(petition, "preVerifySignatures");
    assertThat(petition).variables()
        .containsEntry("autoValidSignatureCount", 128)
        .containsEntry("flaggedSignatureCount", 2)
        .doesNotContainKeys("organizersSummary", "flaggedSignaturesSummary");
  }

  private void verifySignatures(ProcessInstance petition, int valid, String notes) {
    Task task = userTask(petition, "verifySignatures", "member-programs", "verify-signatures",
        "validSignatureCount", "verificationNotes");
    assertThat(taskService().getVariablesLocal(task.getId()))
        .containsEntry("organizersSummary", ORGANIZERS).containsEntry("flaggedSignaturesSummary", FLAGGED);
    Map<String, Object> output = withVariables("validSignatureCount", valid);
    if (notes != null) {
      output.put("verificationNotes", notes);
    }
    complete(task, output);
    assertThat(calls).endsWith("validateSignatureVerification");
  }

  private void decide(ProcessInstance petition, boolean approved, String rationale,
      boolean noOverlap) {
    Task task = userTask(petition, "cooDecision", "coo", "coo-decision",
        "approved", "noOverlapConfirmed", "decisionRationale");
    assertThat(taskService().getVariablesLocal(task.getId()))
        .containsEntry("organizersSummary", ORGANIZERS).doesNotContainKey("flaggedSignaturesSummary");
    Map<String, Object> output = withVariables("approved", approved,
        "noOverlapConfirmed", noOverlap);
    if (rationale != null) {
      output.put("decisionRationale", rationale);
    }
    complete(task, output);
    assertThat(calls).endsWith("validateCooDecision");
  }

  /**
   * The process waits in front of the service task, as a job, before its delegate runs; running
   * the job runs the delegate once.
   */
  private void runServiceTask(ProcessInstance petition, String activityId) {
    assertThat(petition).isWaitingAtExactly(activityId);
    Job job = job(activityId, petition);
    assertThat(job).hasActivityId(activityId).hasRetries(3);
    assertThat(calls).doesNotContain(activityId);

    execute(job);

    assertThat(calls).endsWith(activityId);
    assertThat(jobQuery().activityId(activityId)
        .processInstanceId(petition.getId()).count()).isZero();
  }

  /**
   * The user task waits for its candidate group, and its form reference resolves to the Camunda
   * Form deployed with the model, whose editable fields are exactly the task's outputs.
   */
  private Task userTask(ProcessInstance petition, String taskKey, String candidateGroup,
      String formKey, String... outputs) {
    assertThat(petition).isWaitingAtExactly(taskKey);
    return taskOf(petition, taskKey, candidateGroup, formKey, outputs);
  }

  /** As {@link #userTask}, where the petition may wait at other steps too (after the fork). */
  private Task taskOf(ProcessInstance petition, String taskKey, String candidateGroup,
      String formKey, String... outputs) {
    Task task = taskService().createTaskQuery().processInstanceId(petition.getId())
        .taskDefinitionKey(taskKey).initializeFormKeys().singleResult();
    assertThat(task).hasCandidateGroup(candidateGroup).isNotAssigned();
    assertThat(task.getCamundaFormRef().getKey()).isEqualTo(formKey);
    assertThat(task.getCamundaFormRef().getBinding())
        .isEqualTo("deployment");

    ModelConventions.assertForm(formService(), task, formKey, null, outputs);
    return task;
  }


  private static List<Incident> incidents(ProcessInstance petition) {
    return runtimeService().createIncidentQuery().processInstanceId(petition.getId()).list();
  }

  private JavaDelegate recording(String name) {
    return execution -> calls.add(name);
  }
}
