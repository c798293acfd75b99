package org.ala.mig.bench;

import java.sql.SQLException;
import java.time.LocalDate;
import java.time.Month;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ala.mig.petition.PetitionRequest;
import org.ala.mig.petition.PetitionRequest.SignatureInput;
import org.ala.mig.petition.PetitionService;
import org.ala.mig.registry.Mig;
import org.ala.mig.registry.MigRepository;
import org.ala.mig.registry.MigStatus;
import org.ala.mig.registry.OrganizerInput;
import org.ala.mig.reporting.AnnualReportService;
import org.ala.mig.roster.DemoRoster;
import org.ala.mig.roster.RosterMember;
import org.ala.mig.roster.RosterRepository;

/**
 * The application's story, N MIGs at once, on the real services, delegates, engine and outbox:
 * <ol>
 *   <li>January 15: Member Programs (mps1) files the petition with 110 signatures; the engine
 *       acknowledges it and checks the signatures; MPS confirms them, the COO chair approves,
 *       the MIG is established, Conference Services acknowledges.</li>
 *   <li>Its first term: on July 2 of each of its three years (after the 30-day reminder) MPS
 *       submits the annual report and the chair accepts it: three annual reports.</li>
 *   <li>On December 20 of the third year, after both renewal reminders, MPS files a re-petition;
 *       it is verified and approved, and the term is renewed.</li>
 *   <li>Its second term: the MIG goes quiet. Each year's report gets its reminders, the overdue
 *       notice and COO's follow-up task (left open), and when the term runs out with nothing
 *       filed the MIG is disbanded automatically, ending its open reports.</li>
 * </ol>
 * Each MIG gets 22 mails, all sent through the embedded SMTP server before the stopwatch stops.
 */
final class AppStory extends StoryRun {

  static final int YEAR = 2031;
  static final LocalDate START = LocalDate.of(YEAR, Month.JANUARY, 15);
  static final int SIGNATURES = 110;
  static final int ROSTER = 2_000;
  static final int MAILS_PER_MIG = 22;


  /** One MIG of the story. */
  static final class Story {
    final int index;
    String migId;
    String petition;
    String renewal;

    Story(int index) {
      this.index = index;
    }
  }

  private final PetitionService petitions;
  private final AnnualReportService reports;
  private final MigRepository migs;
  private final RosterRepository roster;
  private final String runTag;
  private final List<Story> stories = new ArrayList<>();
  private List<RosterMember> members;

  /** The year the story starts in: {@link #YEAR}, or another for a later cohort in the same database (B6). */
  private final int year;
  private final LocalDate start;

  AppStory(BenchApp app, BenchDatabase db, BenchDatabase.Target target, int lifecycles, int driverThreads)
      throws SQLException {
    this(app, db, target, lifecycles, driverThreads, YEAR);
  }

  AppStory(BenchApp app, BenchDatabase db, BenchDatabase.Target target, int lifecycles, int driverThreads, int year)
      throws SQLException {
    super(app, db, target, lifecycles, driverThreads);
    this.year = year;
    this.start = LocalDate.of(year, Month.JANUARY, 15);
    this.petitions = app.bean(PetitionService.class);
    this.reports = app.bean(AnnualReportService.class);
    this.migs = app.bean(MigRepository.class);
    this.roster = app.bean(RosterRepository.class);
    this.runTag = Long.toString(System.nanoTime() % 100_000, 36);
    for (int i = 0; i < lifecycles; i++) {
      stories.add(new Story(i));
    }
  }

  @Override
  void prepare() {
    clockAt(start.atTime(8, 0).atZone(CHICAGO).toInstant());
    // members in good standing through the whole story
    members = DemoRoster.generate(ROSTER, start, 1876L).stream()
        .map(m -> new RosterMember(m.memberId(), m.name(), m.email(), start.plusYears(12)))
        .toList();
    roster.upsert(members);
  }

  @Override
  void story() throws Exception {
    clockAt(tenAm(start));
    establish();
    phase("establish");
    for (int reportYear = year; reportYear < year + 3; reportYear++) {
      walkTo(tenAm(LocalDate.of(reportYear, Month.JULY, 2)));
      phase("timers");
      report(reportYear);
      phase("annual reports");
    }
    walkTo(tenAm(LocalDate.of(year + 2, Month.DECEMBER, 20)));
    phase("timers");
    renew();
    phase("renewal");
    runToTheEnd();
    phase("timers");
  }

  private void establish() throws Exception {
    forEach(stories, s -> {
      var submitted = as("mps1", MPS, () -> petitions.submit(petition("ESTABLISH", s, null), "mps1"));
      s.migId = submitted.migId();
      s.petition = submitted.processInstanceId();
    });
    settle();
    verifyAndDecide(stories, s -> s.petition);
    acknowledge(stories, s -> s.petition);
    // the executive office designates each new MIG's staff liaison (step 12), which ends the petition
    forEach(stories, s -> claimAndComplete("exec1", EXECUTIVE_OFFICE,
        () -> task(s.petition, "designateStaffLiaison"),
        Map.of("staffLiaisons", "Lee Liaison <lee.liaison@ala.example>")));
    settle();
  }

  private void report(int year) throws Exception {
    forEach(stories, s -> as("mps1", MPS, () -> reports.submit(s.migId, year, null,
        "Two programs at Annual, a webinar series and a newsletter.", "mps1")));
    settle();
    forEach(stories, s -> claimAndComplete("chair", CHAIR,
        () -> tasks.createTaskQuery().processInstanceBusinessKey(s.migId + ":" + year)
            .taskDefinitionKey("reviewAnnualReport").singleResult(),
        Map.of("reportAccepted", true, "reviewNotes", "A good year.")));
    settle();
  }

  private void renew() throws Exception {
    forEach(stories, s -> s.renewal = as("mps1", MPS,
        () -> petitions.submit(petition("RENEW", s, s.migId), "mps1").processInstanceId()));
    settle();
    verifyAndDecide(stories, s -> s.renewal);
  }



  private PetitionRequest petition(String kind, Story s, String migId) {
    List<SignatureInput> signatures = new ArrayList<>(SIGNATURES);
    int from = (s.index * 37) % (ROSTER - SIGNATURES);
    for (int i = from; i < from + SIGNATURES; i++) {
      signatures.add(new SignatureInput(members.get(i).memberId(), members.get(i).name()));
    }
    String name = migId == null ? "Bench Group " + runTag + " " + s.index : null;
    return new PetitionRequest(kind, name, migId,
        "To bring together librarians who run seed libraries and garden programs.",
        List.of(new OrganizerInput("Rosa Diaz", "rosa" + s.index + "@lib.example", "10 Library Way, Springfield"),
            new OrganizerInput("Sam Okafor", "sam" + s.index + "@lib.example", "22 Reading Rd, Shelbyville")),
        signatures);
  }

  @Override
  void check() throws SQLException {
    for (Story s : stories) {
      Mig mig = migs.find(s.migId).orElseThrow();
      if (mig.status() != MigStatus.DISBANDED || !"NOT_RENEWED".equals(mig.disbandReason())) {
        throw new IllegalStateException("MIG " + s.migId + " ended " + mig.status() + " " + mig.disbandReason()
            + ", not DISBANDED NOT_RENEWED");
      }
    }
    // this story's MIGs' mails (an earlier cohort's are in the same outbox)
    String mine = "bench-group-" + runTag + "-%";
    long sent = watch.count("select count(*) from mail_outbox where status = 'SENT' and mig_id like ?", mine);
    long all = watch.count("select count(*) from mail_outbox where mig_id like ?", mine);
    if (sent != all || all != (long) MAILS_PER_MIG * lifecycles) {
      throw new IllegalStateException("mails: " + sent + " sent of " + all + ", the story writes "
          + MAILS_PER_MIG * lifecycles);
    }
  }
}
