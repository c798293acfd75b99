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
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * In the demo profile, the seven active MIGs of ALA's list (../shared/seeds, "Currently Active
 * MIGs"), brought under management through the same path as any existing MIG: each with its
 * statement of purpose as the list gives it (without its closing "Staff liaison: ..." phrase;
 * non-breaking and doubled spaces made single) and the staff liaisons it names. The liaisons'
 * addresses are made up (first.last@ala.example), and so are the organizers. Libraries Foster
 * Community Engagement was renamed from Libraries Fostering Civic Engagement: a former name, dated
 * a year before its current term (on its first day when the MIG has no earlier terms).
 *
 * <p>Current terms are spread relative to the first start so that a demo shows a renewal due
 * within weeks, reminders, and reports coming due. With {@code mig.demo.history} (on in the demo;
 * the tests' shared context leaves it off) each MIG has been active for {@code earlierTerms}
 * three-year terms before its current one, whose renewals, petitions and reports
 * demo.DemoHistoryLoader records. A MIG already in the registry is left alone; the
 * {@link StartupLock} keeps two nodes starting together from loading them both. With
 * {@code mig.demo.migs=false} the demo has its users, roster and conferences but no MIGs, nor
 * their history (a test that counts every MIG builds its own).
 */
@Component
@Profile("demo")
@ConditionalOnProperty(name = "mig.demo.migs", havingValue = "true", matchIfMissing = true)
@Order(30)
class DemoMigsLoader implements ApplicationRunner {

  private static final Logger log = LoggerFactory.getLogger(DemoMigsLoader.class);

  /** The rename ALA's list shows: "Libraries Foster Community Engagement (formerly Libraries Fostering Civic Engagement)". */
  static final String RENAMED = 
      "Libraries Foster Community Engagement";
  static final String FORMER_NAME = 
      "Libraries Fostering Civic Engagement";

  /**
   * name, statement, months and days since the current term started, staff liaisons, and how many
   * three-year terms the MIG had before its current one (with mig.demo.history).
   */
  record DemoMig(String name, String statement, int monthsAgo, int daysAgo, List<String> liaisons, int earlierTerms) {}

  // The statements of purpose, as ALA's list gives them.

  static final String DIVERSITY = 
      "This open forum would be an organizational home for persons interested in fostering an "
      + "improved climate for diversity within the American Library Association as a means to "
      + "positively impact services to the increasingly diverse populations who utilize our libraries "
      + "on a daily basis. In addition, it would provide a base for conference programming, formal "
      + "contacts, e-lists, etc. It would raise issues of concern with the Office for Diversity, "
      + "Committee on Diversity and other formal ALA communities (Divisions, Committees, Round "
      + "Tables, etc.).";

  static final String ENTREPRENEURSHIP = 
      "More and more, libraries are becoming places of active, connected learning. The mission "
      + "of the Entrepreneurship and Maker Spaces Member Interest Group is:\n"
      + "\n"
      + "  1. to provide a community within ALA for members interested in discussing new ways "
      + "that libraries can encourage and support community makers and builders, be they businesses "
      + "and businesspeople from startup through growth-stage, or creators of objects or content,\n"
      + "  2. providing a pan-libraries forum for the support of libraries engaged in building "
      + "or renovating entrepreneurship and maker spaces in their libraries.\n"
      + "\n"
      + "Our goal is to furnish space for librarians and library staff to brainstorm, develop, "
      + "and share ideas for fundraising, friendraising, programming, publications, and publicity.";

  static final String GRAPHIC_NOVELS = 
      "To provide a method for engagement and networking among ALA members interested in comic "
      + "books and graphic novels. To collaborate with ALA units to support the inclusion of comic "
      + "books and graphic novels in library initiatives and programs across the Association. "
      + "To advocate for wider incorporation and acceptance by the profession and the Association "
      + "for comic books and graphic novels in library services, programming, and collections. "
      + "This group is open to all members, and encourages participation from members from all "
      + "library types and members who serve various library user demographics.";

  static final String BUILD_COMMUNITIES = 
      "To provide library workers with information about skills-based volunteering so that they "
      + "can plan and carry out volunteer programs benefiting libraries and other social service "
      + "organizations in communities that can benefit from organized, targeted volunteer events. "
      + "Skills can include the skills that library workers exercise every day in their jobs (e.g., "
      + "short-term cataloging projects, book repair, technology projects, story hours) as well "
      + "as other skills such as painting, basic home/school/library building repair and improvement, "
      + "carpentry, gardening and yard work etc. Assistance includes, but is not necessarily limited "
      + "to advice and tool kits on how to develop a relationship with a library or community "
      + "agency that can host an event and how to plan, organize, manage, recruit volunteers, "
      + "obtain needed supplies or equipment, evaluate results, and share lessons learned with "
      + "the library community so volunteer initiatives can grow and become a viral form of library "
      + "advocacy. Skills-based volunteering can, literally, be grass roots advocacy.";

  static final String COMMUNITY_ENGAGEMENT = 
      "Libraries Foster Community Engagement provides an ALA organizational home for members "
      + "interested in the work of library-led community engagement. It is a community of practice "
      + "where participants share experiences facilitating public forums, fostering community "
      + "and civic engagement, and leading change in communities. Participants also hear about "
      + "professional development opportunities and library experiences related to convening, "
      + "dialogue facilitation, forum moderation, deliberative dialogue and local partnerships "
      + "to help communities understand issues of concern and solve problems together.";

  static final String PROGRAMMING = 
      "To bring together all types of librarians interested in public programming for their "
      + "patrons. Programming is an intrinsically essential library service. The Programming Librarian "
      + "Interest Group will help librarians advocate for programming at their own institutions, "
      + "share program ideas and successful strategies, and provide a space for professional development "
      + "by librarians who do programming officially and unofficially as part of their job duties. "
      + "The group will also be a vehicle for ALA members to connect more dynamically with ALA’s "
      + "Public Programs Office.";

  static final String VIRTUAL_COMMUNITIES = 
      "To provide a group within ALA for members interested in fostering the practice of library "
      + "work, the visibility of libraries and library workers, and the extension of library services "
      + "within online social networks, virtual worlds, and other communities of intention. To "
      + "provide a mechanism for sharing experiences and practices in-person or virtually through "
      + "programming or asynchronous communications. To encourage wider participation by the profession "
      + "and the association in virtual worlds. To establish a forum across all types of libraries "
      + "and at all levels of library employment concerned with the development of library services "
      + "in emerging social networks, virtual worlds, and other communities of intention. This "
      + "group is open to all members.";

  static final List<DemoMig> MIGS = List.of(
      new DemoMig("Diversity", DIVERSITY, 34, 10, List.of("Gwendolyn Prellwitz"), 5),
      new DemoMig("Entrepreneurship and Maker Spaces", ENTREPRENEURSHIP, 13, 0,
          List.of("Tina Coleman", "Jenny Levine"), 3),
      new DemoMig("Graphic Novels & Comics in Libraries", GRAPHIC_NOVELS, 28, 5, List.of("Tina Coleman"), 1),
      new DemoMig("Librarians Build Communities", BUILD_COMMUNITIES, 6, 0, List.of("Don Wood"), 2),
      new DemoMig(RENAMED, COMMUNITY_ENGAGEMENT, 20, 0, List.of("Mary W. Ghikas"), 3),
      new DemoMig("Programming Librarian Interest Group", PROGRAMMING, 35, 20, List.of("Deb Robertson"), 4),
      new DemoMig("Virtual Communities and Libraries", VIRTUAL_COMMUNITIES, 2, 0, List.of("Tina Coleman"), 5));

  private final RegistryService registry;
  private final MigRepository migs;
  private final DeadlineCalendar calendar;
  private final StartupLock lock;
  private final StaffLiaisonRepository staffLiaisons;
  private final EarlierStandingService earlier;
  private final boolean history;

  DemoMigsLoader(RegistryService registry, MigRepository migs, DeadlineCalendar calendar, StartupLock lock,
      StaffLiaisonRepository staffLiaisons, EarlierStandingService earlier,
      @Value("${mig.demo.history:false}") boolean history) {
    this.staffLiaisons = staffLiaisons;
    this.registry = registry;
    this.migs = migs;
    this.calendar = calendar;
    this.lock = lock;
    this.earlier = earlier;
    this.history = history;
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
      // made-up addresses at ala.example: ALA's list names the liaisons, not their addresses
      List<StaffLiaison> liaisons = demo.liaisons().stream().map(name -> new StaffLiaison(name,
          name.toLowerCase().replace(".", "").replace(' ', '.') + "@ala.example")).toList();
      LocalDate termStart = today.minusMonths(demo.monthsAgo()).minusDays(demo.daysAgo());
      LocalDate activeSince = history ? termStart.minusYears(3L * demo.earlierTerms()) : null;
      registry.bringUnderManagement(new ExistingMigRequest(demo.name(), demo.statement(),
          termStart, null,
          liaisons.get(0),
          List.of(new OrganizerInput("Organizer of " + demo.name(), "organizers@" + handle + ".example.org",
              "50 East Huron Street, Chicago, IL 60611")), activeSince));
      staffLiaisons.replace(handle, liaisons);
      if (RENAMED.equals(demo.name())) {
        LocalDate renamedOn = history && demo.earlierTerms() > 0 ? termStart.minusYears(1) : termStart;
        earlier.recordEarlierRename(handle, FORMER_NAME, renamedOn);
      }
      loaded++;
    }
    if (loaded > 0) {
      log.info("Brought {} demo MIGs under management", loaded);
    }
  }
}
