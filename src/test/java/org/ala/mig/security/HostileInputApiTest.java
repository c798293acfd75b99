package org.ala.mig.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpRequest;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.ala.mig.mail.MailOutbox;
import org.ala.mig.registry.DeadlineCalendar;
import org.ala.mig.reporting.AnnualReportService;
import org.ala.mig.security.HostileInputGenerator.Choice;
import org.ala.mig.security.HostileInputGenerator.DateField;
import org.ala.mig.security.HostileInputGenerator.Email;
import org.ala.mig.security.HostileInputGenerator.Endpoint;
import org.ala.mig.security.HostileInputGenerator.Hostile;
import org.ala.mig.security.HostileInputGenerator.Int;
import org.ala.mig.security.HostileInputGenerator.ListOf;
import org.ala.mig.security.HostileInputGenerator.Obj;
import org.ala.mig.security.HostileInputGenerator.Spec;
import org.ala.mig.security.HostileInputGenerator.Text;
import org.ala.mig.support.HttpApi.Reply;
import org.ala.mig.support.HttpApi;
import org.ala.mig.support.ManagedMigs.Managed;
import org.ala.mig.support.ManagedMigs;
import org.ala.mig.support.MigSpringBootTest;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Every JSON write endpoint of {@code /api} gets 1,000 generated bodies, malformed or
 * adversarial ({@link HostileInputGenerator}). A body the rules refuse gets a 4xx answer (never
 * 5xx, never 2xx) whose JSON names the field and the problem, and leaves every table as it was;
 * a body the rules take is answered 2xx and exactly what was sent is stored.
 */
@MigSpringBootTest
class HostileInputApiTest {

  static final int BODIES = Integer.getInteger("hostile.bodies", 1000);
  private static final ObjectMapper JSON = new ObjectMapper();

  static final List<String> NAMES = List.of("Rosa Díaz", "Sam Okafor", "Lee Park", "Ana Núñez", "O'Brien, Pat");
  static final List<String> TEXTS = List.of("To connect librarians who build maker spaces in public libraries.",
      "Two programs at Annual and a webinar series on comics in libraries.",
      "A room for 40 at Annual, with a projector.", "Our work has grown into a round table's.");

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  @Autowired RuntimeService runtime;
  @Autowired TaskService tasks;
  @Autowired ManagementService management;
  @Autowired MailOutbox outbox;
  @Autowired DeadlineCalendar calendar;
  @Autowired AnnualReportService reports;

  HttpApi http;
  ManagedMigs migs;
  HostileInputGenerator generator;
  LocalDate today;

  @BeforeEach
  void setUp() {
    ClockUtil.reset();
    http = new HttpApi(port);
    migs = new ManagedMigs(http, runtime, management, outbox, jdbc);
    generator = new HostileInputGenerator(HostileInputGenerator.seed());
    today = calendar.today();
  }

  @AfterAll
  static void tally() {
    System.out.println(HostileRun.tally());
  }

  // --- the endpoints -------------------------------------------------------------------------------

  @Test
  void petitions() {
    Endpoint petition = new Endpoint("petition", new Obj(true, fields(
        "kind", new Choice(true, List.of("ESTABLISH"), false),
        "migName", line(200, true, () -> generator.pick(List.of("Maker Spaces", "Comics & Zines", "Rural Libraries"))),
        "statementOfPurpose", new Text(true, 20, 4000, true, false, () -> generator.pick(TEXTS)),
        "organizers", new ListOf(true, organizer(), 1, 20, 2),
        "signatures", new ListOf(true, new Obj(true, fields(
            "memberId", line(64, false, () -> "M" + (100000 + generator.nextInt(900000))),
            "name", line(200, false, () -> generator.pick(NAMES)))), 100, 200_000, 100))), null, null);

    run("POST /api/petitions", petition, h -> post("/api/petitions", "mps1", h), (h, reply) -> {
      assertThat(reply.status()).isEqualTo(201);
      String id = reply.json().path("petitionId").asText();
      Map<String, Object> sent = h.sent();
      Map<String, Object> stored = jdbc.queryForMap("select * from petition where id = ?", id);
      assertThat(stored.get("MIG_NAME")).isEqualTo(strip(sent.get("migName")));
      assertThat(stored.get("STATEMENT_OF_PURPOSE")).isEqualTo(strip(sent.get("statementOfPurpose")));
      assertThat(jdbc.queryForList("select name, email, address from petition_organizer where petition_id = ?"
          + " order by position", id)).isEqualTo(rows((List<?>) sent.get("organizers"), "name", "email", "address"));
      assertThat(jdbc.queryForList("select member_id, name from petition_signature where petition_id = ?"
          + " order by position", id)).isEqualTo(rows((List<?>) sent.get("signatures"), "memberId", "name"));
    });
  }

  @Test
  void existingMigs() {
    Endpoint mig = new Endpoint("existing MIG", new Obj(true, fields(
        "name", line(200, true, () -> generator.pick(List.of("Rural Libraries", "Library Makers", "Zine Keepers"))),
        "statementOfPurpose", new Text(true, 1, 4000, true, false, () -> generator.pick(TEXTS)),
        "termStart", new DateField(true, today.minusYears(10), today.plusYears(10),
            () -> today.minusDays(generator.nextInt(900))),
        "termEnd", new DateField(false, null, null, () -> today.plusDays(30 + generator.nextInt(160))),
        "staffLiaison", new Obj(false, fields("name", line(200, false, () -> generator.pick(NAMES)),
            "email", new Email(true))),
        "organizers", new ListOf(true, organizer(), 1, 20, 2))),
        body -> {
          LocalDate start = date(body.get("termStart"));
          LocalDate end = date(body.get("termEnd"));
          return start == null || end == null || end.isAfter(start) && !end.isAfter(calendar.termEnd(start));
        }, "termEnd");

    run("POST /api/migs", mig, h -> post("/api/migs", "coo1", h), (h, reply) -> {
      assertThat(reply.status()).isEqualTo(201);
      Map<String, Object> sent = h.sent();
      Map<String, Object> stored = jdbc.queryForMap("select * from mig where id = ?", reply.json().path("id").asText());
      assertThat(stored.get("NAME")).isEqualTo(strip(sent.get("name")));
      assertThat(stored.get("STATEMENT_OF_PURPOSE")).isEqualTo(strip(sent.get("statementOfPurpose")));
      assertThat(stored.get("TERM_START").toString()).isEqualTo(sent.get("termStart"));
      if (sent.get("termEnd") != null && !"".equals(sent.get("termEnd"))) {
        assertThat(stored.get("TERM_END").toString()).isEqualTo(sent.get("termEnd"));
      }
      Object liaison = sent.get("staffLiaison");
      if (liaison instanceof Map<?, ?> l) {
        assertThat(stored.get("STAFF_LIAISON_NAME")).isEqualTo(strip(l.get("name")));
        assertThat(stored.get("STAFF_LIAISON_EMAIL")).isEqualTo(strip(l.get("email")));
      }
      assertThat(jdbc.queryForList("select name, email, address from mig_organizer where mig_id = ? order by position",
          stored.get("ID"))).isEqualTo(rows((List<?>) sent.get("organizers"), "name", "email", "address"));
    });
  }

  @Test
  void annualReports() {
    Managed mig = migs.manage("Hostile Reports", today.minusYears(1));
    LocalDate[] due = {today.plusDays(10)};
    Endpoint report = new Endpoint("annual report", new Obj(true, fields(
        "year", new Int(true, 1900, 2999, () -> (long) due[0].getYear()),
        "activities", new Text(true, 1, 20_000, true, false, () -> generator.pick(TEXTS)),
        "dueDate", new DateField(false, null, null, () -> due[0]))),
        body -> {
          LocalDate date = date(body.get("dueDate"));
          return date == null || !(body.get("year") instanceof Number year) || date.getYear() == year.intValue();
        }, "dueDate");

    run("POST /api/migs/{id}/annual-reports", report, h -> {
      if (h.valid()) {
        // a report is awaited for what the body names: an extra one, due on the date of this body
        reports.requestExtra(mig.id(), due[0], "coo1");
      }
      Reply reply = post("/api/migs/" + mig.id() + "/annual-reports", "mps1", h);
      due[0] = due[0].plusDays(1);
      return reply;
    }, (h, reply) -> {
      assertThat(reply.status()).isEqualTo(202);
      String reportId = reply.json().path("reportId").asText();
      assertThat(jdbc.queryForObject("select activities from annual_report where id = ?", String.class, reportId))
          .isEqualTo(strip(h.sent().get("activities")));
      assertThat(jdbc.queryForObject("select status from annual_report where id = ?", String.class, reportId))
          .isEqualTo("RECEIVED");
    });
  }

  @Test
  void reportRequests() {
    Managed mig = migs.manage("Hostile Requests", today.minusYears(1));
    int[] next = {0};
    Set<String> asked = new HashSet<>();
    // the dates of the valid bodies go round within the range; a date asked for twice is a conflict
    Endpoint request = new Endpoint("report request", new Obj(true, fields(
        "dueDate", new DateField(true, today.plusDays(1), today.plusYears(3),
            () -> today.plusDays(2 + next[0]++ % 1000)))), null, null);

    run("POST /api/migs/{id}/report-requests", request, h -> post("/api/migs/" + mig.id() + "/report-requests", "coo1", h),
        (h, reply) -> {
          String dueDate = (String) h.sent().get("dueDate");
          if (!asked.add(dueDate)) {
            assertThat(reply.status()).as("a second request for the same date").isEqualTo(409);
            return;
          }
          assertThat(reply.status()).isEqualTo(202);
          assertThat(jdbc.queryForObject("select due_date from annual_report where id = ?", LocalDate.class,
              mig.id() + ":" + dueDate)).hasToString(dueDate);
        });
  }

  @Test
  void disbandRequests() {
    Managed[] mig = {migs.manage("Hostile Disband", today.minusYears(1))};
    Endpoint request = new Endpoint("disband request", new Obj(true, fields(
        "reason", new Text(true, 1, 4000, true, false, () -> generator.pick(TEXTS)))), null, null);

    String[] lifecycle = {null};
    run("POST /api/migs/{id}/disband-requests", request, h -> {
      Reply reply = post("/api/migs/" + mig[0].id() + "/disband-requests", "liaison1", h);
      if (reply.status() == 202) {
        lifecycle[0] = migs.lifecycle(mig[0].id());
        mig[0] = migs.manage("Hostile Disband", today.minusYears(1));   // that one is before COO now
      }
      return reply;
    }, (h, reply) -> {
      assertThat(reply.status()).as("a valid body is taken").isEqualTo(202);
      assertThat(runtime.getVariable(lifecycle[0], "disbandRequestReason")).isEqualTo(strip(h.sent().get("reason")));
    });
  }

  @Test
  void transitionRequests() {
    Managed[] mig = {migs.manage("Hostile Transition", today.minusYears(1))};
    Endpoint request = new Endpoint("transition request", new Obj(true, fields(
        "targetUnit", line(200, false, () -> generator.pick(List.of("Maker Round Table", "RUSA", "ACRL"))),
        "reason", new Text(true, 1, 4000, true, false, () -> generator.pick(TEXTS)))), null, null);

    String[] lifecycle = {null};
    run("POST /api/migs/{id}/transition-requests", request, h -> {
      Reply reply = post("/api/migs/" + mig[0].id() + "/transition-requests", "coo1", h);
      if (reply.status() == 202) {
        lifecycle[0] = migs.lifecycle(mig[0].id());
        mig[0] = migs.manage("Hostile Transition", today.minusYears(1));   // that one is before COO now
      }
      return reply;
    }, (h, reply) -> {
      assertThat(reply.status()).as("a valid body is taken").isEqualTo(202);
      assertThat(runtime.getVariable(lifecycle[0], "targetUnit")).isEqualTo(strip(h.sent().get("targetUnit")));
      assertThat(runtime.getVariable(lifecycle[0], "transitionReason")).isEqualTo(strip(h.sent().get("reason")));
    });
  }

  @Test
  void supportRequests() {
    Managed mig = migs.manage("Hostile Support", today.minusYears(1));
    Endpoint request = new Endpoint("support request", new Obj(true, fields(
        // (a BUDGET request also needs its amount: RequestOutcomesApiTest tries its hostile values)
        "type", new Choice(true, List.of("MEETING_SPACE", "SUPPORT_ITEM"), true),
        "details", new Text(true, 1, 4000, true, false, () -> generator.pick(TEXTS)))), null, null);
    String instance = migs.lifecycle(mig.id());
    Set<String> before = new HashSet<>();

    run("POST /api/migs/{id}/support-requests", request, h -> {
      before.clear();
      if (h.valid()) {   // the new task is looked for only where there must be one
        tasks.createTaskQuery().processInstanceId(instance).list().forEach(t -> before.add(t.getId()));
      }
      return post("/api/migs/" + mig.id() + "/support-requests", "liaison1", h);
    }, (h, reply) -> {
      assertThat(reply.status()).isEqualTo(202);
      var created = tasks.createTaskQuery().processInstanceId(instance).list().stream()
          .filter(t -> !before.contains(t.getId())).toList();
      assertThat(created).as("the request's new task").hasSize(1);
      String task = created.get(0).getId();
      assertThat(tasks.getVariable(task, "supportDetails")).isEqualTo(strip(h.sent().get("details")));
      assertThat(tasks.getVariable(task, "supportType")).isEqualTo(strip(h.sent().get("type")));
    });
  }

  @Test
  void roster() {
    HostileRun run = new HostileRun("POST /api/roster (text/csv)", HostileInputGenerator.seed());
    for (int i = 0; i < BODIES; i++) {
      Hostile h = generator.nextRoster();
      Map<String, Long> before = HostileRun.counts(jdbc);
      Reply reply = post("/api/roster", "mps1", h);
      Map<String, Long> after = HostileRun.counts(jdbc);
      run.answered(reply.status());
      run.check(h.shown(), () -> reply.status() + " " + reply.body(), () -> {
        assertThat(reply.status()).as("never 5xx").isLessThan(500);
        if (!h.valid()) {
          assertThat(reply.status()).as("a file that is no roster gets 4xx").isBetween(400, 499);
          clearError(h, reply);
          assertThat(HostileRun.moved(before, after)).as("rows stored from a refused file").isEmpty();
          return;
        }
        assertThat(reply.status()).as("a roster file is read").isEqualTo(200);
        @SuppressWarnings("unchecked")
        List<HostileInputGenerator.Member> members = (List<HostileInputGenerator.Member>) h.sent().get("members");
        @SuppressWarnings("unchecked")
        Map<Integer, String> rejected = (Map<Integer, String>) h.sent().get("rejected");
        JsonNode json = reply.json();
        assertThat(json.path("imported").asInt()).as("imported").isEqualTo(members.size());
        Map<Integer, String> refused = new LinkedHashMap<>();
        json.path("rejected").forEach(r -> refused.put(r.path("line").asInt(), r.path("message").asText()));
        assertThat(refused.keySet()).as("the lines refused").containsExactlyElementsOf(rejected.keySet());
        rejected.forEach((line, column) -> assertThat(refused.get(line)).as("line " + line)
            .startsWith(column.equals("fields") ? "expected 4 fields" : column + ": "));
        refused.values().stream().filter(m -> m.contains("formula")).forEach(m ->
            assertThat(m).contains("must not start with =, +, -, @ or a tab"));
        // every accepted line stored as sent (trimmed), nothing of a refused one: only new ids were sent
        assertThat(after.get("member") - before.get("member")).as("members added").isEqualTo(members.size());
        for (HostileInputGenerator.Member m : members) {
          Map<String, Object> row = jdbc.queryForMap("select * from member where member_id = ?", m.memberId());
          assertThat(row.get("NAME")).isEqualTo(m.name());
          assertThat(row.get("EMAIL")).isEqualTo(m.email());
          assertThat(row.get("GOOD_STANDING_THROUGH").toString()).isEqualTo(m.goodStandingThrough());
        }
        Map<String, Long> others = new LinkedHashMap<>(after);
        others.put("member", before.get("member"));
        assertThat(HostileRun.moved(before, others)).as("other rows").isEmpty();
      });
    }
    run.done();
  }

  // --- the run -------------------------------------------------------------------------------------

  /**
   * Sends {@link #BODIES} bodies of {@code endpoint}: each refused one must be answered 4xx with a
   * clear JSON error naming the field and leave the tables as they were; each valid one is checked
   * by {@code stored}, which checks the answer too (2xx, or a conflict it knows must come).
   */
  void run(String name, Endpoint endpoint, Function<Hostile, Reply> send, BiConsumer<Hostile, Reply> stored) {
    HostileRun run = new HostileRun(name, HostileInputGenerator.seed());
    Map<String, Long> before = HostileRun.counts(jdbc);
    for (int i = 0; i < BODIES; i++) {
      Hostile h = generator.next(endpoint);
      Reply reply = send.apply(h);
      Map<String, Long> after = HostileRun.counts(jdbc);
      Map<String, Long> was = before;
      run.answered(reply.status());
      run.check(h.shown(), () -> reply.status() + " " + reply.body(), () -> {
        assertThat(reply.status()).as("never 5xx").isLessThan(500);
        if (h.valid()) {
          stored.accept(h, reply);   // which checks the answer: taken (2xx), or a conflict it expects
        } else {
          assertThat(reply.status()).as("a refused body gets 4xx").isBetween(400, 499);
          clearError(h, reply);
          assertThat(HostileRun.moved(was, after)).as("rows stored by a refused body").isEmpty();
        }
      });
      // what a valid body stored, and what the next body's preparation stores, is the next baseline
      before = h.valid() || reply.status() < 400 ? HostileRun.counts(jdbc) : after;
    }
    run.done();
  }

  /** The refusal is JSON with a message and, for 400, errors naming the field the body got wrong. */
  static void clearError(Hostile h, Reply reply) {
    JsonNode json;
    try {
      json = JSON.readTree(reply.body());
    } catch (Exception e) {
      throw new AssertionError("the refusal is not JSON: " + reply.body());
    }
    assertThat(json.path("message").asText()).as("message").isNotBlank();
    if (reply.status() != 400) {
      return;
    }
    List<String> named = new ArrayList<>();
    for (JsonNode error : json.path("errors")) {
      assertThat(error.path("field").asText()).as("field of " + error).isNotBlank();
      assertThat(error.path("message").asText()).as("message of " + error).isNotBlank();
      named.add(error.path("field").asText());
    }
    assertThat(named).as("errors").isNotEmpty();
    assertThat(named.stream().anyMatch(field -> h.fields().stream().anyMatch(wanted -> names(field, wanted))))
        .as("an error names one of " + h.fields() + ", got " + named).isTrue();
  }

  /** Whether an error about {@code field} is about {@code wanted} (the same, inside it, or around it). */
  static boolean names(String field, String wanted) {
    return wanted.equals("*") || field.equals(wanted) || field.startsWith(wanted + ".") || field.startsWith(wanted + "[")
        || wanted.startsWith(field + ".") || wanted.startsWith(field + "[");
  }

  // --- helpers -------------------------------------------------------------------------------------

  Reply post(String path, String user, Hostile h) {
    HttpRequest.Builder request = http.request(path, user).POST(HttpRequest.BodyPublishers.ofByteArray(h.body()));
    if (h.contentType() != null) {
      request.header("Content-Type", h.contentType());
    }
    return http.send(request.build());
  }

  Obj organizer() {
    return new Obj(true, fields(
        "name", line(200, false, () -> generator.pick(NAMES)),
        "email", new Email(true),
        "address", new Text(true, 1, 1000, true, false, () -> generator.pick(List.of("10 Library Way, Springfield",
            "22 Reading Rd\nShelbyville, IL 62565", "Apt. 4 — 1 Main St")))));
  }

  static Text line(int max, boolean unique, java.util.function.Supplier<String> base) {
    return new Text(true, 1, max, false, unique, base);
  }

  static Map<String, Spec> fields(Object... pairs) {
    Map<String, Spec> fields = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      fields.put((String) pairs[i], (Spec) pairs[i + 1]);
    }
    return fields;
  }

  static String strip(Object value) {
    return value == null ? null : value.toString().strip();
  }

  static LocalDate date(Object value) {
    try {
      return value instanceof String s ? LocalDate.parse(s) : null;
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** The rows a list of sent objects must be stored as: the named fields, trimmed, upper-case column names. */
  static List<Map<String, Object>> rows(List<?> sent, String... names) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Object item : sent) {
      Map<String, Object> row = new LinkedHashMap<>();
      for (String name : names) {
        String column = name.equals("memberId") ? "MEMBER_ID" : name.toUpperCase();
        row.put(column, strip(((Map<?, ?>) item).get(name)));
      }
      rows.add(row);
    }
    return rows;
  }

}
