package org.ala.mig.mail;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;

/** Dates in mails, as {@code fmt} in the templates: "August 1, 2027", in the MIGs' time zone. */
public final class MailFormats {

  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("MMMM d, uuuu", Locale.US);
  private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("MMMM d, uuuu, h:mm a z", Locale.US);

  private final ZoneId zone;

  public MailFormats(ZoneId zone) {
    this.zone = zone;
  }

  /** A LocalDate as it is, an Instant as the date it is in the MIGs' zone; null as "-". */
  public String date(Object value) {
    if (value == null) {
      return "-";
    }
    return DATE.format(value instanceof Instant instant ? instant.atZone(zone) : (TemporalAccessor) value);
  }

  /** An Instant as date and time of day in the MIGs' zone ("December 6, 2026, 3:40 AM CST"); null as "-". */
  public String dateTime(Instant value) {
    return value == null ? "-" : DATE_TIME.format(value.atZone(zone));
  }
}
