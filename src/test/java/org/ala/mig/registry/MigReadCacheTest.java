package org.ala.mig.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.ala.mig.common.MigProperties;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A transaction reads a MIG once until it changes it ({@link MigReadCache}); nothing is cached
 * outside a transaction or across transactions, and taking the row's lock reads afresh what
 * another transaction committed. Counts the statements that reach the database (the schema is
 * the application's, by Flyway, on in-memory H2).
 */
class MigReadCacheTest {

  private static final ZoneId CHICAGO = ZoneId.of("America/Chicago");
  private static final AtomicInteger DATABASES = new AtomicInteger();

  private final AtomicInteger migReads = new AtomicInteger();
  private JdbcTemplate counting;
  private MigRepository migs;
  private TransactionTemplate tx;
  private TransactionTemplate other;

  @BeforeEach
  void setUp() {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:mig-read-cache-" + DATABASES.incrementAndGet() + ";DB_CLOSE_DELAY=-1");
    DataSource dataSource = h2;
    Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
    counting = new JdbcTemplate(dataSource) {
      @Override
      public <T> List<T> query(String sql, org.springframework.jdbc.core.RowMapper<T> rowMapper, Object... args) {
        if (sql.startsWith("select * from mig where id")) {
          migReads.incrementAndGet();
        }
        return super.query(sql, rowMapper, args);
      }
    };
    migs = new MigRepository(counting, Clock.systemUTC(), new MigProperties(CHICAGO, null, null, List.of(), null));
    DataSourceTransactionManager transactions = new DataSourceTransactionManager(dataSource);
    tx = new TransactionTemplate(transactions);
    other = new TransactionTemplate(transactions);
    other.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    migs.insert(new Mig("seed-libraries", "Seed Libraries", MigStatus.ACTIVE, "To share seeds.",
        LocalDate.of(2027, 1, 1), LocalDate.of(2029, 12, 31), null, null,
        List.of(new Organizer("Rosa Diaz", "rosa@lib.example", "10 Library Way"))));
    migReads.set(0);
  }

  @Test
  void givenOneTransaction_whenItReadsAMigThreeTimes_thenTheDatabaseIsAskedOnce() {
    Mig[] read = tx.execute(s -> new Mig[] {
        migs.find("seed-libraries").orElseThrow(), migs.get("seed-libraries"), migs.find("seed-libraries").orElseThrow()});

    assertThat(migReads).hasValue(1);
    assertThat(read[2].organizers()).extracting(Organizer::email).containsExactly("rosa@lib.example");
    assertThat(migs.find("nobody")).isEmpty();
  }

  @Test
  void givenNoTransaction_whenAMigIsReadTwice_thenEachReadAsksTheDatabase() {
    migs.find("seed-libraries");
    migs.find("seed-libraries");

    assertThat(migReads).hasValue(2);
  }

  @Test
  void givenTwoTransactions_whenEachReadsTheMig_thenEachAsksTheDatabase() {
    tx.executeWithoutResult(s -> migs.find("seed-libraries"));
    tx.executeWithoutResult(s -> migs.find("seed-libraries"));

    assertThat(migReads).hasValue(2);
  }

  @Test
  void givenATransactionThatChangesTheMig_whenItReadsAgain_thenItSeesItsChange() {
    Mig after = tx.execute(s -> {
      migs.find("seed-libraries");
      migs.replaceOrganizers("seed-libraries", List.of(new Organizer("Sam Okafor", "sam@lib.example", "22 Reading Rd")));
      migs.setStatus("seed-libraries", MigStatus.RENEWAL_PENDING, null);
      return migs.find("seed-libraries").orElseThrow();
    });

    assertThat(after.status()).isEqualTo(MigStatus.RENEWAL_PENDING);
    assertThat(after.organizers()).extracting(Organizer::email).containsExactly("sam@lib.example");
    assertThat(migReads).hasValue(2);
  }

  @Test
  void givenAnotherTransactionCommittedAChange_whenThisOneTakesTheLock_thenItReadsTheChange() {
    MigStatus[] seen = tx.execute(s -> {
      MigStatus before = migs.find("seed-libraries").orElseThrow().status();
      other.executeWithoutResult(inner -> migs.extendTerm("seed-libraries", LocalDate.of(2032, 12, 31)));
      other.executeWithoutResult(inner -> migs.setStatus("seed-libraries", MigStatus.DISBANDED, "NOT_RENEWED"));
      migs.lock("seed-libraries");
      return new MigStatus[] {before, migs.find("seed-libraries").orElseThrow().status()};
    });

    assertThat(seen).containsExactly(MigStatus.ACTIVE, MigStatus.DISBANDED);
  }

  @Test
  void givenAnInnerTransactionOfItsOwn_whenItReads_thenItDoesNotSeeTheOuterOnesCache() {
    tx.executeWithoutResult(s -> {
      migs.find("seed-libraries");
      other.executeWithoutResult(inner -> migs.find("seed-libraries"));
      migs.find("seed-libraries");
    });

    // outer read, inner read (its own transaction), and the outer one's cache again
    assertThat(migReads).hasValue(2);
  }
}
