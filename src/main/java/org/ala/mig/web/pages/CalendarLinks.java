package org.ala.mig.web.pages;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ala.mig.calendar.CalendarService;
import org.ala.mig.identity.Caller;
import org.ala.mig.identity.MigGroup;
import org.ala.mig.signin.SignInLinks;
import org.springframework.stereotype.Component;

/**
 * The link of a MIG's calendar feed as the pages show it (templates/pages/calendar-link.html), to
 * the people the API shows it to (CalendarController): the MIG's organizers (signed in with a
 * link) and the staff who read its requests; the reset button to its organizers, COO, Member
 * Programs and HQ staff. The key is made on the first ask.
 */
@Component
class CalendarLinks {

  /** Who sees the link: the groups of GET /api/migs/{id}/calendar (and GET /api/migs/{id}/requests). */
  static final MigGroup[] READERS = {MigGroup.COO, MigGroup.MEMBER_PROGRAMS, MigGroup.HQ_STAFF,
      MigGroup.CONFERENCE_SERVICES, MigGroup.BARC, MigGroup.EXECUTIVE_OFFICE};

  /** Who may reset it: the groups of POST /api/migs/{id}/calendar/reset. */
  static final MigGroup[] RESETTERS = {MigGroup.COO, MigGroup.MEMBER_PROGRAMS, MigGroup.HQ_STAFF};

  /** What the fragment shows for one MIG. */
  record Shown(String migId, String url, boolean mayReset) {}

  private final CalendarService calendars;
  private final SignInLinks links;

  CalendarLinks(CalendarService calendars, SignInLinks links) {
    this.calendars = calendars;
    this.links = links;
  }

  /** The links of an organizer's own MIGs (on /my), by MIG id. */
  Map<String, Shown> ofOrganizer(List<String> migIds) {
    Map<String, Shown> shown = new LinkedHashMap<>();
    migIds.forEach(id -> shown.put(id, new Shown(id, calendars.link(id).url(), true)));
    return shown;
  }

  /** The link for the caller on the MIG's page, or null when they may not see it. */
  Shown onMigPage(Caller caller, String migId) {
    boolean organizer = caller.byLink() && links.organizes(caller.userId(), migId);
    if (!organizer && !caller.isInAny(READERS)) {
      return null;
    }
    return new Shown(migId, calendars.link(migId).url(), organizer || caller.isInAny(RESETTERS));
  }
}
