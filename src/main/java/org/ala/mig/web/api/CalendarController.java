package org.ala.mig.web.api;

import java.nio.charset.StandardCharsets;
import org.ala.mig.calendar.CalendarService;
import org.ala.mig.calendar.CalendarService.Feed;
import org.ala.mig.common.NotFoundException;
import org.ala.mig.identity.MigGroup;
import org.ala.mig.identity.RequiresGroup;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The calendar feeds (CONTRACT.md, step 13; docs/calendars.md). The feeds under {@code /calendar}
 * are open to anyone (SecurityConfiguration): the conference feed is public, and a MIG's feed is
 * protected by its key. A MIG's feed answers 404 with the same words whether the MIG is not there,
 * has no key yet, or the key is missing or wrong. The link of a MIG's feed is for the people who
 * read its requests (GET /api/migs/{id}/requests); its organizers, COO, Member Programs and HQ
 * staff may reset it.
 */
@RestController
class CalendarController {

  static final MediaType TEXT_CALENDAR = new MediaType("text", "calendar", StandardCharsets.UTF_8);

  /** What GET /api/migs/{id}/calendar and its reset answer. */
  record CalendarLink(String url) {}

  private final CalendarService calendars;

  CalendarController(CalendarService calendars) {
    this.calendars = calendars;
  }

  @GetMapping("/calendar/conferences.ics")
  ResponseEntity<String> conferences() {
    return ics(calendars.conferencesFeed());
  }

  @GetMapping("/calendar/migs/{id}.ics")
  ResponseEntity<String> mig(@PathVariable String id, @RequestParam(required = false) String key) {
    try {
      return ics(calendars.migFeed(id, key));
    } catch (NotFoundException notThere) {
      return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(MediaType.TEXT_PLAIN)
          .body(CalendarService.NO_SUCH_FEED + "\n");
    }
  }

  @GetMapping("/api/migs/{id}/calendar")
  @RequiresGroup(value = {MigGroup.COO, MigGroup.MEMBER_PROGRAMS, MigGroup.HQ_STAFF, MigGroup.CONFERENCE_SERVICES,
      MigGroup.BARC, MigGroup.EXECUTIVE_OFFICE}, orOrganizersOfMig = true)
  CalendarLink link(@PathVariable String id) {
    return new CalendarLink(calendars.link(id).url());
  }

  @PostMapping("/api/migs/{id}/calendar/reset")
  @RequiresGroup(value = {MigGroup.COO, MigGroup.MEMBER_PROGRAMS, MigGroup.HQ_STAFF}, orOrganizersOfMig = true)
  CalendarLink reset(@PathVariable String id) {
    return new CalendarLink(calendars.reset(id).url());
  }

  private static ResponseEntity<String> ics(Feed feed) {
    return ResponseEntity.ok()
        .contentType(TEXT_CALENDAR)
        .header(HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.inline().filename(feed.filename()).build().toString())
        .body(feed.text());
  }
}
