package org.ala.mig.drafts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.ala.mig.common.AccessDeniedException;
import org.ala.mig.common.ConflictException;
import org.ala.mig.common.FieldProblem;
import org.ala.mig.common.InvalidInputException;
import org.ala.mig.common.MigProperties;
import org.ala.mig.common.NotFoundException;
import org.ala.mig.common.TextRules;
import org.ala.mig.identity.Caller;
import org.ala.mig.identity.SignInThrottle;
import org.ala.mig.identity.SignInThrottleProperties;
import org.ala.mig.mail.MailRequest;
import org.ala.mig.mail.MailService;
import org.ala.mig.mail.MailTemplate;
import org.ala.mig.petition.PetitionKind;
import org.ala.mig.petition.PetitionRequest;
import org.ala.mig.petition.PetitionService;
import org.ala.mig.petition.PetitionValidator;
import org.ala.mig.registry.DeadlineCalendar;
import org.ala.mig.registry.RenewalWindow;
import org.ala.mig.registry.Mig;
import org.ala.mig.registry.MigDirectory;
import org.ala.mig.registry.MigStatus;
import org.ala.mig.registry.Organizer;
import org.ala.mig.registry.OrganizerInput;
import org.ala.mig.roster.RosterMember;
import org.ala.mig.roster.RosterRepository;
import org.ala.mig.roster.RosterService;
import org.ala.mig.verification.NameMatcher;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The online petition (CONTRACT.md, "Online petition (step 11)"): organizers keep a draft, members
 * sign it from its public page, each signature is confirmed by a link mailed to the member's
 * roster address, and the organizers submit it as a {@code mig-petition} once enough are confirmed.
 * Signers' numbers and names never leave this service in a public view.
 */
@Service
public class DraftService {

  /** At most one confirmation mail per member per draft in this time. */
  public static final Duration MAIL_EVERY = Duration.ofMinutes(10);
  /** Signatures that do not count (unconfirmed, withdrawn) are deleted after this time. */
  public static final Duration NOT_COUNTING_KEPT = Duration.ofDays(30);
  static final int MAX_MEETING_NEEDS = 4000;
  private static final Pattern MEMBER_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  private static final SecureRandom RANDOM = new SecureRandom();

  /**
   * Who acts: a user id (a link session's is its address), whether they signed in by link, and
   * whether they are staff who may act on every draft (coo, member-programs).
   */
  public record Actor(String userId, boolean byLink, boolean staff) {
    String recordedAs() {
      return byLink ? Caller.LINK_ACTOR : userId;
    }
  }

  /** 201 of POST /api/petition-drafts. */
  public record Created(String draftId, String signingUrl) {}

  /** An organizer's name, the only thing of them that is public. */
  public record Name(String name) {}

  /** GET /api/petition-drafts/{id}: what anyone may read. No signer is in it. */
  public record PublicView(String draftId, String kind, String migName, String statementOfPurpose, List<Name> organizers,
      int confirmedSignatures, int requiredSignatures, String status, String petitionId) {}

  /** What the draft's organizers (and coo, member-programs) see on their page. */
  public record OrganizerView(Draft draft, int confirmedSignatures, int requiredSignatures, String signingUrl,
      boolean editable, List<String> signersWhoShowTheirName) {}

  /** After a confirmation: the count now, and whether this confirmation was the one that counted. */
  public record Confirmation(int confirmedSignatures, int requiredSignatures, boolean counted, String migName) {}

  private final DraftRepository drafts;
  private final RosterRepository roster;
  private final RosterService rosterService;
  private final MigDirectory migs;
  private final MailService mail;
  private final PetitionService petitions;
  private final DeadlineCalendar calendar;
  private final RenewalWindow renewalWindow;
  private final Clock clock;
  private final int requiredSignatures;
  private final String publicUrl;
  private volatile SignInThrottle throttle;

  public DraftService(DraftRepository drafts, RosterRepository roster, RosterService rosterService, MigDirectory migs,
      MailService mail, PetitionService petitions, DeadlineCalendar calendar, Clock clock, MigProperties properties,
      Environment environment, RenewalWindow renewalWindow) {
    this.drafts = drafts;
    this.renewalWindow = renewalWindow;
    this.roster = roster;
    this.rosterService = rosterService;
    this.migs = migs;
    this.mail = mail;
    this.petitions = petitions;
    this.calendar = calendar;
    this.clock = clock;
    this.requiredSignatures = properties.petition().requiredSignatures();
    this.publicUrl = properties.mail().publicUrl();
    this.throttle = new SignInThrottle(throttleSettings(Binder.get(environment)),
        io.github.bucket4j.TimeMeter.SYSTEM_MILLISECONDS);
  }

  /**
   * {@code mig.petition.signature-throttle.per-source.*}: every signature asked for from one source
   * address counts. By default 30 are free, then a wait of 1 s that doubles up to 1 min; forgotten
   * after 10 min. The benchmark raises {@code free-failures}. (Per member and draft, one confirmation
   * mail per {@link #MAIL_EVERY} is the rule of the stored signature, not of this throttle.)
   */
  static SignInThrottleProperties throttleSettings(Binder settings) {
    String prefix = "mig.petition.signature-throttle.";
    SignInThrottleProperties.Limit perSource = settings.bind(prefix + "per-source", SignInThrottleProperties.Limit.class)
        .orElse(new SignInThrottleProperties.Limit(null, null))
        .orElse(new SignInThrottleProperties.Limit(30, Duration.ofMinutes(1)));
    return new SignInThrottleProperties(new SignInThrottleProperties.Limit(1_000_000, Duration.ofSeconds(1)), perSource,
        Duration.ofSeconds(1), settings.bind(prefix + "forget-after", Duration.class).orElse(Duration.ofMinutes(10)),
        settings.bind(prefix + "max-entries", Integer.class).orElse(10_000));
  }

  /** Replaces the per-source limit (tests); returns the settings it had. */
  SignInThrottleProperties useThrottle(SignInThrottleProperties settings) {
    SignInThrottleProperties before = throttle.settings();
    throttle = new SignInThrottle(settings, io.github.bucket4j.TimeMeter.SYSTEM_MILLISECONDS);
    return before;
  }

  public int requiredSignatures() {
    return requiredSignatures;
  }

  public String signingUrl(String draftId) {
    return publicUrl + "/sign/" + draftId;
  }

  // --- drafts ----------------------------------------------------------------------------------

  @Transactional
  public Created create(DraftRequest request, Actor actor) {
    if (!actor.staff() && !actor.byLink()) {
      throw new AccessDeniedException("User '" + actor.userId() + "' is not a member of coo or member-programs,"
          + " nor a member signed in with a link");
    }
    Optional<RosterMember> member = actor.byLink()
        ? rosterService.memberInGoodStanding(actor.userId(), calendar.today()) : Optional.empty();
    if (!actor.staff() && member.isEmpty()) {
      throw new AccessDeniedException("'" + actor.userId() + "' is not the roster address of a member in good standing");
    }
    Checked checked = check(request);
    if (member.isPresent() && checked.organizers().stream().noneMatch(o -> o.email().equalsIgnoreCase(actor.userId()))) {
      throw InvalidInputException.of("organizers", "you must be one of the organizers: your roster address '"
          + actor.userId() + "' is not among their emails");
    }
    Instant now = clock.instant();
    String id = "D-" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toUpperCase();
    drafts.insert(new Draft(id, checked.kind().name(), checked.migId(), checked.migName(),
        request.statementOfPurpose().strip(), meetingNeeds(request), DraftStatus.COLLECTING, null, false,
        actor.userId(), now, now, checked.organizers()));
    return new Created(id, signingUrl(id));
  }

  /** PUT: changes the draft while it collects and no signature is confirmed. */
  @Transactional
  public void update(String draftId, DraftRequest request, Actor actor) {
    Draft draft = manageable(draftId, actor);
    if (draft.status() != DraftStatus.COLLECTING) {
      throw new ConflictException("The draft is " + draft.status() + ": it can no longer be changed");
    }
    Checked checked = check(request);
    if (actor.byLink() && !actor.staff()
        && checked.organizers().stream().noneMatch(o -> o.email().equalsIgnoreCase(actor.userId()))) {
      throw InvalidInputException.of("organizers", "you must stay one of the organizers: '" + actor.userId()
          + "' is not among their emails");
    }
    boolean changed = drafts.update(new Draft(draftId, checked.kind().name(), checked.migId(), checked.migName(),
        request.statementOfPurpose().strip(), meetingNeeds(request), draft.status(), null, false, draft.createdBy(),
        draft.createdAt(), clock.instant(), checked.organizers()));
    if (!changed) {
      throw new ConflictException("The draft has " + drafts.confirmedCount(draftId)
          + " confirmed signatures: what they signed can no longer be changed");
    }
  }

  /** DELETE: the organizers withdraw the draft; it gathers no more signatures. */
  @Transactional
  public void withdraw(String draftId, Actor actor) {
    Draft draft = manageable(draftId, actor);
    if (draft.status() == DraftStatus.WITHDRAWN) {
      return;
    }
    if (!drafts.close(draftId, DraftStatus.WITHDRAWN, null, clock.instant())) {
      throw new ConflictException("The draft is " + draft.status() + ": it can no longer be withdrawn");
    }
  }

  public PublicView publicView(String draftId) {
    Draft d = get(draftId);
    return new PublicView(d.id(), d.kind(), d.migName(), d.statementOfPurpose(),
        d.organizers().stream().map(o -> new Name(o.name())).toList(), drafts.confirmedCount(d.id()),
        requiredSignatures, d.status().name(), d.petitionId());
  }

  public OrganizerView organizerView(String draftId, Actor actor) {
    Draft d = manageable(draftId, actor);
    List<DraftRepository.StoredSignature> confirmed = drafts.confirmed(draftId);
    return new OrganizerView(d, confirmed.size(), requiredSignatures, signingUrl(draftId),
        d.status() == DraftStatus.COLLECTING && confirmed.isEmpty(),
        confirmed.stream().filter(DraftRepository.StoredSignature::showNameToOrganizers)
            .map(DraftRepository.StoredSignature::name).toList());
  }

  /** One signature as ALA's staff see it (coo, member-programs): who, and how it was confirmed. */
  public record Signer(String memberId, String name, String status, boolean showNameToOrganizers, Instant signedAt,
      Instant confirmedAt) {}

  /**
   * Every stored signature of the draft, with the member number and the name as typed, for coo and
   * member-programs only (the controller's {@code @RequiresGroup}); nobody else sees them.
   */
  public List<Signer> signers(String draftId) {
    get(draftId);
    return drafts.all(draftId).stream().map(s -> new Signer(s.memberId(), s.name(), s.status().name(),
        s.showNameToOrganizers(), s.createdAt(), s.confirmedAt())).toList();
  }

  /** The drafts (not withdrawn) whose organizers include this address. */
  public List<String> draftsOrganizedBy(String email) {
    return email == null || email.isBlank() ? List.of() : drafts.idsOrganizedBy(email);
  }

  // --- signing ---------------------------------------------------------------------------------

  /**
   * A member signs: always the same answer to the caller. When the number is on the roster and the
   * name matches, the member's roster address gets {@code signature-confirmation} (at most once per
   * {@link #MAIL_EVERY}), or {@code signature-not-counted} when the member is not in good standing.
   * An unknown number or a name that does not match gets no mail.
   *
   * @param source the caller's address, for the per-source limit
   */
  @Transactional
  public void sign(String draftId, String memberId, String name, boolean showNameToOrganizers, String source) {
    List<FieldProblem> errors = new ArrayList<>();
    if (TextRules.blank(memberId)) {
      errors.add(new FieldProblem("memberId", "required: your ALA member number"));
    } else if (!MEMBER_ID.matcher(memberId.strip()).matches()) {
      errors.add(new FieldProblem("memberId", "not a member number: letters and digits, at most 64"));
    }
    OrganizerInput.Fields.text(errors, "name", name, 200);
    if (!errors.isEmpty()) {
      throw InvalidInputException.of(errors);
    }
    Draft draft = get(draftId);
    if (draft.status() != DraftStatus.COLLECTING) {
      throw new ConflictException("The petition is " + draft.status() + ": it takes no more signatures");
    }
    SignInThrottle limit = throttle;
    synchronized (limit) {
      try (SignInThrottle.Attempt attempt = limit.admit(draftId + "/" + RosterMember.canonicalId(memberId), source)) {
        attempt.failed();   // every signature asked for counts against its source
      }
    }
    String id = RosterMember.canonicalId(memberId);
    RosterMember member = roster.findByIds(List.of(id)).get(id);
    if (member == null || !NameMatcher.matches(name, member.name()) || member.email() == null
        || member.email().isBlank()) {
      return;
    }
    Instant now = clock.instant();
    if (!member.inGoodStandingOn(calendar.today())) {
      long window = now.getEpochSecond() / MAIL_EVERY.toSeconds();
      // a signer's mail is about no MIG: it stays out of the MIG's mails that its organizers read
      mail.send(MailRequest.of(MailTemplate.SIGNATURE_NOT_COUNTED, null,
              "signature-not-counted/" + draftId + "/" + id + "/" + window)
          .requester(member.email().strip())
          .with("migName", draft.migName())
          .with("signingUrl", signingUrl(draftId))
          .with("reason", "ALA's roster shows your membership in good standing through "
              + member.goodStandingThrough() + ". A petition counts only members in good standing."));
      return;
    }
    String token = newToken();
    String hash = sha256(token);
    Optional<DraftRepository.StoredSignature> existing = drafts.signature(draftId, id);
    if (existing.isPresent()) {
      if (existing.get().status() == SignatureStatus.CONFIRMED
          || !drafts.renewPending(existing.get().id(), name.strip(), showNameToOrganizers, hash, now, now.minus(MAIL_EVERY))) {
        return;   // signed and confirmed already, or mailed less than 10 minutes ago
      }
    } else {
      try {
        drafts.insertPending(draftId, id, name.strip(), showNameToOrganizers, hash, now);
      } catch (DuplicateKeyException sameMemberAtTheSameMoment) {
        return;
      }
    }
    String link = signingUrl(draftId) + "/confirm?token=" + token;
    mail.send(MailRequest.of(MailTemplate.SIGNATURE_CONFIRMATION, null, "signature-confirmation/" + hash)
        .requester(member.email().strip())
        .with("migName", draft.migName())
        .with("signedName", name.strip())
        .with("link", link)
        .with("withdrawLink", signingUrl(draftId) + "/withdraw?token=" + token)
        .with("signingUrl", signingUrl(draftId)));
  }

  /** The signature of this link's token is confirmed, once; good standing is checked again. */
  @Transactional
  public Confirmation confirm(String draftId, String token) {
    Draft draft = get(draftId);
    DraftRepository.StoredSignature signature = byToken(draftId, token);
    if (signature.status() == SignatureStatus.CONFIRMED) {
      return new Confirmation(drafts.confirmedCount(draftId), requiredSignatures, false, draft.migName());
    }
    if (draft.status() != DraftStatus.COLLECTING) {
      throw new ConflictException("The petition is " + draft.status() + ": it takes no more signatures");
    }
    if (signature.status() == SignatureStatus.WITHDRAWN) {
      throw new ConflictException("This signature was withdrawn: sign again on the petition's page to count");
    }
    RosterMember member = roster.findByIds(List.of(signature.memberId())).get(signature.memberId());
    if (member == null || !member.inGoodStandingOn(calendar.today())) {
      throw new ConflictException("ALA's roster no longer shows this member in good standing: the signature cannot count");
    }
    boolean counted = drafts.confirm(signature.id(), clock.instant());
    int count = drafts.confirmedCount(draftId);
    if (counted && count >= requiredSignatures && drafts.markReady(draftId)) {
      mail.send(MailRequest.of(MailTemplate.PETITION_READY, draft.migId(), "petition-ready/" + draftId)
          .organizers(draft.organizers())
          .with("migName", draft.migName())
          .with("confirmedSignatures", count)
          .with("draftUrl", publicUrl + "/my/drafts/" + draftId)
          .with("signingUrl", signingUrl(draftId)));
    }
    return new Confirmation(count, requiredSignatures, counted, draft.migName());
  }

  /** The signer withdraws their signature by its link's token, until the petition is submitted. */
  @Transactional
  public Confirmation withdrawSignature(String draftId, String token) {
    Draft draft = get(draftId);
    DraftRepository.StoredSignature signature = byToken(draftId, token);
    if (draft.status() == DraftStatus.SUBMITTED) {
      throw new ConflictException("The petition was submitted: its signatures can no longer be withdrawn");
    }
    boolean changed = drafts.withdraw(signature.id());
    return new Confirmation(drafts.confirmedCount(draftId), requiredSignatures, changed, draft.migName());
  }

  /** Whether this link's token is one of the draft's signatures (the pages show the form only then). */
  public String migNameForToken(String draftId, String token) {
    Draft draft = get(draftId);
    byToken(draftId, token);
    return draft.migName();
  }

  // --- submission ------------------------------------------------------------------------------

  /**
   * Starts {@code mig-petition} with the confirmed signatures of members who are in good standing
   * today, each recorded as confirmed online (when, and that the link went to the roster address),
   * so the roster check pre-verifies them; 409 while fewer than the required number.
   */
  @Transactional
  public PetitionService.Submitted submit(String draftId, Actor actor) {
    Draft draft = manageable(draftId, actor);
    if (draft.status() != DraftStatus.COLLECTING) {
      throw new ConflictException("The draft is " + draft.status() + ": it cannot be submitted");
    }
    List<DraftRepository.StoredSignature> confirmed = drafts.confirmed(draftId);
    Map<String, RosterMember> members = roster.findByIds(confirmed.stream().map(DraftRepository.StoredSignature::memberId).toList());
    LocalDate today = calendar.today();
    List<DraftRepository.StoredSignature> counted = confirmed.stream()
        .filter(s -> members.containsKey(s.memberId()) && members.get(s.memberId()).inGoodStandingOn(today))
        .toList();
    List<PetitionRequest.SignatureInput> signatures = counted.stream()
        .map(s -> new PetitionRequest.SignatureInput(s.memberId(), s.name())).toList();
    // every signature here was confirmed by the link that sign() mails to the member's roster address
    List<PetitionRequest.OnlineConfirmation> online = counted.stream()
        .map(s -> new PetitionRequest.OnlineConfirmation(s.confirmedAt(), s.mailedAt() != null)).toList();
    if (signatures.size() < requiredSignatures) {
      throw new ConflictException(signatures.size() + " confirmed signatures of members in good standing; "
          + requiredSignatures + " are required to submit");
    }
    PetitionKind kind = PetitionKind.valueOf(draft.kind());
    PetitionRequest request = new PetitionRequest(draft.kind(), kind == PetitionKind.ESTABLISH ? draft.migName() : null,
        kind == PetitionKind.RENEW ? draft.migId() : null, draft.statementOfPurpose(),
        draft.organizers().stream().map(o -> new OrganizerInput(o.name(), o.email(), o.address())).toList(), signatures,
        draft.meetingNeeds());
    PetitionService.Submitted submitted = petitions.submit(request, actor.recordedAs(), online);
    drafts.close(draftId, DraftStatus.SUBMITTED, submitted.petitionId(), clock.instant());
    return submitted;
  }

  // --- personal data -----------------------------------------------------------------------------

  /** Deletes the signatures that do not count and are older than {@link #NOT_COUNTING_KEPT}; how many. */
  @Transactional
  public int deleteOldUnconfirmedSignatures() {
    return drafts.deleteNotCountingBefore(clock.instant().minus(NOT_COUNTING_KEPT));
  }

  // --- helpers -----------------------------------------------------------------------------------

  private record Checked(PetitionKind kind, String migId, String migName, List<Organizer> organizers) {}

  private Checked check(DraftRequest request) {
    if (request == null) {
      throw InvalidInputException.of("body", "required: a petition draft as JSON");
    }
    List<FieldProblem> errors = new ArrayList<>(new PetitionValidator(0).validate(new PetitionRequest(request.kind(),
        request.migName(), request.migId(), request.statementOfPurpose(), request.organizers(), List.of())));
    if (request.meetingNeeds() != null && !request.meetingNeeds().isBlank()) {
      if (request.meetingNeeds().strip().length() > MAX_MEETING_NEEDS) {
        errors.add(new FieldProblem("meetingNeeds", "longer than " + MAX_MEETING_NEEDS + " characters"));
      } else {
        String problem = TextRules.problem(request.meetingNeeds().strip(), true);
        if (problem != null) {
          errors.add(new FieldProblem("meetingNeeds", problem));
        }
      }
    }
    if (!errors.isEmpty()) {
      throw InvalidInputException.of(errors);
    }
    PetitionKind kind = PetitionKind.valueOf(request.kind());
    List<Organizer> organizers = request.organizers().stream().map(OrganizerInput::toOrganizer).toList();
    if (kind == PetitionKind.RENEW) {
      String migId = request.migId().strip();
      Mig mig = migs.find(migId).orElseThrow(() -> new NotFoundException("No MIG with id '" + migId + "' to renew"));
      if (mig.status() != MigStatus.ACTIVE && mig.status() != MigStatus.RENEWAL_PENDING) {
        throw new ConflictException("MIG '" + migId + "' is " + mig.status() + ": only an active MIG is renewed");
      }
      renewalWindow.requireOpen(mig);
      return new Checked(kind, migId, mig.name(), organizers);
    }
    return new Checked(kind, null, request.migName().strip(), organizers);
  }

  private static String meetingNeeds(DraftRequest request) {
    return request.meetingNeeds() == null || request.meetingNeeds().isBlank() ? null : request.meetingNeeds().strip();
  }

  private Draft get(String draftId) {
    return drafts.find(draftId).orElseThrow(() -> new NotFoundException("No petition draft with id '" + draftId + "'"));
  }

  /** The draft, when the actor may change it: its organizers (by link), coo and member-programs. */
  private Draft manageable(String draftId, Actor actor) {
    Draft draft = get(draftId);
    if (actor.staff() || (actor.byLink() && draft.organizedBy(actor.userId()))) {
      return draft;
    }
    throw new AccessDeniedException(actor.byLink()
        ? "'" + actor.userId() + "' is not an organizer of petition draft '" + draftId + "'"
        : "User '" + actor.userId() + "' is not a member of coo or member-programs");
  }

  private DraftRepository.StoredSignature byToken(String draftId, String token) {
    if (token == null || token.isBlank() || token.length() > 100) {
      throw new NotFoundException("This link is not valid: it may be incomplete, or replaced by a newer one");
    }
    return drafts.signatureByToken(draftId, sha256(token.strip()))
        .orElseThrow(() -> new NotFoundException("This link is not valid: it may be incomplete, or replaced by a newer one"));
  }

  private static String newToken() {
    byte[] bytes = new byte[24];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  static String sha256(String token) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
