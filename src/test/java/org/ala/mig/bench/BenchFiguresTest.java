package org.ala.mig.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/** The benchmark's own arithmetic and counting, which its figures rest on (no timing is asserted). */
class BenchFiguresTest {

  @Test
  void aCommitCountsOnceWhateverItWroteAndAutoCommitCountsEachStatement() throws Exception {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:bench-figures;DB_CLOSE_DELAY=-1");
    CountingDataSource counter = new CountingDataSource();
    DataSource counted = counter.wrap(h2);
    try (Connection c = counted.getConnection()) {
      try (Statement s = c.createStatement()) {
        s.execute("create table t (id int primary key)");                     // 1: auto-commit
      }
      c.setAutoCommit(false);
      try (PreparedStatement insert = c.prepareStatement("insert into t values (?)")) {
        for (int i = 0; i < 3; i++) {
          insert.setInt(1, i);
          insert.executeUpdate();
        }
      }
      c.commit();                                                             // 2: three rows, one commit
      c.commit();                                                             // nothing ran: no commit
      try (Statement s = c.createStatement()) {
        s.executeQuery("select count(*) from t").close();
      }
      c.rollback();                                                           // rolled back: no commit
      try (Statement s = c.createStatement()) {
        s.executeUpdate("insert into t values (10)");
      }
      c.setAutoCommit(true);                                                  // 3: switching commits
    }
    assertThat(counter.commits()).isEqualTo(3);
    assertThat(counter.statements()).isEqualTo(6);                            // create, 3 inserts, select, insert
    assertThat(counted.unwrap(DataSource.class)).isSameAs(counted);
  }

  @Test
  void percentilesAreNearestRankAndMediansTheMiddle() {
    long[] millis = new long[100];
    for (int i = 0; i < 100; i++) {
      millis[i] = (i + 1) * 1_000_000L;                                        // 1 ms .. 100 ms
    }
    assertThat(TaskQueryBenchmark.percentile(millis, 50)).isEqualTo(50.0);
    assertThat(TaskQueryBenchmark.percentile(millis, 95)).isEqualTo(95.0);
    assertThat(TaskQueryBenchmark.percentile(millis, 99)).isEqualTo(99.0);
    assertThat(TaskQueryBenchmark.percentile(new long[] {7_000_000L}, 99)).isEqualTo(7.0);
    assertThat(StartupBenchmark.median(new double[] {9, 1, 5})).isEqualTo(5.0);
    assertThat(StartupBenchmark.median(new double[] {4, 1, 3, 2})).isEqualTo(2.5);
  }

  @Test
  void figuresPrintReadably() {
    assertThat(Results.number(12345.6)).isEqualTo("12,346");
    assertThat(Results.number(123.45)).isEqualTo("123.5");
    assertThat(Results.number(1.234)).isEqualTo("1.23");
    assertThat(Results.number(0.0456)).isEqualTo("0.046");
  }
}
