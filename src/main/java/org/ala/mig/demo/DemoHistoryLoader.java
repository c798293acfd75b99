package org.ala.mig.demo;

import java.time.LocalDate;
import java.time.Month;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.ala.mig.common.StartupLock;
import org.ala.mig.lifecycle.EarlierMig;
import org.ala.mig.lifecycle.EarlierStandingService;
import org.ala.mig.petition.EarlierPetition;
import org.ala.mig.petition.EarlierPetitionService;
import org.ala.mig.registry.DeadlineCalendar;
import org.ala.mig.registry.Mig;
import org.ala.mig.registry.MigRepository;
import org.ala.mig.registry.MigStatus;
import org.ala.mig.registry.OrganizerInput;
import org.ala.mig.registry.StaffLiaison;
import org.ala.mig.reporting.AnnualReport;
import org.ala.mig.reporting.AnnualReportService;
import org.ala.mig.reporting.CooDecisionService;
import org.ala.mig.reporting.CooDecisions.Subject;
import org.ala.mig.reporting.EarlierReportService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * In the demo profile with {@code mig.demo.history} (application-demo.yaml), years of history, so
 * that the Handbook, the calendar feeds and Council's analytics have something to show on the
 * first start:
 * <ul>
 *   <li>the seven MIGs of ALA's list (lifecycle.DemoMigsLoader, which makes them active since some
 *       years before their current term): the petition that established each, a re-petition
 *       before each earlier term's end, received some weeks before COO approved it, and the yearly
 *       reports due each August 1 while active, mostly on time, some late;</li>
 *   <li>four illustrative MIGs, not real ALA groups (their names say "(example)"), that ended in
 *       earlier years: one disbanded when its term ran out without a re-petition, one disbanded on
 *       its own request, one transitioned into a round table, one whose petition COO refused; with
 *       their petitions, COO's decisions and reports, a few of which never arrived.</li>
 * </ul>
 * Every day is before today (the engine's clock) and the years are counted back from it. Everything
 * goes through the services that record history from before this application (no mail, no
 * process), in one transaction under the {@link StartupLock}; once the last illustrative MIG is
 * in the registry, a restart adds nothing.
 */
@Component
@Profile("demo")
@ConditionalOnExpression("${mig.demo.history:false} and ${mig.demo.migs:true}")
@Order(35)
class DemoHistoryLoader implements ApplicationRunner {

  private static final Logger log = LoggerFactory.getLogger(DemoHistoryLoader.class);

  /** The seven MIGs of ALA's list, by id (lifecycle.DemoMigsLoader). */
  static final List<String> LISTED = List.of("diversity", "entrepreneurship-and-maker-spaces",
      "graphic-novels-comics-in-libraries", "librarians-build-communities", "libraries-foster-community-engagement",
      "programming-librarian-interest-group", "virtual-communities-and-libraries");

  static final String NOT_RENEWED = "Bookmobile Futures (example)";
  static final String DISBANDED_ON_REQUEST = "Library Podcasting (example)";
  static final String TRANSITIONED = "Seed Libraries (example)";
  static final String ROUND_TABLE = "Library Gardens Round Table (example)";
  static final String NOT_ESTABLISHED = "Library Drone Pilots (example)";
  /** The MIG stored last: once it is in the registry, the history is. */
  static final String LAST_ID = "library-drone-pilots-example";

  private final MigRepository migs;
  private final DeadlineCalendar calendar;
  private final StartupLock lock;
  private final TransactionTemplate transactions;
  private final EarlierStandingService standing;
  private final EarlierPetitionService petitions;
  private final EarlierReportService earlierReports;
  private final AnnualReportService reports;
  private final CooDecisionService decisions;

  DemoHistoryLoader(MigRepository migs, DeadlineCalendar calendar, StartupLock lock, TransactionTemplate transactions,
      EarlierStandingService standing, EarlierPetitionService petitions, EarlierReportService earlierReports,
      AnnualReportService reports, CooDecisionService decisions) {
    this.migs = migs;
    this.calendar = calendar;
    this.lock = lock;
    this.transactions = transactions;
    this.standing = standing;
    this.petitions = petitions;
    this.earlierReports = earlierReports;
    this.reports = reports;
    this.decisions = decisions;
  }

  @Override
  public void run(ApplicationArguments args) {
    lock.run("demo history", () -> {
      if (migs.find(LAST_ID).isPresent()) {
        return;
      }
      transactions.executeWithoutResult(status -> load());
      log.info("Recorded the demo's earlier history: {} listed MIGs, 4 that ended before", LISTED.size());
    });
  }

  private void load() {
    for (String id : LISTED) {
      migs.find(id).filter(m -> m.status() == MigStatus.ACTIVE || m.status() == MigStatus.RENEWAL_PENDING)
          .ifPresent(this::listedMigHistory);
    }
    endedMigs();
  }

  // --- the seven MIGs of ALA's list ----------------------------------------------------------------

  private void listedMigHistory(Mig mig) {
    LocalDate activeSince = migs.activeSince(mig.id()).orElse(mig.termStart());
    int seed = Math.floorMod(mig.id().hashCode(), 97);
    List<OrganizerInput> organizers = organizers(mig.name(), mig.id());
    // established: the petition received some weeks before COO approved it, on the first day
    LocalDate received = activeSince.minusWeeks(4 + seed % 6);
    petitions.recordEarlierPetition(new EarlierPetition(mig.id(), "ESTABLISH", null, organizers, 100 + seed,
        received, activeSince, true, null));
    // each earlier term renewed: the re-petition some weeks before COO approved it, weeks before the term's end
    List<LocalDate> renewals = new ArrayList<>();
    for (int term = 1; !activeSince.plusYears(3L * term).isAfter(mig.termStart()); term++) {
      LocalDate nextTerm = activeSince.plusYears(3L * term);
      LocalDate decided = nextTerm.minusWeeks(2 + (seed + term) % 5);
      renewals.add(decided);
    }
    if (!renewals.isEmpty()) {
      standing.recordEarlierRenewals(mig.id(), renewals);
    }
    for (int i = 0; i < renewals.size(); i++) {
      LocalDate decided = renewals.get(i);
      petitions.recordEarlierPetition(new EarlierPetition(mig.id(), "RENEW", null, organizers, 110 + seed + 3 * i,
          decided.minusWeeks(3 + (seed + i) % 6), decided, true, null));
    }
    // the yearly reports due while it was active, before today: about one in six late
    Set<String> known = reports.forMig(mig.id()).stream().map(AnnualReport::id).collect(Collectors.toSet());
    LocalDate today = calendar.today();
    for (LocalDate due = calendar.nextAnnualReportDue(activeSince, activeSince); due.isBefore(today);
        due = due.plusYears(1)) {
      if (known.contains(mig.id() + ":" + due.getYear())) {
        continue;
      }
      boolean late = (seed + due.getYear()) % 6 == 0;
      LocalDate receivedOn = late ? due.plusDays(9 + seed % 30) : due.minusDays(1 + (seed + due.getYear()) % 25);
      if (!receivedOn.isBefore(today)) {
        receivedOn = due.minusDays(3);
      }
      earlierReports.recordEarlierReport(mig.id(), due.getYear(), receivedOn, activities(mig.name(), due.getYear()));
    }
  }

  // --- four MIGs that ended before (illustrative) --------------------------------------------------

  private void endedMigs() {
    int year = calendar.today().getYear();

    // disbanded when its term ran out: renewed once, then no re-petition; its last two reports never came
    LocalDate established = LocalDate.of(year - 15, Month.APRIL, 20);
    LocalDate renewed = LocalDate.of(year - 12, Month.MARCH, 6);
    Mig bookmobile = standing.recordEndedMig(new EarlierMig(NOT_RENEWED,
        "To share practice on bookmobiles and mobile library services: vehicles, routes, outreach to rural "
            + "and underserved communities, and their future.",
        liaison("Robin Example"), organizers(NOT_RENEWED, "bookmobile-futures-example"),
        LocalDate.of(year - 15, Month.MARCH, 2), established, List.of(renewed), "DISBANDED",
        calendar.renewedTermEnd(calendar.termEnd(established)), "NOT_RENEWED", null));
    establishAndRenew(bookmobile, LocalDate.of(year - 15, Month.MARCH, 2), established,
        List.of(LocalDate.of(year - 12, Month.JANUARY, 20)), List.of(renewed));
    reports(bookmobile, year - 15, year - 10, Set.of(year - 13), Set.of(year - 11, year - 10));

    // disbanded on its own request, in its second term; its last report never came
    established = LocalDate.of(year - 10, Month.JANUARY, 22);
    renewed = LocalDate.of(year - 7, Month.JANUARY, 8);
    LocalDate disbanded = LocalDate.of(year - 6, Month.SEPTEMBER, 14);
    Mig podcasting = standing.recordEndedMig(new EarlierMig(DISBANDED_ON_REQUEST,
        "To help libraries plan, record and publish podcasts about their collections, programs and communities.",
        liaison("Casey Example"), organizers(DISBANDED_ON_REQUEST, "library-podcasting-example"),
        LocalDate.of(year - 11, Month.DECEMBER, 1), established, List.of(renewed), "DISBANDED", disbanded,
        "REQUESTED", null));
    establishAndRenew(podcasting, LocalDate.of(year - 11, Month.DECEMBER, 1), established,
        List.of(LocalDate.of(year - 8, Month.NOVEMBER, 13)), List.of(renewed));
    decisions.recordForRequest(podcasting.id(), Subject.DISBAND, true, null,
        "Our members now meet in the divisions' podcasting groups; the group's work is done.",
        at(disbanded), EarlierPetitionService.EARLIER_RECORD);
    reports(podcasting, year - 10, year - 6, Set.of(year - 8), Set.of(year - 6));

    // transitioned into a round table in its third term
    established = LocalDate.of(year - 13, Month.SEPTEMBER, 9);
    List<LocalDate> renewedOn = List.of(LocalDate.of(year - 10, Month.AUGUST, 4), LocalDate.of(year - 7, Month.AUGUST, 3));
    LocalDate transitioned = LocalDate.of(year - 5, Month.JUNE, 27);
    Mig seeds = standing.recordEndedMig(new EarlierMig(TRANSITIONED,
        "To support libraries that lend seeds and garden tools, and to share practice on seed saving, "
            + "community gardens and food literacy programs.",
        liaison("Jordan Example"), organizers(TRANSITIONED, "seed-libraries-example"),
        LocalDate.of(year - 13, Month.JULY, 15), established, renewedOn, "TRANSITIONED", transitioned, null,
        ROUND_TABLE));
    establishAndRenew(seeds, LocalDate.of(year - 13, Month.JULY, 15), established,
        List.of(LocalDate.of(year - 10, Month.JUNE, 2), LocalDate.of(year - 7, Month.JUNE, 22)), renewedOn);
    decisions.recordForRequest(seeds.id(), Subject.TRANSITION, true, null,
        "Our members asked for a permanent home: we become part of " + ROUND_TABLE + ".",
        at(transitioned), EarlierPetitionService.EARLIER_RECORD);
    reports(seeds, year - 12, year - 6, Set.of(year - 10, year - 7), Set.of(year - 9));

    // a petition COO refused: the MIG was not established
    LocalDate petitioned = LocalDate.of(year - 7, Month.OCTOBER, 7);
    LocalDate refused = LocalDate.of(year - 7, Month.DECEMBER, 16);
    Mig drones = standing.recordEndedMig(new EarlierMig(NOT_ESTABLISHED,
        "To explore the use of drones in library services: aerial photography of local history, delivery "
            + "of materials and programs that teach piloting.",
        null, organizers(NOT_ESTABLISHED, LAST_ID), petitioned, null, List.of(), "NOT_ESTABLISHED", refused,
        null, null));
    petitions.recordEarlierPetition(new EarlierPetition(drones.id(), "ESTABLISH", null,
        organizers(NOT_ESTABLISHED, LAST_ID), 104, petitioned, refused, false,
        "The proposed activities fall within the delegated responsibilities of existing units, and the "
            + "petition named no concern that these units do not already address."));
  }

  private void establishAndRenew(Mig mig, LocalDate petitioned, LocalDate established, List<LocalDate> repetitioned,
      List<LocalDate> renewed) {
    List<OrganizerInput> organizers = organizers(mig.name(), mig.id());
    petitions.recordEarlierPetition(new EarlierPetition(mig.id(), "ESTABLISH", null, organizers, 112, petitioned,
        established, true, null));
    for (int i = 0; i < renewed.size(); i++) {
      petitions.recordEarlierPetition(new EarlierPetition(mig.id(), "RENEW", null, organizers, 118 + i,
          repetitioned.get(i), renewed.get(i), true, null));
    }
  }

  /** The yearly reports from {@code first} to {@code last} (due years): late ones, missing ones, the rest on time. */
  private void reports(Mig mig, int first, int last, Set<Integer> late, Set<Integer> missing) {
    for (int year = first; year <= last; year++) {
      LocalDate due = LocalDate.of(year, Month.AUGUST, 1);
      if (missing.contains(year)) {
        earlierReports.recordEarlierReport(mig.id(), year, null, null);
      } else {
        earlierReports.recordEarlierReport(mig.id(), year, late.contains(year) ? due.plusDays(23) : due.minusDays(12),
            activities(mig.name(), year));
      }
    }
  }

  private static String activities(String name, int year) {
    return "What " + name + " did in the year to August 1, " + year + ": a program and a business meeting at the "
        + "Annual Conference, two online discussions, and a list of resources shared with members.";
  }

  /** The demo's made-up organizer of a MIG: organizers@{id}.example.org, at ALA's address. */
  private static List<OrganizerInput> organizers(String name, String id) {
    return List.of(new OrganizerInput("Organizer of " + name, "organizers@" + id + ".example.org",
        "50 East Huron Street, Chicago, IL 60611"));
  }

  /** A made-up staff liaison (name@ala.example) of an illustrative MIG. */
  private static StaffLiaison liaison(String name) {
    return new StaffLiaison(name, name.toLowerCase().replace(' ', '.') + "@ala.example");
  }

  private java.time.Instant at(LocalDate day) {
    return day.atTime(15, 0).atZone(calendar.zone()).toInstant();
  }
}
