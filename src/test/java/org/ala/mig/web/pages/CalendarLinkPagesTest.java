package org.ala.mig.web.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import org.ala.mig.mail.MailOutbox;
import org.ala.mig.registry.DeadlineCalendar;
import org.ala.mig.support.HttpApi;
import org.ala.mig.support.HttpCalls;
import org.ala.mig.support.LinkSession;
import org.ala.mig.support.LinkSession.Answer;
import org.ala.mig.support.ManagedMigs;
import org.ala.mig.support.ManagedMigs.Managed;
import org.ala.mig.support.MigSpringBootTest;
import org.ala.mig.support.PageClient;
import org.ala.mig.support.PageClient.Page;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The calendar link on the pages (docs/calendars.md): an organizer sees each of their MIGs' links
 * on /my and resets one with the button; on the MIG's page staff who read its requests see the
 * link, those who may reset it see the button too, and Council sees neither. The link shown is the
 * API's, and a reset replaces the key at once.
 */
@MigSpringBootTest
class CalendarLinkPagesTest {

  final String suffix = UUID.randomUUID().toString().substring(0, 8);
  final String ana = "ana-cal-" + suffix + "@lib.example";
  final String bo = "bo-cal-" + suffix + "@lib.example";

  @LocalServerPort int port;
  @Autowired RuntimeService runtime;
  @Autowired ManagementService management;
  @Autowired MailOutbox outbox;
  @Autowired JdbcTemplate jdbc;
  @Autowired DeadlineCalendar deadlines;
  HttpApi http;
  ManagedMigs migs;

  @BeforeEach
  void setUp() {
    http = new HttpApi(port);
    migs = new ManagedMigs(http, runtime, management, outbox, jdbc);
  }

  @Test
  void anOrganizerSeesEachOfTheirMigsLinksOnMyAndResetsOne() {
    Managed first = migs.manage("Calendar Page One", deadlines.today().minusYears(1), ana, bo);
    Managed second = migs.manage("Calendar Page Two", deadlines.today().minusYears(1), ana, bo);
    LinkSession session = LinkSession.signIn(port, jdbc, ana);

    // when Ana opens /my
    Answer my = session.get("/my");

    // then each MIG's section has its link, the API's, and a reset button that comes back to /my
    assertThat(my.status()).isEqualTo(200);
    for (Managed mig : new Managed[] {first, second}) {
      Element link = Jsoup.parse(my.body()).getElementById("calendar-" + mig.id());
      assertThat(link).as("#calendar-" + mig.id()).isNotNull();
      assertThat(link.parents()).anyMatch(e -> ("mig-" + mig.id()).equals(e.id()));
      assertThat(link.selectFirst("input.calendar-url").attr("value")).isEqualTo(apiLink(mig.id()));
      Element form = link.selectFirst("form.calendar-reset");
      assertThat(form.attr("method")).isEqualTo("post");
      assertThat(form.attr("action")).isEqualTo("/migs/" + mig.id() + "/calendar/reset");
      assertThat(form.selectFirst("input[name=back]").attr("value")).isEqualTo("my");
      assertThat(form.selectFirst("input[name=_csrf]").attr("value")).isNotBlank();
    }
    String oldUrl = apiLink(first.id());

    // when she resets the first MIG's link with the button
    Answer reset = session.postForm("/migs/" + first.id() + "/calendar/reset",
        Map.of("_csrf", LinkSession.csrfOf(my), "back", "my"));

    // then she is back on /my, which shows the new link and says the old one no longer works
    assertThat(reset.status()).as(reset.body()).isEqualTo(302);
    assertThat(reset.location()).endsWith("/my#calendar-" + first.id());
    Element after = Jsoup.parse(session.get("/my").body()).getElementById("calendar-" + first.id());
    String newUrl = after.selectFirst("input.calendar-url").attr("value");
    assertThat(newUrl).isNotEqualTo(oldUrl).isEqualTo(apiLink(first.id()));
    assertThat(after.getElementById("calendar-" + first.id() + "-reset-done").text()).contains("The old link no longer works");
    assertThat(feedStatus(oldUrl)).isEqualTo(404);
    assertThat(feedStatus(newUrl)).isEqualTo(200);
    // the other MIG's link is untouched
    assertThat(Jsoup.parse(session.get("/my").body()).getElementById("calendar-" + second.id())
        .selectFirst("input.calendar-url").attr("value")).isEqualTo(apiLink(second.id()));

    // and she may not reset the link of a MIG she does not organize
    Managed others = migs.manage("Calendar Page Other", deadlines.today().minusYears(1));
    Answer refused = session.postForm("/migs/" + others.id() + "/calendar/reset",
        Map.of("_csrf", LinkSession.csrfOf(session.get("/my")), "back", "my"));
    assertThat(refused.status()).isEqualTo(403);
  }

  @Test
  void onTheMigsPageStaffSeeTheLinkThoseWhoMayResetItTheButtonAndCouncilNeither() {
    Managed mig = migs.manage("Calendar Page Staff", deadlines.today().minusYears(1));
    String url = apiLink(mig.id());

    for (String user : new String[] {"coo1", "mps1", "liaison1"}) {
      Element link = new PageClient(port).signedInAs(user).get("/migs/" + mig.id()).byId("calendar-" + mig.id());
      assertThat(link.selectFirst("input.calendar-url").attr("value")).as(user).isEqualTo(url);
      assertThat(link.select("form.calendar-reset")).as(user).hasSize(1);
    }
    for (String user : new String[] {"confsvc1", "barc1"}) {
      Element link = new PageClient(port).signedInAs(user).get("/migs/" + mig.id()).byId("calendar-" + mig.id());
      assertThat(link.selectFirst("input.calendar-url").attr("value")).as(user).isEqualTo(url);
      assertThat(link.select("form.calendar-reset")).as(user + ": no reset").isEmpty();
    }
    for (String user : new String[] {"council1", "admin"}) {
      Page page = new PageClient(port).signedInAs(user).get("/migs/" + mig.id());
      assertThat(page.status()).isEqualTo(200);
      assertThat(page.html().getElementById("calendar-" + mig.id())).as(user).isNull();
      assertThat(page.body()).as(user).doesNotContain("/calendar/migs/");
    }

    // when Member Programs resets it from the page
    PageClient mps = new PageClient(port).signedInAs("mps1");
    Page before = mps.get("/migs/" + mig.id());
    Page reset = mps.postForm("/migs/" + mig.id() + "/calendar/reset", Map.of("_csrf", before.csrf(), "back", "mig"));

    // then the page shows the new link, and the old key is refused
    assertThat(reset.status()).as(reset.body()).isEqualTo(302);
    assertThat(reset.location()).endsWith("/migs/" + mig.id() + "#calendar-" + mig.id());
    Element after = mps.get("/migs/" + mig.id()).byId("calendar-" + mig.id());
    assertThat(after.selectFirst("input.calendar-url").attr("value")).isNotEqualTo(url).isEqualTo(apiLink(mig.id()));
    assertThat(after.getElementById("calendar-" + mig.id() + "-reset-done")).isNotNull();
    assertThat(feedStatus(url)).isEqualTo(404);

    // and Conference Services, who see the link, may not reset it
    PageClient confsvc = new PageClient(port).signedInAs("confsvc1");
    Page theirs = confsvc.get("/migs/" + mig.id());
    assertThat(confsvc.postForm("/migs/" + mig.id() + "/calendar/reset", Map.of("_csrf", theirs.csrf(), "back", "mig"))
        .status()).isEqualTo(403);
  }

  private String apiLink(String migId) {
    HttpApi.Reply reply = http.get("/api/migs/" + migId + "/calendar", "coo1");
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    return reply.json().path("url").asText();
  }

  private int feedStatus(String url) {
    URI uri = URI.create(url);
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + uri.getRawPath() + "?"
        + uri.getRawQuery())).GET().build();
    HttpResponse<String> response = HttpCalls.send(HttpClient.newHttpClient(), request);
    return response.statusCode();
  }
}
