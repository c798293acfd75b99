package org.ala.mig.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.ala.mig.mail.MailOutbox;
import org.ala.mig.registry.DeadlineCalendar;
import org.ala.mig.security.HostileInputPagesTest.PageSession;
import org.ala.mig.support.HttpApi.Reply;
import org.ala.mig.support.HttpApi;
import org.ala.mig.support.ManagedMigs.Managed;
import org.ala.mig.support.ManagedMigs;
import org.ala.mig.support.MigSpringBootTest;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** One body per defect the hostile-input tests found, each answered as it now must be. */
@MigSpringBootTest
class HostileInputRegressionTest {

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;
  @Autowired MailOutbox outbox;
  @Autowired DeadlineCalendar calendar;
  HttpApi http;
  ManagedMigs migs;

  @BeforeEach
  void setUp() {
    ClockUtil.reset();
    http = new HttpApi(port);
    migs = new ManagedMigs(http, runtime, management, outbox, jdbc);
  }

  // --- JSON read strictly: each was taken (or 500) before ---------------------------------------------

  @Test
  void whatJacksonUsedToGuessIsRefusedNamingTheField() {
    Managed mig = migs.manage("Strict Json", calendar.today().minusYears(1));
    String requests = "/api/migs/" + mig.id() + "/disband-requests";
    Map<String, Long> before = HostileRun.counts(jdbc);

    assertThat(error(http.postJson(requests, "coo1", "{\"reason\": \"a\", \"reason\": \"b\"}")))
        .isEqualTo("reason: appears twice in the same object; give each field once");
    assertThat(error(http.postJson(requests, "coo1", "{\"reason\": 2027}"))).isEqualTo("reason: expected String, got a number (2027)");
    assertThat(error(http.postJson(requests, "coo1", "{\"reason\": true}"))).isEqualTo("reason: expected String, got true or false (true)");
    assertThat(error(http.postJson(requests, "coo1", "{\"reason\": \"x\"} trailing"))).startsWith("body: malformed JSON");
    assertThat(error(http.postJson(requests, "coo1", "{\"reason\": \"x\"} {}")))
        .isEqualTo("body: text after the end of the JSON value");
    assertThat(error(http.postJson(requests, "coo1", "{\"reason\": \"x\", \"because\": 1}")))
        .isEqualTo("because: unknown field; the fields are [reason]");
    assertThat(error(http.postJson(requests, "coo1", "[]"))).isEqualTo("body: expected a JSON object {...}");
    assertThat(error(http.postJson(requests, "coo1", "{\"reason\": " + "[".repeat(2000) + "]".repeat(2000) + "}")))
        .startsWith("reason: expected String");
    assertThat(error(http.postJson(requests, "coo1", "{\"reason\": \"a\\u0000b\"}")))
        .isEqualTo("reason: contains the control character U+0000 at position 2");
    assertThat(error(http.postJson(requests, "coo1", "{\"reason\": \"a\\ud800b\"}"))).startsWith("reason: contains an invalid character");
    assertThat(error(http.postJson(requests, "coo1", "{\"reason\": \"\\u200b\"}"))).isEqualTo("reason: required");
    assertThat(error(post(requests, "application/json", new byte[] {'{', '"', 'r', 'e', 'a', 's', 'o', 'n', '"', ':', '"',
        (byte) 0xC0, (byte) 0xAF, '"', '}'}))).isEqualTo("body: not valid UTF-8 text at byte 12: send JSON encoded as UTF-8");

    String reports = "/api/migs/" + mig.id() + "/annual-reports";
    assertThat(error(http.postJson(reports, "coo1", "{\"year\": 2027.5, \"activities\": \"x\"}"))).startsWith("year: ");
    assertThat(error(http.postJson(reports, "coo1", "{\"year\": \"2027\", \"activities\": \"x\"}")))
        .isEqualTo("year: expected Integer, got the text \"2027\"");
    String requestsOfReports = "/api/migs/" + mig.id() + "/report-requests";
    assertThat(error(http.postJson(requestsOfReports, "coo1", "{\"dueDate\": 20270101}"))).startsWith("dueDate: ");
    assertThat(error(http.postJson(requestsOfReports, "coo1", "{\"dueDate\": [2027, 1, 1]}"))).startsWith("dueDate: ");
    assertThat(error(http.postJson(requestsOfReports, "coo1", "{\"dueDate\": \"2027-01-01T00:00:00Z\"}")))
        .isEqualTo("dueDate: '2027-01-01T00:00:00Z' is not a valid date (use YYYY-MM-DD)");
    assertThat(HostileRun.moved(before, HostileRun.counts(jdbc))).isEmpty();
  }

  @Test
  void contentTypesBodySizesAndDatesOutOfRangeAreAnsweredWithAMessage() {
    Reply plain = http.post("/api/petitions", "coo1", "text/plain", "hello");
    assertThat(plain.status()).isEqualTo(415);
    assertThat(plain.json().path("message").asText()).startsWith("Content type text/plain is not accepted here");
    Reply latin = http.post("/api/petitions", "coo1", "application/json; charset=ISO-8859-1", "{}");
    assertThat(latin.status()).isEqualTo(415);

    byte[] huge = new byte[41 * 1024 * 1024];
    java.util.Arrays.fill(huge, (byte) ' ');
    Reply tooLarge = post("/api/petitions", "application/json", huge);
    assertThat(tooLarge.status()).isEqualTo(413);
    assertThat(tooLarge.json().path("message").asText()).isEqualTo("The request body is larger than 40 MB");

    Reply farPast = http.postJson("/api/migs", "coo1", "{\"name\": \"Year One\", \"statementOfPurpose\": \"x\","
        + " \"termStart\": \"0001-01-01\", \"organizers\": [{\"name\": \"A\", \"email\": \"a@lib.example\", \"address\": \"x\"}]}");
    assertThat(error(farPast)).startsWith("termStart: the current term starts within 10 years of today");

    Reply roster = http.post("/api/roster", "mps1", "text/csv",
        "member_id,name,email,good_standing_through\nHXR1,Ann,,0000-01-01\nHXR2,=cmd|' /C calc'!A0,,2027-01-01\n");
    assertThat(roster.status()).isEqualTo(200);
    assertThat(roster.json().path("rejected").toString()).isEqualTo("[{\"line\":2,\"message\":\"good_standing_through:"
        + " before 1900: not a date a membership runs to\"},{\"line\":3,\"message\":\"name: must not start with =, +, -, @"
        + " or a tab (spreadsheet formula)\"}]");
    assertThat(jdbc.queryForObject("select count(*) from member where member_id in ('HXR1', 'HXR2')", Long.class)).isZero();
  }

  // --- pages -------------------------------------------------------------------------------------------

  @Test
  void pageFormsThatCannotBeReadSayWhyInsteadOfAServerError() {
    PageSession mps1 = new PageSession(port).signIn("mps1", "demo");
    mps1.get("/petitions/new");
    PageSession.Answer malformed = mps1.sendRaw("/petitions", "multipart/form-data; boundary=XX",
        ("--XX\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n" + mps1.csrf() + "\r\n--XX\r\n"
            + "Content-Disposition: form-data; name=\"kind\"\r\n\r\nESTABLISH").getBytes(StandardCharsets.UTF_8));
    assertThat(malformed.status()).isEqualTo(400);
    assertThat(malformed.body()).contains("The form could not be read: its body is not valid multipart/form-data.");

    ByteArrayOutputStream big = new ByteArrayOutputStream();
    big.writeBytes(("--XX\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n" + mps1.csrf() + "\r\n--XX\r\n"
        + "Content-Disposition: form-data; name=\"signatures\"; filename=\"s.csv\"\r\nContent-Type: text/csv\r\n\r\n")
        .getBytes(StandardCharsets.UTF_8));
    big.writeBytes(new byte[22 * 1024 * 1024]);
    big.writeBytes("\r\n--XX--\r\n".getBytes(StandardCharsets.UTF_8));
    PageSession.Answer tooLarge = mps1.sendRaw("/petitions", "multipart/form-data; boundary=XX", big.toByteArray());
    assertThat(tooLarge.status()).isEqualTo(413);
    assertThat(tooLarge.body()).contains("the signatures file may have at most 20 MB");

    PageSession.Answer expired = mps1.postForm("/logout", Map.of("_csrf", "stale"));
    assertThat(expired.status()).isEqualTo(403);
    assertThat(expired.body()).contains("The form expired: reload the page and try again.");
  }

  @Test
  void signInSaysNoWith401AndGoesOnOnlyToAPrintablePathOfThisApplication() {
    PageSession session = new PageSession(port);
    String csrf = session.csrf();
    PageSession.Answer wrong = session.postForm("/login", Map.of("_csrf", csrf, "username", "nobody", "password", "x"));
    assertThat(wrong.status()).isEqualTo(401);
    assertThat(wrong.body()).contains("Wrong user name or password.");

    PageSession.Answer template = session.postForm("/login", Map.of("_csrf", csrf, "username", "council1",
        "password", "demo", "next", "/registry/{x}"));
    assertThat(template.status()).as(template.body()).isEqualTo(302);
    assertThat(template.location()).endsWith("/registry/{x}");
  }

  // --- task completion ---------------------------------------------------------------------------------

  @Test
  void taskCompletionsTheEngineAnswered500AreRefusedNamingTheVariable() {
    Managed mig = migs.manage("Strict Tasks", calendar.today().minusYears(1));
    String task = supportTask(mig, "first");
    String complete = "/engine-rest/task/" + task + "/complete";

    Reply serialized = http.postJson(complete, "liaison1", "{\"variables\": {\"supportProvided\": {\"type\": \"Object\","
        + " \"value\": \"rO0ABXQAA2FiYw==\", \"valueInfo\": {\"objectTypeName\": \"java.lang.String\","
        + " \"serializationDataFormat\": \"application/x-java-serialized-object\"}}}}");
    Reply file = http.postJson(complete, "liaison1", "{\"variables\": {\"x\": {\"value\": \"a\", \"type\": \"File\"}}}");
    Reply longText = http.postJson(complete, "liaison1", "{\"variables\": {\"supportProvided\": {\"value\": true},"
        + " \"other\": {\"value\": \"" + "a".repeat(5000) + "\"}}}");
    Reply nul = http.postJson(complete, "liaison1", "{\"variables\": {\"supportProvided\": {\"value\": false},"
        + " \"supportNotes\": {\"value\": \"a\\u0000b\"}}}");
    Reply number = http.postJson(complete, "liaison1", "{\"variables\": {\"supportProvided\": {\"value\": false},"
        + " \"supportNotes\": {\"value\": 12}}}");

    assertThat(serialized.status()).isEqualTo(400);
    assertThat(serialized.json().path("message").asText()).contains("variables.supportProvided").contains("\"Object\"");
    assertThat(file.status()).isEqualTo(400);
    assertThat(file.json().path("message").asText()).contains("variables.x");
    assertThat(longText.status()).isEqualTo(400);
    assertThat(longText.json().path("message").asText()).contains("variables.other: longer than 4000 characters");
    assertThat(nul.status()).isEqualTo(400);
    assertThat(nul.json().path("message").asText()).contains("variables.supportNotes: contains the control character U+0000");
    assertThat(number.status()).isEqualTo(400);
    assertThat(number.json().path("message").asText()).isEqualTo("supportNotes: must be text, got Integer");
    assertThat(tasks.createTaskQuery().taskId(task).count()).isOne();

    Reply done = http.postJson(complete, "liaison1", "{\"variables\": {\"supportProvided\": {\"value\": true}}}");
    assertThat(done.status()).isEqualTo(204);
    Reply again = http.postJson(complete, "liaison1", "{\"variables\": {\"supportProvided\": {\"value\": true}}}");
    assertThat(again.status()).as("a task that is gone").isEqualTo(404);
  }

  @Test
  void anEarlierTasksAnswerNeverCountsForALaterOne() {
    Managed mig = migs.manage("Fresh Answers", calendar.today().minusYears(1));
    String first = supportTask(mig, "a banner");
    String second = supportTask(mig, "a table");

    Reply declined = http.postJson("/engine-rest/task/" + first + "/complete", "liaison1",
        "{\"variables\": {\"supportProvided\": {\"value\": false}, \"supportNotes\": {\"value\": \"Out of stock.\"}}}");
    Reply withoutNotes = http.postJson("/engine-rest/task/" + second + "/complete", "liaison1",
        "{\"variables\": {\"supportProvided\": {\"value\": false}}}");

    assertThat(declined.status()).isEqualTo(204);
    assertThat(withoutNotes.status()).as(withoutNotes.body()).isEqualTo(400);
    assertThat(withoutNotes.json().path("message").asText()).startsWith("supportNotes: required when supportProvided is false");
  }

  @Test
  void aTaskQueryTheGuardCannotReadIsRefusedRatherThanPassedOn() {
    String expression = "${execution.getProcessEngineServices().getIdentityService()}";
    Reply twice = http.postJson("/engine-rest/task", "admin", "{\"orQueries\": [{\"assigneeExpression\": \"" + expression
        + "\"}], \"orQueries\": [{\"assigneeExpression\": \"" + expression + "\"}]}");
    Reply trailing = http.postJson("/engine-rest/task", "admin", "{\"orQueries\": [{\"assigneeExpression\": \""
        + expression + "\"}]} {}");

    assertThat(twice.status()).isEqualTo(400);
    assertThat(twice.json().path("message").asText()).startsWith("The body is not valid JSON: Duplicate field 'orQueries'");
    assertThat(trailing.status()).isEqualTo(400);
  }

  // --- helpers ---------------------------------------------------------------------------------------

  private String supportTask(Managed mig, String details) {
    String instance = migs.lifecycle(mig.id());
    List<String> before = tasks.createTaskQuery().processInstanceId(instance).list().stream().map(t -> t.getId()).toList();
    assertThat(http.postJson("/api/migs/" + mig.id() + "/support-requests", "liaison1",
        "{\"type\": \"SUPPORT_ITEM\", \"details\": \"" + details + "\"}").status()).isEqualTo(202);
    return tasks.createTaskQuery().processInstanceId(instance).list().stream().map(t -> t.getId())
        .filter(id -> !before.contains(id)).findFirst().orElseThrow();
  }

  private Reply post(String path, String contentType, byte[] body) {
    return http.send(http.request(path, "coo1").header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
  }

  /** The one error of a 400 answer, as "field: message". */
  private static String error(Reply reply) {
    assertThat(reply.status()).as(reply.body()).isEqualTo(400);
    var errors = reply.json().path("errors");
    assertThat(errors.size()).as(reply.body()).isEqualTo(1);
    return errors.get(0).path("field").asText() + ": " + errors.get(0).path("message").asText();
  }
}
