package org.ala.mig.calendar;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ala.mig.common.MigProperties;
import org.ala.mig.common.NotFoundException;
import org.ala.mig.conferences.ArrangedMeeting;
import org.ala.mig.conferences.Conference;
import org.ala.mig.conferences.ConferenceService;
import org.ala.mig.mail.MailFormats;
import org.ala.mig.registry.DeadlineCalendar;
import org.ala.mig.registry.Mig;
import org.ala.mig.registry.MigDirectory;
import org.ala.mig.registry.MigStatus;
import org.ala.mig.registry.RenewalWindow;
import org.ala.mig.reporting.AnnualReport;
import org.ala.mig.reporting.AnnualReportService;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

/**
 * The calendar feeds (CONTRACT.md, step 13; docs/calendars.md): the public feed of the conferences
 * and the MIG meetings arranged at them, and each MIG's secret feed of its deadlines and meetings,
 * reached with a key that its organizers and staff are shown and may reset.
 *
 * <p>Every event has a UID made of what it is ({@code term-end-{migId}@mig.ala.org}), never of
 * its date. When a date changes (a renewal moves the term's end) the same UID comes with the new
 * date, a higher SEQUENCE and a new LAST-MODIFIED, so calendars update the event rather than add
 * a copy. No feed names a person: no organizer, no address.
 */
@Service
public class CalendarService {

  /** The right-hand side of every UID: fixed, so that a new host name does not copy every event. */
  public static final String UID_DOMAIN = "mig.ala.org";

  /** The one answer to a feed that is not there, whatever the reason (no MIG, no key, a wrong key). */
  public static final String NO_SUCH_FEED = "No calendar at this address";

  /** How the pages and the API show a feed's link, and the key in it. */
  public record Link(String migId, String url) {}

  /** A feed written: its file name and its iCalendar text. */
  public record Feed(String filename, String text) {}

  static final int KEY_BYTES = 32;

  private final CalendarRepository store;
  private final MigDirectory migs;
  private final ConferenceService conferences;
  private final AnnualReportService reports;
  private final RenewalWindow renewalWindow;
  private final DeadlineCalendar calendar;
  private final Clock clock;
  private final String publicUrl;
  private final IcsWriter writer;
  /** Dates and times written as the mails and pages write them. */
  private final MailFormats formats;
  private final SecureRandom random = new SecureRandom();

  CalendarService(CalendarRepository store, MigDirectory migs, ConferenceService conferences,
      AnnualReportService reports, RenewalWindow renewalWindow, DeadlineCalendar calendar, Clock clock,
      MigProperties properties) {
    this.store = store;
    this.migs = migs;
    this.conferences = conferences;
    this.reports = reports;
    this.renewalWindow = renewalWindow;
    this.calendar = calendar;
    this.clock = clock;
    String base = properties.mail().publicUrl();
    this.publicUrl = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    this.writer = new IcsWriter(calendar.zone());
    this.formats = new MailFormats(calendar.zone());
  }

  // --- the links -------------------------------------------------------------------------------

  /**
   * The link of the MIG's feed, its key made on the first ask: two first asks at the same moment
   * end with one key (the second insert fails on the MIG's row and reads the first one's key).
   *
   * @throws NotFoundException when there is no such MIG
   */
  public Link link(String migId) {
    migs.get(migId);
    Optional<String> key = store.key(migId);
    if (key.isPresent()) {
      return link(migId, key.get());
    }
    String fresh = newKey();
    try {
      store.insertKey(migId, fresh, clock.instant());
      return link(migId, fresh);
    } catch (DuplicateKeyException raced) {
      return link(migId, store.key(migId).orElseThrow(() -> raced));
    }
  }

  /**
   * A new key for the MIG's feed: the old link stops working at once.
   *
   * @throws NotFoundException when there is no such MIG
   */
  public Link reset(String migId) {
    migs.get(migId);
    String fresh = newKey();
    if (store.replaceKey(migId, fresh, clock.instant()) == 0) {
      try {
        store.insertKey(migId, fresh, clock.instant());
      } catch (DuplicateKeyException raced) {
        store.replaceKey(migId, fresh, clock.instant());
      }
    }
    return link(migId, fresh);
  }

  /** The public feed's address. */
  public String conferencesUrl() {
    return publicUrl + "/calendar/conferences.ics";
  }

  private Link link(String migId, String key) {
    return new Link(migId, publicUrl + "/calendar/migs/" + URLEncoder.encode(migId, StandardCharsets.UTF_8)
        + ".ics?key=" + key);
  }

  /** 32 random bytes, base64url without padding: 256 bits, safe in a URL as it is. */
  private String newKey() {
    byte[] bytes = new byte[KEY_BYTES];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  // --- the feeds -------------------------------------------------------------------------------

  /** The public feed: every conference (all-day, over its dates) and every MIG meeting arranged at one. */
  public Feed conferencesFeed() {
    List<FeedEvent> events = new ArrayList<>();
    for (Conference c : conferences.list()) {
      LocalDate last = c.endDate() == null ? c.startDate() : c.endDate();
      String where = c.location() == null ? "" : " in " + c.location();
      events.add(FeedEvent.allDay("conference-" + c.id() + "@" + UID_DOMAIN, c.startDate(), last, c.name(),
          c.name() + ", an ALA conference" + where + ", " + formats.date(c.startDate())
              + (last.equals(c.startDate()) ? "" : " to " + formats.date(last)) + ".",
          c.location()));
    }
    conferences.arrangedMeetings().forEach(m -> events.add(meeting(m)));
    return new Feed("ala-conferences.ics", write("ALA conferences and MIG meetings", events));
  }

  /**
   * The MIG's secret feed: its term's last day and the opening of its renewal window (while it is
   * active or its renewal is pending), the due date of each report it still owes (awaited, or
   * returned by COO), and its meetings.
   *
   * @throws NotFoundException ({@link #NO_SUCH_FEED}) when the MIG or its key is not there or the
   *     key is wrong: the answer does not tell which
   */
  public Feed migFeed(String migId, String key) {
    Optional<Mig> found = migs.find(migId);
    Optional<String> stored = found.isPresent() ? store.key(migId) : Optional.empty();
    // compared in constant time, and compared even when there is nothing to compare with
    boolean matches = sameKey(stored.orElse(""), key == null ? "" : key);
    if (found.isEmpty() || stored.isEmpty() || key == null || key.isBlank() || !matches) {
      throw new NotFoundException(NO_SUCH_FEED);
    }
    Mig mig = found.get();
    List<FeedEvent> events = new ArrayList<>();
    String uidTail = mig.id() + "@" + UID_DOMAIN;
    boolean current = mig.status() == MigStatus.ACTIVE || mig.status() == MigStatus.RENEWAL_PENDING;
    if (current && mig.termEnd() != null) {
      events.add(FeedEvent.allDay("term-end-" + uidTail, mig.termEnd(), mig.termEnd(),
          "Term of " + mig.name() + " ends",
          "The last day of the current three-year term of the MIG " + mig.name() + ". Without a re-petition"
              + " filed by the end of this day, the MIG is disbanded. Re-petitions are accepted from "
              + formats.date(renewalWindow.opensOn(mig)) + ".", null));
      LocalDate opens = renewalWindow.opensOn(mig);
      events.add(FeedEvent.allDay("renewal-window-" + uidTail, opens, opens,
          "Renewal window opens: " + mig.name(),
          "From this day a re-petition of the MIG " + mig.name() + " for another three-year term is accepted,"
              + " until the term's last day, " + formats.date(mig.termEnd()) + ".", null));
    }
    for (AnnualReport r : reports.forMig(migId)) {
      boolean returned = "RETURNED".equals(r.status());
      if (!AnnualReport.AWAITED.equals(r.status()) && !returned) {
        continue;
      }
      String what = r.extra() ? "Extra report to COO" : "Annual report " + r.year();
      events.add(FeedEvent.allDay("report-" + r.id() + "@" + UID_DOMAIN, r.dueDate(), r.dueDate(),
          what + " due: " + mig.name() + (returned ? " (returned, to resubmit)" : ""),
          what + " of the MIG " + mig.name() + " is due by the end of " + formats.date(r.dueDate())
              + " (11:59 pm, " + calendar.zone().getId() + ")."
              + (returned ? " COO returned it: resubmit it on /my or the MIG's page." : "")
              + (r.extra() ? " COO asked for it." : ""), null));
    }
    conferences.arrangedMeetingsOf(migId).forEach(m -> events.add(meeting(m)));
    return new Feed(mig.id() + ".ics", write(mig.name() + ": MIG deadlines and meetings", events));
  }

  private FeedEvent meeting(ArrangedMeeting m) {
    return FeedEvent.timed("meeting-" + m.taskId() + "@" + UID_DOMAIN, m.start(), m.end(),
        m.migName() + " (MIG) meeting",
        "Meeting of the Membership Initiative Group " + m.migName() + " at " + m.conferenceName() + ", "
            + formats.dateTime(m.start()) + ", room " + m.room() + ".",
        m.room());
  }

  private static boolean sameKey(String stored, String given) {
    return MessageDigest.isEqual(sha256(stored), sha256(given));
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  // --- versions --------------------------------------------------------------------------------

  private String write(String name, List<FeedEvent> events) {
    return writer.write(name, events, versions(events), clock.instant());
  }

  /**
   * Each event's SEQUENCE and LAST-MODIFIED: 0 and now when a feed first shows it; raised by one,
   * with now, when its dates differ from what a feed last showed. Two feeds written at once raise
   * an event once: the second finds the dates stored already.
   */
  private Map<String, CalendarRepository.Version> versions(List<FeedEvent> events) {
    Map<String, CalendarRepository.Version> known = store.versions(events.stream().map(FeedEvent::uid).toList());
    Map<String, CalendarRepository.Version> shown = new HashMap<>();
    for (FeedEvent e : events) {
      shown.put(e.uid(), version(e, known.get(e.uid())));
    }
    return shown;
  }

  private CalendarRepository.Version version(FeedEvent e, CalendarRepository.Version known) {
    String fingerprint = e.fingerprint();
    for (int attempt = 0; attempt < 5; attempt++) {
      if (known != null && known.fingerprint().equals(fingerprint)) {
        return known;
      }
      if (known == null) {
        try {
          store.insertVersion(e.uid(), fingerprint, clock.instant());
          return new CalendarRepository.Version(fingerprint, 0, clock.instant());
        } catch (DuplicateKeyException raced) {
          known = store.version(e.uid()).orElse(null);
          continue;
        }
      }
      if (store.raiseVersion(e.uid(), known.fingerprint(), fingerprint, clock.instant())) {
        return new CalendarRepository.Version(fingerprint, known.sequence() + 1, clock.instant());
      }
      known = store.version(e.uid()).orElse(null);
    }
    throw new IllegalStateException("the version of calendar event " + e.uid() + " keeps changing");
  }
}
