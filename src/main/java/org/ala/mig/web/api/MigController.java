package org.ala.mig.web.api;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.ala.mig.common.InvalidInputException;
import org.ala.mig.conferences.MigAccommodation;
import org.ala.mig.liaisons.StaffLiaisonService;
import org.ala.mig.registry.Accommodation;
import org.ala.mig.identity.Caller;
import org.ala.mig.identity.MigGroup;
import org.ala.mig.identity.RequiresGroup;
import org.ala.mig.signin.SignInLinks;
import org.ala.mig.lifecycle.ExistingMigRequest;
import org.ala.mig.lifecycle.MigStanding.Standing;
import org.ala.mig.lifecycle.MigStanding;
import org.ala.mig.lifecycle.RegistryService;
import org.ala.mig.registry.Mig;
import org.ala.mig.registry.MigDirectory;
import org.ala.mig.registry.MigStatus;
import org.ala.mig.registry.Organizer;
import org.ala.mig.registry.StaffLiaison;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * GET /api/migs and /api/migs/{id}: the registry, for any signed-in user; POST /api/migs brings
 * an existing MIG under management (COO, administrators). Organizers' names,
 * emails and addresses are personal data: only COO and Member Programs and Services see them.
 */
@RestController
class MigController {

  /**
   * A MIG as the API shows it (CONTRACT.md), with where it stands today ({@link MigStanding}):
   * nextAnnualReportDue is never in the past; reportOverdueSince is the earliest report still
   * awaited after its due date; termEndedOn and awaitingDecision say that the term has ended
   * while COO considers the MIG's re-petition or request.
   */
  record MigView(String id, String name, MigStatus status, String statementOfPurpose, LocalDate termStart,
      LocalDate termEnd, StaffLiaison staffLiaison, List<StaffLiaison> staffLiaisons, LocalDate nextAnnualReportDue,
      LocalDate reportOverdueSince, LocalDate termEndedOn, String awaitingDecision, String disbandReason,
      List<Organizer> organizers, String meetingNeeds, String accommodation,
      List<String> formerNames) {}

  private final MigDirectory migs;
  private final RegistryService registry;
  private final MigStanding standing;

  private final SignInLinks links;
  private final StaffLiaisonService liaisons;
  private final MigAccommodation accommodation;

  MigController(MigDirectory migs, RegistryService registry, MigStanding standing, SignInLinks links,
      StaffLiaisonService liaisons, MigAccommodation accommodation) {
    this.links = links;
    this.liaisons = liaisons;
    this.accommodation = accommodation;
    this.migs = migs;
    this.registry = registry;
    this.standing = standing;
  }

  /** Brings a MIG that exists already (term, organizers, liaison known) under management. */
  @PostMapping(path = "/api/migs", consumes = "application/json")
  @RequiresGroup({MigGroup.COO, MigGroup.CAMUNDA_ADMIN})
  ResponseEntity<MigView> bringUnderManagement(@RequestBody(required = false) ExistingMigRequest body) {
    if (body == null) {
      throw InvalidInputException.of("body", "required: the MIG as JSON");
    }
    Mig mig = registry.bringUnderManagement(body);
    return ResponseEntity.created(URI.create("/api/migs/" + mig.id())).body(one(mig, true));
  }

  @GetMapping("/api/migs")
  List<MigView> list(@RequestParam(required = false) String status, HttpServletRequest request) {
    List<Mig> listed = migs.listNamed(status);
    Caller caller = Caller.of(request);
    boolean staffSees = seesPersonalData(caller);
    List<String> own = caller.byLink() ? migs.idsOrganizedBy(caller.userId()) : List.of();
    Function<Mig, Standing> standingOf = standing.forListing();
    Map<String, List<StaffLiaison>> liaisonsOf = liaisons.all();
    Map<String, Accommodation> accommodationOf = accommodation.all();
    Map<String, List<String>> formerNames = migs.formerNamesByMig();
    return listed.stream().map(m -> view(m, staffSees || own.contains(m.id()), standingOf.apply(m),
        liaisonsOf.getOrDefault(m.id(), List.of()), accommodationOf.getOrDefault(m.id(), Accommodation.NONE),
        formerNames.getOrDefault(m.id(), List.of()))).toList();
  }

  @GetMapping("/api/migs/{id}")
  MigView one(@PathVariable String id, HttpServletRequest request) {
    Mig mig = migs.get(id);
    Caller caller = Caller.of(request);
    boolean personal = seesPersonalData(caller) || caller.byLink() && links.organizes(caller.userId(), id);
    return one(mig, personal);
  }

  /**
   * The MIG's staff liaisons become these (executive office); its open designateStaffLiaison
   * task, if any, is completed with them. Answers the MIG.
   */
  @PutMapping(path = "/api/migs/{id}/staff-liaisons", consumes = "application/json")
  @RequiresGroup(MigGroup.EXECUTIVE_OFFICE)
  MigView staffLiaisons(@PathVariable String id, @RequestBody(required = false) List<StaffLiaison> body) {
    if (body == null) {
      throw InvalidInputException.of("body", "required: the liaisons as [{\"name\": ..., \"email\": ...}]");
    }
    Mig mig = liaisons.replace(id, body);
    return one(mig, false);
  }

  private MigView one(Mig mig, boolean personal) {
    return view(mig, personal, standing.of(mig), liaisons.of(mig.id()), accommodation.of(mig.id()),
        migs.formerNames(mig.id()));
  }

  /** COO and MPS see every MIG's organizers with their addresses; an organizer sees their own MIGs'. */
  private static boolean seesPersonalData(Caller caller) {
    return caller.isInAny(MigGroup.COO, MigGroup.MEMBER_PROGRAMS);
  }

  /** The MIG as the API shows it, with where it stands today. */
  private static MigView view(Mig m, boolean personal, Standing now, List<StaffLiaison> staffLiaisons,
      Accommodation accommodation, List<String> formerNames) {
    return new MigView(m.id(), m.name(), m.status(), m.statementOfPurpose(), m.termStart(), m.termEnd(),
        staffLiaisons.isEmpty() ? m.staffLiaison() : staffLiaisons.get(0), staffLiaisons, now.nextReportDue(),
        now.reportOverdueSince(), now.termEndedOn(), now.awaiting(), m.disbandReason(),
        personal ? m.organizers() : null, accommodation.meetingNeeds(), accommodation.accommodation(),
        formerNames);
  }
}
