package org.ala.mig.signin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import org.ala.mig.mail.MailOutbox;
import org.ala.mig.support.HttpApi;
import org.ala.mig.support.LinkSession;
import org.ala.mig.support.LinkSession.Answer;
import org.ala.mig.support.ManagedMigs;
import org.ala.mig.support.ManagedMigs.Managed;
import org.ala.mig.support.MigSpringBootTest;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Signing in with a link by mail, through every door a person or an attacker may try: a known
 * organizer and a roster member get a link that signs them in once, for 15 minutes; an unknown or
 * lapsed address gets the same answer and no mail; a used, expired or made-up token, a form
 * without its CSRF token, and too many requests are refused; a link session is no staff session.
 */
@MigSpringBootTest
class SignInLinkTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  @Autowired RuntimeService runtime;
  @Autowired ManagementService management;
  @Autowired MailOutbox outbox;

  HttpApi http;
  Managed mig;
  String organizer;

  @BeforeEach
  void aMigWithItsOrganizers() {
    http = new HttpApi(port);
    mig = new ManagedMigs(http, runtime, management, outbox, jdbc).manage("Link Sign-In", LocalDate.of(2026, 3, 1));
    organizer = mig.organizerEmails().get(0);
  }

  @Test
  void anOrganizerGetsALinkThatSignsInOnceAndLandsOnMy() throws Exception {
    LinkSession browser = new LinkSession(port);
    Answer asked = browser.askForLink(organizer.toUpperCase());

    assertThat(asked.status()).isEqualTo(302);
    assertThat(asked.location()).endsWith("/login?sent");
    Map<String, Object> mail = jdbc.queryForMap("select to_addresses, cc_addresses, subject, body_text, body_html"
        + " from mail_outbox where template = 'sign-in-link' and to_addresses like ? order by id desc", "%" + organizer + "%");
    assertThat(mail.get("to_addresses").toString()).contains(organizer).doesNotContain(",");
    assertThat(mail.get("cc_addresses").toString()).doesNotContain("@");
    assertThat(mail.get("subject")).isEqualTo("Your sign-in link to MIG Lifecycle");
    String token = LinkSession.latestToken(jdbc, organizer);
    assertThat(mail.get("body_text").toString()).contains("/login/ott?token=" + token, "15 minutes", "/my");
    assertThat(mail.get("body_html").toString()).contains("/login/ott?token=" + token);
    assertThat(browser.get("/login?sent").body()).contains("a sign-in link is on its way");

    Answer signedIn = browser.useLink(token);
    assertThat(signedIn.status()).isEqualTo(302);
    assertThat(signedIn.location()).endsWith("/my");
    JsonNode me = JSON.readTree(browser.get("/api/me").body());
    assertThat(me.path("userId").asText()).isEqualTo(organizer);
    assertThat(me.path("groups")).extracting(JsonNode::asText).containsExactly("organizer");
    assertThat(me.path("organizerOf")).extracting(JsonNode::asText).containsExactly(mig.id());
    assertThat(me.path("draftsOf")).isEmpty();
    assertThat(me.has("memberId")).isFalse();

    LinkSession again = new LinkSession(port);
    Answer usedTwice = again.useLink(token);
    assertThat(usedTwice.status()).isEqualTo(302);
    assertThat(usedTwice.location()).endsWith("/login?error");
    assertThat(again.get("/login?error").body()).contains("has expired or was already used");
    assertThat(again.get("/api/me").status()).as("not signed in").isEqualTo(401);
  }

  @Test
  void anUnknownAddressGetsTheSameAnswerAndNoMail() {
    String unknown = "nobody-" + UUID.randomUUID() + "@elsewhere.example";
    int mailsBefore = mails();

    Answer known = new LinkSession(port).askForLink(organizer);
    int afterKnown = mails();
    Answer stranger = new LinkSession(port).askForLink(unknown);

    assertThat(stranger.status()).isEqualTo(known.status()).isEqualTo(302);
    assertThat(stranger.location()).isEqualTo(known.location());
    assertThat(stranger.body()).isEqualTo(known.body());
    assertThat(afterKnown).isEqualTo(mailsBefore + 1);
    assertThat(mails()).as("no mail for an unknown address").isEqualTo(afterKnown);
    assertThat(jdbc.queryForObject("select count(*) from one_time_tokens where username = ?", Integer.class,
        unknown.toLowerCase())).as("its token is dropped at once").isZero();
  }

  @Test
  void aRosterMemberInGoodStandingSignsInAsMemberAndALapsedOneGetsNoMail() throws Exception {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    String member = "member-" + suffix + "@lib.example";
    String lapsed = "lapsed-" + suffix + "@lib.example";
    member("M" + suffix, "Mia Member", member, LocalDate.of(2030, 12, 31));
    member("L" + suffix, "Lou Lapsed", lapsed, LocalDate.of(2020, 1, 31));

    LinkSession session = LinkSession.signIn(port, jdbc, member);
    JsonNode me = JSON.readTree(session.get("/api/me").body());
    assertThat(me.path("groups")).extracting(JsonNode::asText).containsExactly("member");
    assertThat(me.path("memberId").asText()).isEqualTo("M" + suffix);
    assertThat(me.path("organizerOf")).isEmpty();

    assertThat(new LinkSession(port).askForLink(lapsed).location()).endsWith("/login?sent");
    assertThat(LinkSession.linksMailedTo(jdbc, lapsed)).isZero();
  }

  @Test
  void anExpiredOrMadeUpLinkSignsNobodyIn() {
    LinkSession browser = new LinkSession(port);
    browser.askForLink(organizer);
    String token = LinkSession.latestToken(jdbc, organizer);
    jdbc.update("update one_time_tokens set expires_at = ? where token_value = ?",
        java.sql.Timestamp.from(engineNow().minusSeconds(60 * 16)), token);

    Answer expired = browser.useLink(token);
    Answer madeUp = new LinkSession(port).useLink(UUID.randomUUID().toString());

    assertThat(expired.location()).endsWith("/login?error");
    assertThat(madeUp.location()).endsWith("/login?error");
    assertThat(browser.get("/api/me").status()).isEqualTo(401);
    assertThat(browser.get("/my").location()).contains("/login?next=%2Fmy");
  }

  @Test
  void theLinkIsValidForFifteenMinutes() {
    Instant before = engineNow();
    new LinkSession(port).askForLink(organizer);
    Instant expiresAt = jdbc.queryForObject("select expires_at from one_time_tokens where token_value = ?",
        java.sql.Timestamp.class, LinkSession.latestToken(jdbc, organizer)).toInstant();
    assertThat(expiresAt).isBetween(before.plusSeconds(15 * 60 - 5), engineNow().plusSeconds(15 * 60 + 5));
  }

  @Test
  void formsWithoutTheirCsrfTokenAreRefused() {
    LinkSession browser = new LinkSession(port);
    browser.get("/login");
    int mailsBefore = mails();

    Answer noToken = browser.postForm("/ott/generate", Map.of("username", organizer));
    assertThat(noToken.status()).isEqualTo(403);
    assertThat(mails()).isEqualTo(mailsBefore);

    browser.askForLink(organizer);
    String token = LinkSession.latestToken(jdbc, organizer);
    Answer forged = browser.postForm("/login/ott", Map.of("token", token));
    assertThat(forged.status()).isEqualTo(403);
    assertThat(browser.useLink(token).location()).as("the link still works").endsWith("/my");
  }

  @Test
  void anAddressThatIsNoEmailAddressIsNamedAsSuch() {
    for (String wrong : List.of("", "not-an-address", "a@b@c", "x".repeat(250) + "@lib.example")) {
      LinkSession browser = new LinkSession(port);
      String csrf = LinkSession.csrfOf(browser.get("/login"));
      Answer answer = browser.postForm("/ott/generate", Map.of("username", wrong, "_csrf", csrf));
      assertThat(answer.status()).as(wrong).isEqualTo(400);
      assertThat(org.jsoup.Jsoup.parse(answer.body()).select("#link-username-error").text()).as(wrong)
          .isNotBlank();
    }
  }

  @Test
  void oneAddressGetsThreeLinksAndThenWaits() {
    LinkSession browser = new LinkSession(port);
    for (int i = 0; i < 3; i++) {
      assertThat(browser.askForLink(organizer).status()).as("link %d", i + 1).isEqualTo(302);
    }
    Answer fourth = browser.askForLink(organizer);
    assertThat(fourth.status()).isEqualTo(429);
    assertThat(org.jsoup.Jsoup.parse(fourth.body()).select("#link-username-error").text())
        .startsWith("Too many sign-in links were asked for this address").contains("try again in 1 second");
    assertThat(LinkSession.linksMailedTo(jdbc, organizer)).isEqualTo(3);
  }

  @Test
  void aLinkSessionIsNoStaffSession() throws Exception {
    Managed other = new ManagedMigs(http, runtime, management, outbox, jdbc).manage("Someone Else's",
        LocalDate.of(2026, 3, 1));
    LinkSession session = LinkSession.signIn(port, jdbc, organizer);

    assertThat(session.get("/engine-rest/engine").status()).isEqualTo(403);
    assertThat(session.get("/camunda/app/tasklist/").status()).isEqualTo(403);
    assertThat(session.get("/camunda/api/engine/engine/").status()).isEqualTo(403);
    assertThat(session.get("/outbox").status()).isEqualTo(403);
    assertThat(session.postJson("/api/petitions", "{}").status()).isEqualTo(403);
    assertThat(JSON.readTree(session.get("/api/migs/" + mig.id()).body()).path("organizers")).hasSize(2);
    assertThat(JSON.readTree(session.get("/api/migs/" + other.id()).body()).has("organizers")).isFalse();
    assertThat(session.get("/api/migs/" + other.id()).body()).doesNotContain(other.organizerEmails().get(0));
  }

  @Test
  void twoRequestsWithOneLinkAtTheSameMomentSignInOnce() throws Exception {
    new LinkSession(port).askForLink(organizer);
    String token = LinkSession.latestToken(jdbc, organizer);
    LinkSession first = new LinkSession(port);
    LinkSession second = new LinkSession(port);
    String firstCsrf = LinkSession.csrfOf(first.get("/login/ott?token=" + token));
    String secondCsrf = LinkSession.csrfOf(second.get("/login/ott?token=" + token));
    CyclicBarrier together = new CyclicBarrier(2);

    CompletableFuture<Answer> one = CompletableFuture.supplyAsync(() -> {
      await(together);
      return first.postForm("/login/ott", Map.of("token", token, "_csrf", firstCsrf));
    });
    CompletableFuture<Answer> two = CompletableFuture.supplyAsync(() -> {
      await(together);
      return second.postForm("/login/ott", Map.of("token", token, "_csrf", secondCsrf));
    });

    List<String> places = List.of(one.get().location(), two.get().location());
    assertThat(places).filteredOn(p -> p.endsWith("/my")).hasSize(1);
    assertThat(places).filteredOn(p -> p.endsWith("/login?error")).hasSize(1);
  }

  private static void await(CyclicBarrier barrier) {
    try {
      barrier.await();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** The application's one clock is the engine's. */
  private static Instant engineNow() {
    return org.camunda.bpm.engine.impl.util.ClockUtil.getCurrentTime().toInstant();
  }

  private int mails() {
    return jdbc.queryForObject("select count(*) from mail_outbox where template = 'sign-in-link'", Integer.class);
  }

  private void member(String id, String name, String email, LocalDate goodStandingThrough) {
    jdbc.update("insert into member (member_id, name, email, good_standing_through, updated_at) values (?, ?, ?, ?, ?)",
        id, name, email, goodStandingThrough, java.sql.Timestamp.from(Instant.now()));
  }
}
