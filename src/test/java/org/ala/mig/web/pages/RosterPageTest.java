package org.ala.mig.web.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.ala.mig.roster.DemoRoster;
import org.ala.mig.roster.RosterMember;
import org.ala.mig.support.MigSpringBootTest;
import org.ala.mig.support.PageClient;
import org.ala.mig.support.PageClient.Page;
import org.ala.mig.support.PageClient.Part;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The roster page over real HTTP, as a browser without JavaScript uses it: who may use it, good
 * lines imported and bad ones listed with their numbers, a file that is no roster refused whole.
 */
@MigSpringBootTest
class RosterPageTest {

  static final String HEADER = "member_id,name,email,good_standing_through";

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  PageClient mps1;
  String prefix;

  @BeforeEach
  void signIn() {
    mps1 = new PageClient(port).signIn("mps1", "/roster");
    // the members of each test are its own: ids sort after the demo roster's M000001…
    prefix = "RP" + UUID.randomUUID().toString().substring(0, 6).toUpperCase() + "-";
  }

  // --- who may use it --------------------------------------------------------------------------

  @Test
  void anonymousIsSentToSignInAndBackToThePage() {
    Page page = new PageClient(port).get("/roster");
    assertThat(page.status()).isEqualTo(302);
    assertThat(page.location()).endsWith("/login?next=%2Froster");
  }

  @Test
  void onlyMemberProgramsMayUploadTheRoster() {
    PageClient coo = new PageClient(port).signIn("coo1", "/roster");
    Page page = coo.get("/roster");
    assertThat(page.status()).isEqualTo(403);
    assertThat(page.html().select("h1").text()).isEqualTo("Not for your group");

    long before = members();
    String csrf = coo.get("/registry").csrf();
    Page post = coo.postMultipart("/roster", List.of(Part.field("_csrf", csrf),
        csvFile("roster.csv", HEADER + "\n" + prefix + "1,Ann Lee,ann@lib.example,2030-01-31\n")));
    assertThat(post.status()).isEqualTo(403);
    assertThat(members()).isEqualTo(before);
    // and the navigation offers the page to MPS only
    assertThat(coo.get("/registry").html().select("nav a[href=/roster]")).isEmpty();
    assertThat(mps1.get("/registry").html().select("nav a[href=/roster]")).extracting(Element::text)
        .containsExactly("Roster");
  }

  @Test
  void aPostWithoutTheFormTokenIsRefusedAndStoresNothing() {
    long before = members();
    Page page = mps1.postMultipart("/roster",
        List.of(csvFile("roster.csv", HEADER + "\n" + prefix + "1,Ann Lee,ann@lib.example,2030-01-31\n")));
    assertThat(page.status()).isEqualTo(403);
    assertThat(members()).isEqualTo(before);
  }

  // --- the page ----------------------------------------------------------------------------------

  @Test
  void theFormHasALabelledFileInputTheTokenAndPlacesForProgressAndResult() {
    Page page = mps1.get("/roster");
    assertThat(page.status()).isEqualTo(200);
    Document html = page.html();
    assertThat(html.select("h1").text()).isEqualTo("Member roster");
    Element form = html.getElementById("roster-form");
    assertThat(form.attr("method")).isEqualTo("post");
    assertThat(form.attr("action")).isEqualTo("/roster");
    assertThat(form.attr("enctype")).isEqualTo("multipart/form-data");
    assertThat(form.selectFirst("input[type=hidden][name=_csrf]").val()).isNotBlank();
    Element file = form.selectFirst("input[type=file]");
    assertThat(file.attr("name")).isEqualTo("roster");
    assertThat(html.select("label[for=" + file.id() + "]").text()).isEqualTo("Roster file (CSV)");
    assertThat(file.attr("aria-describedby")).isEqualTo("roster-file-hint");
    assertThat(html.getElementById("roster-file-hint").text()).contains(HEADER);
    assertThat(html.getElementById("member-count").text()).matches("[0-9,]+");
    // the progress bar has its label; progress and outcome are said in live regions
    assertThat(html.select("label[for=roster-progress-bar]")).hasSize(1);
    assertThat(html.getElementById("roster-progress").hasAttr("hidden")).isTrue();
    assertThat(html.getElementById("roster-phase").attr("role")).isEqualTo("status");
    assertThat(html.getElementById("roster-summary").attr("role")).isEqualTo("status");
    assertThat(html.getElementById("roster-summary").text()).isEmpty();
    // the script is the application's own file: no inline script
    assertThat(html.select("script")).allSatisfy(s -> assertThat(s.attr("src")).startsWith("/js/"));
    assertThat(html.select("script[src=/js/roster-upload.js]")).hasSize(1);
  }

  @Test
  void goodLinesAreImportedAndEachBadLineIsListedWithItsNumber() {
    long before = members();
    String csv = HEADER + "\r\n"
        + prefix + "1,\"Núñez, María José\",mj@lib.example,2030-01-31\r\n"
        + prefix + "2,Lee Park,not-an-email,2030-01-31\r\n"
        + "\r\n"
        + prefix + "3,Ann Smith,,2030-01-31\r\n"
        + prefix + "4,Bo Chen,bo@lib.example,31/01/2030\r\n"
        + prefix + "1,Again Núñez,mj@lib.example,2030-01-31\r\n"
        + prefix + "5,=HYPERLINK(\"http://evil\"),e@lib.example,2030-01-31\r\n";

    Page page = mps1.postMultipart("/roster", List.of(Part.field("_csrf", mps1.get("/roster").csrf()),
        csvFile("members-2030.csv", csv)));

    assertThat(page.status()).as(page.body()).isEqualTo(200);
    Document html = page.html();
    Element summary = html.getElementById("roster-summary");
    assertThat(summary.attr("role")).isEqualTo("status");
    assertThat(summary.hasClass("imported")).isTrue();
    assertThat(html.getElementById("imported-count").text()).isEqualTo("2");
    assertThat(html.getElementById("rejected-count").text()).isEqualTo("4");
    assertThat(summary.text()).startsWith("members-2030.csv: 2 lines imported, 4 lines rejected (listed below).")
        .contains("The roster now has " + String.format("%,d", before + 2) + " members.");
    assertThat(rows(html)).containsExactly(
        "3 email: not a valid address",
        "6 good_standing_through: not a date (use YYYY-MM-DD)",
        "7 member_id: " + prefix + "1 appears again (first on line 2)",
        "8 name: must not start with =, +, -, @ or a tab (spreadsheet formula)");
    assertThat(html.select("table#rejected thead th").eachText()).containsExactly("Line", "What is wrong");
    assertThat(html.select("table#rejected caption").text()).isEqualTo("Rejected lines of members-2030.csv");
    assertThat(html.getElementById("rejected-more")).isNull();
    assertThat(html.getElementById("roster-file").hasAttr("aria-invalid")).isFalse();

    assertThat(members()).isEqualTo(before + 2);
    assertThat(jdbc.queryForObject("select name from member where member_id = ?", String.class, prefix + "1"))
        .isEqualTo("Núñez, María José");
    assertThat(jdbc.queryForObject("select email from member where member_id = ?", String.class, prefix + "3"))
        .isNull();
  }

  @Test
  void aFileThatIsNotARosterIsRefusedWholeWithWhatIsWrongAndNothingIsStored() {
    long before = members();
    String csrf = mps1.get("/roster").csrf();

    Page wrongHeader = mps1.postMultipart("/roster", List.of(Part.field("_csrf", csrf),
        csvFile("petition.csv", "member_id,name\n" + prefix + "1,Ann Lee\n")));
    assertThat(wrongHeader.status()).isEqualTo(400);
    Document html = wrongHeader.html();
    assertThat(html.title()).startsWith("Error: ");
    Element summary = html.getElementById("roster-summary");
    assertThat(summary.hasClass("failed")).isTrue();
    assertThat(summary.text()).isEqualTo("Nothing was imported from petition.csv: expected the header \""
        + HEADER + "\" but found \"member_id,name\". Nothing was stored.");
    assertThat(html.getElementById("roster-file").attr("aria-invalid")).isEqualTo("true");
    assertThat(html.getElementById("roster-file").attr("aria-describedby")).contains("roster-summary");
    assertThat(html.select("table#rejected")).isEmpty();

    Page notText = mps1.postMultipart("/roster", List.of(Part.field("_csrf", csrf),
        Part.file("roster", "roster.xlsx", new byte[] {'P', 'K', 3, 4, 0, 0, (byte) 0xC3, (byte) 0x28})));
    assertThat(notText.status()).isEqualTo(400);
    assertThat(notText.byId("roster-error").text()).isEqualTo("not valid UTF-8 text");

    Page binary = mps1.postMultipart("/roster", List.of(Part.field("_csrf", csrf),
        csvFile("roster.csv", HEADER + "\n" + prefix + "1,Ann\u0000Lee,ann@lib.example,2030-01-31\n")));
    assertThat(binary.status()).isEqualTo(400);
    assertThat(binary.byId("roster-error").text()).isEqualTo("not a CSV text file: binary content (U+0000) on line 2");

    Page unclosed = mps1.postMultipart("/roster", List.of(Part.field("_csrf", csrf),
        csvFile("roster.csv", HEADER + "\n" + prefix + "1,Ann Lee,ann@lib.example,2030-01-31\n"
            + prefix + "2,\"Bo Chen,bo@lib.example,2030-01-31\n")));
    assertThat(unclosed.status()).isEqualTo(400);
    assertThat(unclosed.byId("roster-error").text()).isEqualTo("a quoted field starting on line 3 is never closed");

    Page empty = mps1.postMultipart("/roster", List.of(Part.field("_csrf", csrf), csvFile("roster.csv", "")));
    assertThat(empty.status()).isEqualTo(400);
    assertThat(empty.byId("roster-summary").text())
        .isEqualTo("Nothing was imported from roster.csv: the file is empty. Nothing was stored.");

    Page noFile = mps1.postMultipart("/roster", List.of(Part.field("_csrf", csrf),
        Part.file("roster", "", new byte[0])));
    assertThat(noFile.status()).isEqualTo(400);
    assertThat(noFile.byId("roster-summary").text())
        .isEqualTo("Nothing was imported: choose the roster file (CSV) to upload. Nothing was stored.");

    assertThat(members()).isEqualTo(before);
  }

  @Test
  void thousandsOfBadLinesListTheFirstThousandAndSayHowManyMore() {
    long before = members();
    StringBuilder csv = new StringBuilder(HEADER).append('\n');
    for (int i = 1; i <= 1_500; i++) {
      // every line but each fifth one has no name
      csv.append(prefix).append(i).append(i % 5 == 0 ? ",Ann Lee" : ",").append(",,2030-01-31\n");
    }

    Page page = mps1.postMultipart("/roster", List.of(Part.field("_csrf", mps1.get("/roster").csrf()),
        csvFile("big.csv", csv.toString())));

    assertThat(page.status()).isEqualTo(200);
    Document html = page.html();
    assertThat(html.getElementById("imported-count").text()).isEqualTo("300");
    assertThat(html.getElementById("rejected-count").text()).isEqualTo("1,200");
    assertThat(html.select("table#rejected tbody tr")).hasSize(RosterPageController.SHOWN_REJECTED);
    assertThat(rows(html).get(0)).isEqualTo("2 name: required");
    assertThat(rows(html).get(999)).isEqualTo("1250 name: required");
    assertThat(html.getElementById("rejected-more").text())
        .isEqualTo("The first 1,000 of 1,200 rejected lines are listed; 200 more are not shown.");
    assertThat(html.select("table#rejected caption").text()).isEqualTo("The first 1,000 rejected lines of big.csv");
    assertThat(members()).isEqualTo(before + 300);
  }

  /**
   * 50,000 members through the page, as MPS would upload the whole roster: how long it takes is
   * printed (not asserted: machines differ); the import must be a matter of seconds.
   */
  @Test
  void fiftyThousandLinesAreImportedThroughThePage() {
    int lines = 50_000;
    long before = members();
    String csv = roster(DemoRoster.generate(lines, LocalDate.of(2026, 1, 1), 2026L));
    byte[] file = csv.getBytes(StandardCharsets.UTF_8);
    String csrf = mps1.get("/roster").csrf();

    Timer timer = new Timer();
    Page page = mps1.postMultipart("/roster", List.of(Part.field("_csrf", csrf), Part.file("roster", "roster-50k.csv", file)));
    System.out.printf("RosterPageTest: %,d roster lines (%,d bytes), all new, imported through POST /roster in %s%n",
        lines, file.length, timer);
    assertThat(page.status()).as(page.body()).isEqualTo(200);
    assertThat(page.byId("imported-count").text()).isEqualTo("50,000");
    assertThat(page.byId("rejected-count").text()).isEqualTo("0");
    assertThat(members()).isEqualTo(before + lines);

    // the same file again replaces every member: none is added
    timer = new Timer();
    Page again = mps1.postMultipart("/roster", List.of(Part.field("_csrf", csrf), Part.file("roster", "roster-50k.csv", file)));
    System.out.printf("RosterPageTest: the same %,d lines again, all replaced, in %s%n", lines, timer);
    assertThat(again.byId("imported-count").text()).isEqualTo("50,000");
    assertThat(members()).isEqualTo(before + lines);
  }

  /**
   * Wall-clock time, and the CPU time of the whole JVM (server and client), which says more than
   * the wall clock on a machine that runs other work.
   */
  private static final class Timer {
    private final long wall = System.nanoTime();
    private final long cpu = cpu();

    private static long cpu() {
      return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
          ? os.getProcessCpuTime() : -1;
    }

    @Override
    public String toString() {
      long cpuNow = cpu();
      return String.format("%,d ms (JVM CPU time %s)", (System.nanoTime() - wall) / 1_000_000,
          cpuNow < 0 ? "unknown" : String.format("%,d ms", (cpuNow - cpu) / 1_000_000));
    }
  }

  /** The members as a roster file, with this test's ids instead of the demo roster's. */
  private String roster(List<RosterMember> generated) {
    StringBuilder csv = new StringBuilder(HEADER).append('\n');
    for (RosterMember m : generated) {
      String name = m.name().contains(",") ? "\"" + m.name() + "\"" : m.name();
      csv.append(prefix).append(m.memberId()).append(',').append(name).append(',').append(m.email()).append(',')
          .append(m.goodStandingThrough()).append('\n');
    }
    return csv.toString();
  }

  private static List<String> rows(Document html) {
    List<String> rows = new ArrayList<>();
    for (Element row : html.select("table#rejected tbody tr")) {
      rows.add(row.text());
    }
    return rows;
  }

  private static Part csvFile(String name, String content) {
    return Part.file("roster", name, content.getBytes(StandardCharsets.UTF_8));
  }

  private long members() {
    return jdbc.queryForObject("select count(*) from member", Long.class);
  }
}
