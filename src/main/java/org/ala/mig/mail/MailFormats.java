package org.ala.mig.mail;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;

/** Dates in mails, as {@code fmt} in the templates: "August 1, 2027", in the MIGs' time zone. */
public final class MailFormats {

  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("MMMM d, uuuu", Locale.US);
  private static final DateTimeFormatter DATE_TIME =
      DateTimeFormatter.ofPattern("MMMM d, uuuu 'at' h:mm a z", Locale.US);

  private final ZoneId zone;

  public MailFormats(ZoneId zone) {
    this.zone = zone;
  }

  /** A LocalDate as it is, an Instant as the date it is in the MIGs' zone; null as "-". */
  public String date(Object value) {
    return format(value, DATE);
  }

  public String dateTime(Object value) {
    return format(value, DATE_TIME);
  }

  private String format(Object value, DateTimeFormatter formatter) {
    if (value == null) {
      return "-";
    }
    TemporalAccessor temporal = value instanceof Instant instant ? instant.atZone(zone) : (TemporalAccessor) value;
    if (temporal instanceof LocalDate && formatter == DATE_TIME) {
      return DATE.format(temporal);
    }
    return formatter.format(temporal);
  }
}
