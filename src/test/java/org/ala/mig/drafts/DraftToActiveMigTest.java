package org.ala.mig.drafts;

import static org.ala.mig.drafts.Drafts.body;
import static org.ala.mig.drafts.Drafts.json;
import static org.ala.mig.drafts.Drafts.mails;
import static org.ala.mig.drafts.Drafts.signature;
import static org.ala.mig.drafts.Drafts.unique;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ala.mig.registry.MigRepository;
import org.ala.mig.registry.MigStatus;
import org.ala.mig.support.HttpApi;
import org.ala.mig.support.LinkSession;
import org.ala.mig.support.ManagedMigs;
import org.ala.mig.support.MigSpringBootTest;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * From a member's draft to an ACTIVE MIG: 101 members sign and confirm from their mails, the
 * organizers are told once that it is ready, one signer lapses before submission and no longer
 * counts, the organizer submits, and mig-petition runs to COO's approval. The signatures arrive
 * recorded as confirmed online and pre-verified, and Member Programs' task says so.
 */
@MigSpringBootTest
class DraftToActiveMigTest {

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  @Autowired ManagementService management;
  @Autowired TaskService tasks;
  @Autowired RuntimeService runtime;
  @Autowired HistoryService history;
  @Autowired MigRepository migs;

  @Test
  void aDraftGathersAHundredConfirmedSignaturesIsSubmittedAndBecomesAnActiveMig() throws Exception {
    String key = unique();
    String[] organizer = Drafts.member(jdbc, key + "O", "Olga Organizer");
    String coOrganizer = "co-" + key.toLowerCase() + "@lib.example";
    LinkSession session = LinkSession.signIn(port, jdbc, organizer[1]);
    String migName = "Seed Libraries " + key;
    LinkSession.Answer created = session.postJson("/api/petition-drafts", json(body(migName, organizer[1], coOrganizer)));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String draftId = Drafts.JSON.readTree(created.body()).path("draftId").asText();
    HttpApi http = new HttpApi(port);

    List<String[]> signers = new ArrayList<>();
    for (int i = 0; i < 101; i++) {
      signers.add(Drafts.member(jdbc, key + "S" + i, "Signer Number" + (char) ('A' + i % 26) + " Person" + i));
    }
    for (int i = 0; i < signers.size(); i++) {
      String[] s = signers.get(i);
      assertThat(http.postJson("/api/petition-drafts/" + draftId + "/signatures", null,
          signature(s[0], "Signer Number" + (char) ('A' + i % 26) + " Person" + i, i % 2 == 0)).status()).isEqualTo(202);
    }
    for (int i = 0; i < 99; i++) {
      assertThat(Drafts.confirm(port, draftId, Drafts.token(jdbc, signers.get(i)[1])).status()).isEqualTo(200);
    }
    LinkSession.Answer tooFew = session.postJson("/api/petition-drafts/" + draftId + "/submit", "");
    assertThat(tooFew.status()).isEqualTo(409);
    assertThat(Drafts.JSON.readTree(tooFew.body()).path("message").asText()).contains("99 confirmed", "100 are required");
    assertThat(mails(jdbc, "petition-ready", organizer[1])).isZero();

    Drafts.confirm(port, draftId, Drafts.token(jdbc, signers.get(99)[1]));
    Drafts.confirm(port, draftId, Drafts.token(jdbc, signers.get(100)[1]));
    JsonNode view = http.get("/api/petition-drafts/" + draftId, null).json();
    assertThat(view.path("confirmedSignatures").asInt()).isEqualTo(101);
    assertThat(mails(jdbc, "petition-ready", organizer[1])).as("petition-ready once").isEqualTo(1);
    assertThat(jdbc.queryForObject("select to_addresses from mail_outbox where template = 'petition-ready'"
        + " and to_addresses like ?", String.class, "%" + organizer[1] + "%")).contains(organizer[1], coOrganizer);

    // one signer lapses before submission: good standing is checked again, and 100 remain
    jdbc.update("update member set good_standing_through = ? where member_id = ?", LocalDate.of(2020, 1, 1),
        signers.get(0)[0]);
    // another's roster name changes after confirming: the roster address answered for the member,
    // so the online signature is still pre-verified (a paper one would be flagged NAME_MISMATCH)
    jdbc.update("update member set name = ? where member_id = ?", "Renamed After Confirming", signers.get(3)[0]);
    LinkSession.Answer submitted = session.postJson("/api/petition-drafts/" + draftId + "/submit", "");
    assertThat(submitted.status()).as(submitted.body()).isEqualTo(201);
    JsonNode petition = Drafts.JSON.readTree(submitted.body());
    String petitionId = petition.path("petitionId").asText();
    String migId = petition.path("migId").asText();
    String pid = petition.path("processInstanceId").asText();
    assertThat(jdbc.queryForObject("select signature_count from petition where id = ?", Integer.class, petitionId))
        .isEqualTo(100);
    assertThat(jdbc.queryForObject("select submitted_by from petition where id = ?", String.class, petitionId))
        .isEqualTo("an organizer (signed in by link)");
    view = http.get("/api/petition-drafts/" + draftId, null).json();
    assertThat(view.path("status").asText()).isEqualTo("SUBMITTED");
    assertThat(view.path("petitionId").asText()).isEqualTo(petitionId);
    assertThat(http.postJson("/api/petition-drafts/" + draftId + "/signatures", null,
        signature(signers.get(5)[0], "Signer NumberF Person5", false)).status()).isEqualTo(409);
    assertThat(Drafts.withdraw(port, draftId, Drafts.token(jdbc, signers.get(5)[1])).status())
        .as("no withdrawal after submission").isEqualTo(409);
    assertThat(session.postJson("/api/petition-drafts/" + draftId + "/submit", "").status()).isEqualTo(409);

    assertThat(jdbc.queryForObject("select count(*) from petition_signature where petition_id = ?"
        + " and collected = 'ONLINE' and confirmed_at is not null and mailed_to_roster_address", Integer.class, petitionId))
        .as("every signature recorded as confirmed online by a link mailed to the roster address").isEqualTo(100);

    ManagedMigs.runDueJobs(management, pid);   // acknowledge, pre-verify
    Task verify = task(pid, "verifySignatures");
    assertThat(tasks.getVariable(verify.getId(), "autoValidSignatureCount")).isEqualTo(100);
    assertThat(tasks.getVariable(verify.getId(), "flaggedSignatureCount")).isEqualTo(0);
    assertThat(tasks.getVariableLocal(verify.getId(), "onlinePreVerifiedSignatureCount")).isEqualTo(100);
    String collection = (String) tasks.getVariableLocal(verify.getId(), "signatureCollectionSummary");
    assertThat(collection)
        .matches("(?s)100 signatures: 100 confirmed online by a link mailed to the member's roster address"
            + " \\(first \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d \\S+, last \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d \\S+\\), 0 on paper\n.*")
        .contains("100 of the 100 online signatures are pre-verified");
    assertThat((String) tasks.getVariableLocal(verify.getId(), "flaggedSignaturesSummary")).isEqualTo("none");
    // task variables of verifySignatures only: never process variables, never history
    assertThat(runtime.getVariable(pid, "signatureCollectionSummary")).isNull();
    assertThat(runtime.getVariable(pid, "onlinePreVerifiedSignatureCount")).isNull();
    assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(pid)
        .variableNameIn("signatureCollectionSummary", "onlinePreVerifiedSignatureCount").count()).isZero();
    tasks.complete(verify.getId(), Map.of("validSignatureCount", 100L, "verificationNotes", "confirmed online"));
    tasks.complete(task(pid, "cooDecision").getId(), Map.of("approved", true, "noOverlapConfirmed", true));
    ManagedMigs.runDueJobs(management, pid);
    Task acknowledge = task(pid, "acknowledgeNotification");
    // the draft's meeting needs reach Conference Services, and its notes are kept on the MIG
    assertThat(tasks.getVariable(acknowledge.getId(), "meetingNeeds")).isEqualTo("A room for 30 at Annual");
    tasks.complete(acknowledge.getId(), Map.of("accommodationNotes", "Room for 30"));
    JsonNode active = http.get("/api/migs/" + migId, "coo1").json();
    assertThat(active.path("meetingNeeds").asText()).isEqualTo("A room for 30 at Annual");
    assertThat(active.path("accommodation").asText()).isEqualTo("Room for 30");

    assertThat(migs.find(migId).orElseThrow().status()).isEqualTo(MigStatus.ACTIVE);
    assertThat(migs.find(migId).orElseThrow().name()).isEqualTo(migName);
    assertThat(jdbc.queryForObject("select to_addresses from mail_outbox where template = 'petition-acknowledged'"
        + " and mig_id = ?", String.class, migId)).contains(organizer[1], coOrganizer);
  }

  private Task task(String pid, String key) {
    Task task = tasks.createTaskQuery().processInstanceId(pid).taskDefinitionKey(key).singleResult();
    assertThat(task).as(key).isNotNull();
    return task;
  }
}
