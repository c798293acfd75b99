package org.ala.mig.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import org.ala.mig.mail.MailOutbox;
import org.ala.mig.support.HttpApi;
import org.ala.mig.support.LinkSession.Answer;
import org.ala.mig.support.ManagedMigs;
import org.ala.mig.support.ManagedMigs.Managed;
import org.ala.mig.support.MigSpringBootTest;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Cross-site request forgery and the link sessions of organizers and members: a JSON write of a
 * session must carry the header X-XSRF-TOKEN with the value of the cookie XSRF-TOKEN (no header,
 * or another value, is refused and stores nothing), and a form of the pages its field
 * {@code _csrf}. The staff's side is {@link CsrfTest}'s.
 */
@MigSpringBootTest
class LinkSessionCsrfTest {

  static final String SUPPORT = "{\"type\": \"SUPPORT_ITEM\", \"details\": \"A banner stand\"}";

  @LocalServerPort int port;
  @Autowired RuntimeService runtime;
  @Autowired ManagementService management;
  @Autowired HistoryService history;
  @Autowired MailOutbox outbox;
  @Autowired JdbcTemplate jdbc;
  @Autowired Clock clock;

  @Test
  void anOrganizersJsonWriteNeedsTheHeaderWithTheCookiesValue() {
    ManagedMigs migs = new ManagedMigs(new HttpApi(port), runtime, management, outbox, jdbc);
    Managed mig = migs.manage("Link Csrf", LocalDate.now(clock).minusYears(1));
    String lifecycle = migs.lifecycle(mig.id());
    LinkBrowser organizer = LinkBrowser.signIn(port, jdbc, mig.organizerEmails().get(0));
    String path = "/api/migs/" + mig.id() + "/support-requests";
    String token = organizer.xsrfCookie();

    Answer withoutHeader = organizer.sendJson("POST", path, SUPPORT, null);
    Answer wrongValue = organizer.sendJson("POST", path, SUPPORT, UUID.randomUUID().toString());
    Answer emptyValue = organizer.sendJson("POST", path, SUPPORT, "");

    for (Answer refused : new Answer[] {withoutHeader, wrongValue, emptyValue}) {
      assertThat(refused.status()).as(refused.body()).isEqualTo(403);
      assertThat(refused.body()).contains("CSRF");
    }
    assertThat(supportRequests(lifecycle)).as("nothing stored").isZero();

    Answer rightValue = organizer.sendJson("POST", path, SUPPORT, token);
    assertThat(rightValue.status()).as(rightValue.body()).isEqualTo(202);
    assertThat(supportRequests(lifecycle)).as("the request stored").isPositive();
  }

  @Test
  void aMembersFormNeedsItsField() {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    String email = "csrf.member." + suffix + "@lib.example";
    HttpApi http = new HttpApi(port);
    HttpApi.Reply roster = http.post("/api/roster", "mps1", "text/csv", "member_id,name,email,good_standing_through\n"
        + "CSRF" + suffix + ",Csrf Member," + email + "," + LocalDate.now(clock).plusYears(1) + "\n");
    assertThat(roster.status()).as(roster.body()).isEqualTo(200);
    LinkBrowser member = LinkBrowser.signIn(port, jdbc, email);
    Answer registry = member.get("/registry");
    assertThat(registry.status()).isEqualTo(200);
    String formToken = Jsoup.parse(registry.body()).select("form.signout input[name=_csrf]").attr("value");
    assertThat(formToken).as("the sign-out form's field _csrf").isNotBlank();

    Answer withoutField = member.postForm("/logout", Map.of());
    Answer wrongField = member.postForm("/logout", Map.of("_csrf", UUID.randomUUID().toString()));

    assertThat(withoutField.status()).as(withoutField.body()).isEqualTo(403);
    assertThat(wrongField.status()).as(wrongField.body()).isEqualTo(403);
    assertThat(member.get("/api/me").status()).as("still signed in").isEqualTo(200);

    Answer signedOut = member.postForm("/logout", Map.of("_csrf", formToken));
    assertThat(signedOut.status()).as("sign-out with the field").isEqualTo(302);
    assertThat(member.get("/api/me").status()).as("signed out").isEqualTo(401);
  }

  private long supportRequests(String lifecycle) {
    return history.createHistoricVariableInstanceQuery().processInstanceId(lifecycle)
        .variableName("supportDetails").count();
  }
}
