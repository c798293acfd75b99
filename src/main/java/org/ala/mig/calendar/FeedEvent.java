package org.ala.mig.calendar;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One event of a feed, before it is written: either all-day (firstDay to lastDay, both included)
 * or timed (start to end, written in the association's time zone).
 *
 * @param uid the stable UID: what the event is, never when
 * @param location a room or a city, or null
 */
record FeedEvent(String uid, LocalDate firstDay, LocalDate lastDay, Instant start, Instant end, String summary,
    String description, String location) {

  static FeedEvent allDay(String uid, LocalDate firstDay, LocalDate lastDay, String summary, String description,
      String location) {
    return new FeedEvent(uid, firstDay, lastDay, null, null, summary, description, location);
  }

  static FeedEvent timed(String uid, Instant start, Instant end, String summary, String description,
      String location) {
    return new FeedEvent(uid, null, null, start, end, summary, description, location);
  }

  boolean isAllDay() {
    return firstDay != null;
  }

  /** The dates the event is shown with: when they change, its SEQUENCE goes up. */
  String fingerprint() {
    return isAllDay() ? firstDay + "/" + lastDay : start + "/" + end;
  }
}
