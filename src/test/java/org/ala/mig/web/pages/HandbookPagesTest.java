package org.ala.mig.web.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.ala.mig.registry.Mig;
import org.ala.mig.registry.MigIds;
import org.ala.mig.registry.MigRepository;
import org.ala.mig.registry.MigStatus;
import org.ala.mig.registry.Organizer;
import org.ala.mig.registry.StaffLiaison;
import org.ala.mig.registry.StaffLiaisonRepository;
import org.ala.mig.support.HttpApi;
import org.ala.mig.support.HttpApi.Reply;
import org.ala.mig.support.MigSpringBootTest;
import org.ala.mig.support.PageClient;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The Handbook page, as anyone sees it without JavaScript: every listed MIG with its name,
 * "formerly ..." where it was renamed, purpose, liaisons, active since and term end (dates as the
 * other pages write them), the count, the search box left for the script to show, sortable
 * headers, no inline script; the navigation offers it to everyone, and the home page links it.
 */
@MigSpringBootTest
class HandbookPagesTest {

  @LocalServerPort int port;
  @Autowired MigRepository migs;
  @Autowired StaffLiaisonRepository liaisons;
  @Autowired JdbcTemplate jdbc;

  @Test
  void anyoneSeesEveryListedMigWithoutSigningIn() {
    String key = UUID.randomUUID().toString().substring(0, 8);
    String name = "Libraries Fostering Civic Engagement " + key;
    Mig mig = new Mig(MigIds.slug(name), name, MigStatus.ACTIVE, "To promote <civic> engagement & dialogue.",
        LocalDate.of(2024, 6, 27), LocalDate.of(2027, 6, 26), null, null,
        List.of(new Organizer("Ona Organizer", "ona-" + key + "@organizer.example", "1 Hidden Road")));
    migs.insert(mig, LocalDate.of(2015, 6, 27));
    liaisons.replace(mig.id(), List.of(new StaffLiaison("Mary W. Ghikas", "mg-" + key + "@ala.example"),
        new StaffLiaison("Don Wood", "dw-" + key + "@ala.example")));
    migs.rename(mig.id(), "Libraries Foster Community Engagement " + key);
    Mig gone = new Mig(MigIds.slug("Gone " + key), "Gone " + key, MigStatus.ACTIVE, "To be gone before long.",
        LocalDate.of(2020, 1, 1), LocalDate.of(2022, 12, 31), null, null, List.of());
    migs.insert(gone);
    migs.end(gone.id(), MigStatus.DISBANDED, "NOT_RENEWED", null, LocalDate.of(2022, 12, 31));

    Reply page = new HttpApi(port).get("/handbook", null);

    assertThat(page.status()).as(page.body()).isEqualTo(200);
    assertThat(page.contentType()).startsWith("text/html");
    Document html = Jsoup.parse(page.body());
    assertThat(html.selectFirst("h1").text()).isEqualTo("Handbook of Organization: Membership Initiative Groups");
    Element row = html.getElementById("mig-" + mig.id());
    assertThat(row).as(page.body()).isNotNull();
    assertThat(row.selectFirst(".mig-name").text()).isEqualTo("Libraries Foster Community Engagement " + key);
    assertThat(row.selectFirst(".formerly").text()).isEqualTo("formerly Libraries Fostering Civic Engagement " + key);
    assertThat(row.selectFirst(".purpose").text()).isEqualTo("To promote <civic> engagement & dialogue.");
    assertThat(page.body()).as("escaped").contains("To promote &lt;civic&gt; engagement &amp; dialogue.");
    assertThat(row.select(".liaisons li")).extracting(Element::text).containsExactly("Mary W. Ghikas", "Don Wood");
    assertThat(row.select("time")).extracting(Element::text).containsExactly("June 27, 2015", "June 26, 2027");
    assertThat(row.select("time")).extracting(t -> t.attr("datetime")).containsExactly("2015-06-27", "2027-06-26");
    assertThat(row.attr("data-active-since")).isEqualTo("2015-06-27");
    assertThat(html.getElementById("mig-" + gone.id())).as("a disbanded MIG is not listed").isNull();

    int listed = jdbc.queryForObject("select count(*) from mig where status in ('ACTIVE', 'RENEWAL_PENDING')", Integer.class);
    assertThat(html.select("tr.handbook-entry")).hasSize(listed);
    assertThat(html.getElementById("handbook-count").text()).isEqualTo(listed + " MIGs");
    assertThat(html.getElementById("handbook-tools").hasAttr("hidden")).as("the search waits for the script").isTrue();
    assertThat(html.select("th[data-sort-key]")).extracting(th -> th.attr("data-sort-key"))
        .containsExactly("name", "liaisons", "activeSince", "termEnd");
    assertThat(html.selectFirst("th[data-sort-key=name]").attr("aria-sort")).isEqualTo("ascending");
    assertThat(html.select("script")).allSatisfy(script -> {
      assertThat(script.attr("src")).isNotEmpty();
      assertThat(script.data()).isEmpty();
    });
    assertThat(html.select("script").eachAttr("src")).contains("/js/handbook.js");
    assertThat(html.select("[onclick], [oninput], [onload]")).isEmpty();
    assertThat(html.select("a[href=/handbook.csv]")).hasSize(1);
    assertThat(html.select("nav a[href=/handbook]")).extracting(Element::text).containsExactly("Handbook");
    assertThat(page.body()).doesNotContain("organizer.example", "Hidden Road", "@ala.example");
  }

  @Test
  void theNavigationAndTheHomePageOfferTheHandbookToEveryone() {
    Document home = Jsoup.parse(new HttpApi(port).get("/", null).body());
    assertThat(home.select("a[href=/handbook]")).as("the home page, anonymous").hasSize(1);
    PageClient staff = new PageClient(port).signedInAs("council1");
    Document registry = staff.get("/registry").html();
    assertThat(registry.select("nav a[href=/handbook]")).extracting(Element::text).containsExactly("Handbook");
    Document signedIn = staff.get("/handbook").html();
    assertThat(signedIn.select("tr.handbook-entry")).isNotEmpty();
  }
}
