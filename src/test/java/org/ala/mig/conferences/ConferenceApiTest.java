package org.ala.mig.conferences;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.ala.mig.registry.DeadlineCalendar;
import org.ala.mig.support.HttpApi;
import org.ala.mig.support.HttpApi.Reply;
import org.ala.mig.support.ManagedMigs;
import org.ala.mig.support.ManagedMigs.Managed;
import org.ala.mig.support.MigSpringBootTest;
import org.ala.mig.support.PageClient;
import org.ala.mig.support.PageClient.Page;
import org.ala.mig.mail.MailOutbox;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Conferences and their schedules through the running application (CONTRACT.md, step 12): added
 * through the API and the page by the COO chair and Conference Services, each getting its COO
 * report to Council at once; a MIG's meeting arranged in arrangeMeetingSpace appearing in its
 * conference's schedule (API and page), bad outputs refused naming the field; and the warning,
 * in the health details and on the Council page, when no conference is to come.
 */
@MigSpringBootTest
class ConferenceApiTest {

  static final ZoneId CHICAGO = ZoneId.of("America/Chicago");

  @LocalServerPort int port;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
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

  // ---------------------------------------------------------------------------------------------
  // adding a conference

  @Test
  void aConferenceAddedAtRunTimeIsListedAndGetsItsCooReportToCouncilAtOnce() {
    // given a conference not known yet, 100 days ahead
    String id = freshId("annual");
    LocalDate start = calendar.today().plusDays(100);
    assertThat(reportInstance(id)).isNull();

    // when the COO chair adds it
    Reply added = http.postJson("/api/conferences", "chair", """
        {"id": "%s", "name": "ALA Annual Conference %s", "startDate": "%s", "endDate": "%s",
         "location": "Chicago, IL"}""".formatted(id, id, start, start.plusDays(4)));

    // then it is created, with the day its COO report is compiled (14 days before)
    assertThat(added.status()).as(added.body()).isEqualTo(201);
    JsonNode conference = added.json();
    assertThat(conference.path("id").asText()).isEqualTo(id);
    assertThat(conference.path("name").asText()).isEqualTo("ALA Annual Conference " + id);
    assertThat(conference.path("startDate").asText()).isEqualTo(start.toString());
    assertThat(conference.path("endDate").asText()).isEqualTo(start.plusDays(4).toString());
    assertThat(conference.path("location").asText()).isEqualTo("Chicago, IL");
    assertThat(conference.path("councilReportDue").asText()).isEqualTo(start.minusDays(14).toString());

    // and its coo-council-report runs already, with no restart, keyed by the conference id
    ProcessInstance report = reportInstance(id);
    assertThat(report).isNotNull();
    assertThat(runtime.getVariable(report.getId(), "conferenceName")).isEqualTo("ALA Annual Conference " + id);
    assertThat(runtime.getVariable(report.getId(), "conferenceStart")).isEqualTo(start.toString());

    // and every signed-in user sees it in the list, in order of its start
    Reply list = http.get("/api/conferences", "council1");
    assertThat(list.status()).isEqualTo(200);
    JsonNode listed = find(list.json(), id);
    assertThat(listed).as(list.body()).isNotNull();
    assertThat(listed.path("councilReportDue").asText()).isEqualTo(start.minusDays(14).toString());
    List<String> starts = new ArrayList<>();
    list.json().forEach(c -> starts.add(c.path("startDate").asText()));
    assertThat(starts).isSorted();

    // and Conference Services may add one too, without end date or location
    String other = freshId("llx");
    Reply second = http.postJson("/api/conferences", "confsvc1",
        "{\"id\": \"%s\", \"name\": \"LibLearnX %s\", \"startDate\": \"%s\"}".formatted(other, other,
            calendar.today().plusDays(30)));
    assertThat(second.status()).as(second.body()).isEqualTo(201);
    assertThat(second.json().path("endDate").isMissingNode()).as(second.body()).isTrue();
    assertThat(second.json().path("location").isMissingNode()).as(second.body()).isTrue();
    assertThat(reportInstance(other)).isNotNull();

    // when the same id is added again, then 409, and nothing changes
    Reply again = http.postJson("/api/conferences", "confsvc1",
        "{\"id\": \"%s\", \"name\": \"Another name\", \"startDate\": \"%s\"}".formatted(id, start));
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.json().path("message").asText()).contains(id);
    assertThat(find(http.get("/api/conferences", "coo1").json(), id).path("name").asText())
        .isEqualTo("ALA Annual Conference " + id);
    assertThat(runtime.createProcessInstanceQuery().processDefinitionKey("coo-council-report")
        .processInstanceBusinessKey(id).count()).isEqualTo(1);
  }

  @Test
  void badInputIsRefusedNamingTheFieldAndNothingIsStored() {
    LocalDate start = calendar.today().plusDays(60);
    String id = freshId("bad");
    assertThat(fields(post("{\"name\": \"No id\", \"startDate\": \"" + start + "\"}"))).containsExactly("id");
    assertThat(fields(post("{\"id\": \"Annual 2027!\", \"name\": \"Bad id\", \"startDate\": \"" + start + "\"}")))
        .containsExactly("id");
    assertThat(fields(post("{\"id\": \"-annual\", \"name\": \"Bad id\", \"startDate\": \"" + start + "\"}")))
        .containsExactly("id");
    assertThat(fields(post("{\"id\": \"" + id + "\", \"name\": \"   \", \"startDate\": \"" + start + "\"}")))
        .containsExactly("name");
    assertThat(fields(post("{\"id\": \"" + id + "\", \"name\": \"" + "N".repeat(201) + "\", \"startDate\": \"" + start
        + "\"}"))).containsExactly("name");
    assertThat(fields(post("{\"id\": \"" + id + "\", \"name\": \"No start\"}"))).containsExactly("startDate");
    assertThat(fields(post("{\"id\": \"" + id + "\", \"name\": \"Bad start\", \"startDate\": \"2027-02-30\"}")))
        .containsExactly("startDate");
    assertThat(fields(post("{\"id\": \"" + id + "\", \"name\": \"Past\", \"startDate\": \""
        + calendar.today().minusDays(1) + "\"}"))).containsExactly("startDate");
    Reply endBefore = post("{\"id\": \"" + id + "\", \"name\": \"Backwards\", \"startDate\": \"" + start
        + "\", \"endDate\": \"" + start.minusDays(1) + "\"}");
    assertThat(fields(endBefore)).containsExactly("endDate");
    assertThat(endBefore.json().path("errors").get(0).path("message").asText())
        .isEqualTo("must not be before startDate " + start);
    assertThat(fields(post("{\"id\": \"" + id + "\", \"name\": \"Bad end\", \"startDate\": \"" + start
        + "\", \"endDate\": \"soon\"}"))).containsExactly("endDate");
    assertThat(fields(post("{\"id\": \"" + id + "\", \"name\": \"Bad place\", \"startDate\": \"" + start
        + "\", \"location\": \"" + "L".repeat(201) + "\"}"))).containsExactly("location");
    assertThat(fields(post("{}"))).containsExactly("id", "name", "startDate");
    assertThat(http.post("/api/conferences", "chair", "application/json", "").status()).isEqualTo(400);

    // nothing was stored, and no report was started
    assertThat(find(http.get("/api/conferences", "chair").json(), id)).isNull();
    assertThat(reportInstance(id)).isNull();
  }

  @Test
  void onlyTheCooChairAndConferenceServicesAddConferencesAndEverySignedInUserReadsThem() {
    String body = "{\"id\": \"%s\", \"name\": \"Who adds\", \"startDate\": \"%s\"}"
        .formatted(freshId("who"), calendar.today().plusDays(50));
    assertThat(http.postJson("/api/conferences", null, body).status()).isEqualTo(401);
    for (String user : List.of("coo1", "mps1", "liaison1", "barc1", "council1", "exec1", "admin")) {
      assertThat(http.postJson("/api/conferences", user, body).status()).as(user).isEqualTo(403);
    }
    assertThat(http.get("/api/conferences", null).status()).isEqualTo(401);
    for (String user : List.of("chair", "coo1", "mps1", "confsvc1", "liaison1", "barc1", "council1", "exec1")) {
      assertThat(http.get("/api/conferences", user).status()).as(user).isEqualTo(200);
    }
    assertThat(http.get("/api/conferences/llx-2027/schedule", null).status()).isEqualTo(401);
    assertThat(http.get("/api/conferences/no-such-conference/schedule", "coo1").status()).isEqualTo(404);
  }

  // ---------------------------------------------------------------------------------------------
  // the schedule

  @Test
  void aMeetingArrangedInArrangeMeetingSpaceAppearsInItsConferencesScheduleAndBadValuesAreRefused() {
    // given a conference 60 to 63 days ahead and an active MIG that asks for meeting space at it
    String conferenceId = freshId("schedule");
    LocalDate start = calendar.today().plusDays(60);
    assertThat(http.postJson("/api/conferences", "confsvc1", """
        {"id": "%s", "name": "Schedule Test Conference", "startDate": "%s", "endDate": "%s"}"""
        .formatted(conferenceId, start, start.plusDays(3))).status()).isEqualTo(201);
    Managed mig = migs.manage("Schedule Test", calendar.today().minusYears(1));
    Reply asked = http.postJson("/api/migs/" + mig.id() + "/support-requests", "liaison1",
        "{\"type\": \"MEETING_SPACE\", \"details\": \"Room for 40 at the conference, Saturday morning.\"}");
    assertThat(asked.status()).as(asked.body()).isEqualTo(202);
    String lifecycle = migs.lifecycle(mig.id());
    migs.runDueJobs(lifecycle);
    Task arrange = tasks.createTaskQuery().processInstanceId(lifecycle).taskDefinitionKey("arrangeMeetingSpace")
        .singleResult();
    assertThat(arrange).isNotNull();
    Instant meetingStart = start.plusDays(2).atTime(9, 0).atZone(CHICAGO).toInstant();
    Instant meetingEnd = meetingStart.plusSeconds(90 * 60);

    // when Conference Services gives bad values, then the task is not completed, the field named
    Map<String, Object> good = new LinkedHashMap<>(Map.of("meetingArrangements", "Room W183, Saturday 9am.",
        "spaceArranged", true, "conferenceId", conferenceId, "meetingStart", meetingStart.toString(),
        "meetingEnd", meetingEnd.toString(), "room", "McCormick Place W183"));
    assertRefused(arrange, with(good, "conferenceId", "no-such-conference"), "conferenceId: no conference with id");
    assertRefused(arrange, with(good, "conferenceId", null), "conferenceId: required when spaceArranged is true");
    assertRefused(arrange, with(good, "meetingStart", "Saturday morning"), "meetingStart: must be an ISO instant");
    assertRefused(arrange, with(good, "meetingEnd", meetingStart.minusSeconds(60).toString()),
        "meetingEnd: must be after meetingStart");
    assertRefused(arrange, with(good, "meetingStart", start.minusDays(1).atTime(9, 0).atZone(CHICAGO).toInstant()
        .toString()), "meetingStart: before the conference Schedule Test Conference starts on " + start);
    assertRefused(arrange, with(good, "meetingEnd", start.plusDays(4).atTime(9, 0).atZone(CHICAGO).toInstant()
        .toString()), "meetingEnd: after the conference Schedule Test Conference ends on " + start.plusDays(3));
    assertRefused(arrange, with(good, "room", " "), "room: required when spaceArranged is true");
    assertRefused(arrange, with(good, "spaceArranged", "perhaps"), "spaceArranged: must be true or false");
    assertThat(http.get("/api/conferences/" + conferenceId + "/schedule", "coo1").json()).isEmpty();

    // when it completes the task with the meeting arranged
    Reply done = complete("confsvc1", arrange, good);
    assertThat(done.status()).as(done.body()).isEqualTo(204);

    // then the meeting is in the conference's schedule, for any signed-in user
    Reply schedule = http.get("/api/conferences/" + conferenceId + "/schedule", "council1");
    assertThat(schedule.status()).isEqualTo(200);
    assertThat(schedule.json()).hasSize(1);
    JsonNode meeting = schedule.json().get(0);
    assertThat(meeting.path("migId").asText()).isEqualTo(mig.id());
    assertThat(meeting.path("migName").asText()).isEqualTo(mig.name());
    assertThat(Instant.parse(meeting.path("start").asText())).isEqualTo(meetingStart);
    assertThat(Instant.parse(meeting.path("end").asText())).isEqualTo(meetingEnd);
    assertThat(meeting.path("room").asText()).isEqualTo("McCormick Place W183");

    // and on the conference's schedule page, with the time in Chicago
    Page page = new PageClient(port).signedInAs("mps1").get("/conferences/" + conferenceId + "/schedule");
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.byId("schedule").select("tr[data-mig-id=" + mig.id() + "]").text())
        .contains(mig.name(), "McCormick Place W183", "9:00 AM");
  }

  @Test
  void spaceNotArrangedPutsNothingInTheSchedule() {
    Managed mig = migs.manage("No Space", calendar.today().minusYears(1));
    assertThat(http.postJson("/api/migs/" + mig.id() + "/support-requests", "liaison1",
        "{\"type\": \"MEETING_SPACE\", \"details\": \"Room for 400.\"}").status()).isEqualTo(202);
    String lifecycle = migs.lifecycle(mig.id());
    migs.runDueJobs(lifecycle);
    Task arrange = tasks.createTaskQuery().processInstanceId(lifecycle).taskDefinitionKey("arrangeMeetingSpace")
        .singleResult();
    Reply done = complete("confsvc1", arrange, Map.of("spaceArranged", false,
        "meetingArrangements", "No room for 400 is free at Annual."));
    assertThat(done.status()).as(done.body()).isEqualTo(204);
    assertThat(jdbc.queryForObject("select count(*) from mig_meeting where mig_id = ?", Integer.class, mig.id()))
        .isZero();
  }

  // ---------------------------------------------------------------------------------------------
  // pages and the warning

  @Test
  void theConferencesPageListsThemAndTheCooChairAddsOneThere() {
    PageClient chair = new PageClient(port).signedInAs("chair");
    Page list = chair.get("/conferences");
    assertThat(list.status()).isEqualTo(200);
    assertThat(list.byId("conference-list").text()).contains("ALA Annual Conference 2027", "annual-2027");
    assertThat(list.html().select("nav a[href=/conferences]")).hasSize(1);

    // a bad form comes back, 400, with the field named and what was typed
    String id = freshId("page");
    Page bad = chair.postForm("/conferences", Map.of("_csrf", list.csrf(), "id", id, "name", "", "startDate",
        calendar.today().plusDays(90).toString()));
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.html().select(".error-summary").text()).contains("name: required");
    assertThat(bad.byId("conference-id").attr("value")).isEqualTo(id);

    Page added = chair.postForm("/conferences", Map.of("_csrf", list.csrf(), "id", id, "name", "Page Conference", "startDate",
        calendar.today().plusDays(90).toString(), "location", "Boston, MA"));
    assertThat(added.status()).isEqualTo(302);
    assertThat(reportInstance(id)).isNotNull();
    Page after = chair.get("/conferences");
    assertThat(after.byId("conference-" + id).text()).contains("Page Conference", "Boston, MA");

    // staff outside COO chair and Conference Services read the page, without the form, and may not post
    PageClient mps = new PageClient(port).signedInAs("mps1");
    Page asMps = mps.get("/conferences");
    assertThat(asMps.html().getElementById("add")).isNull();
    assertThat(mps.postForm("/conferences", Map.of("_csrf", asMps.csrf(), "id", freshId("no"), "name", "No", "startDate",
        calendar.today().plusDays(90).toString())).status()).isEqualTo(403);
  }

  @Test
  void withNoUpcomingConferenceTheHealthDetailsAndTheCouncilPageWarn() {
    // given the known conferences (2027 and 2028 in the demo data) and a clock before them
    Reply health = http.get("/actuator/health", "admin");
    JsonNode conferences = health.json().path("components").path("conferences");
    assertThat(conferences.path("status").asText()).isEqualTo("UP");
    assertThat(conferences.path("details").path("upcoming").asInt()).isPositive();
    assertThat(conferences.path("details").has("warning")).isFalse();
    assertThat(new PageClient(port).signedInAs("council1").get("/council").html()
        .getElementById("no-upcoming-conference")).isNull();

    // when the clock passes every conference
    ManagedMigs.clockAt(Instant.parse("2300-01-01T18:00:00Z"));

    // then the health details and the Council page say that no COO report will be compiled
    JsonNode none = http.get("/actuator/health", "admin").json().path("components").path("conferences");
    assertThat(none.path("status").asText()).isEqualTo("UP");
    assertThat(none.path("details").path("upcoming").asInt()).isZero();
    assertThat(none.path("details").path("warning").asText()).startsWith("No upcoming conference: no COO report");
    Page council = new PageClient(port).signedInAs("council1").get("/council");
    assertThat(council.status()).as(council.body()).isEqualTo(200);
    assertThat(council.byId("no-upcoming-conference").text()).contains("No upcoming conference");
    assertThat(new PageClient(port).signedInAs("confsvc1").get("/conferences").byId("no-upcoming-conference").text())
        .startsWith("No upcoming conference");
  }

  // ---------------------------------------------------------------------------------------------

  private void assertRefused(Task task, Map<String, Object> outputs, String message) {
    Reply refused = complete("confsvc1", task, outputs);
    assertThat(refused.status()).as(refused.body()).isEqualTo(400);
    assertThat(refused.json().path("message").asText()).startsWith(message);
    assertThat(tasks.createTaskQuery().taskId(task.getId()).count()).as("still open").isOne();
  }

  /** Claims (once) and completes the task over engine REST, as Tasklist does. */
  private Reply complete(String user, Task task, Map<String, Object> outputs) {
    if (tasks.createTaskQuery().taskId(task.getId()).taskAssignee(user).count() == 0) {
      Reply claim = http.postJson("/engine-rest/task/" + task.getId() + "/claim", user,
          "{\"userId\":\"" + user + "\"}");
      assertThat(claim.status()).as(claim.body()).isEqualTo(204);
    }
    StringBuilder variables = new StringBuilder();
    outputs.forEach((key, value) -> {
      if (variables.length() > 0) {
        variables.append(',');
      }
      String json = value == null ? "null" : value instanceof String s ? "\"" + s + "\"" : value.toString();
      variables.append('"').append(key).append("\":{\"value\":").append(json).append('}');
    });
    return http.postJson("/engine-rest/task/" + task.getId() + "/complete", user,
        "{\"variables\":{" + variables + "}}");
  }

  private static Map<String, Object> with(Map<String, Object> outputs, String key, Object value) {
    Map<String, Object> changed = new LinkedHashMap<>(outputs);
    changed.put(key, value);
    return changed;
  }

  private Reply post(String body) {
    return http.postJson("/api/conferences", "chair", body);
  }

  private static List<String> fields(Reply reply) {
    assertThat(reply.status()).as(reply.body()).isEqualTo(400);
    List<String> fields = new ArrayList<>();
    reply.json().path("errors").forEach(e -> fields.add(e.path("field").asText()));
    return fields;
  }

  private ProcessInstance reportInstance(String conferenceId) {
    return runtime.createProcessInstanceQuery().processDefinitionKey("coo-council-report")
        .processInstanceBusinessKey(conferenceId).singleResult();
  }

  private static JsonNode find(JsonNode conferences, String id) {
    for (JsonNode c : conferences) {
      if (c.path("id").asText().equals(id)) {
        return c;
      }
    }
    return null;
  }

  private static String freshId(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }
}
