package org.ala.mig.petition;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.ala.mig.registry.MigIds;
import org.ala.mig.registry.MigRepository;
import org.ala.mig.registry.MigStatus;
import org.ala.mig.support.HttpApi.Reply;
import org.ala.mig.support.HttpApi;
import org.ala.mig.support.MigSpringBootTest;
import org.ala.mig.support.PetitionJson;
import org.ala.mig.support.TestMigs;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/** POST /api/petitions: every error is named, nothing is half-stored, and a good petition starts mig-petition. */
@MigSpringBootTest
class PetitionApiTest {

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  @Autowired MigRepository migs;
  @Autowired RuntimeService runtime;
  @Autowired TransactionTemplate tx;
  HttpApi http;
  List<Map<String, Object>> signatures;

  @BeforeEach
  void setUp() {
    http = new HttpApi(port);
    signatures = PetitionJson.signatures(jdbc, 110);
    assertThat(signatures).hasSize(110);
  }

  @Test
  void aGoodPetitionIsStoredAndStartsTheProcessWithThePetitionAsBusinessKey() {
    String name = "Maker Spaces " + UUID.randomUUID().toString().substring(0, 6);
    Reply reply = post("mps1", PetitionJson.establish(name, signatures));

    assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    String petitionId = reply.json().path("petitionId").asText();
    String migId = reply.json().path("migId").asText();
    assertThat(migId).isEqualTo(MigIds.slug(name));
    var instance = runtime.createProcessInstanceQuery()
        .processInstanceId(reply.json().path("processInstanceId").asText()).singleResult();
    assertThat(instance.getBusinessKey()).isEqualTo(petitionId);
    assertThat(runtime.getVariable(instance.getId(), "kind")).isEqualTo("ESTABLISH");
    assertThat(runtime.getVariable(instance.getId(), "requiredSignatures")).isEqualTo(100);
    assertThat(migs.find(migId).orElseThrow().status()).isEqualTo(MigStatus.PETITIONED);
    assertThat(count("petition_signature where petition_id = '" + petitionId + "'")).isEqualTo(110);
  }

  @Test
  void everyProblemIsReportedAtOnceAndNothingIsStored() {
    long petitionsBefore = count("petition");
    long migsBefore = count("mig");
    Map<String, Object> body = PetitionJson.establish("Bad Petition", new ArrayList<>(signatures.subList(0, 99)));
    body.put("statementOfPurpose", "too short");
    body.put("organizers", List.of(Map.of("name", "A", "email", "a@lib.example", "address", "1 St"),
        Map.of("name", "B", "email", "not-an-email", "address", " ")));

    Reply reply = post("coo1", body);

    assertThat(reply.status()).isEqualTo(400);
    assertThat(errors(reply)).containsExactlyInAnyOrder(
        "statementOfPurpose: too short: at least 20 characters",
        "organizers[1].address: required",
        "organizers[1].email: not a valid email address: 'not-an-email'",
        "signatures: at least 100 required, got 99");
    assertThat(count("petition")).isEqualTo(petitionsBefore);
    assertThat(count("mig")).isEqualTo(migsBefore);
  }

  @Test
  void anEmptyPetitionNamesEachMissingField() {
    Reply reply = http.postJson("/api/petitions", "coo1", "{}");
    assertThat(reply.status()).isEqualTo(400);
    assertThat(errors(reply)).containsExactlyInAnyOrder("kind: required: ESTABLISH or RENEW",
        "statementOfPurpose: required", "organizers: at least one designated organizer is required",
        "signatures: at least 100 required, got 0");
  }

  @Test
  void unreadableBodiesAre400WithWhatIsWrong() {
    assertThat(errors(http.postJson("/api/petitions", "coo1", "{\"kind\": ")).get(0)).startsWith("body: malformed JSON");
    assertThat(errors(http.postJson("/api/petitions", "coo1", "{\"signatures\": \"many\"}")).get(0))
        .startsWith("signatures: expected");
    assertThat(errors(http.postJson("/api/petitions", "coo1", "{\"kind\": \"ESTABLISH\", \"sneaky\": 1}")))
        .hasSize(1);
    assertThat(http.post("/api/petitions", "coo1", "text/plain", "hello").status()).isEqualTo(415);
    assertThat(errors(http.postJson("/api/petitions", "coo1", "{\"kind\": \"MERGE\"}")))
        .contains("kind: must be ESTABLISH or RENEW, got 'MERGE'");
  }

  @Test
  void onlyCooAndMemberProgramsMaySubmit() {
    String body = PetitionJson.write(PetitionJson.establish("Access Check", signatures));
    assertThat(http.postJson("/api/petitions", null, body).status()).isEqualTo(401);
    assertThat(http.postJson("/api/petitions", "council1", body).status()).isEqualTo(403);
    assertThat(http.postJson("/api/petitions", "liaison1", body).status()).isEqualTo(403);
  }

  @Test
  void renewingAnUnknownMigIs404() {
    Reply reply = post("coo1", PetitionJson.renew("no-such-mig", signatures));
    assertThat(reply.status()).isEqualTo(404);
    assertThat(reply.json().path("message").asText()).isEqualTo("No MIG with id 'no-such-mig' to renew");
  }

  @Test
  void establishingAnActiveMigAgainIs409() {
    var active = TestMigs.active("Diversity");
    tx.executeWithoutResult(s -> migs.insert(active));
    Reply reply = post("coo1", PetitionJson.establish(active.name(), signatures));
    assertThat(reply.status()).isEqualTo(409);
    assertThat(reply.json().path("message").asText()).contains("is active");
  }

  @Test
  void aSecondOpenPetitionIs409AndARenewalOfAnEndedMigToo() {
    // a term ending in six months: its renewal window (twelve months before its last day) is open
    var active = TestMigs.activeUntil("Virtual Communities",
        java.time.LocalDate.now(java.time.ZoneId.of("America/Chicago")).plusMonths(6));
    tx.executeWithoutResult(s -> migs.insert(active));
    assertThat(post("coo1", PetitionJson.renew(active.id(), signatures)).status()).isEqualTo(201);
    Reply again = post("coo1", PetitionJson.renew(active.id(), signatures));
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.json().path("message").asText()).isEqualTo("A petition for MIG '" + active.id() + "' is already open");

    var ended = TestMigs.active("Ended");
    tx.executeWithoutResult(s -> {
      migs.insert(ended);
      migs.setStatus(ended.id(), MigStatus.DISBANDED, "NOT_RENEWED");
    });
    assertThat(post("coo1", PetitionJson.renew(ended.id(), signatures)).status()).isEqualTo(409);
  }

  private Reply post(String user, Object body) {
    return http.postJson("/api/petitions", user, PetitionJson.write(body));
  }

  private static List<String> errors(Reply reply) {
    assertThat(reply.status()).as(reply.body()).isEqualTo(400);
    List<String> errors = new ArrayList<>();
    for (JsonNode e : reply.json().path("errors")) {
      errors.add(e.path("field").asText() + ": " + e.path("message").asText());
    }
    return errors;
  }

  private long count(String from) {
    Long n = jdbc.queryForObject("select count(*) from " + from, Long.class);
    return n == null ? 0 : n;
  }
}
