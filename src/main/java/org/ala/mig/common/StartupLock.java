package org.ala.mig.common;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Lets one node at a time do the work of a start that must not run twice at once: the engine's
 * tables ({@link EngineSchemaLock}), and the seeding (groups, authorizations, filters, users, demo
 * data, the COO reports to schedule). Nodes that start together on one empty database take turns;
 * the later one finds everything made and makes nothing.
 *
 * <p>On PostgreSQL the lock is a session-level advisory lock ({@code pg_advisory_lock}, key
 * {@value #KEY}) taken on a connection of its own, held while the step runs and released after
 * it, whatever the step's own transactions do. A node that dies holding it loses its connection,
 * and PostgreSQL releases the lock with it. A node waits at most {@code mig.startup.lock-wait}
 * (default ten minutes) for another, then refuses to start. The lock's connection is closed for
 * good afterwards, never handed back to the pool, so no lock can stay behind in a pooled session.
 *
 * <p>On any other database (H2, the embedded default) there is no lock: an H2 file belongs to one
 * process, so there is no second node to wait for.
 */
@Component
public class StartupLock {

  /** The advisory lock's key: "MIGSTART" in ASCII. */
  public static final long KEY = 0x4d49475354415254L;

  private static final Logger log = LoggerFactory.getLogger(StartupLock.class);
  private static final String LOCK_TIMEOUT = "55P03";

  private final DataSource dataSource;
  private final Duration wait;

  public StartupLock(DataSource dataSource, @Value("${mig.startup.lock-wait:PT10M}") Duration wait) {
    this.dataSource = dataSource;
    this.wait = wait;
  }

  /** Runs the step while this node holds the lock. */
  public void run(String step, Runnable work) {
    try (Held held = acquire(step)) {
      work.run();
    }
  }

  /**
   * Takes the lock for the step, waiting while another node holds it; the caller closes what it
   * gets back to release it.
   *
   * @throws IllegalStateException when another node held the lock for longer than the wait, or
   *     the database could not be asked
   */
  public Held acquire(String step) {
    Connection connection = null;
    try {
      connection = dataSource.getConnection();
      if (!connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres")) {
        connection.close();
        return new Held(step, null);
      }
      connection.setAutoCommit(true);
      try (Statement statement = connection.createStatement()) {
        if (!tryLock(statement)) {
          log.info("Start-up step '{}' waits for another node starting on this database (up to {})", step, wait);
          statement.execute("set lock_timeout = " + wait.toMillis());
          try {
            statement.execute("select pg_advisory_lock(" + KEY + ")");
          } finally {
            statement.execute("reset lock_timeout");
          }
        }
      }
      log.debug("Start-up lock taken for '{}'", step);
      return new Held(step, connection);
    } catch (SQLException e) {
      discard(connection);
      if (LOCK_TIMEOUT.equals(e.getSQLState())) {
        throw new IllegalStateException("Start-up step '" + step + "' waited " + wait + " for another node starting"
            + " on this database (PostgreSQL advisory lock " + KEY + "); is a node stuck in its start?", e);
      }
      throw new IllegalStateException("Could not take the start-up lock for '" + step + "': " + e.getMessage(), e);
    }
  }

  private static boolean tryLock(Statement statement) throws SQLException {
    try (ResultSet rs = statement.executeQuery("select pg_try_advisory_lock(" + KEY + ")")) {
      rs.next();
      return rs.getBoolean(1);
    }
  }

  /** Closes the lock's connection for good: out of a Hikari pool it is evicted, ending its session. */
  private void discard(Connection connection) {
    if (connection == null) {
      return;
    }
    try {
      if (dataSource.isWrapperFor(HikariDataSource.class)) {
        dataSource.unwrap(HikariDataSource.class).evictConnection(connection);
      } else {
        connection.close();
      }
    } catch (SQLException e) {
      log.warn("Could not close the start-up lock's connection: {}", e.toString());
    }
  }

  /** The lock as held by this node; closing it releases the lock (nothing to release off PostgreSQL). */
  public final class Held implements AutoCloseable {

    private final String step;
    private Connection connection;

    private Held(String step, Connection connection) {
      this.step = step;
      this.connection = connection;
    }

    /** Releases the lock; a second call does nothing. */
    @Override
    public synchronized void close() {
      if (connection == null) {
        return;
      }
      try (Statement statement = connection.createStatement()) {
        statement.execute("select pg_advisory_unlock(" + KEY + ")");
        log.debug("Start-up lock released after '{}'", step);
      } catch (SQLException e) {
        log.warn("Could not release the start-up lock after '{}'; closing its connection releases it: {}",
            step, e.toString());
      } finally {
        discard(connection);
        connection = null;
      }
    }
  }
}
