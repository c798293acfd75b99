package org.ala.mig.lifecycle;

import java.time.LocalDate;
import java.util.List;
import org.ala.mig.common.StartupLock;
import org.ala.mig.registry.DeadlineCalendar;
import org.ala.mig.registry.MigIds;
import org.ala.mig.registry.MigRepository;
import org.ala.mig.registry.OrganizerInput;
import org.ala.mig.registry.StaffLiaison;
import org.ala.mig.registry.StaffLiaisonRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * In the demo profile, the active MIGs of ALA's list, brought under management through the same
 * path as any existing MIG. Their statements are short paraphrases; organizers and liaisons are
 * fictional, except that Entrepreneurship and Maker Spaces has the two staff liaisons ALA's list
 * names (with made-up addresses). Terms are spread relative to the first start so that a demo shows a renewal due
 * within weeks, reminders, and reports coming due. A MIG already in the registry is left alone;
 * the {@link StartupLock} keeps two nodes starting together from loading them both. With
 * {@code mig.demo.migs=false} the demo has its users, roster and conferences but no MIGs (a test
 * that counts every MIG builds its own).
 */
@Component
@Profile("demo")
@ConditionalOnProperty(name = "mig.demo.migs", havingValue = "true", matchIfMissing = true)
@Order(30)
class DemoMigsLoader implements ApplicationRunner {

  private static final Logger log = LoggerFactory.getLogger(DemoMigsLoader.class);

  /** name, statement, months and days since the current term started, staff liaisons */
  record DemoMig(String name, String statement, int monthsAgo, int daysAgo, List<String> liaisons) {

    DemoMig(String name, String statement, int monthsAgo, int daysAgo, String liaison) {
      this(name, statement, monthsAgo, daysAgo, List.of(liaison));
    }
  }

  static final List<DemoMig> MIGS = List.of(
      new DemoMig("Diversity",
          "To give members a forum on diversity, equity and inclusion in library services, collections and the profession.",
          34, 10, "Dana Reyes"),
      new DemoMig("Entrepreneurship and Maker Spaces",
          "To share practice on library maker spaces and on supporting entrepreneurs and small businesses.",
          13, 0, List.of("Tina Coleman", "Jenny Levine")),   // ALA's list names these two
      new DemoMig("Graphic Novels & Comics in Libraries",
          "To promote graphic novels and comics in libraries of every kind: collections, programs and readers' advisory.",
          28, 5, "Ari Lindqvist"),
      new DemoMig("Librarians Build Communities",
          "To connect librarians who volunteer their skills to build and strengthen their communities.",
          6, 0, "Noor Haddad"),
      new DemoMig("Libraries Foster Community Engagement",
          "To help libraries convene conversations and civic engagement in their communities "
              + "(formerly Libraries Fostering Civic Engagement).",
          20, 0, "Sam Whitfield"),
      new DemoMig("Programming Librarian Interest Group",
          "To bring together librarians who plan and present cultural and community programs.",
          35, 20, "Jo Park"),
      new DemoMig("Virtual Communities and Libraries",
          "To explore how libraries serve and build communities online and in virtual worlds.",
          2, 0, "Lee Liaison"));

  private final RegistryService registry;
  private final MigRepository migs;
  private final DeadlineCalendar calendar;
  private final StartupLock lock;
  private final StaffLiaisonRepository staffLiaisons;

  DemoMigsLoader(RegistryService registry, MigRepository migs, DeadlineCalendar calendar, StartupLock lock,
      StaffLiaisonRepository staffLiaisons) {
    this.staffLiaisons = staffLiaisons;
    this.registry = registry;
    this.migs = migs;
    this.calendar = calendar;
    this.lock = lock;
  }

  @Override
  public void run(ApplicationArguments args) {
    lock.run("demo MIGs", this::load);
  }

  private void load() {
    LocalDate today = calendar.today();
    int loaded = 0;
    for (DemoMig demo : MIGS) {
      if (migs.find(MigIds.slug(demo.name())).isPresent()) {
        continue;
      }
      String handle = MigIds.slug(demo.name());
      List<StaffLiaison> liaisons = demo.liaisons().stream()
          .map(name -> new StaffLiaison(name, name.toLowerCase().replace(' ', '.') + "@ala.example")).toList();
      registry.bringUnderManagement(new ExistingMigRequest(demo.name(), demo.statement(),
          today.minusMonths(demo.monthsAgo()).minusDays(demo.daysAgo()), null,
          liaisons.get(0),
          List.of(new OrganizerInput("Organizer of " + demo.name(), "organizers@" + handle + ".example.org",
              "50 East Huron Street, Chicago, IL 60611")), null));
      staffLiaisons.replace(handle, liaisons);
      loaded++;
    }
    if (loaded > 0) {
      log.info("Brought {} demo MIGs under management", loaded);
    }
  }
}
