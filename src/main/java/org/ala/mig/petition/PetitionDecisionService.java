package org.ala.mig.petition;

import java.time.Clock;
import java.time.LocalDate;
import org.ala.mig.lifecycle.LifecycleService;
import org.ala.mig.mail.MailRequest;
import org.ala.mig.mail.MailService;
import org.ala.mig.mail.MailTemplate;
import org.ala.mig.registry.DeadlineCalendar;
import org.ala.mig.registry.Mig;
import org.ala.mig.registry.MigRepository;
import org.ala.mig.registry.MigStatus;
import org.ala.mig.reporting.CooDecisionService;
import org.ala.mig.reporting.CooDecisions;
import org.springframework.stereotype.Service;

/** What follows the COO's decision on a petition: the record for Council, the MIG's new state, the mails. */
@Service
public class PetitionDecisionService {

  private final PetitionService petitions;
  private final PetitionRepository store;
  private final MigRepository migs;
  private final CooDecisionService decisions;
  private final MailService mail;
  private final DeadlineCalendar calendar;
  private final Clock clock;
  private final LifecycleService lifecycle;

  public PetitionDecisionService(PetitionService petitions, PetitionRepository store, MigRepository migs,
      CooDecisionService decisions, MailService mail, DeadlineCalendar calendar, Clock clock, LifecycleService lifecycle) {
    this.lifecycle = lifecycle;
    this.petitions = petitions;
    this.store = store;
    this.migs = migs;
    this.decisions = decisions;
    this.mail = mail;
    this.calendar = calendar;
    this.clock = clock;
  }

  /** Records the decision once (a retried step records nothing twice) and closes the petition. */
  public void record(String petitionId, boolean approved, String rationale, String decidedBy) {
    Petition p = petitions.petition(petitionId);
    var now = clock.instant();
    if (!decisions.recordForPetition(p.migId(), petitionId, CooDecisions.Subject.valueOf(p.kind().name()), approved,
        blankToNull(rationale), now, decidedBy)) {
      return;
    }
    store.close(petitionId, approved ? "APPROVED" : "DISAPPROVED", now);
  }

  /** ESTABLISH approved: active, the term from the decision date for three years, the petition's organizers. */
  public void establish(String petitionId) {
    Petition p = petitions.petition(petitionId);
    LocalDate start = decisionDate(p);
    migs.activate(p.migId(), start, calendar.termEnd(start));
    migs.replaceOrganizers(p.migId(), store.organizers(petitionId));
    lifecycle.start(p.migId());
  }

  public void notifyApproval(String petitionId, String mailKey) {
    Petition p = petitions.petition(petitionId);
    Mig mig = migs.find(p.migId()).orElseThrow();
    mail.send(MailRequest.of(MailTemplate.PETITION_APPROVED, p.migId(), mailKey)
        .with("decisionDate", decisionDate(p))
        .with("nextReportDue", calendar.nextAnnualReportDue(mig.termStart(), mig.termStart())));
  }

  public void notifyConferenceServices(String petitionId, String mailKey) {
    Petition p = petitions.petition(petitionId);
    mail.send(MailRequest.of(MailTemplate.CONFERENCE_SERVICES_NOTIFIED, p.migId(), mailKey)
        .with("decisionDate", decisionDate(p)));
  }

  /**
   * RENEW approved: the term ends three years after its current end, the petition's organizers
   * take over, and the MIG's lifecycle moves its timers (or, waiting at the term's end, goes on).
   * Holds the MIG's row lock, as the lifecycle does at the term's end.
   */
  public void renew(String petitionId) {
    Petition p = petitions.petition(petitionId);
    migs.lock(p.migId());
    if (!store.markTermExtended(petitionId, clock.instant())) {
      return;
    }
    Mig mig = migs.find(p.migId()).orElseThrow();
    migs.extendTerm(p.migId(), calendar.renewedTermEnd(mig.termEnd()));
    migs.replaceOrganizers(p.migId(), store.organizers(petitionId));
    lifecycle.termRenewed(p.migId());
  }

  public void notifyRenewal(String petitionId, String mailKey) {
    Petition p = petitions.petition(petitionId);
    mail.send(MailRequest.of(MailTemplate.TERM_RENEWED, p.migId(), mailKey).with("decisionDate", decisionDate(p)));
  }

  /** Not approved: a new MIG is NOT_ESTABLISHED (a renewal leaves the MIG as it is); the organizers are told why. */
  public void disapprove(String petitionId, String rationale, String mailKey) {
    Petition p = petitions.petition(petitionId);
    if (p.kind() == PetitionKind.ESTABLISH) {
      migs.setStatus(p.migId(), MigStatus.NOT_ESTABLISHED, null);
    } else {
      lifecycle.renewalDisapproved(p.migId());
    }
    mail.send(MailRequest.of(MailTemplate.PETITION_DISAPPROVED, p.migId(), mailKey)
        .organizers(store.organizers(petitionId))
        .with("petitionId", petitionId).with("decisionDate", decisionDate(p)).with("decisionRationale", rationale));
  }

  private LocalDate decisionDate(Petition p) {
    return calendar.dateOf(p.decidedAt() != null ? p.decidedAt() : clock.instant());
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
