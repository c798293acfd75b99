package org.ala.mig.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import org.ala.mig.mail.MailOutbox;
import org.ala.mig.registry.DeadlineCalendar;
import org.ala.mig.registry.MigRepository;
import org.ala.mig.support.HttpApi;
import org.ala.mig.support.ManagedMigs;
import org.ala.mig.support.ManagedMigs.Managed;
import org.ala.mig.support.MigPostgresTest;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The calendar's races on PostgreSQL, eight callers at once: first asks for a MIG's link end with
 * one key, and feeds written at once after a date changed raise its SEQUENCE once.
 */
@MigPostgresTest
class CalendarRacesPostgresTest {

  static final int CALLERS = 8;

  @LocalServerPort int port;
  @Autowired CalendarService calendars;
  @Autowired MigRepository registry;
  @Autowired DeadlineCalendar deadlines;
  @Autowired RuntimeService runtime;
  @Autowired ManagementService management;
  @Autowired MailOutbox outbox;
  @Autowired JdbcTemplate jdbc;
  ManagedMigs migs;
  ExecutorService pool;

  @BeforeEach
  void setUp() {
    migs = new ManagedMigs(new HttpApi(port), runtime, management, outbox, jdbc);
    pool = Executors.newFixedThreadPool(CALLERS);
  }

  @AfterEach
  void tearDown() {
    pool.shutdownNow();
  }

  @Test
  void eightFirstAsksAtOnceEndWithOneKey() throws Exception {
    for (int round = 0; round < 5; round++) {
      String migId = migs.manage("Calendar PG Race", deadlines.today().minusYears(1)).id();
      List<String> urls = atOnce(() -> calendars.link(migId).url());
      assertThat(new HashSet<>(urls)).hasSize(1);
      assertThat(jdbc.queryForObject("select count(*) from mig_calendar_key where mig_id = ?", Integer.class, migId))
          .isEqualTo(1);
    }
  }

  @Test
  void feedsWrittenAtOnceAfterTheTermMovedRaiseItsSequenceOnce() throws Exception {
    Managed mig = migs.manage("Calendar PG Sequence", deadlines.today().minusYears(1));
    String url = calendars.link(mig.id()).url();
    String key = url.substring(url.indexOf("?key=") + 5);
    assertThat(termEndSequence(calendars.migFeed(mig.id(), key).text())).isZero();

    registry.extendTerm(mig.id(), deadlines.renewedTermEnd(mig.termEnd()));
    List<String> feeds = atOnce(() -> calendars.migFeed(mig.id(), key).text());

    Set<Integer> sequences = new HashSet<>();
    for (String feed : feeds) {
      sequences.add(termEndSequence(feed));
    }
    assertThat(sequences).containsExactly(1);
    assertThat(termEndSequence(calendars.migFeed(mig.id(), key).text())).isEqualTo(1);
  }

  private <T> List<T> atOnce(Callable<T> call) throws Exception {
    CountDownLatch go = new CountDownLatch(1);
    List<Future<T>> futures = new ArrayList<>();
    for (int i = 0; i < CALLERS; i++) {
      futures.add(pool.submit(() -> {
        go.await();
        return call.call();
      }));
    }
    go.countDown();
    List<T> results = new ArrayList<>();
    for (Future<T> future : futures) {
      results.add(future.get());
    }
    return results;
  }

  private static int termEndSequence(String feed) throws Exception {
    Calendar calendar = new CalendarBuilder().build(new StringReader(feed));
    VEvent termEnd = calendar.<VEvent>getComponents("VEVENT").stream()
        .filter(e -> e.getProperty("UID").map(Property::getValue).orElse("").startsWith("term-end-"))
        .findFirst().orElseThrow();
    return Integer.parseInt(termEnd.getProperty("SEQUENCE").map(Property::getValue).orElseThrow());
  }
}
