package org.ala.mig.calendar;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import net.fortuna.ical4j.data.CalendarOutputter;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.TimeZoneRegistry;
import net.fortuna.ical4j.model.TimeZoneRegistryFactory;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.component.VTimeZone;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.LastModified;
import net.fortuna.ical4j.model.property.Location;
import net.fortuna.ical4j.model.property.Sequence;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.XProperty;
import net.fortuna.ical4j.model.property.immutable.ImmutableMethod;

/**
 * Writes a feed in iCalendar (RFC 5545) with ical4j: VCALENDAR with PRODID, VERSION 2.0, CALSCALE
 * GREGORIAN, METHOD PUBLISH, X-WR-CALNAME and the VTIMEZONE of the association's zone; each VEVENT
 * with its UID, DTSTAMP, SUMMARY, DESCRIPTION, SEQUENCE and LAST-MODIFIED. All-day events have
 * DATE values (DTEND the day after the last day, as RFC 5545 counts it); timed events are written
 * in the zone with its TZID.
 *
 * <p>The calendar is written without ical4j's iTIP validation: RFC 5546 wants an ORGANIZER on
 * each published event, and a feed never names a person.
 */
final class IcsWriter {

  static final String PRODID = "-//American Library Association//MIG Lifecycle//EN";

  private final ZoneId zone;
  private final VTimeZone timeZone;

  IcsWriter(ZoneId zone) {
    this.zone = zone;
    TimeZoneRegistry registry = TimeZoneRegistryFactory.getInstance().createRegistry();
    net.fortuna.ical4j.model.TimeZone known = registry.getTimeZone(zone.getId());
    if (known == null) {
      throw new IllegalStateException("ical4j knows no time zone " + zone.getId());
    }
    this.timeZone = known.getVTimeZone();
  }

  /**
   * @param versions each event's SEQUENCE and LAST-MODIFIED, by UID
   * @param stamp the DTSTAMP of every event: when the feed was written
   */
  String write(String name, List<FeedEvent> events, Map<String, CalendarRepository.Version> versions, Instant stamp) {
    Calendar calendar = new Calendar()
        .withProdId(PRODID)
        .withDefaults()
        .withProperty(ImmutableMethod.PUBLISH)
        .withProperty(new XProperty("X-WR-CALNAME", name))
        .withProperty(new XProperty("X-WR-TIMEZONE", zone.getId()))
        .withComponent(timeZone.copy())
        .getFluentTarget();
    Instant dtstamp = stamp.truncatedTo(ChronoUnit.SECONDS);
    for (FeedEvent e : events) {
      VEvent event = e.isAllDay()
          ? new VEvent(e.firstDay(), e.lastDay().plusDays(1), e.summary())
          : new VEvent(e.start().atZone(zone), e.end().atZone(zone), e.summary());
      CalendarRepository.Version version = versions.get(e.uid());
      event.replace(new DtStamp(dtstamp));
      event.add(new Uid(e.uid()));
      event.add(new Sequence(version.sequence()));
      event.add(new LastModified(version.modifiedAt().truncatedTo(ChronoUnit.SECONDS)));
      event.add(new Description(e.description()));
      if (e.location() != null) {
        event.add(new Location(e.location()));
      }
      calendar.add(event);
    }
    StringWriter text = new StringWriter();
    try {
      new CalendarOutputter(false).output(calendar, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return text.toString();
  }
}
