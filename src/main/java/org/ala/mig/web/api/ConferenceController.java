package org.ala.mig.web.api;

import java.net.URI;
import java.util.List;
import org.ala.mig.conferences.Conference;
import org.ala.mig.conferences.ConferenceRequest;
import org.ala.mig.conferences.ConferenceService;
import org.ala.mig.conferences.ScheduledMeeting;
import org.ala.mig.identity.MigGroup;
import org.ala.mig.identity.RequiresGroup;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The ALA conferences and their schedules (CONTRACT.md, step 12): listed for any signed-in user;
 * added by the COO chair or Conference Services, which schedules the conference's COO report to
 * Council at once.
 */
@RestController
class ConferenceController {

  private final ConferenceService conferences;

  ConferenceController(ConferenceService conferences) {
    this.conferences = conferences;
  }

  @GetMapping("/api/conferences")
  List<Conference> list() {
    return conferences.list();
  }

  /** 201 with the conference; 400 naming each bad field; 409 when the id exists. */
  @PostMapping(path = "/api/conferences", consumes = "application/json")
  @RequiresGroup({MigGroup.COO_CHAIR, MigGroup.CONFERENCE_SERVICES})
  ResponseEntity<Conference> add(@RequestBody(required = false) ConferenceRequest body) {
    Conference added = conferences.add(body);
    return ResponseEntity.created(URI.create("/api/conferences/" + added.id())).body(added);
  }

  /** The MIG meetings arranged at the conference, in order of their start; 404 for an unknown one. */
  @GetMapping("/api/conferences/{id}/schedule")
  List<ScheduledMeeting> schedule(@PathVariable String id) {
    return conferences.schedule(id);
  }
}
