package org.ala.mig.calendar;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import net.fortuna.ical4j.data.CalendarOutputter;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.TimeZoneRegistry;
import net.fortuna.ical4j.model.TimeZoneRegistryFactory;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.component.VTimeZone;
import net.fortuna.ical4j.model.parameter.TzId;
import net.fortuna.ical4j.model.property.DateProperty;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.DtEnd;
import net.fortuna.ical4j.model.property.DtStart;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.LastModified;
import net.fortuna.ical4j.model.property.Location;
import net.fortuna.ical4j.model.property.Sequence;
import net.fortuna.ical4j.model.property.Summary;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.XProperty;
import net.fortuna.ical4j.model.property.immutable.ImmutableMethod;

/**
 * Writes a feed in iCalendar (RFC 5545) with ical4j: VCALENDAR with PRODID, VERSION 2.0, CALSCALE
 * GREGORIAN, METHOD PUBLISH, X-WR-CALNAME and the VTIMEZONE of the association's zone; each VEVENT
 * with its UID, DTSTAMP, SUMMARY, DESCRIPTION, SEQUENCE and LAST-MODIFIED. All-day events have
 * DATE values (DTEND the day after the last day, as RFC 5545 counts it); timed events are written
 * as the wall-clock time in the zone, with its TZID ({@link #zoned}).
 *
 * <p>The calendar is written without ical4j's iTIP validation: RFC 5546 wants an ORGANIZER on
 * each published event, and a feed never names a person.
 */
final class IcsWriter {

  static final String PRODID = "-//American Library Association//MIG Lifecycle//EN";

  private static final DateTimeFormatter WALL_CLOCK = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss");

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

  /** The wall-clock time of an instant in the association's zone, by java.time's rules. */
  private LocalDateTime wallClock(Instant instant) {
    return instant.atZone(zone).toLocalDateTime();
  }

  /**
   * The property with the TZID of the zone, its value the wall-clock time that java.time gives.
   * ical4j 4.2.5 is not asked to convert an instant itself: the zone rules it builds from the
   * VTIMEZONE put the spring change an hour early, and it wrote 1:00 CST on March 14, 2027 as
   * 02:00. Should a value ever differ from the wall-clock time, the feed fails rather than shows a
   * wrong time.
   */
  private <P extends DateProperty<?>> P zoned(P property, Instant instant) {
    property.add(new TzId(zone.getId()));
    String expected = WALL_CLOCK.format(wallClock(instant));
    if (!expected.equals(property.getValue())) {
      throw new IllegalStateException("ical4j wrote " + property.getName() + " " + instant + " as " + property.getValue()
          + " in " + zone.getId() + ", not " + expected);
    }
    return property;
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
      VEvent event;
      if (e.isAllDay()) {
        event = new VEvent(e.firstDay(), e.lastDay().plusDays(1), e.summary());
      } else {
        event = new VEvent();
        event.add(zoned(new DtStart<>(wallClock(e.start())), e.start()));
        event.add(zoned(new DtEnd<>(wallClock(e.end())), e.end()));
        event.add(new Summary(e.summary()));
      }
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
