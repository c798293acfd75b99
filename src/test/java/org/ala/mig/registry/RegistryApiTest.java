package org.ala.mig.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.ala.mig.support.HttpApi.Reply;
import org.ala.mig.support.HttpApi;
import org.ala.mig.support.MigSpringBootTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** The registry API: the demo's seven MIGs, and bringing an existing MIG under management. */
@MigSpringBootTest
class RegistryApiTest {

  @LocalServerPort int port;
  @Autowired DeadlineCalendar calendar;
  @Autowired JdbcTemplate jdbc;
  HttpApi http;

  @BeforeEach
  void client() {
    http = new HttpApi(port);
  }

  @Test
  void theDemoListsTheSevenActiveMigsOfAlaWithTheirLiaisons() {
    Reply reply = http.get("/api/migs?status=ACTIVE", "council1");
    List<String> ids = new ArrayList<>();
    reply.json().forEach(m -> ids.add(m.path("id").asText()));
    assertThat(ids).contains("diversity", "entrepreneurship-and-maker-spaces", "graphic-novels-comics-in-libraries",
        "librarians-build-communities", "libraries-foster-community-engagement",
        "programming-librarian-interest-group", "virtual-communities-and-libraries");
    JsonNode diversity = http.get("/api/migs/diversity", "council1").json();
    assertThat(diversity.path("staffLiaison").path("name").asText()).isEqualTo("Gwendolyn Prellwitz");
    assertThat(LocalDate.parse(diversity.path("termEnd").asText()))
        .as("a renewal comes up within two months").isBetween(calendar.today(), calendar.today().plusMonths(2));
    assertThat(diversity.has("organizers")).isFalse();
  }

  @Test
  void anExistingMigIsBroughtUnderManagementWithItsTerm() {
    String name = "Rural Libraries " + UUID.randomUUID().toString().substring(0, 6);
    Reply reply = http.postJson("/api/migs", "coo1", """
        {"name": "%s", "statementOfPurpose": "To support librarians in rural communities.",
         "termStart": "2028-02-29", "staffLiaison": {"name": "Pat Staff", "email": "pat@ala.example"},
         "organizers": [{"name": "Ola Berg", "email": "ola@lib.example", "address": "1 Farm Rd, Ames, IA"}]}
        """.formatted(name));

    assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    assertThat(reply.json().path("status").asText()).isEqualTo("ACTIVE");
    assertThat(reply.json().path("termEnd").asText()).isEqualTo("2031-02-28");
    assertThat(reply.json().path("organizers").get(0).path("email").asText()).isEqualTo("ola@lib.example");

    Reply again = http.postJson("/api/migs", "admin", """
        {"name": "%s", "statementOfPurpose": "Again.", "termStart": "2028-01-01",
         "organizers": [{"name": "X", "email": "x@lib.example", "address": "1 St"}]}
        """.formatted(name));
    assertThat(again.status()).isEqualTo(409);
  }

  @Test
  void everyProblemIsNamedAndNothingIsStored() {
    long before = jdbc.queryForObject("select count(*) from mig", Long.class);
    Reply reply = http.postJson("/api/migs", "coo1", """
        {"name": " ", "termStart": "2027-01-10", "termEnd": "2031-01-10",
         "staffLiaison": {"name": "Pat", "email": "pat-at-ala"}, "organizers": []}
        """);
    assertThat(reply.status()).isEqualTo(400);
    List<String> errors = new ArrayList<>();
    reply.json().path("errors").forEach(e -> errors.add(e.path("field").asText() + ": " + e.path("message").asText()));
    assertThat(errors).containsExactlyInAnyOrder("name: required", "statementOfPurpose: required",
        "termEnd: a term lasts at most three years: at most 2030-01-09",
        "staffLiaison.email: not a valid email address: 'pat-at-ala'",
        "organizers: at least one designated organizer is required");
    assertThat(jdbc.queryForObject("select count(*) from mig", Long.class)).isEqualTo(before);

    Reply noStart = http.postJson("/api/migs", "coo1", "{\"termStart\": \"someday\"}");
    assertThat(noStart.status()).isEqualTo(400);
    assertThat(noStart.json().path("errors").get(0).path("field").asText()).isEqualTo("termStart");
    assertThat(noStart.json().path("errors").get(0).path("message").asText())
        .isEqualTo("'someday' is not a valid date (use YYYY-MM-DD)");
  }

  @Test
  void onlyCooAndAdministratorsImport() {
    assertThat(http.postJson("/api/migs", null, "{}").status()).isEqualTo(401);
    assertThat(http.postJson("/api/migs", "mps1", "{}").status()).isEqualTo(403);
  }
}
