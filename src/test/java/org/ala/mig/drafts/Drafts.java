package org.ala.mig.drafts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ala.mig.support.LinkSession;
import org.springframework.jdbc.core.JdbcTemplate;

/** What the online petition's tests share: roster members, draft bodies, the mailed links and their pages. */
final class Drafts {

  static final ObjectMapper JSON = new ObjectMapper();
  static final Pattern CONFIRM = Pattern.compile("/sign/([A-Z0-9-]+)/confirm\\?token=([A-Za-z0-9_-]+)");
  static final String PURPOSE = "Seed libraries lend seeds to their communities; this MIG shares how to run one.";

  private Drafts() {}

  static String unique() {
    return UUID.randomUUID().toString().replace("-", "").substring(0, 8).toUpperCase();
  }

  /** A roster member; good standing through the given day. */
  static void member(JdbcTemplate jdbc, String id, String name, String email, LocalDate through) {
    jdbc.update("insert into member (member_id, name, email, good_standing_through, updated_at) values (?, ?, ?, ?, ?)",
        id, name, email, through, Timestamp.from(Instant.now()));
  }

  /** A roster member in good standing for years; their id and address come from {@code key}. */
  static String[] member(JdbcTemplate jdbc, String key, String name) {
    String id = "M" + key;
    String email = key.toLowerCase() + "@members.example";
    member(jdbc, id, name, email, LocalDate.of(2099, 12, 31));
    return new String[] {id, email};
  }

  static Map<String, Object> body(String migName, String... organizerEmails) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("kind", "ESTABLISH");
    body.put("migName", migName);
    body.put("statementOfPurpose", PURPOSE);
    body.put("meetingNeeds", "A room for 30 at Annual");
    List<Map<String, String>> organizers = new ArrayList<>();
    for (int i = 0; i < organizerEmails.length; i++) {
      organizers.add(Map.of("name", "Organizer " + (char) ('A' + i) + " Person", "email", organizerEmails[i],
          "address", (i + 1) + " Library Lane, Springfield"));
    }
    body.put("organizers", organizers);
    return body;
  }

  static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static String signature(String memberId, String name, boolean show) {
    return json(Map.of("memberId", memberId, "name", name, "showNameToOrganizers", show));
  }

  /** How many mails of this template went to this address. */
  static int mails(JdbcTemplate jdbc, String template, String email) {
    return jdbc.queryForObject("select count(*) from mail_outbox where template = ? and lower(to_addresses) like ?",
        Integer.class, template, "%" + email.toLowerCase() + "%");
  }

  /** The token of the newest confirmation link mailed to this address. */
  static String token(JdbcTemplate jdbc, String email) {
    List<String> bodies = jdbc.queryForList("select body_text from mail_outbox where template = 'signature-confirmation'"
        + " and lower(to_addresses) like ? order by id desc", String.class, "%" + email.toLowerCase() + "%");
    assertThat(bodies).as("a confirmation mailed to " + email).isNotEmpty();
    Matcher link = CONFIRM.matcher(bodies.get(0));
    assertThat(link.find()).as(bodies.get(0)).isTrue();
    return link.group(2);
  }

  /** Opens the confirmation link as a browser does and presses its button: the answer of the POST. */
  static LinkSession.Answer confirm(int port, String draftId, String token) {
    return press(port, draftId, "confirm", token);
  }

  static LinkSession.Answer withdraw(int port, String draftId, String token) {
    return press(port, draftId, "withdraw", token);
  }

  private static LinkSession.Answer press(int port, String draftId, String step, String token) {
    LinkSession browser = new LinkSession(port);
    LinkSession.Answer page = browser.get("/sign/" + draftId + "/" + step + "?token=" + token);
    assertThat(page.status()).as(page.body()).isEqualTo(200);
    return browser.postForm("/sign/" + draftId + "/" + step, Map.of("token", token, "_csrf", LinkSession.csrfOf(page)));
  }

  static int signatureRows(JdbcTemplate jdbc, String draftId) {
    return jdbc.queryForObject("select count(*) from petition_draft_signature where draft_id = ?", Integer.class, draftId);
  }
}
