package org.ala.mig.petition;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ala.mig.mail.MailOutbox;
import org.ala.mig.support.HttpApi;
import org.ala.mig.support.HttpApi.Reply;
import org.ala.mig.support.ManagedMigs;
import org.ala.mig.support.ManagedMigs.Managed;
import org.ala.mig.support.MigSpringBootTest;
import org.ala.mig.support.PetitionJson;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The renewal window (mig.petition.renewal-window, P12M): a RENEW petition or draft is accepted from
 * twelve months before the term's last day, that day included; earlier it is 409, naming the day the
 * window opens. Each MIG's term started on January 10, 2025 and ends on January 9, 2028: its window
 * opens on January 9, 2027.
 */
@MigSpringBootTest
class RenewalWindowApiTest {

  static final ZoneId CHICAGO = ZoneId.of("America/Chicago");
  static final LocalDate TERM_START = LocalDate.of(2025, 1, 10);
  static final LocalDate OPENS = LocalDate.of(2027, 1, 9);
  static final LocalDate LAST_DAY = LocalDate.of(2028, 1, 9);

  @LocalServerPort int port;
  @Autowired RuntimeService runtime;
  @Autowired ManagementService management;
  @Autowired MailOutbox outbox;
  @Autowired JdbcTemplate jdbc;
  HttpApi http;
  ManagedMigs migs;
  List<Map<String, Object>> signatures;

  @BeforeEach
  void setUp() {
    // Monday, November 23, 2026: the window of a term ending January 9, 2028 is not open yet
    ManagedMigs.clockAt(Instant.parse("2026-11-23T15:00:00Z"));
    http = new HttpApi(port);
    migs = new ManagedMigs(http, runtime, management, outbox, jdbc);
    signatures = PetitionJson.signatures(jdbc, 110);
  }

  @AfterEach
  void resetClock() {
    ClockUtil.reset();
  }

  @Test
  void aRenewalBeforeTheWindowOpensIs409NamingTheDayItOpensAndStoresNothing() {
    Managed mig = migs.manage("Too Early", TERM_START);
    long petitionsBefore = count("petition");

    // the evening before the window opens, in Chicago (already January 9 in UTC)
    ManagedMigs.clockAt(OPENS.atStartOfDay(CHICAGO).toInstant().minusSeconds(60));
    Reply reply = post(mig);

    assertThat(reply.status()).as(reply.body()).isEqualTo(409);
    assertThat(reply.json().path("message").asText())
        .isEqualTo("Too early to renew MIG '" + mig.id() + "': its renewal window opens on 2027-01-09 (P12M before"
            + " the term's last day, 2028-01-09); a re-petition is accepted from that day");
    assertThat(count("petition")).isEqualTo(petitionsBefore);
  }

  @Test
  void aRenewalIsAcceptedOnTheFirstDayOfTheWindow() {
    Managed mig = migs.manage("First Day", TERM_START);
    ManagedMigs.clockAt(OPENS.atStartOfDay(CHICAGO).toInstant());
    Reply reply = post(mig);
    assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    assertThat(reply.json().path("migId").asText()).isEqualTo(mig.id());
  }

  @Test
  void aRenewalIsAcceptedOnTheTermsLastDay() {
    Managed mig = migs.manage("Last Day", TERM_START);
    // 23:00 in Chicago on the last day (already the day after in UTC)
    ManagedMigs.clockAt(LAST_DAY.atTime(23, 0).atZone(CHICAGO).toInstant());
    Reply reply = post(mig);
    assertThat(reply.status()).as(reply.body()).isEqualTo(201);
  }

  @Test
  void aRenewalDraftBeforeTheWindowOpensIs409AndAcceptedOnItsFirstDay() {
    Managed mig = migs.manage("Early Draft", TERM_START);
    Map<String, Object> draft = new LinkedHashMap<>();
    draft.put("kind", "RENEW");
    draft.put("migId", mig.id());
    draft.put("statementOfPurpose", "To go on connecting librarians for another three years.");
    draft.put("organizers", List.of(Map.of("name", "Ana Núñez", "email", mig.organizerEmails().get(0),
        "address", "1 Main St, Springfield")));
    long draftsBefore = count("petition_draft");

    Reply early = http.postJson("/api/petition-drafts", "coo1", PetitionJson.write(draft));
    assertThat(early.status()).as(early.body()).isEqualTo(409);
    assertThat(early.json().path("message").asText()).contains("renewal window opens on 2027-01-09");
    assertThat(count("petition_draft")).isEqualTo(draftsBefore);

    ManagedMigs.clockAt(OPENS.atTime(9, 0).atZone(CHICAGO).toInstant());
    Reply onTime = http.postJson("/api/petition-drafts", "coo1", PetitionJson.write(draft));
    assertThat(onTime.status()).as(onTime.body()).isEqualTo(201);
  }

  private Reply post(Managed mig) {
    return http.postJson("/api/petitions", "mps1", PetitionJson.write(PetitionJson.renew(mig.id(), signatures)));
  }

  private long count(String table) {
    return jdbc.queryForObject("select count(*) from " + table, Long.class);
  }
}
