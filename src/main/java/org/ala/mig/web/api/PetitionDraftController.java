package org.ala.mig.web.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.Map;
import org.ala.mig.common.InvalidInputException;
import org.ala.mig.drafts.DraftRequest;
import org.ala.mig.drafts.DraftService;
import org.ala.mig.identity.Caller;
import org.ala.mig.identity.MigGroup;
import org.ala.mig.identity.RequiresGroup;
import org.ala.mig.petition.PetitionService;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The online petition's API (CONTRACT.md, "Online petition (step 11)"). Who may create, change
 * and submit a draft depends on the draft (its organizers) and on the roster (a member), so the
 * service decides it; coo and member-programs may act on every draft. The public calls (read a
 * draft, sign it) answer anonymous callers too (security.SecurityConfiguration).
 */
@RestController
class PetitionDraftController {

  /** A signature as the public API takes it. */
  record SignatureBody(String memberId, String name, Boolean showNameToOrganizers) {}

  /** The public view with {@code petitionId} only once there is one. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record View(String draftId, String kind, String migName, String statementOfPurpose,
      java.util.List<DraftService.Name> organizers, int confirmedSignatures, int requiredSignatures, String status,
      String petitionId) {
    static View of(DraftService.PublicView v) {
      return new View(v.draftId(), v.kind(), v.migName(), v.statementOfPurpose(), v.organizers(),
          v.confirmedSignatures(), v.requiredSignatures(), v.status(), v.petitionId());
    }
  }

  private final DraftService drafts;

  PetitionDraftController(DraftService drafts) {
    this.drafts = drafts;
  }

  /** The caller as the draft service sees them; staff means coo or member-programs. */
  static DraftService.Actor actor(HttpServletRequest request) {
    Caller caller = Caller.of(request);
    return new DraftService.Actor(caller.userId(), caller.byLink(),
        caller.isInAny(MigGroup.COO, MigGroup.MEMBER_PROGRAMS));
  }

  @PostMapping(path = "/api/petition-drafts", consumes = "application/json")
  ResponseEntity<DraftService.Created> create(@RequestBody(required = false) DraftRequest body,
      HttpServletRequest request) {
    DraftService.Created created = drafts.create(required(body), actor(request));
    return ResponseEntity.created(URI.create("/api/petition-drafts/" + created.draftId())).body(created);
  }

  @PutMapping(path = "/api/petition-drafts/{id}", consumes = "application/json")
  View update(@PathVariable String id, @RequestBody(required = false) DraftRequest body, HttpServletRequest request) {
    drafts.update(id, required(body), actor(request));
    return View.of(drafts.publicView(id));
  }

  @DeleteMapping("/api/petition-drafts/{id}")
  View withdraw(@PathVariable String id, HttpServletRequest request) {
    drafts.withdraw(id, actor(request));
    return View.of(drafts.publicView(id));
  }

  @GetMapping("/api/petition-drafts/{id}")
  View read(@PathVariable String id) {
    return View.of(drafts.publicView(id));
  }

  @PostMapping(path = "/api/petition-drafts/{id}/signatures", consumes = "application/json")
  ResponseEntity<Map<String, String>> sign(@PathVariable String id, @RequestBody(required = false) SignatureBody body,
      HttpServletRequest request) {
    if (body == null) {
      throw InvalidInputException.of("body", "required: {memberId, name, showNameToOrganizers?}");
    }
    drafts.sign(id, body.memberId(), body.name(), Boolean.TRUE.equals(body.showNameToOrganizers()),
        request.getRemoteAddr());
    return ResponseEntity.accepted().body(Map.of("status", "CONFIRMATION_SENT"));
  }

  /** Signers' numbers and names: for ALA's staff who verify them only. */
  @GetMapping("/api/petition-drafts/{id}/signatures")
  @RequiresGroup({MigGroup.COO, MigGroup.MEMBER_PROGRAMS})
  java.util.List<DraftService.Signer> signers(@PathVariable String id) {
    return drafts.signers(id);
  }

  @PostMapping("/api/petition-drafts/{id}/submit")
  ResponseEntity<PetitionService.Submitted> submit(@PathVariable String id, HttpServletRequest request) {
    PetitionService.Submitted submitted = drafts.submit(id, actor(request));
    return ResponseEntity.created(URI.create("/api/migs/" + submitted.migId())).body(submitted);
  }

  private static DraftRequest required(DraftRequest body) {
    if (body == null) {
      throw InvalidInputException.of("body", "required: a petition draft as JSON");
    }
    return body;
  }
}
