package org.ala.mig.web.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.ala.mig.registry.Mig;
import org.ala.mig.registry.MigRepository;
import org.ala.mig.support.ManagedMigs;
import org.ala.mig.support.MigSpringBootTest;
import org.ala.mig.support.PageClient.Page;
import org.ala.mig.support.PageClient.Part;
import org.ala.mig.support.PageClient;
import org.ala.mig.support.PetitionJson;
import org.ala.mig.support.TestMigs;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/** The petition page over real HTTP: who may use it, every problem next to its input, nothing half-stored. */
@MigSpringBootTest
class PetitionFormPageTest {

  static final String PURPOSE = "To bring together librarians who build maker spaces in public libraries.";

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  @Autowired MigRepository migRecords;
  @Autowired TransactionTemplate tx;
  @Autowired RuntimeService runtime;
  @Autowired ManagementService management;
  @Autowired TaskService tasks;
  PageClient mps1;
  List<Map<String, Object>> members;

  @BeforeEach
  void signIn() {
    mps1 = new PageClient(port).signIn("mps1", "/petitions/new");
    members = PetitionJson.signatures(jdbc, 100);
    assertThat(members).hasSize(100);
  }

  // --- who may use it --------------------------------------------------------------------------

  @Test
  void anonymousIsSentToSignInAndBackToTheForm() {
    Page page = new PageClient(port).get("/petitions/new");
    assertThat(page.status()).isEqualTo(302);
    assertThat(page.location()).endsWith("/login?next=%2Fpetitions%2Fnew");
  }

  @Test
  void councilMayNotEnterPetitions() {
    PageClient council = new PageClient(port).signIn("council1", "/petitions/new");
    Page form = council.get("/petitions/new");
    assertThat(form.status()).isEqualTo(403);
    assertThat(form.html().select("h1").text()).isEqualTo("Not for your group");

    String csrf = council.get("/login").csrf();
    long before = count("petition");
    Page post = council.postMultipart("/petitions", withCsrf(csrf, fields("Council Try " + suffix()),
        csvFile(csv(members))));
    assertThat(post.status()).isEqualTo(403);
    assertThat(count("petition")).isEqualTo(before);
  }

  @Test
  void aPostWithoutTheFormTokenIsRefusedAndStoresNothing() {
    long before = count("petition");
    List<Part> parts = new ArrayList<>(fields("No Token " + suffix()));
    parts.add(csvFile(csv(members)));
    Page page = mps1.postMultipart("/petitions", parts);
    assertThat(page.status()).isEqualTo(403);
    assertThat(count("petition")).isEqualTo(before);
  }

  @Test
  void cooMayEnterPetitionsToo() {
    assertThat(new PageClient(port).signIn("coo1", "/petitions/new").get("/petitions/new").status()).isEqualTo(200);
  }

  // --- the form ----------------------------------------------------------------------------------

  @Test
  void everyInputHasALabelAndTheOrganizersAreFieldsetsWithLegends() {
    Page page = mps1.get("/petitions/new");
    assertThat(page.status()).isEqualTo(200);
    Document html = page.html();
    Element form = html.selectFirst("form.petition-form");
    assertThat(form.attr("enctype")).isEqualTo("multipart/form-data");
    for (Element input : form.select("input:not([type=hidden]), select, textarea")) {
      assertThat(html.select("label[for=" + input.id() + "]")).as("label of " + input).hasSize(1);
    }
    assertThat(form.select("fieldset.organizer")).hasSizeGreaterThanOrEqualTo(3)
        .allSatisfy(row -> assertThat(row.selectFirst("legend").text()).startsWith("Organizer "));
    assertThat(form.selectFirst("fieldset#organizers > legend").text()).isEqualTo("Designated organizers");
    assertThat(form.selectFirst("input[type=file]#signatures").attr("name")).isEqualTo("signatures");
    assertThat(form.select("select#migId option").eachAttr("value")).contains("diversity");
    assertThat(html.select(".error-summary")).isEmpty();
    assertThat(form.select("[aria-invalid]")).isEmpty();
  }

  @Test
  void aBadLineOfTheSignaturesFileIsNamedNextToTheFileInputAndNothingIsStored() {
    long petitions = count("petition");
    long migs = count("mig");
    String name = "Maker Spaces " + suffix();
    StringBuilder csv = new StringBuilder(csv(members));
    // line 3 (the header is line 1) loses its name
    int start = csv.indexOf("\n") + 1;
    start = csv.indexOf("\n", start) + 1;
    int end = csv.indexOf("\n", start);
    String memberId = csv.substring(start, end).split(",")[0];
    csv.replace(start, end, memberId + ",");

    Page page = post(fields(name), csvFile(csv.toString()));

    assertThat(page.status()).isEqualTo(400);
    assertErrorNextTo(page, "signatures", "signatures.csv line 3: name is empty");
    assertThat(page.html().select(".error-summary[role=alert] li")).extracting(Element::text)
        .containsExactly("Signatures file: signatures.csv line 3: name is empty");
    assertThat(count("petition")).isEqualTo(petitions);
    assertThat(count("mig")).isEqualTo(migs);
    // what was typed is kept; the file must be chosen again, and the page says so
    Document html = page.html();
    assertThat(html.getElementById("migName").val()).isEqualTo(name);
    assertThat(html.getElementById("statementOfPurpose").text()).isEqualTo(PURPOSE);
    assertThat(html.getElementById("organizers-1-email").val()).isEqualTo("sam@lib.example");
    assertThat(html.getElementById("kind-ESTABLISH").hasAttr("checked")).isTrue();
    assertThat(html.getElementById("signatures-again").text()).contains("Choose the file again")
        .contains("signatures.csv");
    assertThat(html.getElementById("signatures").attr("aria-describedby")).contains("signatures-again");
  }

  @Test
  void everyBadLineIsNamedWithItsNumberAndTheOtherFieldsAreCheckedToo() {
    long petitions = count("petition");
    String csv = "\uFEFFmember_id,name\r\n" + "M1,Ann Lee\r\n" + "M2,Bo Chen,extra\r\n" + "\r\n" + " ,Cy Diaz\r\n"
        + "\"M4\",\"Díaz, Rosa\"\r\n" + "M5\r\n";
    List<Part> parts = fields("Bad Lines " + suffix());
    parts.removeIf(p -> p.name().equals("statementOfPurpose"));
    parts.add(Part.field("statementOfPurpose", "  "));

    Page page = post(parts, csvFile(csv));

    assertThat(page.status()).isEqualTo(400);
    assertErrorNextTo(page, "signatures", "signatures.csv line 3: expected 2 fields (member_id,name), got 3");
    assertErrorNextTo(page, "signatures", "signatures.csv line 5: member_id is empty");
    assertErrorNextTo(page, "signatures", "signatures.csv line 7: expected 2 fields (member_id,name), got 1");
    assertThat(page.byId("signatures-error").text()).doesNotContain("line 2:").doesNotContain("line 6:");
    assertErrorNextTo(page, "statementOfPurpose", "required");
    assertThat(page.byId("error-summary-title").text()).isEqualTo("There are 4 problems: nothing was stored");
    assertThat(count("petition")).isEqualTo(petitions);
  }

  @Test
  void tooFewValidFieldsShowEachErrorNextToItsField() {
    long petitions = count("petition");
    long migs = count("mig");
    List<Part> parts = new ArrayList<>();
    parts.add(Part.field("kind", "ESTABLISH"));
    parts.add(Part.field("migName", " "));
    parts.add(Part.field("migId", ""));
    parts.add(Part.field("statementOfPurpose", "too short"));
    // row 0 blank (ignored), row 1 bad, row 2 good: the API's organizers[0] is the form's row 1
    parts.addAll(organizer(0, "", "", ""));
    parts.addAll(organizer(1, "Sam Okafor", "not-an-email", " "));
    parts.addAll(organizer(2, "Rosa Díaz", "rosa@lib.example", "10 Library Way, Springfield"));

    Page page = post(parts, csvFile(csv(members.subList(0, 99))));

    assertThat(page.status()).isEqualTo(400);
    assertErrorNextTo(page, "migName", "required");
    assertErrorNextTo(page, "statementOfPurpose", "too short: at least 20 characters");
    assertErrorNextTo(page, "organizers-1-email", "not a valid email address: 'not-an-email'");
    assertErrorNextTo(page, "organizers-1-address", "required");
    assertErrorNextTo(page, "signatures", "at least 100 required, got 99");
    Document html = page.html();
    assertThat(html.select(".error-summary[role=alert] li a")).extracting(e -> e.attr("href") + " " + e.text())
        .containsExactlyInAnyOrder(
            "#migName Name of the new MIG: required",
            "#statementOfPurpose Statement of purpose: too short: at least 20 characters",
            "#organizers-1-email Organizer 2 email: not a valid email address: 'not-an-email'",
            "#organizers-1-address Organizer 2 address: required",
            "#signatures Signatures file: at least 100 required, got 99");
    assertThat(html.select("[aria-invalid=true]")).extracting(Element::id).containsExactlyInAnyOrder(
        "migName", "statementOfPurpose", "organizers-1-email", "organizers-1-address", "signatures");
    assertThat(html.getElementById("organizers-2-name").val()).isEqualTo("Rosa Díaz");
    assertThat(html.getElementById("organizers-1-name").val()).isEqualTo("Sam Okafor");
    assertThat(html.selectFirst("title").text()).startsWith("Error: ");
    assertThat(count("petition")).isEqualTo(petitions);
    assertThat(count("mig")).isEqualTo(migs);
  }

  @Test
  void noFileChosenAndNoOrganizerAreNamed() {
    List<Part> parts = new ArrayList<>(fields("No File " + suffix()));
    parts.removeIf(p -> p.name().startsWith("organizers["));
    parts.addAll(organizer(0, "", "", ""));
    Page page = post(parts, Part.file("signatures", "", new byte[0]));
    assertThat(page.status()).isEqualTo(400);
    assertErrorNextTo(page, "signatures", "choose the signatures.csv file (member_id,name, one signature per line)");
    assertErrorNextTo(page, "organizers", "at least one designated organizer is required");
  }

  @Test
  void aRenewalNeedsAMigChosenFromTheActiveOnes() {
    List<Part> parts = new ArrayList<>(fields(""));
    parts.removeIf(p -> p.name().equals("kind"));
    parts.add(Part.field("kind", "RENEW"));
    Page page = post(parts, csvFile(csv(members)));
    assertThat(page.status()).isEqualTo(400);
    assertErrorNextTo(page, "migId", "required");
    assertThat(page.html().getElementById("kind-RENEW").hasAttr("checked")).isTrue();
  }

  @Test
  void aNameOfAnActiveMigIsRefusedNextToTheName() {
    Mig active = TestMigs.active("Rural Libraries");
    tx.executeWithoutResult(s -> migRecords.insert(active));
    long petitions = count("petition");
    Page page = post(fields(active.name()), csvFile(csv(members)));
    assertThat(page.status()).isEqualTo(400);
    assertErrorNextTo(page, "migName", "A MIG named '" + active.name() + "' is active (id " + active.id() + ")");
    assertThat(count("petition")).isEqualTo(petitions);
  }

  @Test
  void aGoodPetitionIsStoredAndConfirmed() {
    long petitions = count("petition");
    String name = "Graphic Medicine " + suffix();
    // UTF-8 with a byte order mark and CRLF, as a spreadsheet saves it
    byte[] file = ("\uFEFF" + csv(members).replace("\n", "\r\n")).getBytes(StandardCharsets.UTF_8);

    List<Part> parts = fields(name);
    parts.add(Part.field("meetingNeeds", "A room for 40 at Annual, not on Saturday morning."));
    Page page = post(parts, Part.file("signatures", "signatures.csv", file));

    assertThat(page.status()).as(page.body()).isEqualTo(302);
    assertThat(page.location()).matches(".*/petitions/P-[0-9A-F]{12}");
    String petitionId = page.location().substring(page.location().lastIndexOf('/') + 1);
    assertThat(count("petition")).isEqualTo(petitions + 1);
    Map<String, Object> stored = jdbc.queryForMap(
        "select mig_id, kind, submitted_by, signature_count from petition where id = ?", petitionId);
    assertThat(stored).containsEntry("KIND", "ESTABLISH").containsEntry("SUBMITTED_BY", "mps1")
        .containsEntry("SIGNATURE_COUNT", 100);
    assertThat(jdbc.queryForList("select member_id from petition_signature where petition_id = ? order by position",
        String.class, petitionId)).containsExactlyElementsOf(members.stream().map(m -> (String) m.get("memberId")).toList());

    Page confirmation = mps1.get("/petitions/" + petitionId);
    assertThat(confirmation.status()).isEqualTo(200);
    assertThat(confirmation.byId("petition-id").text()).isEqualTo(petitionId);
    assertThat(confirmation.byId("petition-mig").text()).isEqualTo(name);
    assertThat(confirmation.byId("petition-signatures").text()).isEqualTo("100");
    assertThat(confirmation.html().select("a[href=\"/camunda/app/tasklist/\"]")).isNotEmpty();

    // the CSV path stays paper: Member Programs' task says so, nothing is pre-verified as online
    assertThat(jdbc.queryForObject("select count(*) from petition_signature where petition_id = ?"
        + " and collected = 'PAPER' and confirmed_at is null", Integer.class, petitionId)).isEqualTo(100);
    String pid = runtime.createProcessInstanceQuery().processInstanceBusinessKey(petitionId).singleResult().getId();
    ManagedMigs.runDueJobs(management, pid);   // acknowledge, pre-verify
    Task verify = tasks.createTaskQuery().processInstanceId(pid).taskDefinitionKey("verifySignatures").singleResult();
    assertThat((String) tasks.getVariableLocal(verify.getId(), "signatureCollectionSummary"))
        .isEqualTo("100 signatures: 0 confirmed online by a link mailed to the member's roster address, 100 on paper");
    assertThat(tasks.getVariableLocal(verify.getId(), "onlinePreVerifiedSignatureCount")).isEqualTo(0);
    // the meeting needs typed on the form go with the petition, for Conference Services
    assertThat(runtime.getVariable(pid, "meetingNeeds")).isEqualTo("A room for 40 at Annual, not on Saturday morning.");
  }

  @Test
  void aSignaturesFileOfSeveralMegabytesIsRead() {
    long petitions = count("petition");
    StringBuilder csv = new StringBuilder("member_id,name\n");
    for (int i = 0; i < 60_000; i++) {
      csv.append(String.format("M%06d,Member Number %06d Longname%n", i, i));
    }
    assertThat(csv.length()).isGreaterThan(2 * 1024 * 1024);
    List<Part> parts = new ArrayList<>(fields("Big File " + suffix()));
    parts.removeIf(p -> p.name().equals("statementOfPurpose"));
    parts.add(Part.field("statementOfPurpose", "too short"));

    Page page = post(parts, csvFile(csv.toString()));

    // the whole file was read and checked: only the statement is wrong
    assertThat(page.status()).isEqualTo(400);
    assertErrorNextTo(page, "statementOfPurpose", "too short: at least 20 characters");
    assertThat(page.html().getElementById("signatures-error")).isNull();
    assertThat(count("petition")).isEqualTo(petitions);
  }

  @Test
  void anUnknownPetitionIsNotFound() {
    Page page = mps1.get("/petitions/P-000000000000");
    assertThat(page.status()).isEqualTo(404);
    assertThat(page.html().select("h1").text()).isEqualTo("Not found");
  }

  // --- helpers -----------------------------------------------------------------------------------

  private Page post(List<Part> fields, Part file) {
    return mps1.postMultipart("/petitions", withCsrf(mps1.get("/petitions/new").csrf(), fields, file));
  }

  private static List<Part> withCsrf(String csrf, List<Part> fields, Part file) {
    List<Part> parts = new ArrayList<>();
    parts.add(Part.field("_csrf", csrf));
    parts.addAll(fields);
    parts.add(file);
    return parts;
  }

  /** A good ESTABLISH petition's fields (three organizer rows, the third blank), without the file. */
  static List<Part> fields(String migName) {
    List<Part> parts = new ArrayList<>();
    parts.add(Part.field("kind", "ESTABLISH"));
    parts.add(Part.field("migName", migName));
    parts.add(Part.field("migId", ""));
    parts.add(Part.field("statementOfPurpose", PURPOSE));
    parts.addAll(organizer(0, "Rosa Díaz", "rosa@lib.example", "10 Library Way, Springfield"));
    parts.addAll(organizer(1, "Sam Okafor", "sam@lib.example", "22 Reading Rd, Shelbyville"));
    parts.addAll(organizer(2, "", "", ""));
    return parts;
  }

  static List<Part> organizer(int row, String name, String email, String address) {
    return List.of(Part.field("organizers[" + row + "].name", name), Part.field("organizers[" + row + "].email", email),
        Part.field("organizers[" + row + "].address", address));
  }

  static Part csvFile(String csv) {
    return Part.file("signatures", "signatures.csv", csv.getBytes(StandardCharsets.UTF_8));
  }

  /** The signatures file of these members, names quoted as a spreadsheet would. */
  static String csv(List<Map<String, Object>> members) {
    StringBuilder csv = new StringBuilder("member_id,name\n");
    for (Map<String, Object> m : members) {
      csv.append(m.get("memberId")).append(",\"").append(((String) m.get("name")).replace("\"", "\"\"")).append("\"\n");
    }
    return csv.toString();
  }

  /**
   * The input is marked invalid and described by its error element, which sits beside it (in the
   * same field) and says {@code message}.
   */
  static void assertErrorNextTo(Page page, String inputId, String message) {
    Document html = page.html();
    Element input = html.getElementById(inputId);
    assertThat(input).as("#" + inputId).isNotNull();
    Element error = html.getElementById(inputId + "-error");
    assertThat(error).as("#" + inputId + "-error").isNotNull();
    assertThat(error.text()).as("error of #" + inputId).contains(message);
    assertThat(input.attr("aria-describedby").split(" ")).as("aria-describedby of #" + inputId)
        .contains(inputId + "-error");
    if (!input.tagName().equals("fieldset")) {
      assertThat(input.attr("aria-invalid")).as("aria-invalid of #" + inputId).isEqualTo("true");
      assertThat(error.parent()).as("the error of #" + inputId + " beside it").isEqualTo(input.parent());
    } else {
      assertThat(error.parent()).isEqualTo(input);
    }
    assertThat(html.select(".error-summary[role=alert]").text()).contains(message);
  }

  private long count(String table) {
    Long n = jdbc.queryForObject("select count(*) from " + table, Long.class);
    return n == null ? 0 : n;
  }

  private static String suffix() {
    return UUID.randomUUID().toString().substring(0, 8);
  }
}
