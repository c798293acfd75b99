package org.ala.mig.drafts;

import static org.ala.mig.drafts.Drafts.body;
import static org.ala.mig.drafts.Drafts.json;
import static org.ala.mig.drafts.Drafts.unique;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.ala.mig.support.LinkSession;
import org.ala.mig.support.LinkSession.Answer;
import org.ala.mig.support.MigSpringBootTest;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The online petition's pages, as a signer and an organizer use them: the public signing page
 * (never who signed), the pages of the mailed links (only their POST acts), and on /my the form
 * that starts a draft and the draft's own page.
 */
@MigSpringBootTest
class DraftPagesTest {

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  @Autowired org.ala.mig.common.MigProperties properties;

  String key;
  String[] organizer;
  LinkSession session;

  @BeforeEach
  void aMemberSignedIn() {
    key = unique();
    organizer = Drafts.member(jdbc, key + "O", "Olga Organizer");
    session = LinkSession.signIn(port, jdbc, organizer[1]);
  }

  @Test
  void aSignerSignsConfirmsFromTheMailAndSeesTheCountGoUpButNeverWhoSigned() {
    String draftId = create(body("Seed Libraries " + key, organizer[1], "co@lib.example"));
    String[] mia = Drafts.member(jdbc, key + "M", "Mia Signer");
    LinkSession browser = new LinkSession(port);

    Answer page = browser.get("/sign/" + draftId);
    assertThat(page.status()).isEqualTo(200);
    Document html = Jsoup.parse(page.body());
    assertThat(html.getElementById("sign-mig-name").text()).isEqualTo("Seed Libraries " + key);
    assertThat(html.getElementById("sign-purpose").text()).isEqualTo(Drafts.PURPOSE);
    assertThat(html.select("#sign-organizers li").eachText()).containsExactly("Organizer A Person", "Organizer B Person");
    assertThat(html.select("progress#sign-progress").attr("value")).isEqualTo("0");
    assertThat(html.select("progress#sign-progress").attr("max")).isEqualTo("100");
    assertThat(html.select("label[for=sign-memberId]").text()).isEqualTo("ALA member number");
    assertThat(html.select("label[for=sign-name]").text()).isEqualTo("Your name");
    assertThat(html.select("input#sign-show[type=checkbox][name=showNameToOrganizers]")).hasSize(1);
    assertThat(html.select("script")).as("no inline script (CSP script-src 'self')").isEmpty();
    assertThat(html.select(".error-summary")).as("no problems before anything was sent").isEmpty();
    assertThat(page.body()).doesNotContain("co@lib.example", "Library Lane");
    assertThat(browser.csrfCookie()).as("the page sets XSRF-TOKEN").isNotBlank();

    Answer posted = browser.postForm("/sign/" + draftId, Map.of("memberId", mia[0], "name", "Mia Signer",
        "showNameToOrganizers", "true", "_csrf", LinkSession.csrfOf(page)));
    assertThat(posted.status()).isEqualTo(302);
    assertThat(posted.location()).endsWith("/sign/" + draftId + "?sent");
    assertThat(Jsoup.parse(browser.get("/sign/" + draftId + "?sent").body()).getElementById("sign-sent").text()).contains(
        "If the number is on ALA's roster, we mailed a confirmation link to the address ALA has on file for that member");

    String token = Drafts.token(jdbc, mia[1]);
    Answer confirmPage = browser.get("/sign/" + draftId + "/confirm?token=" + token);
    assertThat(confirmPage.status()).isEqualTo(200);
    assertThat(Jsoup.parse(confirmPage.body()).select("#confirm-form button").text()).isEqualTo("Confirm my signature");
    assertThat(jdbc.queryForObject("select status from petition_draft_signature where draft_id = ?", String.class, draftId))
        .as("opening the link (a mail scanner) confirms nothing").isEqualTo("PENDING");

    Answer confirmed = browser.postForm("/sign/" + draftId + "/confirm",
        Map.of("token", token, "_csrf", LinkSession.csrfOf(confirmPage)));
    assertThat(confirmed.status()).isEqualTo(200);
    Document done = Jsoup.parse(confirmed.body());
    assertThat(done.getElementById("confirmed").text()).contains("Your signature is confirmed");
    assertThat(done.select("progress#sign-progress").attr("value")).isEqualTo("1");
    assertThat(done.getElementById("sign-count").text()).contains("1 of 100 confirmed signatures");

    Answer after = new LinkSession(port).get("/sign/" + draftId);
    assertThat(Jsoup.parse(after.body()).select("progress#sign-progress").attr("value")).isEqualTo("1");
    assertThat(after.body()).doesNotContain("Mia Signer", mia[0], mia[1]);
    assertThat(new LinkSession(port).postForm("/sign/" + draftId + "/confirm", Map.of("token", token)).status())
        .as("a form without _csrf").isEqualTo(403);
  }

  @Test
  void aRefusedSignatureShowsItsProblemsBesideTheFieldsAndStoresNothing() {
    String draftId = create(body("Refused " + key, organizer[1]));
    LinkSession browser = new LinkSession(port);
    Answer page = browser.get("/sign/" + draftId);

    Answer refused = browser.postForm("/sign/" + draftId, Map.of("memberId", "", "name", "Mia", "_csrf",
        LinkSession.csrfOf(page)));

    assertThat(refused.status()).isEqualTo(400);
    Document html = Jsoup.parse(refused.body());
    assertThat(html.getElementById("sign-memberId-error").text()).contains("required");
    assertThat(html.getElementById("sign-memberId").attr("aria-invalid")).isEqualTo("true");
    assertThat(html.getElementById("sign-name").attr("value")).isEqualTo("Mia");
    assertThat(html.title()).startsWith("Error: ");
    assertThat(Drafts.signatureRows(jdbc, draftId)).isZero();
    assertThat(new LinkSession(port).get("/sign/D-NOTHING").status()).isEqualTo(404);
    assertThat(new LinkSession(port).get("/sign/" + draftId + "/confirm?token=nothing").status()).isEqualTo(404);
  }

  @Test
  void aMemberStartsAPetitionOnMyAndSeesItsSigningLinkCountAndForm() {
    Answer my = session.get("/my");
    Document myPage = Jsoup.parse(my.body());
    assertThat(myPage.getElementById("start-petition").attr("href")).isEqualTo("/my/drafts/new");

    Answer form = session.get("/my/drafts/new");
    assertThat(form.status()).isEqualTo(200);
    Document formPage = Jsoup.parse(form.body());
    assertThat(formPage.getElementById("draft-organizers-0-email").attr("value")).isEqualTo(organizer[1]);
    assertThat(formPage.select("label[for=draft-migName]").text()).isEqualTo("Name of the MIG");
    assertThat(formPage.select("script")).isEmpty();
    assertThat(formPage.select(".error-summary")).isEmpty();

    Map<String, String> fields = new HashMap<>(Map.of("kind", "ESTABLISH", "migName", "Page Petition " + key,
        "statementOfPurpose", "too short", "organizers[0].name", "Olga Organizer",
        "organizers[0].email", organizer[1], "organizers[0].address", "1 Main St", "_csrf", LinkSession.csrfOf(form)));
    int before = jdbc.queryForObject("select count(*) from petition_draft", Integer.class);
    Answer refused = session.postForm("/my/drafts", fields);
    assertThat(refused.status()).isEqualTo(400);
    Document refusedPage = Jsoup.parse(refused.body());
    assertThat(refusedPage.getElementById("draft-statementOfPurpose-error").text()).contains("too short");
    assertThat(refusedPage.getElementById("draft-migName").attr("value")).isEqualTo("Page Petition " + key);
    assertThat(jdbc.queryForObject("select count(*) from petition_draft", Integer.class)).isEqualTo(before);

    fields.put("statementOfPurpose", Drafts.PURPOSE);
    Answer created = session.postForm("/my/drafts", fields);
    assertThat(created.status()).as(created.body()).isEqualTo(302);
    String path = created.location().replaceAll("^https?://[^/]+", "").replace("?created", "");
    String draftId = path.substring(path.lastIndexOf('/') + 1);

    Answer draft = session.get(path);
    assertThat(draft.status()).isEqualTo(200);
    Document draftPage = Jsoup.parse(draft.body());
    assertThat(draftPage.getElementById("draft-signing-url").attr("href")).isEqualTo(properties.mail().publicUrl() + "/sign/" + draftId);
    assertThat(draftPage.getElementById("draft-count").text()).startsWith("0 of 100");
    assertThat(draftPage.getElementById("draft-form")).isNotNull();
    assertThat(draftPage.select(".error-summary")).isEmpty();
    assertThat(Jsoup.parse(session.get("/my").body()).select("#my-drafts a").eachText()).contains("Page Petition " + key);

    fields.put("migName", "Page Petition Renamed " + key);
    fields.put("_csrf", LinkSession.csrfOf(draft));
    Answer changed = session.postForm(path, fields);
    assertThat(changed.status()).isEqualTo(302);
    assertThat(new LinkSession(port).get("/sign/" + draftId).body()).contains("Page Petition Renamed " + key);

    String[] other = Drafts.member(jdbc, key + "X", "Xavier Other");
    assertThat(LinkSession.signIn(port, jdbc, other[1]).get(path).status()).as("not their draft").isEqualTo(403);
  }

  @Test
  void organizersSeeOnlyTheNamesOfSignersWhoAgreedAndTheFormLocksOnceOneConfirmed() {
    String draftId = create(body("Names " + key, organizer[1]));
    String[] shown = Drafts.member(jdbc, key + "S", "Sara Shown");
    String[] hidden = Drafts.member(jdbc, key + "H", "Hal Hidden");
    var http = new org.ala.mig.support.HttpApi(port);
    http.postJson("/api/petition-drafts/" + draftId + "/signatures", null, Drafts.signature(shown[0], "Sara Shown", true));
    http.postJson("/api/petition-drafts/" + draftId + "/signatures", null, Drafts.signature(hidden[0], "Hal Hidden", false));
    Drafts.confirm(port, draftId, Drafts.token(jdbc, shown[1]));
    Drafts.confirm(port, draftId, Drafts.token(jdbc, hidden[1]));

    Answer draft = session.get("/my/drafts/" + draftId);
    Document page = Jsoup.parse(draft.body());
    assertThat(page.select("#draft-signers li").eachText()).containsExactly("Sara Shown");
    assertThat(draft.body()).doesNotContain("Hal Hidden", hidden[0], shown[0]);
    assertThat(page.getElementById("draft-form")).as("locked once a signature is confirmed").isNull();
    assertThat(page.getElementById("draft-locked")).isNotNull();

    Answer submit = session.postForm("/my/drafts/" + draftId + "/submit", Map.of("_csrf", LinkSession.csrfOf(draft)));
    assertThat(submit.status()).isEqualTo(409);
    Element problem = Jsoup.parse(submit.body()).getElementById("draft-problem");
    assertThat(problem.text()).contains("2 confirmed", "100 are required");
  }

  private String create(Map<String, Object> body) {
    Answer created = session.postJson("/api/petition-drafts", json(body));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    try {
      return Drafts.JSON.readTree(created.body()).path("draftId").asText();
    } catch (Exception e) {
      throw new AssertionError(created.body(), e);
    }
  }
}
