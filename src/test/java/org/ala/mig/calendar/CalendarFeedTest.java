package org.ala.mig.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.data.ParserException;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.component.VTimeZone;
import org.ala.mig.common.MigProperties;
import org.ala.mig.mail.MailOutbox;
import org.ala.mig.registry.DeadlineCalendar;
import org.ala.mig.support.HttpApi;
import org.ala.mig.support.HttpApi.Reply;
import org.ala.mig.support.HttpCalls;
import org.ala.mig.support.ManagedMigs;
import org.ala.mig.support.ManagedMigs.Managed;
import org.ala.mig.support.MigSpringBootTest;
import org.ala.mig.support.PetitionJson;
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
 * The calendar feeds through the running application (CONTRACT.md, step 13; docs/calendars.md):
 * built from real MIGs, conferences, meetings arranged in arrangeMeetingSpace and reports opened by
 * the lifecycle on the engine clock, fetched over HTTP and parsed back with ical4j's
 * CalendarBuilder, every date checked in Chicago time: across both daylight-saving changes of
 * 2027, a term starting on February 29, a report due on August 1. A renewal moves the term's end
 * under the same UID with a higher SEQUENCE; keys answer 404 when wrong or missing, a reset
 * replaces the key at once, and two first asks at the same moment end with one key.
 */
@MigSpringBootTest
class CalendarFeedTest {

  static final ZoneId CHICAGO = ZoneId.of("America/Chicago");
  static final String DOMAIN = "@" + CalendarService.UID_DOMAIN;

  @LocalServerPort int port;
  @Autowired RuntimeService runtime;
  @Autowired ManagementService management;
  @Autowired TaskService tasks;
  @Autowired MailOutbox outbox;
  @Autowired JdbcTemplate jdbc;
  @Autowired DeadlineCalendar deadlines;
  @Autowired MigProperties properties;

  HttpApi http;
  ManagedMigs migs;
  final HttpClient client = HttpClient.newHttpClient();
  final String suffix = UUID.randomUUID().toString().substring(0, 8);

  @BeforeEach
  void setUp() {
    http = new HttpApi(port);
    migs = new ManagedMigs(http, runtime, management, outbox, jdbc);
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  // --- the round trip --------------------------------------------------------------------------

  @Test
  void conferencesAndMeetingsAcrossBothDaylightSavingChangesComeBackInChicagoTime() {
    // given, on January 5, 2027, two conferences over the changes of 2027 (March 14, November 7)
    ManagedMigs.clockAt(Instant.parse("2027-01-05T15:00:00Z"));
    String spring = "cal-spring-" + suffix;
    String fall = "cal-fall-" + suffix;
    addConference(spring, "Spring Forward Meeting " + suffix, "2027-03-13", "2027-03-14", "Chicago, IL");
    addConference(fall, "Fall Back Meeting " + suffix, "2027-11-06", "2027-11-07", null);
    Managed mig = migs.manage("Calendar Across DST", LocalDate.of(2026, 1, 10));
    migs.runDueJobs(migs.lifecycle(mig.id()));
    // and a meeting across each change: 1:00 to 4:00 on March 14 (two hours long), 0:30 to 2:30 on November 7 (three)
    ZonedDateTime springStart = LocalDateTime.of(2027, 3, 14, 1, 0).atZone(CHICAGO);
    ZonedDateTime springEnd = LocalDateTime.of(2027, 3, 14, 4, 0).atZone(CHICAGO);
    ZonedDateTime fallStart = LocalDateTime.of(2027, 11, 7, 0, 30).atZone(CHICAGO);
    ZonedDateTime fallEnd = LocalDateTime.of(2027, 11, 7, 2, 30).atZone(CHICAGO);
    assertThat(springEnd.toInstant()).isEqualTo(springStart.toInstant().plusSeconds(2 * 3600));
    assertThat(fallEnd.toInstant()).isEqualTo(fallStart.toInstant().plusSeconds(3 * 3600));
    String springMeeting = arrangeMeeting(mig, spring, springStart.toInstant(), springEnd.toInstant(), "Room W183");
    String fallMeeting = arrangeMeeting(mig, fall, fallStart.toInstant(), fallEnd.toInstant(), "Room E350");
    // and an extra report COO asked for, due March 1
    Reply extra = http.postJson("/api/migs/" + mig.id() + "/report-requests", "coo1", "{\"dueDate\": \"2027-03-01\"}");
    assertThat(extra.status()).as(extra.body()).isEqualTo(202);

    // when anyone fetches the conference feed
    Fetched feed = fetch("/calendar/conferences.ics");

    // then it is iCalendar, with the calendar's properties and the zone's definition
    assertThat(feed.status).isEqualTo(200);
    assertThat(feed.contentType).isEqualToIgnoringCase("text/calendar;charset=UTF-8");
    assertThat(feed.disposition).startsWith("inline").contains("filename=\"ala-conferences.ics\"");
    Calendar calendar = feed.calendar();
    assertCalendarProperties(calendar, "ALA conferences and MIG meetings");
    // the conferences all day over their dates (DTEND the day after the last, as RFC 5545 counts)
    VEvent springConference = only(calendar, "conference-" + spring + DOMAIN);
    assertThat(start(springConference)).isEqualTo(LocalDate.of(2027, 3, 13));
    assertThat(end(springConference)).isEqualTo(LocalDate.of(2027, 3, 15));
    assertThat(prop(springConference, "SUMMARY")).isEqualTo("Spring Forward Meeting " + suffix);
    assertThat(prop(springConference, "LOCATION")).isEqualTo("Chicago, IL");
    VEvent fallConference = only(calendar, "conference-" + fall + DOMAIN);
    assertThat(start(fallConference)).isEqualTo(LocalDate.of(2027, 11, 6));
    assertThat(end(fallConference)).isEqualTo(LocalDate.of(2027, 11, 8));
    // the meetings at their instants, and at the same wall-clock times in Chicago
    assertMeeting(only(calendar, "meeting-" + springMeeting + DOMAIN), springStart, springEnd, mig.name(), "Room W183");
    assertMeeting(only(calendar, "meeting-" + fallMeeting + DOMAIN), fallStart, fallEnd, mig.name(), "Room E350");
    assertThat(feed.text).contains("DTSTART;TZID=America/Chicago:20270314T010000",
        "DTEND;TZID=America/Chicago:20270314T040000", "DTSTART;TZID=America/Chicago:20271107T003000",
        "DTEND;TZID=America/Chicago:20271107T023000");
    assertNoPersonalData(feed.text, mig);

    // when the MIG's feed is fetched with its key
    Fetched own = fetch(path(linkOf(mig.id(), "coo1")));

    // then it has the MIG's meetings, its report due August 1 and the extra one, its term and window
    assertThat(own.status).as(own.text).isEqualTo(200);
    assertThat(own.disposition).contains("filename=\"" + mig.id() + ".ics\"");
    Calendar mine = own.calendar();
    assertCalendarProperties(mine, mig.name() + ": MIG deadlines and meetings");
    assertMeeting(only(mine, "meeting-" + springMeeting + DOMAIN), springStart, springEnd, mig.name(), "Room W183");
    assertMeeting(only(mine, "meeting-" + fallMeeting + DOMAIN), fallStart, fallEnd, mig.name(), "Room E350");
    VEvent august = only(mine, "report-" + mig.id() + ":2027" + DOMAIN);
    assertThat(start(august)).isEqualTo(LocalDate.of(2027, 8, 1));
    assertThat(end(august)).isEqualTo(LocalDate.of(2027, 8, 2));
    assertThat(prop(august, "SUMMARY")).isEqualTo("Annual report 2027 due: " + mig.name());
    assertThat(prop(august, "DESCRIPTION")).contains("by the end of August 1, 2027 (11:59 pm, America/Chicago)");
    VEvent requested = only(mine, "report-" + mig.id() + ":2027-03-01" + DOMAIN);
    assertThat(start(requested)).isEqualTo(LocalDate.of(2027, 3, 1));
    assertThat(start(only(mine, "term-end-" + mig.id() + DOMAIN))).isEqualTo(LocalDate.of(2029, 1, 9));
    assertThat(start(only(mine, "renewal-window-" + mig.id() + DOMAIN))).isEqualTo(LocalDate.of(2028, 1, 9));
    assertNoPersonalData(own.text, mig);
  }

  @Test
  void aTermFromFebruary29EndsOnFebruary28AndARenewalMovesItsEventUnderTheSameUid() {
    // given a MIG whose term starts on February 29, 2028, and its report due August 1, 2028
    ManagedMigs.clockAt(LocalDate.of(2028, 3, 1).atTime(10, 0).atZone(CHICAGO).toInstant());
    Managed mig = migs.manage("Calendar Leap Day", LocalDate.of(2028, 2, 29));
    assertThat(mig.termEnd()).isEqualTo(LocalDate.of(2031, 2, 28));
    String lifecycle = migs.lifecycle(mig.id());
    migs.runDueJobs(lifecycle);
    String feedPath = path(linkOf(mig.id(), "coo1"));

    // when its feed is fetched
    Calendar before = fetch(feedPath).calendar();

    // then the term ends on February 28, 2031, the window opens a year before, the report is due August 1
    VEvent termEnd = only(before, "term-end-" + mig.id() + DOMAIN);
    assertThat(start(termEnd)).isEqualTo(LocalDate.of(2031, 2, 28));
    assertThat(end(termEnd)).isEqualTo(LocalDate.of(2031, 3, 1));
    VEvent window = only(before, "renewal-window-" + mig.id() + DOMAIN);
    assertThat(start(window)).isEqualTo(LocalDate.of(2030, 2, 28));
    assertThat(start(only(before, "report-" + mig.id() + ":2028" + DOMAIN))).isEqualTo(LocalDate.of(2028, 8, 1));
    int termSequence = sequence(termEnd);
    int windowSequence = sequence(window);
    Instant termModified = lastModified(termEnd);

    // when, on the day its window opens, the MIG re-petitions and COO approves
    ManagedMigs.clockAt(LocalDate.of(2030, 2, 28).atTime(10, 0).atZone(CHICAGO).toInstant());
    renew(mig);
    Calendar after = fetch(feedPath).calendar();

    // then the same UIDs come with the new dates and a higher SEQUENCE, and no copy
    VEvent renewedEnd = only(after, "term-end-" + mig.id() + DOMAIN);
    assertThat(start(renewedEnd)).isEqualTo(LocalDate.of(2034, 2, 28));
    assertThat(sequence(renewedEnd)).isGreaterThan(termSequence);
    assertThat(lastModified(renewedEnd)).isAfter(termModified);
    VEvent movedWindow = only(after, "renewal-window-" + mig.id() + DOMAIN);
    assertThat(start(movedWindow)).isEqualTo(LocalDate.of(2033, 2, 28));
    assertThat(sequence(movedWindow)).isGreaterThan(windowSequence);
    assertThat(after.<VEvent>getComponents("VEVENT").stream().filter(e -> uid(e).startsWith("term-end-"))).hasSize(1);

    // and fetched again, nothing changed: the SEQUENCE stays
    VEvent again = only(fetch(feedPath).calendar(), "term-end-" + mig.id() + DOMAIN);
    assertThat(sequence(again)).isEqualTo(sequence(renewedEnd));
  }

  // --- the keys --------------------------------------------------------------------------------

  @Test
  void aWrongOrMissingKeyIs404WithoutTellingWhetherTheMigExistsAndAResetEndsTheOldKey() {
    Managed mig = migs.manage("Calendar Keys", deadlines.today().minusYears(1));
    Managed other = migs.manage("Calendar Other Keys", deadlines.today().minusYears(1));
    String url = linkOf(mig.id(), "coo1");
    assertThat(url).startsWith(properties.mail().publicUrl() + "/calendar/migs/" + mig.id() + ".ics?key=");
    String key = url.substring(url.indexOf("?key=") + 5);
    assertThat(key).matches("[A-Za-z0-9_-]{43}");
    assertThat(linkOf(mig.id(), "liaison1")).as("asked again, by anyone allowed: the same link").isEqualTo(url);
    assertThat(fetch(path(url)).status).isEqualTo(200);

    Fetched wrong = fetch("/calendar/migs/" + mig.id() + ".ics?key=" + key.substring(1) + "A");
    Fetched missing = fetch("/calendar/migs/" + mig.id() + ".ics");
    Fetched empty = fetch("/calendar/migs/" + mig.id() + ".ics?key=");
    Fetched othersKey = fetch("/calendar/migs/" + mig.id() + ".ics?key=" + keyOf(linkOf(other.id(), "coo1")));
    Fetched noSuchMig = fetch("/calendar/migs/no-such-mig-" + suffix + ".ics?key=" + key);
    Fetched noKeyYet = fetch("/calendar/migs/" + migs.manage("Calendar No Key", deadlines.today().minusYears(1)).id()
        + ".ics?key=" + key);
    for (Fetched refused : List.of(wrong, missing, empty, othersKey, noSuchMig, noKeyYet)) {
      assertThat(refused.status).isEqualTo(404);
      assertThat(refused.text).isEqualTo(wrong.text).contains(CalendarService.NO_SUCH_FEED).doesNotContain(mig.name());
    }

    // when an organizer's colleague at Member Programs resets the link
    Reply reset = http.post("/api/migs/" + mig.id() + "/calendar/reset", "mps1", "application/json", "");
    assertThat(reset.status()).as(reset.body()).isEqualTo(200);
    String newUrl = reset.json().path("url").asText();

    // then the old key is refused at once, the new one works, and the link shown is the new one
    assertThat(newUrl).isNotEqualTo(url);
    assertThat(fetch(path(url)).status).isEqualTo(404);
    assertThat(fetch(path(newUrl)).status).isEqualTo(200);
    assertThat(linkOf(mig.id(), "coo1")).isEqualTo(newUrl);
    assertThat(http.get("/api/migs/no-such-mig-" + suffix + "/calendar", "coo1").status()).isEqualTo(404);
  }

  @Test
  void twoFirstAsksAtTheSameMomentEndWithOneKey() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < 6; round++) {
        String migId = migs.manage("Calendar Race", deadlines.today().minusYears(1)).id();
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Reply>> asks = new ArrayList<>();
        for (String user : List.of("coo1", "mps1")) {
          Callable<Reply> ask = () -> {
            go.await();
            return http.get("/api/migs/" + migId + "/calendar", user);
          };
          asks.add(pool.submit(ask));
        }
        go.countDown();
        Reply first = asks.get(0).get();
        Reply second = asks.get(1).get();
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(second.status()).as(second.body()).isEqualTo(200);
        assertThat(first.json().path("url").asText()).isEqualTo(second.json().path("url").asText());
        assertThat(jdbc.queryForObject("select count(*) from mig_calendar_key where mig_id = ?", Integer.class, migId))
            .isEqualTo(1);
        assertThat(fetch(path(first.json().path("url").asText())).status).isEqualTo(200);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  // --- no personal data, and the sizes ------------------------------------------------------------

  /**
   * Every feed of the demo data (the conference feed and the seven MIGs' feeds) and the feed of a
   * MIG that owes a full term of reports parse, name no organizer (no address, no email of anyone
   * in mig_organizer), and are measured: their sizes in bytes are printed for the closing note.
   */
  @Test
  void theDemoFeedsAndAFullTermsFeedNameNoOrganizerAndAreMeasured() {
    // a MIG established January 5, 2027, whose three yearly reports the lifecycle opened in turn,
    // none of them received (the clock moved to the day after each due date)
    ManagedMigs.clockAt(LocalDate.of(2027, 1, 5).atTime(9, 0).atZone(CHICAGO).toInstant());
    Managed full = migs.manage("Calendar Full Term", LocalDate.of(2027, 1, 5));
    String lifecycle = migs.lifecycle(full.id());
    migs.runDueJobs(lifecycle);
    for (int year = 2027; year <= 2029; year++) {
      ManagedMigs.clockAt(LocalDate.of(year, 8, 2).atTime(10, 0).atZone(CHICAGO).toInstant());
      migs.runDueJobs(lifecycle);
    }
    List<String> personal = new ArrayList<>(jdbc.queryForList("select email from mig_organizer", String.class));
    personal.addAll(jdbc.queryForList("select address from mig_organizer", String.class));
    assertThat(personal).contains(full.organizerEmails().get(0));

    Fetched conferences = fetch("/calendar/conferences.ics");
    assertThat(conferences.calendar().getComponents("VEVENT")).isNotEmpty();
    assertThat(conferences.text).doesNotContain(personal.toArray(String[]::new));
    List<String> sizes = new ArrayList<>();
    sizes.add("conferences.ics (demo data and the tests' conferences so far): " + bytes(conferences) + " bytes, "
        + conferences.calendar().getComponents("VEVENT").size() + " events");
    for (String name : List.of("Diversity", "Entrepreneurship and Maker Spaces", "Graphic Novels & Comics in Libraries",
        "Librarians Build Communities", "Libraries Foster Community Engagement", "Programming Librarian Interest Group",
        "Virtual Communities and Libraries")) {
      String id = org.ala.mig.registry.MigIds.slug(name);
      Fetched feed = fetch(path(linkOf(id, "coo1")));
      assertThat(feed.text).doesNotContain(personal.toArray(String[]::new));
      sizes.add(id + ".ics (demo): " + bytes(feed) + " bytes, " + feed.calendar().getComponents("VEVENT").size() + " events");
    }
    Fetched fullTerm = fetch(path(linkOf(full.id(), "coo1")));
    Calendar fullCalendar = fullTerm.calendar();
    assertThat(fullCalendar.<VEvent>getComponents("VEVENT").stream().filter(e -> uid(e).startsWith("report-")))
        .extracting(CalendarFeedTest::start)
        .contains(LocalDate.of(2027, 8, 1), LocalDate.of(2028, 8, 1), LocalDate.of(2029, 8, 1));
    assertThat(fullTerm.text).doesNotContain(personal.toArray(String[]::new));
    sizes.add("a MIG owing a full term of reports: " + bytes(fullTerm) + " bytes, "
        + fullCalendar.getComponents("VEVENT").size() + " events");
    System.out.println("Calendar feed sizes:\n  " + String.join("\n  ", sizes));
  }

  private static int bytes(Fetched feed) {
    return feed.text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
  }

  // --- helpers ---------------------------------------------------------------------------------

  record Fetched(int status, String text, String contentType, String disposition) {
    Calendar calendar() {
      assertThat(status).as(text).isEqualTo(200);
      try {
        return new CalendarBuilder().build(new StringReader(text));
      } catch (IOException | ParserException e) {
        throw new AssertionError("not iCalendar: " + text, e);
      }
    }
  }

  Fetched fetch(String path) {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .header("Accept", "text/calendar").GET().build();
    HttpResponse<String> response = HttpCalls.send(client, request);
    return new Fetched(response.statusCode(), response.body(), response.headers().firstValue("Content-Type").orElse(""),
        response.headers().firstValue("Content-Disposition").orElse(""));
  }

  private String linkOf(String migId, String user) {
    Reply reply = http.get("/api/migs/" + migId + "/calendar", user);
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    return reply.json().path("url").asText();
  }

  /** The path and query of a feed's absolute URL (the tests' public URL names no real port). */
  static String path(String url) {
    URI uri = URI.create(url);
    return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
  }

  static String keyOf(String url) {
    return url.substring(url.indexOf("?key=") + 5);
  }

  private void addConference(String id, String name, String start, String end, String location) {
    String body = location == null
        ? "{\"id\": \"%s\", \"name\": \"%s\", \"startDate\": \"%s\", \"endDate\": \"%s\"}".formatted(id, name, start, end)
        : "{\"id\": \"%s\", \"name\": \"%s\", \"startDate\": \"%s\", \"endDate\": \"%s\", \"location\": \"%s\"}"
            .formatted(id, name, start, end, location);
    Reply reply = http.postJson("/api/conferences", "confsvc1", body);
    assertThat(reply.status()).as(reply.body()).isEqualTo(201);
  }

  /** The MIG asks for meeting space and Conference Services arranges it: the task's id names the meeting. */
  private String arrangeMeeting(Managed mig, String conferenceId, Instant start, Instant end, String room) {
    Reply asked = http.postJson("/api/migs/" + mig.id() + "/support-requests", "liaison1",
        "{\"type\": \"MEETING_SPACE\", \"details\": \"A room for 30.\"}");
    assertThat(asked.status()).as(asked.body()).isEqualTo(202);
    String lifecycle = migs.lifecycle(mig.id());
    migs.runDueJobs(lifecycle);
    Task task = tasks.createTaskQuery().processInstanceId(lifecycle).taskDefinitionKey("arrangeMeetingSpace")
        .singleResult();
    assertThat(task).isNotNull();
    tasks.complete(task.getId(), Map.of("meetingArrangements", room + ".", "spaceArranged", true,
        "conferenceId", conferenceId, "meetingStart", start.toString(), "meetingEnd", end.toString(), "room", room));
    migs.runDueJobs(lifecycle);
    return task.getId();
  }

  /** A RENEW petition through intake, verification and COO's approval. */
  private void renew(Managed mig) {
    Reply petition = http.postJson("/api/petitions", "mps1",
        PetitionJson.write(PetitionJson.renew(mig.id(), PetitionJson.signatures(jdbc, 110))));
    assertThat(petition.status()).as(petition.body()).isEqualTo(201);
    String instance = petition.json().path("processInstanceId").asText();
    ManagedMigs.runDueJobs(management, instance);
    tasks.complete(task(instance, "verifySignatures").getId(), Map.of("validSignatureCount", 110));
    ManagedMigs.runDueJobs(management, instance);
    tasks.complete(task(instance, "cooDecision").getId(), Map.of("approved", true, "noOverlapConfirmed", true));
    ManagedMigs.runDueJobs(management, instance);
    ManagedMigs.runDueJobs(management, migs.lifecycle(mig.id()));
    Reply after = http.get("/api/migs/" + mig.id(), "coo1");
    assertThat(after.json().path("termEnd").asText()).as(after.body()).isEqualTo(mig.termEnd().plusYears(3).toString());
  }

  private Task task(String instance, String key) {
    Task task = tasks.createTaskQuery().processInstanceId(instance).taskDefinitionKey(key).singleResult();
    assertThat(task).as(key).isNotNull();
    return task;
  }

  private static void assertCalendarProperties(Calendar calendar, String name) {
    assertThat(value(calendar, "PRODID")).isEqualTo(IcsWriter.PRODID);
    assertThat(value(calendar, "VERSION")).isEqualTo("2.0");
    assertThat(value(calendar, "CALSCALE")).isEqualTo("GREGORIAN");
    assertThat(value(calendar, "METHOD")).isEqualTo("PUBLISH");
    assertThat(value(calendar, "X-WR-CALNAME")).isEqualTo(name);
    List<VTimeZone> zones = calendar.getComponents("VTIMEZONE");
    assertThat(zones).hasSize(1);
    assertThat(prop(zones.get(0), "TZID")).isEqualTo("America/Chicago");
    // the current rules of the zone: CDT from 2:00 on the second Sunday of March, CST from 2:00 on the first of November
    String zone = zones.get(0).toString();
    assertThat(zone).contains("TZOFFSETFROM:-0600\r\nTZOFFSETTO:-0500\r\nDTSTART:20070311T020000\r\n"
        + "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU\r\n");
    assertThat(zone).contains("TZOFFSETFROM:-0500\r\nTZOFFSETTO:-0600\r\nDTSTART:20071104T020000\r\n"
        + "RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU\r\n");
    for (VEvent e : calendar.<VEvent>getComponents("VEVENT")) {
      for (String property : List.of("DTSTAMP", "SUMMARY", "DESCRIPTION", "SEQUENCE", "LAST-MODIFIED", "DTSTART", "DTEND")) {
        assertThat(e.getProperty(property)).as(property + " of " + uid(e)).isPresent();
      }
    }
    List<String> uids = calendar.<VEvent>getComponents("VEVENT").stream().map(CalendarFeedTest::uid).toList();
    assertThat(uids).doesNotHaveDuplicates();
  }

  /**
   * The meeting's times as a calendar reads them: the wall-clock time written with its TZID, in
   * that zone by java.time's rules (the VTIMEZONE checked in {@link #assertCalendarProperties}).
   * ical4j 4.2.5's own conversion of a parsed TZID time is not used: its zone rules, built from the
   * VTIMEZONE, put the spring change an hour early (it reads 1:00 on March 14, 2027 as 06:00Z).
   */
  private static void assertMeeting(VEvent meeting, ZonedDateTime start, ZonedDateTime end, String migName, String room) {
    assertThat(readAt(meeting, "DTSTART")).isEqualTo(start);
    assertThat(readAt(meeting, "DTEND")).isEqualTo(end);
    assertThat(readAt(meeting, "DTSTART").toInstant()).isEqualTo(start.toInstant());
    assertThat(readAt(meeting, "DTEND").toInstant()).isEqualTo(end.toInstant());
    assertThat(prop(meeting, "SUMMARY")).isEqualTo(migName + " (MIG) meeting");
    assertThat(prop(meeting, "LOCATION")).isEqualTo(room);
  }

  static final DateTimeFormatter WALL_CLOCK = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss");

  private static ZonedDateTime readAt(VEvent event, String name) {
    Property property = event.getProperty(name).orElseThrow();
    String tzid = property.getParameter("TZID").map(p -> p.getValue()).orElse(null);
    assertThat(tzid).as("TZID of " + name).isEqualTo("America/Chicago");
    return LocalDateTime.parse(property.getValue(), WALL_CLOCK).atZone(ZoneId.of(tzid));
  }

  private static void assertNoPersonalData(String feed, Managed mig) {
    assertThat(feed).doesNotContain(mig.organizerEmails().toArray(String[]::new))
        .doesNotContain(mig.liaisonEmail(), "1 Main St", "Oak Ave", "Ana Núñez", "Bo Chen", "@lib.example");
  }

  private static VEvent only(Calendar calendar, String uid) {
    List<VEvent> found = calendar.<VEvent>getComponents("VEVENT").stream().filter(e -> uid(e).equals(uid)).toList();
    assertThat(found).as("events with UID " + uid).hasSize(1);
    return found.get(0);
  }

  private static String uid(VEvent event) {
    return prop(event, "UID");
  }

  private static LocalDate start(VEvent event) {
    return (LocalDate) event.getStartDate().get().getDate();
  }

  private static LocalDate end(VEvent event) {
    return (LocalDate) event.getEndDate().get().getDate();
  }

  private static int sequence(VEvent event) {
    return Integer.parseInt(prop(event, "SEQUENCE"));
  }

  private static Instant lastModified(VEvent event) {
    return event.getLastModified().getDate();
  }

  private static String prop(net.fortuna.ical4j.model.Component component, String name) {
    return component.getProperty(name).map(Property::getValue).orElse(null);
  }

  private static String value(Calendar calendar, String name) {
    return calendar.getProperty(name).map(Property::getValue).orElse(null);
  }
}
