package org.ala.mig.petition;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.ala.mig.registry.Mig;
import org.ala.mig.registry.MigIds;
import org.ala.mig.registry.MigRepository;
import org.ala.mig.support.HttpApi;
import org.ala.mig.support.HttpApi.Reply;
import org.ala.mig.support.MigPostgresTest;
import org.ala.mig.support.PetitionJson;
import org.ala.mig.support.TestMigs;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Petitions submitted at the same moment, on PostgreSQL: of 20 re-petitions of one MIG, and of 20
 * petitions for one new name, exactly one opens; the others get the documented 409, none a 500,
 * and nothing of the losers is stored.
 */
@MigPostgresTest
class ConcurrentPetitionsPostgresTest {

  static final int CALLERS = 20;

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;
  @Autowired MigRepository migs;

  @Test
  void twentyRePetitionsOfOneMigOpenOne() throws Exception {
    // a term ending in six months: its renewal window (twelve months before its last day) is open
    Mig mig = TestMigs.activeUntil("Concurrent Renewal",
        java.time.LocalDate.now(java.time.ZoneId.of("America/Chicago")).plusMonths(6));
    migs.insert(mig);
    String body = PetitionJson.write(PetitionJson.renew(mig.id(), PetitionJson.signatures(jdbc, 110)));

    Map<Integer, Long> statuses = statuses(all(body));

    assertThat(statuses).as("201 once, 409 for the others, nothing else").containsOnlyKeys(201, 409)
        .containsEntry(201, 1L).containsEntry(409, (long) CALLERS - 1);
    assertThat(count("select count(*) from petition where mig_id = ?", mig.id())).isOne();
    assertThat(count("select count(*) from open_petition where mig_id = ?", mig.id())).isOne();
    assertThat(count("select count(*) from petition_signature s join petition p on p.id = s.petition_id"
        + " where p.mig_id = ?", mig.id())).as("the losers' signatures are not stored").isEqualTo(110);
  }

  @Test
  void twentyPetitionsForOneNewNameOpenOne() throws Exception {
    String name = "Concurrent Makers " + System.nanoTime();
    String body = PetitionJson.write(PetitionJson.establish(name, PetitionJson.signatures(jdbc, 110)));

    Map<Integer, Long> statuses = statuses(all(body));

    assertThat(statuses).as("201 once, 409 for the others, nothing else").containsOnlyKeys(201, 409)
        .containsEntry(201, 1L).containsEntry(409, (long) CALLERS - 1);
    String migId = MigIds.slug(name);
    assertThat(count("select count(*) from mig where id = ?", migId)).isOne();
    assertThat(count("select count(*) from petition where mig_id = ?", migId)).isOne();
    assertThat(count("select count(*) from open_petition where mig_id = ?", migId)).isOne();
  }

  /** The same petition from {@link #CALLERS} callers, released at one moment. */
  private List<Reply> all(String body) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(CALLERS);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Reply>> replies = new ArrayList<>();
      for (int i = 0; i < CALLERS; i++) {
        replies.add(pool.submit(() -> {
          start.await();
          return new HttpApi(port).postJson("/api/petitions", "mps1", body);
        }));
      }
      start.countDown();
      List<Reply> done = new ArrayList<>();
      for (Future<Reply> reply : replies) {
        done.add(reply.get(60, TimeUnit.SECONDS));
      }
      return done;
    } finally {
      pool.shutdownNow();
    }
  }

  private static Map<Integer, Long> statuses(List<Reply> replies) {
    replies.stream().filter(r -> r.status() != 201 && r.status() != 409)
        .forEach(r -> System.out.println("unexpected answer " + r.status() + ": " + r.body()));
    return replies.stream().collect(Collectors.groupingBy(Reply::status, Collectors.counting()));
  }

  private long count(String sql, Object... args) {
    return jdbc.queryForObject(sql, Long.class, args);
  }
}
