package org.ala.mig.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the database itself can do on this machine, for comparison with B1: pgbench-style
 * single-row transactions over JDBC, each its own commit (an insert of a new row, or an update
 * of a random one, half and half), from a few threads for a few seconds.
 */
final class DatabaseCeiling {

  static final int THREADS = 4;
  static final int SECONDS = 6;
  private static final int WARM_UP_SECONDS = 1;
  private static final int ROWS = 10_000;

  /** Committed single-row transactions per second. */
  static double commitsPerSecond(BenchDatabase db, BenchDatabase.Target target) throws Exception {
    try (Connection c = db.connect(target); Statement s = c.createStatement()) {
      s.execute("drop table if exists bench_ceiling");
      s.execute("create table bench_ceiling (id bigint primary key, n bigint not null, note varchar(100))");
      c.setAutoCommit(false);
      try (PreparedStatement insert = c.prepareStatement("insert into bench_ceiling (id, n, note) values (?, 0, 'seed')")) {
        for (int i = 0; i < ROWS; i++) {
          insert.setLong(1, i);
          insert.addBatch();
        }
        insert.executeBatch();
      }
      c.commit();
    }
    AtomicLong nextId = new AtomicLong(ROWS);
    run(db, target, nextId, WARM_UP_SECONDS);
    long commits = run(db, target, nextId, SECONDS);
    try (Connection c = db.connect(target); Statement s = c.createStatement()) {
      s.execute("drop table bench_ceiling");
    }
    return (double) commits / SECONDS;
  }

  private static long run(BenchDatabase db, BenchDatabase.Target target, AtomicLong nextId, int seconds)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    long deadline = System.nanoTime() + seconds * 1_000_000_000L;
    try {
      List<Future<Long>> futures = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        long seed = t;
        futures.add(pool.submit(() -> transactions(db, target, nextId, deadline, new SplittableRandom(seed))));
      }
      long total = 0;
      for (Future<Long> f : futures) {
        total += f.get();
      }
      return total;
    } finally {
      pool.shutdownNow();
    }
  }

  private static long transactions(BenchDatabase db, BenchDatabase.Target target, AtomicLong nextId, long deadline,
      SplittableRandom random) throws SQLException {
    long done = 0;
    try (Connection c = db.connect(target);
        PreparedStatement insert = c.prepareStatement("insert into bench_ceiling (id, n, note) values (?, 1, 'new')");
        PreparedStatement update = c.prepareStatement("update bench_ceiling set n = n + 1 where id = ?")) {
      c.setAutoCommit(true);
      while (System.nanoTime() < deadline) {
        if (random.nextBoolean()) {
          insert.setLong(1, nextId.getAndIncrement());
          insert.executeUpdate();
        } else {
          update.setLong(1, random.nextInt(ROWS));
          update.executeUpdate();
        }
        done++;
      }
    }
    return done;
  }

  private DatabaseCeiling() {}
}
