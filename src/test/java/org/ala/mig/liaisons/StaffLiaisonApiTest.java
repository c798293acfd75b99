package org.ala.mig.liaisons;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.ala.mig.mail.MailOutbox;
import org.ala.mig.mail.OutboxMail;
import org.ala.mig.registry.DeadlineCalendar;
import org.ala.mig.support.HttpApi;
import org.ala.mig.support.HttpApi.Reply;
import org.ala.mig.support.ManagedMigs;
import org.ala.mig.support.ManagedMigs.Managed;
import org.ala.mig.support.MigSpringBootTest;
import org.ala.mig.support.PageClient;
import org.ala.mig.support.PageClient.Page;
import org.ala.mig.support.PetitionJson;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Staff liaisons through the running application (CONTRACT.md, step 12): several per MIG, the
 * two of ALA's list for Entrepreneurship and Maker Spaces in the demo data, every one of them in
 * copy of the MIG's mails, designated by the executive office for each new MIG (task
 * designateStaffLiaison, completed by PUT /api/migs/{id}/staff-liaisons too) and changed at any
 * time through the API or the MIG's page.
 */
@MigSpringBootTest
class StaffLiaisonApiTest {

  @LocalServerPort int port;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired HistoryService history;
  @Autowired ManagementService management;
  @Autowired MailOutbox outbox;
  @Autowired JdbcTemplate jdbc;
  @Autowired DeadlineCalendar calendar;
  HttpApi http;
  ManagedMigs migs;

  @BeforeEach
  void clients() {
    http = new HttpApi(port);
    migs = new ManagedMigs(http, runtime, management, outbox, jdbc);
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void entrepreneurshipAndMakerSpacesHasTheTwoLiaisonsOfAlasList() {
    Reply mig = http.get("/api/migs/entrepreneurship-and-maker-spaces", "council1");
    assertThat(mig.status()).as(mig.body()).isEqualTo(200);
    assertThat(names(mig.json().path("staffLiaisons"))).containsExactly("Tina Coleman", "Jenny Levine");
    assertThat(mig.json().path("staffLiaisons").findValuesAsText("email"))
        .containsExactly("tina.coleman@ala.example", "jenny.levine@ala.example");
    assertThat(mig.json().path("staffLiaison").path("name").asText()).isEqualTo("Tina Coleman");

    // and a MIG of one liaison lists that one
    Reply diversity = http.get("/api/migs/diversity", "council1");
    assertThat(names(diversity.json().path("staffLiaisons"))).containsExactly("Gwendolyn Prellwitz");

    // and its page names both
    Page page = new PageClient(port).signedInAs("council1").get("/migs/entrepreneurship-and-maker-spaces");
    assertThat(page.html().select("dd.staff-liaison").eachText())
        .containsExactly("Tina Coleman, tina.coleman@ala.example", "Jenny Levine, jenny.levine@ala.example");
  }

  @Test
  void theExecutiveOfficeSetsSeveralLiaisonsAndEveryMailOfTheMigCopiesThemAll() {
    // given an active MIG with one liaison
    Managed mig = migs.manage("Two Liaisons", calendar.today().minusYears(1));

    // when the executive office names two
    Reply put = http.send(http.request("/api/migs/" + mig.id() + "/staff-liaisons", "exec1")
        .header("Content-Type", "application/json")
        .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("""
            [{"name": "Tina Coleman", "email": "tcoleman@ala.org"},
             {"name": "Jenny Levine", "email": "jlevine@ala.org"}]""")).build());

    // then the answer is the MIG with both, the first its staffLiaison
    assertThat(put.status()).as(put.body()).isEqualTo(200);
    assertThat(put.json().path("id").asText()).isEqualTo(mig.id());
    assertThat(names(put.json().path("staffLiaisons"))).containsExactly("Tina Coleman", "Jenny Levine");
    assertThat(put.json().path("staffLiaison").path("email").asText()).isEqualTo("tcoleman@ala.org");
    assertThat(names(http.get("/api/migs/" + mig.id(), "coo1").json().path("staffLiaisons")))
        .containsExactly("Tina Coleman", "Jenny Levine");

    // when the MIG's renewal reminder goes out
    String lifecycle = migs.lifecycle(mig.id());
    migs.runDueJobs(lifecycle);
    migs.fire(lifecycle, "renewalReminder90Due");

    // then it goes to the organizers, cc both liaisons
    List<OutboxMail> reminders = migs.mails(mig.id(), "renewal-reminder");
    assertThat(reminders).hasSize(1);
    assertThat(reminders.get(0).to()).containsExactlyInAnyOrderElementsOf(mig.organizerEmails());
    assertThat(reminders.get(0).cc()).containsExactly("tcoleman@ala.org", "jlevine@ala.org");
    assertThat(reminders.get(0).subject()).contains(mig.name());
    // and the mail names the first as the MIG's contact
    assertThat(migs.text(reminders.get(0))).contains("Tina Coleman");
  }

  @Test
  void badLiaisonsAreRefusedNamingTheEntryAndOnlyTheExecutiveOfficeChangesThem() {
    Managed mig = migs.manage("Liaison Rules", calendar.today().minusYears(1));
    String path = "/api/migs/" + mig.id() + "/staff-liaisons";
    String good = "[{\"name\": \"Tina Coleman\", \"email\": \"tcoleman@ala.org\"}]";

    assertThat(fields(put(path, "exec1", "[{\"name\": \"Tina Coleman\", \"email\": \"tcoleman@ala.org\"},"
        + " {\"name\": \"Jenny Levine\", \"email\": \"not an address\"}]"))).containsExactly("[1].email");
    assertThat(fields(put(path, "exec1", "[{\"name\": \" \", \"email\": \"tcoleman@ala.org\"}]")))
        .containsExactly("[0].name");
    assertThat(fields(put(path, "exec1", "[]"))).containsExactly("body");
    assertThat(fields(put(path, "exec1", "[{\"name\": \"A\", \"email\": \"same@ala.org\"},"
        + " {\"name\": \"B\", \"email\": \"SAME@ala.org\"}]"))).containsExactly("[1].email");
    assertThat(put(path, "exec1", "not json").status()).isEqualTo(400);
    assertThat(names(http.get("/api/migs/" + mig.id(), "coo1").json().path("staffLiaisons")))
        .as("nothing stored").containsExactly("Lee Liaison");

    assertThat(put(path, null, good).status()).isEqualTo(401);
    for (String user : List.of("chair", "coo1", "mps1", "confsvc1", "liaison1", "barc1", "council1", "admin")) {
      assertThat(put(path, user, good).status()).as(user).isEqualTo(403);
    }
    assertThat(put("/api/migs/no-such-mig/staff-liaisons", "exec1", good).status()).isEqualTo(404);
    assertThat(put(path, "exec1", good).status()).isEqualTo(200);
  }

  @Test
  void aNewMigGetsTheTaskDesignateStaffLiaisonAndThePutApiCompletesIt() {
    // given a petition for a new MIG, approved by COO
    String name = "Liaison Needed " + UUID.randomUUID().toString().substring(0, 6);
    Reply submitted = http.postJson("/api/petitions", "mps1",
        PetitionJson.write(PetitionJson.establish(name, PetitionJson.signatures(jdbc, 100))));
    assertThat(submitted.status()).as(submitted.body()).isEqualTo(201);
    String pid = submitted.json().path("processInstanceId").asText();
    String migId = submitted.json().path("migId").asText();
    migs.runDueJobs(pid);
    tasks.complete(task(pid, "verifySignatures").getId(), Map.of("validSignatureCount", 100L));
    tasks.complete(task(pid, "cooDecision").getId(), Map.of("approved", true, "noOverlapConfirmed", true));
    migs.runDueJobs(pid);

    // then the executive office has the task designateStaffLiaison, beside Conference Services' acknowledgement
    Task designate = task(pid, "designateStaffLiaison");
    assertThat(tasks.getIdentityLinksForTask(designate.getId())).anySatisfy(link ->
        assertThat(link.getGroupId()).isEqualTo("executive-office"));
    assertThat(tasks.createTaskQuery().taskCandidateGroup("executive-office").taskId(designate.getId()).count()).isOne();
    Reply candidate = http.get("/engine-rest/task?taskDefinitionKey=designateStaffLiaison&processInstanceId=" + pid,
        "exec1");
    assertThat(candidate.json()).hasSize(1);
    task(pid, "acknowledgeNotification");
    assertThat(names(http.get("/api/migs/" + migId, "coo1").json().path("staffLiaisons"))).isEmpty();

    // when the executive office names the liaisons through the API
    Reply put = put("/api/migs/" + migId + "/staff-liaisons", "exec1",
        "[{\"name\": \"Jenny Levine\", \"email\": \"jlevine@ala.org\"}]");

    // then they are the MIG's, and the task is completed with them as its lines
    assertThat(put.status()).as(put.body()).isEqualTo(200);
    assertThat(names(put.json().path("staffLiaisons"))).containsExactly("Jenny Levine");
    assertThat(tasks.createTaskQuery().processInstanceId(pid).taskDefinitionKey("designateStaffLiaison").count())
        .isZero();
    assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(pid).variableName("staffLiaisons")
        .singleResult().getValue()).isEqualTo("Jenny Levine <jlevine@ala.org>");
    assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(pid)
        .activityId("staffLiaisonDesignated").finished().count()).isOne();

    // and a later change leaves the finished task alone
    assertThat(put("/api/migs/" + migId + "/staff-liaisons", "exec1",
        "[{\"name\": \"Tina Coleman\", \"email\": \"tcoleman@ala.org\"}]").status()).isEqualTo(200);
    assertThat(names(http.get("/api/migs/" + migId, "coo1").json().path("staffLiaisons")))
        .containsExactly("Tina Coleman");
  }

  @Test
  void theExecutiveOfficeChangesTheLiaisonsOnTheMigsPage() {
    Managed mig = migs.manage("Liaison Page", calendar.today().minusYears(1));
    PageClient exec = new PageClient(port).signedInAs("exec1");
    Page page = exec.get("/migs/" + mig.id());
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.byId("liaison-lines").text()).isEqualTo("Lee Liaison <" + mig.liaisonEmail() + ">");

    // a bad line is refused, naming it
    Page bad = exec.postForm("/migs/" + mig.id() + "/staff-liaisons", Map.of("_csrf", page.csrf(),
        "lines", "Tina Coleman <tcoleman@ala.org>\nJenny Levine <jlevine@>"));
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.body()).contains("line 2: email not a valid email address");

    Page saved = exec.postForm("/migs/" + mig.id() + "/staff-liaisons", Map.of("_csrf", page.csrf(),
        "lines", "Tina Coleman <tcoleman@ala.org>\nJenny Levine <jlevine@ala.org>"));
    assertThat(saved.status()).isEqualTo(302);
    Page after = exec.get("/migs/" + mig.id());
    assertThat(after.byId("liaisons-saved").text()).contains("2 staff liaisons are saved");
    assertThat(after.html().select("dd.staff-liaison").eachText())
        .containsExactly("Tina Coleman, tcoleman@ala.org", "Jenny Levine, jlevine@ala.org");

    // other staff see the liaisons but not the form, and may not post it
    PageClient coo = new PageClient(port).signedInAs("coo1");
    Page asCoo = coo.get("/migs/" + mig.id());
    assertThat(asCoo.html().getElementById("liaison-lines")).isNull();
    assertThat(coo.postForm("/migs/" + mig.id() + "/staff-liaisons", Map.of("_csrf", asCoo.csrf(),
        "lines", "X <x@ala.org>")).status()).isEqualTo(403);
  }

  // ---------------------------------------------------------------------------------------------

  private Reply put(String path, String user, String body) {
    return http.send(http.request(path, user).header("Content-Type", "application/json")
        .PUT(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build());
  }

  private Task task(String pid, String key) {
    Task task = tasks.createTaskQuery().processInstanceId(pid).taskDefinitionKey(key).singleResult();
    assertThat(task).as(key).isNotNull();
    return task;
  }

  private static List<String> names(JsonNode liaisons) {
    List<String> names = new ArrayList<>();
    liaisons.forEach(l -> names.add(l.path("name").asText()));
    return names;
  }

  private static List<String> fields(Reply reply) {
    assertThat(reply.status()).as(reply.body()).isEqualTo(400);
    List<String> fields = new ArrayList<>();
    reply.json().path("errors").forEach(e -> fields.add(e.path("field").asText()));
    return fields;
  }
}
