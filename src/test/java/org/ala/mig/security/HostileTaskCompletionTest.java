package org.ala.mig.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.ala.mig.mail.MailOutbox;
import org.ala.mig.registry.DeadlineCalendar;
import org.ala.mig.security.HostileInputGenerator.Raw;
import org.ala.mig.support.CamundaWebapps;
import org.ala.mig.support.HttpApi.Reply;
import org.ala.mig.support.HttpApi;
import org.ala.mig.support.ManagedMigs.Managed;
import org.ala.mig.support.ManagedMigs;
import org.ala.mig.support.MigSpringBootTest;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code POST /engine-rest/task/{id}/complete} with 1,000 generated variable sets, spread over the
 * user tasks whose outputs a task listener checks. A completion the rules refuse gets 4xx naming
 * the variable (never 5xx), and the task and every table stay as they were; one they take
 * completes the task with what was sent. Tasklist (the webapps' own engine API) gets the same
 * refusals with their message.
 */
@MigSpringBootTest
class HostileTaskCompletionTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** A user task, who does it, how to start a process waiting at it, and its outputs' rules. */
  record Kind(String task, String process, String user, Map<String, Object> variables, Map<String, Out> outputs) {}

  enum Type { BOOL, COUNT, TEXT }

  /** An output: its type, whether it must be given, and when it must (another output false). */
  record Out(Type type, boolean required, String requiredWhenFalse, String mustBeTrueWhenTrue) {
    static Out bool() {
      return new Out(Type.BOOL, true, null, null);
    }

    static Out text(boolean required) {
      return new Out(Type.TEXT, required, null, null);
    }
  }

  @LocalServerPort int port;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired HistoryService history;
  @Autowired ManagementService management;
  @Autowired MailOutbox outbox;
  @Autowired JdbcTemplate jdbc;
  @Autowired DeadlineCalendar calendar;
  @Autowired ProcessEngine engine;

  HttpApi http;
  HostileInputGenerator generator;
  Managed mig;
  List<Kind> kinds;
  int started;

  @BeforeEach
  void setUp() {
    ClockUtil.reset();
    CamundaWebapps.serve(engine);
    http = new HttpApi(port);
    generator = new HostileInputGenerator(HostileInputGenerator.seed() + 2);
    mig = new ManagedMigs(http, runtime, management, outbox, jdbc).manage("Hostile Tasks", calendar.today().minusYears(1));
    Map<String, Object> lifecycle = Map.of("migId", mig.id(), "migName", mig.name(), "disbandRequestReason", "Done.",
        "targetUnit", "RUSA", "transitionReason", "It fits.", "supportDetails", "A room.", "supportRequestedBy", "liaison1");
    kinds = List.of(
        new Kind("verifySignatures", "mig-petition", "mps1", Map.of("petitionId", "P-HOSTILE", "migId", mig.id(),
            "migName", mig.name(), "kind", "ESTABLISH", "signatureCount", 150, "requiredSignatures", 100),
            outputs("validSignatureCount", new Out(Type.COUNT, true, null, null), "verificationNotes", Out.text(false))),
        new Kind("cooDecision", "mig-petition", "coo1", Map.of("petitionId", "P-HOSTILE", "migId", mig.id(),
            "migName", mig.name(), "kind", "ESTABLISH", "signatureCount", 150, "requiredSignatures", 100),
            outputs("approved", new Out(Type.BOOL, true, "decisionRationale", "noOverlapConfirmed"),
                "noOverlapConfirmed", new Out(Type.BOOL, false, null, null), "decisionRationale", Out.text(false))),
        new Kind("confirmDisband", "mig-lifecycle", "coo1", lifecycle, outputs("disbandConfirmed", Out.bool())),
        new Kind("decideTransition", "mig-lifecycle", "coo1", lifecycle,
            outputs("transitionApproved", Out.bool(), "decisionRationale", Out.text(true))),
        new Kind("arrangeMeetingSpace", "mig-lifecycle", "confsvc1", with(lifecycle, "supportType", "MEETING_SPACE"),
            outputs("meetingArrangements", Out.text(true))),
        new Kind("provideSupportItem", "mig-lifecycle", "liaison1", with(lifecycle, "supportType", "SUPPORT_ITEM"),
            outputs("supportProvided", new Out(Type.BOOL, true, "supportNotes", null), "supportNotes", Out.text(false))),
        new Kind("reviewBudgetRequest", "mig-lifecycle", "barc1", with(lifecycle, "supportType", "BUDGET"),
            outputs("budgetApproved", new Out(Type.BOOL, true, "budgetNotes", null), "budgetNotes", Out.text(false))),
        new Kind("reviewAnnualReport", "mig-annual-report", "coo1", Map.of("migId", mig.id(), "migName", mig.name(),
            "year", 2027, "dueDate", "2027-08-01", "extraReport", false, "activities", "Two programs."),
            outputs("reportAccepted", new Out(Type.BOOL, true, "reviewNotes", null), "reviewNotes", Out.text(false))),
        new Kind("followUpOverdueReport", "mig-annual-report", "coo1", Map.of("migId", mig.id(), "migName", mig.name(),
            "year", 2027, "dueDate", "2027-08-01", "extraReport", false), outputs("followUpNotes", Out.text(false))),
        new Kind("submitCouncilReport", "coo-council-report", "chair", Map.of("conferenceName", "Annual",
            "conferenceStart", "2027-06-24", "reportPeriod", "2027", "reportSummary", "Nothing."),
            outputs("chairRemarks", Out.text(false))));
  }

  @AfterAll
  static void tally() {
    System.out.println(HostileRun.tally());
  }

  @Test
  void completingTasksWithHostileVariables() {
    HostileRun run = new HostileRun("POST /engine-rest/task/{id}/complete", HostileInputGenerator.seed());
    Map<String, String> open = new HashMap<>();
    for (int i = 0; i < HostileInputApiTest.BODIES; i++) {
      Kind kind = kinds.get(i % kinds.size());
      String taskId = open.computeIfAbsent(kind.task(), k -> start(kind));
      Body body = body(kind);
      Map<String, Long> before = HostileRun.counts(jdbc);
      HttpRequest.Builder request = http.request("/engine-rest/task/" + taskId + "/complete", kind.user())
          .POST(HttpRequest.BodyPublishers.ofByteArray(body.bytes()));
      request.header("Content-Type", body.contentType());
      Reply reply = http.send(request.build());
      Map<String, Long> after = HostileRun.counts(jdbc);
      run.answered(reply.status());
      run.check("[" + kind.task() + ": " + body.what() + "] " + printable(body.bytes()),
          () -> reply.status() + " " + reply.body(), () -> {
            assertThat(reply.status()).as("never 5xx").isLessThan(500);
            if (body.valid()) {
              assertThat(reply.status()).as("taken").isEqualTo(204);
              assertThat(tasks.createTaskQuery().taskId(taskId).count()).as("completed").isZero();
              body.expected().forEach((name, value) -> assertThat(history.createHistoricVariableInstanceQuery()
                  .processInstanceId(processOf(taskId)).variableName(name).list())
                  .as("what was stored of " + name).anyMatch(v -> Objects.equals(v.getValue(), value)));
              return;
            }
            assertThat(reply.status()).as("refused").isBetween(400, 499);
            assertThat(tasks.createTaskQuery().taskId(taskId).count()).as("the task is still open").isOne();
            assertThat(HostileRun.moved(before, after)).as("rows stored by a refused completion").isEmpty();
            if (reply.status() == 400 && reply.contentType().contains("json")) {
              String message = reply.json().path("message").asText();
              assertThat(message).as("message").isNotBlank();
              assertThat(body.fields()).as("fields to name").isNotEmpty();
              assertThat(body.fields().stream().anyMatch(message::contains))
                  .as("the message names one of " + body.fields() + ": " + message).isTrue();
            }
          });
      if (tasks.createTaskQuery().taskId(taskId).count() == 0) {
        open.remove(kind.task());
      }
    }
    run.done();
  }

  // --- Tasklist: the webapps' own API shows the same refusals --------------------------------------

  @Test
  void tasklistGetsTheRefusalWithItsMessage() throws Exception {
    Kind coo = kinds.get(1);
    String taskId = start(coo);
    Tasklist tasklist = new Tasklist(port).signIn("coo1");

    HttpResponse<String> approvedWithoutConfirmation = tasklist.submit(taskId,
        "{\"variables\": {\"approved\": {\"value\": true, \"type\": \"Boolean\"}}}");
    HttpResponse<String> serializedObject = tasklist.submit(taskId, "{\"variables\": {\"approved\": {\"value\": true,"
        + " \"type\": \"Boolean\"}, \"x\": {\"type\": \"Object\", \"value\": \"rO0ABXQAA2FiYw==\", \"valueInfo\":"
        + " {\"objectTypeName\": \"java.lang.String\", \"serializationDataFormat\": \"application/x-java-serialized-object\"}}}}");
    HttpResponse<String> nul = tasklist.submit(taskId, "{\"variables\": {\"approved\": {\"value\": false},"
        + " \"decisionRationale\": {\"value\": \"no\\u0000\"}}}");

    assertThat(approvedWithoutConfirmation.statusCode()).as(approvedWithoutConfirmation.body()).isEqualTo(400);
    assertThat(JSON.readTree(approvedWithoutConfirmation.body()).path("message").asText())
        .startsWith("noOverlapConfirmed: confirm that the MIG does not take over");
    assertThat(serializedObject.statusCode()).isEqualTo(400);
    assertThat(serializedObject.body()).contains("variables.x").contains("Object");
    assertThat(nul.statusCode()).isEqualTo(400);
    assertThat(nul.body()).contains("variables.decisionRationale").contains("U+0000");
    assertThat(tasks.createTaskQuery().taskId(taskId).count()).isOne();
  }

  /** Tasklist's way in: its sign-in, its session and its XSRF token. */
  static final class Tasklist {
    private final String base;
    private final CookieManager cookies = new CookieManager();
    private final HttpClient client;

    Tasklist(int port) {
      base = "http://localhost:" + port;
      client = HttpClient.newBuilder().cookieHandler(cookies).build();
    }

    Tasklist signIn(String user) throws Exception {
      get("/camunda/app/tasklist/default/");
      HttpResponse<String> login = client.send(HttpRequest.newBuilder(URI.create(base
              + "/camunda/api/admin/auth/user/default/login/tasklist"))
          .header("Content-Type", "application/x-www-form-urlencoded").header("X-XSRF-TOKEN", token())
          .POST(HttpRequest.BodyPublishers.ofString("username=" + user + "&password=demo")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
      get("/camunda/api/engine/engine/default/task/count");   // a token for the new session
      return this;
    }

    HttpResponse<String> submit(String taskId, String body) throws Exception {
      return client.send(HttpRequest.newBuilder(URI.create(base + "/camunda/api/engine/engine/default/task/" + taskId
              + "/submit-form")).header("Content-Type", "application/json").header("X-XSRF-TOKEN", token())
          .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
          HttpResponse.BodyHandlers.ofString());
    }

    private void get(String path) throws Exception {
      client.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The webapps' CSRF cookie has a name of its own, apart from the application's XSRF-TOKEN. */
    private String token() {
      return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("CAMUNDA-XSRF-TOKEN"))
          .map(HttpCookie::getValue).reduce((a, b) -> b).orElse("");
    }
  }

  // --- the generated completions -------------------------------------------------------------------

  record Body(String what, byte[] bytes, String contentType, boolean valid, List<String> fields,
      Map<String, Object> expected) {}

  /** One value of an output: the JSON sent, whether it is well formed, and what it means (Boolean, Integer, text). */
  private record Value(Object json, boolean wellFormed, Object meaning, String what) {}

  Body body(Kind kind) {
    if (generator.chance(0.1)) {
      return wholeBody(kind);
    }
    Map<String, Object> variables = new LinkedHashMap<>();
    Map<String, Object> meanings = new HashMap<>();
    List<String> bad = new ArrayList<>();
    List<String> what = new ArrayList<>();
    kind.outputs().forEach((name, out) -> {
      if (generator.chance(out.required() ? 0.1 : 0.4)) {
        what.add(name + " absent");
        return;
      }
      Value value = value(out.type());
      variables.put(name, value.json());
      what.add(name + " " + value.what());
      if (!value.wellFormed()) {
        bad.add(name);
      } else if (value.meaning() != null) {
        meanings.put(name, value.meaning());
      }
    });
    // a hostile extra variable, now and then
    if (generator.chance(0.35)) {
      String name = generator.pick(List.of("note", "x", "extra_1", "comment"));
      int pick = generator.nextInt(10);
      Object extra = switch (pick) {
        case 0 -> Map.of("type", "Object", "value", "rO0ABXQAA2FiYw==", "valueInfo", Map.of("objectTypeName",
            "java.lang.String", "serializationDataFormat", "application/x-java-serialized-object"));
        case 1 -> Map.of("type", generator.pick(List.of("File", "Bytes", "Json", "Xml", "Evil", "object")), "value", "x");
        case 2 -> Map.of("value", Map.of("a", 1));
        case 3 -> Map.of("value", List.of(1, 2));
        case 4 -> Map.of("value", "y".repeat(4001 + generator.nextInt(5000)));
        case 5 -> Map.of("value", "a" + generator.pick(HostileInputGenerator.FORBIDDEN) + "b");
        case 6 -> "just a string";
        case 7 -> Map.of("value", new Raw("1e400"), "type", "Double");
        default -> Map.of("value", generator.nasty(), "type", "String");
      };
      if (pick == 5 && generator.chance(0.5)) {
        name = generator.pick(List.of("", " ", "n\u0000", "x".repeat(300)));
      }
      variables.put(name, extra);
      what.add("extra " + name + " #" + pick);
      if (pick < 8 || name.isBlank() || name.length() > 255 || name.indexOf('\u0000') >= 0) {
        bad.add(name.isBlank() || name.length() > 255 || name.indexOf('\u0000') >= 0 ? "name" : name);
      }
    }
    List<String> ruleBroken = new ArrayList<>();
    kind.outputs().forEach((name, out) -> {
      Object meaning = meanings.get(name);
      boolean given = meaning != null && !(meaning instanceof String s && blank(s));
      if (out.required() && !given) {
        ruleBroken.add(name);
      }
      if (out.requiredWhenFalse() != null && Boolean.FALSE.equals(meaning)) {
        Object notes = meanings.get(out.requiredWhenFalse());
        if (notes == null || notes instanceof String s && blank(s)) {
          ruleBroken.add(out.requiredWhenFalse());
        }
      }
      if (out.mustBeTrueWhenTrue() != null && Boolean.TRUE.equals(meaning)
          && !Boolean.TRUE.equals(meanings.get(out.mustBeTrueWhenTrue()))) {
        ruleBroken.add(out.mustBeTrueWhenTrue());
      }
    });
    boolean valid = bad.isEmpty() && ruleBroken.isEmpty();
    List<String> fields = new ArrayList<>(bad);
    fields.addAll(ruleBroken);
    Map<String, Object> expected = new HashMap<>();
    meanings.forEach((name, meaning) -> {
      if (!(meaning instanceof String)) {
        expected.put(name, meaning);   // booleans and counts are kept as their type says
      }
    });
    String json = HostileInputGenerator.json(Map.of("variables", variables));
    return new Body(String.join(", ", what), json.getBytes(StandardCharsets.UTF_8), "application/json", valid,
        fields, expected);
  }

  private Value value(Type type) {
    int pick = generator.nextInt(8);
    switch (type) {
      case BOOL -> {
        return switch (pick) {
          case 0 -> new Value(Map.of("value", true), true, true, "true");
          case 1 -> new Value(Map.of("value", false, "type", "Boolean"), true, false, "false");
          case 2 -> {
            String text = generator.pick(List.of("true", "false"));
            yield new Value(Map.of("value", text, "type", "String"), true, Boolean.valueOf(text), "'" + text + "'");
          }
          case 3 -> new Value(Map.of("value", generator.pick(List.of("yes", "TRUE", " true", "1", "on", ""))), false, null,
              "not true or false");
          case 4 -> new Value(Map.of("value", generator.pick(List.of(1, 0, 2.5))), false, null, "a number");
          case 5 -> new Value(Map.of("value", "x", "type", "Integer"), false, null, "unconvertible");
          case 6 -> new Value(new HashMap<>(Map.of("type", "Null")), true, null, "null");
          default -> {
            boolean yes = generator.chance(0.5);
            yield new Value(Map.of("value", yes), true, yes, String.valueOf(yes));
          }
        };
      }
      case COUNT -> {
        return switch (pick) {
          case 0 -> new Value(Map.of("value", 120), true, 120, "120");
          case 1 -> new Value(Map.of("value", "99", "type", "String"), true, 99, "'99'");
          case 2 -> new Value(Map.of("value", 130.0, "type", "Double"), true, 130, "130.0");
          case 3 -> new Value(Map.of("value", generator.pick(List.of(-1, 151, 100000))), false, null, "out of range");
          case 4 -> new Value(Map.of("value", generator.pick(List.of(12.5, 3000000000L))), false, null, "not whole");
          case 5 -> new Value(Map.of("value", generator.pick(List.of("12a", "", "1e2", "<script>"))), false, null, "text");
          case 6 -> new Value(Map.of("value", "x", "type", "Integer"), false, null, "unconvertible");
          default -> new Value(Map.of("value", true), false, null, "a boolean");
        };
      }
      default -> {
        return switch (pick) {
          case 0, 1 -> {
            String text = generator.nasty() + " " + generator.pick(List.of("We agree.", "Not enough detail.", "Room 12"));
            yield new Value(Map.of("value", text), true, text, "nasty text");
          }
          case 2 -> {
            String text = "Line one.\nLine two.\r\n\tIndented.";
            yield new Value(Map.of("value", text, "type", "String"), true, text, "lines");
          }
          case 3 -> new Value(Map.of("value", generator.pick(List.of(5, true, 2.5))), false, null, "not text");
          case 4 -> new Value(Map.of("value", "z".repeat(4001 + generator.nextInt(3000))), false, null, "too long");
          case 5 -> new Value(Map.of("value", "a" + generator.pick(HostileInputGenerator.FORBIDDEN) + "b"), false, null,
              "forbidden character");
          case 6 -> new Value(Map.of("value", generator.pick(HostileInputGenerator.BLANK)), true, "", "blank");
          default -> new Value(Map.of("value", "z".repeat(4000)), true, "z".repeat(4000), "exactly 4000");
        };
      }
    }
  }

  private Body wholeBody(Kind kind) {
    String first = kind.outputs().keySet().iterator().next();
    boolean allOptional = kind.outputs().values().stream().noneMatch(Out::required);
    int pick = generator.nextInt(8);
    return switch (pick) {
      case 0 -> whole("not JSON", generator.pick(List.of("garbage", "{", "{\"variables\": }", "[}")), false, "JSON");
      case 1 -> whole("variables as a list", "{\"variables\": []}", false, "variables");
      case 2 -> whole("variables as text", "{\"variables\": \"approved=true\"}", false, "variables");
      case 3 -> new Body("a field twice", ("{\"variables\": {\"" + first + "\": {\"value\": true}, \"" + first
          + "\": {\"value\": false}}}").getBytes(StandardCharsets.UTF_8), "application/json", false,
          List.of(first), Map.of());
      case 4 -> whole("text after the body", "{\"variables\": {}} {\"variables\": {}}", false, "after");
      case 5 -> whole("an array", "[{\"variables\": {}}]", false, "object");
      case 6 -> whole("no variables", "{}", allOptional, first);
      default -> new Body("wrong content type", "{\"variables\": {}}".getBytes(StandardCharsets.UTF_8),
          generator.pick(List.of("text/plain", "application/xml")), false, List.of(""), Map.of());
    };
  }

  private static Body whole(String what, String json, boolean valid, String field) {
    return new Body(what, json.getBytes(StandardCharsets.UTF_8), "application/json", valid, List.of(field), Map.of());
  }

  // --- tasks to complete ---------------------------------------------------------------------------

  /** A process of the kind's model waiting at its user task, with the variables the listener reads. */
  String start(Kind kind) {
    String instance = runtime.createProcessInstanceByKey(kind.process()).businessKey("hostile-" + (++started))
        .startBeforeActivity(kind.task()).setVariables(kind.variables()).execute().getId();
    Task task = tasks.createTaskQuery().processInstanceId(instance).taskDefinitionKey(kind.task()).singleResult();
    assertThat(task).as(kind.task()).isNotNull();
    return task.getId();
  }

  String processOf(String taskId) {
    return history.createHistoricTaskInstanceQuery().taskId(taskId).singleResult().getProcessInstanceId();
  }

  static Map<String, Out> outputs(Object... pairs) {
    Map<String, Out> outputs = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      outputs.put((String) pairs[i], (Out) pairs[i + 1]);
    }
    return outputs;
  }

  static Map<String, Object> with(Map<String, Object> map, String key, Object value) {
    Map<String, Object> copy = new HashMap<>(map);
    copy.put(key, value);
    return copy;
  }

  /** Text that shows nothing counts as not given (TextRules.blank). */
  static boolean blank(String s) {
    return s.codePoints().allMatch(cp -> Character.isWhitespace(cp) || Character.isSpaceChar(cp)
        || Character.getType(cp) == Character.FORMAT || Character.getType(cp) == Character.CONTROL);
  }

  static String printable(byte[] bytes) {
    String text = new String(bytes, StandardCharsets.UTF_8);
    return HostileInputPagesTest.printable(text.length() > 400 ? text.substring(0, 400) + "..." : text);
  }
}
