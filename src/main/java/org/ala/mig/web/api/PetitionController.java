package org.ala.mig.web.api;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import org.ala.mig.common.InvalidInputException;
import org.ala.mig.identity.Caller;
import org.ala.mig.identity.MigGroup;
import org.ala.mig.identity.RequiresGroup;
import org.ala.mig.petition.PetitionRequest;
import org.ala.mig.petition.PetitionService;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** POST /api/petitions: COO or Member Programs and Services enter a petition. */
@RestController
class PetitionController {

  private final PetitionService petitions;

  PetitionController(PetitionService petitions) {
    this.petitions = petitions;
  }

  @PostMapping(path = "/api/petitions", consumes = "application/json")
  @RequiresGroup({MigGroup.COO, MigGroup.MEMBER_PROGRAMS})
  ResponseEntity<PetitionService.Submitted> submit(@RequestBody(required = false) PetitionRequest body,
      HttpServletRequest request) {
    if (body == null) {
      throw InvalidInputException.of("body", "required: a petition as JSON");
    }
    PetitionService.Submitted submitted = petitions.submit(body, Caller.of(request).userId());
    return ResponseEntity.created(URI.create("/api/migs/" + submitted.migId())).body(submitted);
  }
}
