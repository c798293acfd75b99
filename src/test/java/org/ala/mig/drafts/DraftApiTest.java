package org.ala.mig.drafts;

import static org.ala.mig.drafts.Drafts.body;
import static org.ala.mig.drafts.Drafts.json;
import static org.ala.mig.drafts.Drafts.mails;
import static org.ala.mig.drafts.Drafts.signature;
import static org.ala.mig.drafts.Drafts.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.ala.mig.common.TooManyAttemptsException;
import org.ala.mig.identity.SignInThrottleProperties;
import org.ala.mig.support.HttpApi;
import org.ala.mig.support.HttpApi.Reply;
import org.ala.mig.support.LinkSession;
import org.ala.mig.support.MigSpringBootTest;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The online petition's API (CONTRACT.md, "Online petition (step 11)"), rule by rule: who starts
 * and changes a draft, what anyone may read of it, signing (always the same answer; mail only to
 * the roster's address of a member whose name matches), confirming once, the limits, submission
 * while too few are confirmed, and the clean-up of unconfirmed signatures.
 */
@MigSpringBootTest
class DraftApiTest {

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  @Autowired org.ala.mig.common.MigProperties properties;
  @Autowired DraftService drafts;
  @Autowired org.ala.mig.registry.MigRepository migRepository;
  @Autowired org.springframework.transaction.support.TransactionTemplate tx;

  HttpApi http;
  String key;
  String[] organizer;     // {memberId, email} of the member who starts the draft
  LinkSession session;

  @BeforeEach
  void aMemberSignedInWithALink() {
    http = new HttpApi(port);
    key = unique();
    organizer = Drafts.member(jdbc, key + "O", "Olga Organizer");
    session = LinkSession.signIn(port, jdbc, organizer[1]);
  }

  @AfterEach
  void clockBack() {
    ClockUtil.reset();
  }

  @Test
  void aMemberStartsADraftAndAnyoneReadsItWithoutItsSigners() {
    LinkSession.Answer created = session.postJson("/api/petition-drafts",
        json(body("Seed Libraries " + key, organizer[1].toUpperCase(), "co@lib.example")));

    assertThat(created.status()).as(created.body()).isEqualTo(201);
    JsonNode answer = read(created.body());
    String draftId = answer.path("draftId").asText();
    assertThat(answer.path("signingUrl").asText()).isEqualTo(properties.mail().publicUrl() + "/sign/" + draftId);

    Reply anonymous = http.get("/api/petition-drafts/" + draftId, null);
    assertThat(anonymous.status()).isEqualTo(200);
    JsonNode view = anonymous.json();
    assertThat(view.path("draftId").asText()).isEqualTo(draftId);
    assertThat(view.path("kind").asText()).isEqualTo("ESTABLISH");
    assertThat(view.path("migName").asText()).isEqualTo("Seed Libraries " + key);
    assertThat(view.path("statementOfPurpose").asText()).isEqualTo(Drafts.PURPOSE);
    assertThat(view.path("organizers")).hasSize(2);
    assertThat(view.path("organizers").get(0).path("name").asText()).isEqualTo("Organizer A Person");
    assertThat(view.path("confirmedSignatures").asInt()).isZero();
    assertThat(view.path("requiredSignatures").asInt()).isEqualTo(100);
    assertThat(view.path("status").asText()).isEqualTo("COLLECTING");
    assertThat(view.has("petitionId")).isFalse();
    assertThat(anonymous.body()).doesNotContain("@", "Library Lane");

    JsonNode me = read(session.get("/api/me").body());
    assertThat(me.path("draftsOf")).extracting(JsonNode::asText).containsExactly(draftId);
    assertThat(me.path("groups")).extracting(JsonNode::asText).containsExactly("member", "organizer");
    assertThat(http.get("/api/petition-drafts/D-NOTHING", null).status()).isEqualTo(404);
  }

  @Test
  void aCoOrganizerWhoIsNoMemberMaySignInAsAnOrganizerOnRecord() {
    String draftId = create(session, body("Co Organizers " + key, organizer[1], "co-" + key.toLowerCase() + "@lib.example"));
    LinkSession co = LinkSession.signIn(port, jdbc, "co-" + key.toLowerCase() + "@lib.example");
    JsonNode me = read(co.get("/api/me").body());
    assertThat(me.path("groups")).extracting(JsonNode::asText).containsExactly("organizer");
    assertThat(me.path("draftsOf")).extracting(JsonNode::asText).containsExactly(draftId);
    assertThat(me.path("organizerOf")).isEmpty();
  }

  @Test
  void aMemberMustBeOneOfTheOrganizersAndNothingIsStored() {
    int before = jdbc.queryForObject("select count(*) from petition_draft", Integer.class);
    LinkSession.Answer refused = session.postJson("/api/petition-drafts", json(body("Not Mine " + key, "other@lib.example")));

    assertThat(refused.status()).isEqualTo(400);
    assertThat(read(refused.body()).path("errors").get(0).path("field").asText()).isEqualTo("organizers");
    assertThat(jdbc.queryForObject("select count(*) from petition_draft", Integer.class)).isEqualTo(before);
  }

  @Test
  void aBadBodyIsRefusedFieldByFieldAsForPetitions() {
    Map<String, Object> bad = body("", "not-an-address");
    bad.put("statementOfPurpose", "short");
    Reply refused = http.postJson("/api/petition-drafts", "coo1", json(bad));

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.json().path("errors")).extracting(e -> e.path("field").asText())
        .contains("migName", "statementOfPurpose", "organizers[0].email");
    Map<String, Object> signed = body("With Signatures " + key, "a@lib.example");
    signed.put("signatures", List.of());
    assertThat(http.postJson("/api/petition-drafts", "coo1", json(signed)).status()).as("no signatures in a draft")
        .isEqualTo(400);
    Map<String, Object> renewNothing = body(null, "a@lib.example");
    renewNothing.put("kind", "RENEW");
    renewNothing.put("migId", "no-such-mig");
    renewNothing.remove("migName");
    assertThat(http.postJson("/api/petition-drafts", "coo1", json(renewNothing)).status()).isEqualTo(404);
  }

  @Test
  void cooAndMemberProgramsStartDraftsAndOtherStaffMayNot() {
    assertThat(http.postJson("/api/petition-drafts", "mps1", json(body("By MPS " + key, "a@lib.example"))).status())
        .isEqualTo(201);
    assertThat(http.postJson("/api/petition-drafts", "coo1", json(body("By COO " + key, "a@lib.example"))).status())
        .isEqualTo(201);
    assertThat(http.postJson("/api/petition-drafts", "council1", json(body("By Council " + key, "a@lib.example"))).status())
        .isEqualTo(403);
    assertThat(http.postJson("/api/petition-drafts", null, json(body("Anonymous " + key, "a@lib.example"))).status())
        .isEqualTo(401);
  }

  @Test
  void onlyItsOrganizersCooAndMemberProgramsChangeADraft() {
    String draftId = create(session, body("To Change " + key, organizer[1]));
    String[] stranger = Drafts.member(jdbc, key + "S", "Stan Stranger");
    LinkSession other = LinkSession.signIn(port, jdbc, stranger[1]);
    Map<String, Object> changed = body("Changed " + key, organizer[1]);

    assertThat(other.sendJson("PUT", "/api/petition-drafts/" + draftId, json(changed), true).status()).isEqualTo(403);
    assertThat(other.sendJson("DELETE", "/api/petition-drafts/" + draftId, null, true).status()).isEqualTo(403);
    assertThat(other.postJson("/api/petition-drafts/" + draftId + "/submit", "").status()).isEqualTo(403);
    assertThat(send("PUT", draftId, "council1", json(changed)).status()).isEqualTo(403);
    assertThat(session.sendJson("PUT", "/api/petition-drafts/" + draftId, json(changed), false).status())
        .as("a session's write without X-XSRF-TOKEN").isEqualTo(403);

    LinkSession.Answer mine = session.sendJson("PUT", "/api/petition-drafts/" + draftId, json(changed), true);
    assertThat(mine.status()).as(mine.body()).isEqualTo(200);
    assertThat(read(mine.body()).path("migName").asText()).isEqualTo("Changed " + key);
    assertThat(send("PUT", draftId, "mps1", json(body("By MPS " + key, organizer[1]))).status()).isEqualTo(200);
    assertThat(http.get("/api/petition-drafts/" + draftId, null).json().path("migName").asText()).isEqualTo("By MPS " + key);
  }

  @Test
  void signingAlwaysAnswersTheSameAndMailsOnlyTheRosterAddressOfAMatchingMember() {
    String draftId = create(session, body("Signing " + key, organizer[1]));
    String[] mia = Drafts.member(jdbc, key + "M", "Mia Müller-Member");

    Reply known = sign(draftId, signature(mia[0].toLowerCase(), "mia  muller member", true));
    Reply unknown = sign(draftId, signature("X" + key, "Mia Müller-Member", false));
    Reply wrongName = sign(draftId, signature(mia[0], "Someone Else", false));

    assertThat(List.of(known, unknown, wrongName)).allSatisfy(r -> {
      assertThat(r.status()).isEqualTo(202);
      assertThat(r.json().path("status").asText()).isEqualTo("CONFIRMATION_SENT");
    });
    assertThat(mails(jdbc, "signature-confirmation", mia[1])).isEqualTo(1);
    Map<String, Object> mail = jdbc.queryForMap("select to_addresses, cc_addresses, subject, body_text from mail_outbox"
        + " where template = 'signature-confirmation' and to_addresses like ?", "%" + mia[1] + "%");
    assertThat(mail.get("to_addresses")).isEqualTo(mia[1]);
    assertThat(String.valueOf(mail.get("cc_addresses"))).doesNotContain("@");
    assertThat(mail.get("subject")).isEqualTo("Signing " + key + ": confirm your signature");
    assertThat(mail.get("body_text").toString()).contains(properties.mail().publicUrl() + "/sign/" + draftId + "/confirm?token=",
        properties.mail().publicUrl() + "/sign/" + draftId + "/withdraw?token=");
    String token = Drafts.token(jdbc, mia[1]);
    assertThat(org.ala.mig.mail.MailMasking.mask(mail.get("body_text").toString())).as("no view shows a live link")
        .doesNotContain(token).contains("/confirm?token=" + org.ala.mig.mail.MailMasking.MASK,
            "/withdraw?token=" + org.ala.mig.mail.MailMasking.MASK);
    assertThat(jdbc.queryForObject("select count(*) from mail_outbox where body_text like ?", Integer.class,
        "%X" + key + "%")).isZero();
    assertThat(Drafts.signatureRows(jdbc, draftId)).as("only the matching member's signature is kept").isEqualTo(1);
    assertThat(http.get("/api/petition-drafts/" + draftId, null).json().path("confirmedSignatures").asInt())
        .as("unconfirmed: it does not count yet").isZero();
  }

  @Test
  void aRenewalDraftNamesItsMigAndItsSignersMailsStayOutOfTheMigsMails() {
    // a term ending in six months: its renewal window (twelve months before its last day) is open
    var active = org.ala.mig.support.TestMigs.activeUntil("Renewing " + key,
        LocalDate.now(java.time.ZoneId.of("America/Chicago")).plusMonths(6));
    tx.executeWithoutResult(status -> migRepository.insert(active));
    Map<String, Object> renewal = body(null, organizer[1]);
    renewal.remove("migName");
    renewal.put("kind", "RENEW");
    renewal.put("migId", active.id());
    String draftId = create(session, renewal);
    JsonNode view = http.get("/api/petition-drafts/" + draftId, null).json();
    assertThat(view.path("kind").asText()).isEqualTo("RENEW");
    assertThat(view.path("migName").asText()).isEqualTo(active.name());

    String[] mia = Drafts.member(jdbc, key + "R", "Mia Renewer");
    sign(draftId, signature(mia[0], "Mia Renewer", false));
    assertThat(jdbc.queryForList("select mig_id from mail_outbox where template = 'signature-confirmation'"
        + " and to_addresses = ?", String.class, mia[1])).containsExactly((String) null);
  }

  @Test
  void onlyCooAndMemberProgramsSeeWhoSigned() {
    String draftId = create(session, body("Who Signed " + key, organizer[1]));
    String[] mia = Drafts.member(jdbc, key + "V", "Mia Visible");
    sign(draftId, signature(mia[0], "Mia Visible", true));

    Reply asMps = http.get("/api/petition-drafts/" + draftId + "/signatures", "mps1");
    assertThat(asMps.status()).isEqualTo(200);
    assertThat(asMps.json()).hasSize(1);
    assertThat(asMps.json().get(0).path("memberId").asText()).isEqualTo(mia[0]);
    assertThat(asMps.json().get(0).path("name").asText()).isEqualTo("Mia Visible");
    assertThat(asMps.json().get(0).path("status").asText()).isEqualTo("PENDING");
    assertThat(http.get("/api/petition-drafts/" + draftId + "/signatures", "coo1").status()).isEqualTo(200);
    assertThat(http.get("/api/petition-drafts/" + draftId + "/signatures", "council1").status()).isEqualTo(403);
    assertThat(http.get("/api/petition-drafts/" + draftId + "/signatures", null).status()).isEqualTo(401);
    assertThat(session.get("/api/petition-drafts/" + draftId + "/signatures").status()).as("its organizer").isEqualTo(403);
  }

  @Test
  void aLapsedMemberIsToldWhyTheirSignatureCannotCount() {
    String draftId = create(session, body("Lapsed " + key, organizer[1]));
    String lapsed = key.toLowerCase() + "-lapsed@members.example";
    Drafts.member(jdbc, "L" + key, "Lou Lapsed", lapsed, LocalDate.of(2020, 1, 31));

    assertThat(sign(draftId, signature("L" + key, "Lou Lapsed", false)).status()).isEqualTo(202);

    assertThat(mails(jdbc, "signature-confirmation", lapsed)).isZero();
    assertThat(mails(jdbc, "signature-not-counted", lapsed)).isEqualTo(1);
    assertThat(jdbc.queryForObject("select body_text from mail_outbox where template = 'signature-not-counted'"
        + " and to_addresses = ?", String.class, lapsed)).contains("good standing through 2020-01-31");
    assertThat(Drafts.signatureRows(jdbc, draftId)).isZero();
  }

  @Test
  void aBadSignatureIs400AnUnknownDraft404AndAClosedOne409() {
    String draftId = create(session, body("Closed " + key, organizer[1]));
    Reply empty = sign(draftId, json(Map.of("memberId", "", "name", " ")));
    assertThat(empty.status()).isEqualTo(400);
    assertThat(empty.json().path("errors")).extracting(e -> e.path("field").asText()).containsExactly("memberId", "name");
    assertThat(sign(draftId, json(Map.of("memberId", "M1; drop table", "name", "A Name"))).status()).isEqualTo(400);
    assertThat(sign("D-NOTHING", signature("M1", "A Name", false)).status()).isEqualTo(404);

    assertThat(session.sendJson("DELETE", "/api/petition-drafts/" + draftId, null, true).status()).isEqualTo(200);
    assertThat(http.get("/api/petition-drafts/" + draftId, null).json().path("status").asText()).isEqualTo("WITHDRAWN");
    assertThat(sign(draftId, signature("M1", "A Name", false)).status()).isEqualTo(409);
    JsonNode me = read(session.get("/api/me").body());
    assertThat(me.path("draftsOf")).as("a withdrawn draft is no longer on record").isEmpty();
  }

  @Test
  void signingTwiceCountsOnceAndMailsAtMostOnceInTenMinutes() {
    String draftId = create(session, body("Twice " + key, organizer[1]));
    String[] mia = Drafts.member(jdbc, key + "T", "Mia Twice");
    Instant start = Instant.now();
    ClockUtil.setCurrentTime(Date.from(start));

    sign(draftId, signature(mia[0], "Mia Twice", false));
    sign(draftId, signature(mia[0], "Mia Twice", false));
    assertThat(mails(jdbc, "signature-confirmation", mia[1])).isEqualTo(1);

    ClockUtil.setCurrentTime(Date.from(start.plus(Duration.ofMinutes(11))));
    sign(draftId, signature(mia[0], "Mia Twice", true));
    assertThat(mails(jdbc, "signature-confirmation", mia[1])).as("ten minutes later, a new link").isEqualTo(2);
    String token = Drafts.token(jdbc, mia[1]);

    assertThat(Drafts.confirm(port, draftId, token).body()).contains("Your signature is confirmed");
    assertThat(Drafts.confirm(port, draftId, token).body()).contains("already confirmed: it counts once");
    ClockUtil.setCurrentTime(Date.from(start.plus(Duration.ofMinutes(30))));
    sign(draftId, signature(mia[0], "Mia Twice", false));
    assertThat(mails(jdbc, "signature-confirmation", mia[1])).as("confirmed: signing again changes nothing").isEqualTo(2);
    assertThat(count(draftId)).isEqualTo(1);
    assertThat(Drafts.signatureRows(jdbc, draftId)).isEqualTo(1);
  }

  @Test
  void twoTabsConfirmingAtOnceCountOnce() throws Exception {
    String draftId = create(session, body("Two Tabs " + key, organizer[1]));
    String[] mia = Drafts.member(jdbc, key + "W", "Mia Tabs");
    sign(draftId, signature(mia[0], "Mia Tabs", false));
    String token = Drafts.token(jdbc, mia[1]);
    LinkSession first = new LinkSession(port);
    LinkSession second = new LinkSession(port);
    String csrf1 = LinkSession.csrfOf(first.get("/sign/" + draftId + "/confirm?token=" + token));
    String csrf2 = LinkSession.csrfOf(second.get("/sign/" + draftId + "/confirm?token=" + token));
    CountDownLatch go = new CountDownLatch(1);
    java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(2);
    try {
      var a = CompletableFuture.supplyAsync(() -> await(go, () -> first.postForm("/sign/" + draftId + "/confirm",
          Map.of("token", token, "_csrf", csrf1))), threads);
      var b = CompletableFuture.supplyAsync(() -> await(go, () -> second.postForm("/sign/" + draftId + "/confirm",
          Map.of("token", token, "_csrf", csrf2))), threads);
      go.countDown();

      assertThat(List.of(a.get(), b.get())).extracting(LinkSession.Answer::status).containsExactly(200, 200);
    } finally {
      threads.shutdown();
    }
    assertThat(count(draftId)).isEqualTo(1);
  }

  @Test
  void aConfirmedSignatureLocksTheDraftAndTooFewCannotBeSubmitted() {
    String draftId = create(session, body("Locked " + key, organizer[1]));
    String[] mia = Drafts.member(jdbc, key + "L", "Mia Locked");
    sign(draftId, signature(mia[0], "Mia Locked", false));
    Drafts.confirm(port, draftId, Drafts.token(jdbc, mia[1]));

    LinkSession.Answer change = session.sendJson("PUT", "/api/petition-drafts/" + draftId,
        json(body("Changed After " + key, organizer[1])), true);
    assertThat(change.status()).isEqualTo(409);
    assertThat(send("PUT", draftId, "coo1", json(body("Changed After " + key, organizer[1]))).status()).isEqualTo(409);

    LinkSession.Answer submit = session.postJson("/api/petition-drafts/" + draftId + "/submit", "");
    assertThat(submit.status()).isEqualTo(409);
    assertThat(read(submit.body()).path("message").asText()).contains("1 confirmed", "100 are required");
    assertThat(http.get("/api/petition-drafts/" + draftId, null).json().path("status").asText()).isEqualTo("COLLECTING");
  }

  @Test
  void confirmingChecksGoodStandingAgain() {
    String draftId = create(session, body("Standing " + key, organizer[1]));
    String[] mia = Drafts.member(jdbc, key + "G", "Mia Going");
    sign(draftId, signature(mia[0], "Mia Going", false));
    jdbc.update("update member set good_standing_through = ? where member_id = ?", LocalDate.of(2020, 1, 1), mia[0]);

    LinkSession.Answer refused = Drafts.confirm(port, draftId, Drafts.token(jdbc, mia[1]));

    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.body()).contains("no longer shows this member in good standing");
    assertThat(count(draftId)).isZero();
  }

  @Test
  void aSignerWithdrawsTheirSignatureByItsLink() {
    String draftId = create(session, body("Withdraw " + key, organizer[1]));
    String[] mia = Drafts.member(jdbc, key + "D", "Mia Doubt");
    sign(draftId, signature(mia[0], "Mia Doubt", false));
    String token = Drafts.token(jdbc, mia[1]);
    Drafts.confirm(port, draftId, token);
    assertThat(count(draftId)).isEqualTo(1);

    LinkSession.Answer withdrawn = Drafts.withdraw(port, draftId, token);

    assertThat(withdrawn.status()).isEqualTo(200);
    assertThat(withdrawn.body()).contains("Your signature is withdrawn");
    assertThat(count(draftId)).isZero();
    assertThat(Drafts.confirm(port, draftId, token).status()).as("a withdrawn signature's old link").isEqualTo(409);
    assertThat(new LinkSession(port).get("/sign/" + draftId + "/withdraw?token=made-up").status()).isEqualTo(404);
  }

  @Test
  void oneSourceIsHeldBackByThePerSourceLimit() {
    String draftId = create(session, body("Limit " + key, organizer[1]));
    var settings = DraftService.throttleSettings(new Binder(new MapConfigurationPropertySource(Map.of())));
    assertThat(settings.perSource()).isEqualTo(new SignInThrottleProperties.Limit(30, Duration.ofMinutes(1)));
    var raised = DraftService.throttleSettings(new Binder(new MapConfigurationPropertySource(
        Map.of("mig.petition.signature-throttle.per-source.free-failures", "5000"))));
    assertThat(raised.perSource().freeFailures()).isEqualTo(5000);

    SignInThrottleProperties before = drafts.useThrottle(settings);
    try {
      String source = "198.51.100.7";
      for (int i = 0; i < 31; i++) {
        drafts.sign(draftId, "Z" + i, "Some Name", false, source);   // 30 free, the 31st starts a wait
      }
      assertThatThrownBy(() -> drafts.sign(draftId, "Z99", "Some Name", false, source))
          .isInstanceOf(TooManyAttemptsException.class);
      drafts.sign(draftId, "Z99", "Some Name", false, "203.0.113.1");   // another source is not held back
    } finally {
      drafts.useThrottle(before);
    }
    LinkSession browser = new LinkSession(port);
    String csrf = LinkSession.csrfOf(browser.get("/sign/" + draftId));
    for (int i = 0; i < 3; i++) {
      assertThat(browser.postForm("/sign/" + draftId, Map.of("memberId", "Z" + i, "name", "Some Name", "_csrf", csrf))
          .status()).as("127.0.0.1 has the tests' raised limit").isEqualTo(302);
    }
  }

  @Test
  void unconfirmedSignaturesAreDeletedAfterThirtyDays() {
    String draftId = create(session, body("Old " + key, organizer[1]));
    String[] pending = Drafts.member(jdbc, key + "P", "Pat Pending");
    String[] confirmed = Drafts.member(jdbc, key + "C", "Cai Confirmed");
    Instant start = Instant.now();
    ClockUtil.setCurrentTime(Date.from(start));
    sign(draftId, signature(pending[0], "Pat Pending", false));
    sign(draftId, signature(confirmed[0], "Cai Confirmed", false));
    Drafts.confirm(port, draftId, Drafts.token(jdbc, confirmed[1]));

    ClockUtil.setCurrentTime(Date.from(start.plus(Duration.ofDays(29))));
    drafts.deleteOldUnconfirmedSignatures();
    assertThat(Drafts.signatureRows(jdbc, draftId)).isEqualTo(2);

    ClockUtil.setCurrentTime(Date.from(start.plus(Duration.ofDays(31))));
    assertThat(drafts.deleteOldUnconfirmedSignatures()).isGreaterThanOrEqualTo(1);
    assertThat(jdbc.queryForList("select member_id from petition_draft_signature where draft_id = ?", String.class, draftId))
        .containsExactly(confirmed[0]);
  }

  // --- helpers ---------------------------------------------------------------------------------

  private String create(LinkSession as, Map<String, Object> body) {
    LinkSession.Answer created = as.postJson("/api/petition-drafts", json(body));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return read(created.body()).path("draftId").asText();
  }

  private Reply sign(String draftId, String json) {
    return http.postJson("/api/petition-drafts/" + draftId + "/signatures", null, json);
  }

  private int count(String draftId) {
    return http.get("/api/petition-drafts/" + draftId, null).json().path("confirmedSignatures").asInt();
  }

  private Reply send(String method, String draftId, String user, String json) {
    return http.send(http.request("/api/petition-drafts/" + draftId, user).header("Content-Type", "application/json")
        .method(method, HttpRequest.BodyPublishers.ofString(json)).build());
  }

  private static JsonNode read(String body) {
    try {
      return Drafts.JSON.readTree(body);
    } catch (Exception e) {
      throw new AssertionError(body, e);
    }
  }

  private static <T> T await(CountDownLatch go, java.util.function.Supplier<T> then) {
    try {
      go.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return then.get();
  }
}
