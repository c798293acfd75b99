package org.ala.mig.roster;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import org.ala.mig.support.HttpApi.Reply;
import org.ala.mig.support.HttpApi;
import org.ala.mig.support.MigSpringBootTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** POST /api/roster: good lines upserted, bad lines named, a file that is no roster refused whole. */
@MigSpringBootTest
class RosterApiTest {

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  @Autowired RosterRepository roster;
  HttpApi http;

  @BeforeEach
  void client() {
    http = new HttpApi(port);
  }

  @Test
  void theDemoRosterHasFiveThousandMembersLoadedOnce() {
    assertThat(jdbc.queryForObject("select count(*) from member where member_id like 'M0%'", Long.class))
        .isEqualTo(5000);
  }

  @Test
  void validLinesAreUpsertedAndEachBadLineIsReportedWithItsNumber() {
    String csv = """
        member_id,name,email,good_standing_through
        X-100,"Núñez, María José",mj@lib.example,2030-01-31
        X-101,Lee Park,not-an-email,2030-01-31
        X-102,=HYPERLINK("http://evil"),e@lib.example,2030-01-31
        X-103,Ann Smith,ann@lib.example,31/01/2030
        """;
    Reply reply = http.post("/api/roster", "mps1", "text/csv", csv);

    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    assertThat(reply.json().path("imported").asInt()).isEqualTo(1);
    assertThat(reply.json().path("rejected")).hasSize(3);
    assertThat(reply.json().path("rejected").get(0).path("line").asInt()).isEqualTo(3);
    assertThat(reply.json().path("rejected").get(0).path("message").asText()).startsWith("email:");
    assertThat(reply.json().path("rejected").get(1).path("message").asText()).startsWith("name:");
    assertThat(reply.json().path("rejected").get(2).path("line").asInt()).isEqualTo(5);
    assertThat(roster.findByIds(java.util.List.of("x-100")).get("X-100").name()).isEqualTo("Núñez, María José");

    String update = "member_id,name,email,good_standing_through\nX-100,María José Núñez,mj@lib.example,2031-01-31\n";
    assertThat(http.post("/api/roster", "mps1", "text/csv", update).json().path("imported").asInt()).isEqualTo(1);
    assertThat(roster.findByIds(java.util.List.of("X-100")).get("X-100").goodStandingThrough())
        .hasToString("2031-01-31");
  }

  @Test
  void aFileThatIsNotARosterIsRefusedWholeAndNothingIsStored() {
    long before = roster.count();
    Reply wrongHeader = http.post("/api/roster", "mps1", "text/csv", "id;name\nX-200;Someone\n");
    assertThat(wrongHeader.status()).isEqualTo(400);
    assertThat(wrongHeader.json().path("errors").get(0).path("field").asText()).isEqualTo("body");
    assertThat(wrongHeader.json().path("errors").get(0).path("message").asText()).contains("member_id,name,email,good_standing_through");

    Reply notUtf8 = http.send(http.request("/api/roster", "mps1").header("Content-Type", "text/csv")
        .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {'m', 'e', (byte) 0xC3, (byte) 0x28})).build());
    assertThat(notUtf8.status()).isEqualTo(400);
    assertThat(notUtf8.json().path("errors").get(0).path("message").asText()).isEqualTo("not valid UTF-8 text");

    assertThat(http.post("/api/roster", "mps1", "text/csv", "").status()).isEqualTo(400);
    assertThat(http.post("/api/roster", "mps1", "application/json", "{}").status()).isEqualTo(415);
    assertThat(roster.count()).isEqualTo(before);
  }

  @Test
  void onlyMemberProgramsUploadsTheRoster() {
    String csv = "member_id,name,email,good_standing_through\n";
    assertThat(http.post("/api/roster", null, "text/csv", csv).status()).isEqualTo(401);
    assertThat(http.post("/api/roster", "coo1", "text/csv", csv).status()).isEqualTo(403);
  }
}
