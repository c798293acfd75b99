package org.ala.mig.web.pages;

import org.ala.mig.calendar.CalendarService;
import org.ala.mig.identity.MigGroup;
import org.ala.mig.identity.RequiresGroup;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The "Reset the link" button of a MIG's calendar feed (templates/pages/calendar-link.html), for
 * the people who may reset it through the API: the MIG's organizers, COO, Member Programs and HQ
 * staff. The old key stops working at once; the page it came from shows the new link.
 */
@Controller
class CalendarPages {

  private final CalendarService calendars;

  CalendarPages(CalendarService calendars) {
    this.calendars = calendars;
  }

  @PostMapping("/migs/{id}/calendar/reset")
  @RequiresGroup(value = {MigGroup.COO, MigGroup.MEMBER_PROGRAMS, MigGroup.HQ_STAFF}, orOrganizersOfMig = true)
  String reset(@PathVariable String id, @RequestParam(defaultValue = "") String back, RedirectAttributes redirect) {
    CalendarService.Link link = calendars.reset(id);
    redirect.addFlashAttribute("calendarReset", link.migId());
    return "my".equals(back) ? "redirect:/my#calendar-" + link.migId() : "redirect:/migs/" + link.migId() + "#calendar-" + link.migId();
  }
}
