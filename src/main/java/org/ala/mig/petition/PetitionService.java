package org.ala.mig.petition;

import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.ala.mig.common.ConflictException;
import org.ala.mig.common.InvalidInputException;
import org.ala.mig.common.MigProperties;
import org.ala.mig.common.NotFoundException;
import org.ala.mig.common.TextRules;
import org.ala.mig.registry.MigAccommodationRepository;
import org.ala.mig.identity.SystemAuthentication;
import org.ala.mig.mail.MailRequest;
import org.ala.mig.mail.MailService;
import org.ala.mig.mail.MailTemplate;
import org.ala.mig.petition.PetitionRequest.OnlineConfirmation;
import org.ala.mig.registry.DeadlineCalendar;
import org.ala.mig.registry.Mig;
import org.ala.mig.registry.MigIds;
import org.ala.mig.registry.MigRepository;
import org.ala.mig.registry.MigStatus;
import org.ala.mig.registry.Organizer;
import org.ala.mig.registry.OrganizerInput;
import org.ala.mig.registry.RenewalWindow;
import org.ala.mig.roster.RosterRepository;
import org.ala.mig.verification.SignatureCheck;
import org.ala.mig.verification.SignatureVerifier;
import org.ala.mig.verification.VerificationResult;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The petition's rules: intake (validate, store, start {@code mig-petition}) and each step the
 * process delegates to it. Every method runs in the caller's transaction: the engine step's, or
 * the API request's, so a failure stores nothing.
 */
@Service
public class PetitionService {

  public static final String PROCESS_KEY = "mig-petition";
  static final int FLAGGED_SHOWN = 200;

  /** What the intake answers: 201 {petitionId, migId, processInstanceId}. */
  public record Submitted(String petitionId, String migId, String processInstanceId) {}

  /** What the automatic check found, for the MPS task. */
  public record PreVerification(int autoValid, int flagged) {}

  /**
   * Names of the task variables that carry personal data: the organizers' names, emails and
   * addresses, and the flagged signers' member ids and names. They are never process variables:
   * a task listener gives them to the Member Programs and COO tasks only, as task-local variables
   * (so Conference Services, Council and the other groups never read them through the engine),
   * and the engine keeps no history of them (security.PersonalDataHistoryFilter). How the
   * signatures were collected (online, with the confirmation times, or on paper) is shown to the
   * Member Programs task alone in the same way.
   */
  public static final java.util.Set<String> PERSONAL_TASK_VARIABLES =
      java.util.Set.of("organizersSummary", "flaggedSignaturesSummary", "signatureCollectionSummary",
          "onlinePreVerifiedSignatureCount");

  private final PetitionRepository petitions;
  private final MigRepository migs;
  private final RosterRepository roster;
  private final MailService mail;
  private final DeadlineCalendar calendar;
  private final RuntimeService runtime;
  private final IdentityService identity;
  private final Clock clock;
  private final PetitionValidator validator;
  private final int requiredSignatures;
  private final RenewalWindow renewalWindow;

  private final MigAccommodationRepository accommodation;

  public PetitionService(PetitionRepository petitions, MigRepository migs, RosterRepository roster,
      MailService mail, DeadlineCalendar calendar, RuntimeService runtime, IdentityService identity,
      Clock clock, MigProperties properties, RenewalWindow renewalWindow, MigAccommodationRepository accommodation) {
    this.accommodation = accommodation;
    this.petitions = petitions;
    this.migs = migs;
    this.roster = roster;
    this.mail = mail;
    this.calendar = calendar;
    this.runtime = runtime;
    this.identity = identity;
    this.clock = clock;
    this.renewalWindow = renewalWindow;
    this.requiredSignatures = properties.petition().requiredSignatures();
    this.validator = new PetitionValidator(requiredSignatures);
  }

  // --- intake ----------------------------------------------------------------------------------

  /** The petition with this id; {@link NotFoundException} when there is none. */
  public Petition get(String petitionId) {
    return petitions.find(petitionId)
        .orElseThrow(() -> new NotFoundException("No petition with id '" + petitionId + "'"));
  }

  /** The MIG's petitions, newest first. */
  public List<Petition> forMig(String migId) {
    return petitions.forMig(migId);
  }

  @Transactional
  public Submitted submit(PetitionRequest request, String submittedBy) {
    return submit(request, submittedBy, null);
  }

  /**
   * Intake of a petition whose signatures were (some or all) confirmed online: {@code online},
   * when not null, has one entry per signature of the request, how it was confirmed online, or
   * null for a signature on paper. The online petition (package drafts) submits this way; the REST
   * body and the CSV path give paper signatures only.
   */
  @Transactional
  public Submitted submit(PetitionRequest request, String submittedBy, List<OnlineConfirmation> online) {
    if (online != null && (request.signatures() == null || online.size() != request.signatures().size())) {
      throw new IllegalArgumentException("one online confirmation (or null) per signature is needed");
    }
    var errors = validator.validate(request);
    if (!errors.isEmpty()) {
      throw InvalidInputException.of(errors);
    }
    PetitionKind kind = PetitionKind.valueOf(request.kind());
    List<Organizer> organizers = request.organizers().stream().map(OrganizerInput::toOrganizer).toList();
    String migId;
    String migName;
    if (kind == PetitionKind.ESTABLISH) {
      migName = request.migName().strip();
      migId = MigIds.idFor(migName, migs::nameOf);
      migs.livingMigNamed(migName, migId).ifPresent(other -> {
        throw new ConflictException("A MIG named '" + migName + "' is active (id " + other + ")");
      });
      migs.find(migId).ifPresent(existing -> {
        if (existing.status() == MigStatus.ACTIVE || existing.status() == MigStatus.RENEWAL_PENDING) {
          throw new ConflictException("A MIG named '" + existing.name() + "' is active (id " + migId + ")");
        }
      });
    } else {
      migId = request.migId().strip();
      Mig existing = migs.find(migId)
          .orElseThrow(() -> new NotFoundException("No MIG with id '" + migId + "' to renew"));
      if (existing.status() != MigStatus.ACTIVE && existing.status() != MigStatus.RENEWAL_PENDING) {
        throw new ConflictException("MIG '" + migId + "' is " + existing.status() + ": only an active MIG is renewed");
      }
      renewalWindow.requireOpen(existing);
      migName = existing.name();
    }
    String alreadyOpen = "A petition for MIG '" + migId + "' is already open";
    if (petitions.hasOpenPetition(migId)) {
      throw new ConflictException(alreadyOpen);
    }
    if (kind == PetitionKind.ESTABLISH) {
      try {
        migs.petitioned(migId, migName, request.statementOfPurpose().strip(), organizers);
      } catch (DuplicateKeyException sameNameAtTheSameMoment) {
        throw new ConflictException(alreadyOpen);
      }
    }
    String meetingNeeds = TextRules.blank(request.meetingNeeds()) ? null : request.meetingNeeds().strip();
    if (kind == PetitionKind.ESTABLISH || meetingNeeds != null) {
      accommodation.setMeetingNeeds(migId, meetingNeeds);   // kept on the MIG (step 12)
    }
    String petitionId = "P-" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toUpperCase();
    Petition petition = new Petition(petitionId, migId, kind, migName, request.statementOfPurpose().strip(), "OPEN",
        clock.instant(), submittedBy, request.signatures().size(), null, null, null, null);
    petitions.insert(petition, organizers, request.signatures(), online);
    if (!petitions.open(migId, petitionId)) {
      // another submission for this MIG won at the same moment: this one rolls back whole
      throw new ConflictException(alreadyOpen);
    }

    Map<String, Object> variables = new HashMap<>();
    variables.put("petitionId", petitionId);
    variables.put("migId", migId);
    variables.put("migName", migName);
    variables.put("kind", kind.name());
    variables.put("statementOfPurpose", petition.statementOfPurpose());
    variables.put("signatureCount", petition.signatureCount());
    variables.put("requiredSignatures", requiredSignatures);
    variables.put("submittedBy", submittedBy);
    variables.put("meetingNeeds", meetingNeeds);   // shown to Conference Services in acknowledgeNotification
    String processInstanceId = SystemAuthentication.run(identity,
        () -> runtime.startProcessInstanceByKey(PROCESS_KEY, petitionId, variables).getId());
    return new Submitted(petitionId, migId, processInstanceId);
  }

  // --- the steps of mig-petition --------------------------------------------------------------

  public void acknowledgeReceipt(String petitionId, String mailKey) {
    Petition p = petition(petitionId);
    mail.send(MailRequest.of(MailTemplate.PETITION_ACKNOWLEDGED, p.migId(), mailKey)
        .organizers(petitions.organizers(petitionId))
        .with("petitionId", p.id()).with("kind", p.kind().name()).with("signatureCount", p.signatureCount())
        .with("receivedOn", calendar.dateOf(p.submittedAt())));
  }

  /** Checks every signature against the roster as of the submission date and stores the result. */
  public PreVerification preVerify(String petitionId) {
    Petition p = petition(petitionId);
    var signatures = petitions.signatures(petitionId);
    var members = roster.findByIds(signatures.stream().map(s -> s.memberId()).toList());
    VerificationResult result = SignatureVerifier.verify(signatures, members, calendar.dateOf(p.submittedAt()));
    petitions.saveChecks(petitionId, result.checks(), result.validCount());
    return new PreVerification(result.validCount(), result.flaggedCount());
  }

  /** The organizers as the Member Programs and COO tasks show them: name, email and address, one a line. */
  public String organizersSummary(String petitionId) {
    return summary(petitions.organizers(petitionId));
  }

  /** The signatures the roster check flagged, one a line with the reason, as the Member Programs task shows them. */
  public String flaggedSummary(String petitionId) {
    List<SignatureCheck> flagged = petitions.flaggedChecks(petitionId);
    if (flagged.isEmpty()) {
      return "none";
    }
    return lines(flagged.stream().limit(FLAGGED_SHOWN)
        .map(c -> "#" + (c.index() + 1) + " " + c.memberId() + " " + c.name() + ": " + c.status() + " (" + c.reason() + ")")
        .toList(), flagged.size());
  }

  private static final DateTimeFormatter CONFIRMED_AT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z", Locale.ROOT);

  /**
   * How the signatures were collected, as the Member Programs task shows it: "101 signatures: 101
   * confirmed online by a link mailed to the member's roster address (first 2026-03-01 09:12 EST,
   * last 2026-03-04 17:40 EST), 0 on paper", then how many of the online ones the roster check
   * pre-verified.
   */
  public String collectionSummary(String petitionId) {
    PetitionRepository.SignatureCollection c = petitions.collection(petitionId);
    int total = c.online() + c.paper();
    StringBuilder text = new StringBuilder();
    text.append(total).append(total == 1 ? " signature: " : " signatures: ").append(c.online());
    if (c.mailedToRosterAddress() == c.online()) {
      text.append(" confirmed online by a link mailed to the member's roster address");
    } else {
      text.append(" confirmed online (").append(c.mailedToRosterAddress())
          .append(" by a link mailed to the member's roster address)");
    }
    if (c.firstConfirmed() != null) {
      text.append(" (first ").append(CONFIRMED_AT.format(c.firstConfirmed().atZone(calendar.zone())))
          .append(", last ").append(CONFIRMED_AT.format(c.lastConfirmed().atZone(calendar.zone()))).append(')');
    }
    text.append(", ").append(c.paper()).append(" on paper");
    if (c.online() > 0) {
      text.append("\n").append(c.onlineValid()).append(" of the ").append(c.online())
          .append(" online signatures are pre-verified: on the roster in good standing on the submission date");
    }
    return text.toString();
  }

  /** How many online-confirmed signatures the roster check counted (pre-verified). */
  public int onlinePreVerifiedCount(String petitionId) {
    return petitions.collection(petitionId).onlineValid();
  }

  public void recordVerification(String petitionId, int validSignatureCount, String notes) {
    petitions.saveVerification(petitionId, validSignatureCount, notes);
  }

  public void closeInsufficient(String petitionId, String mailKey) {
    Petition p = petition(petitionId);
    petitions.close(petitionId, "INSUFFICIENT", clock.instant());
    if (p.kind() == PetitionKind.ESTABLISH) {
      migs.setStatus(p.migId(), MigStatus.NOT_ESTABLISHED, null);
    }
    mail.send(MailRequest.of(MailTemplate.SIGNATURES_INSUFFICIENT, p.migId(), mailKey)
        .organizers(petitions.organizers(petitionId))
        .with("petitionId", p.id())
        .with("validSignatureCount", p.validSignatureCount())
        .with("verificationNotes", p.verificationNotes()));
  }

  Petition petition(String petitionId) {
    return petitions.find(petitionId)
        .orElseThrow(() -> new IllegalStateException("petition " + petitionId + " is not stored"));
  }

  static String summary(List<Organizer> organizers) {
    return lines(organizers.stream().map(o -> o.name() + " <" + o.email() + ">, " + o.address()).toList(),
        organizers.size());
  }

  /** A process variable's string is stored in at most 4,000 characters (Camunda's column). */
  static final int MAX_VARIABLE_TEXT = 3900;

  /**
   * The lines, one per row, as many as fit in a process variable's text; then how many of the
   * {@code total} were left out ("... and 12 more").
   */
  static String lines(List<String> lines, int total) {
    StringBuilder text = new StringBuilder();
    int shown = 0;
    for (String line : lines) {
      if (text.length() + line.length() + 1 > MAX_VARIABLE_TEXT - 40) {
        break;
      }
      if (shown > 0) {
        text.append('\n');
      }
      text.append(line);
      shown++;
    }
    if (shown < total) {
      text.append(shown > 0 ? "\n" : "").append("... and ").append(total - shown).append(" more");
    }
    return text.toString();
  }
}
