package org.ala.mig.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.ala.mig.common.EngineSchemaLock;
import org.ala.mig.common.MigProperties;
import org.ala.mig.common.StartupLock;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/**
 * The first start of several nodes at the same moment on one empty PostgreSQL database, in one
 * JVM: {@value #NODES} engines, each with its own connection pool (as separate processes have),
 * build at once with {@code schema-update} and the {@link EngineSchemaLock}, then apply the
 * identity seeding through {@link IdentityInitializer} at once. Every node must start, and the
 * database must hold each filter, group, user, membership and authorization exactly once.
 *
 * <p>Creates and drops a database of its own ({@code mig_firststart_} and a random suffix).
 */
@Tag("postgres")
class FirstStartPostgresTest {

  static final int NODES = 4;
  static final String PG = "jdbc:postgresql://127.0.0.1:5432/";
  static final Duration GATE = Duration.ofSeconds(2);

  final String database = "mig_firststart_" + UUID.randomUUID().toString().substring(0, 8);
  final List<HikariDataSource> pools = new ArrayList<>();
  final List<ProcessEngine> engines = new ArrayList<>();
  final CyclicBarrier gate = new CyclicBarrier(NODES);

  @BeforeEach
  void createDatabase() throws SQLException {
    try (Connection c = connect("postgres"); Statement s = c.createStatement()) {
      s.execute("create database " + database);
    }
  }

  @AfterEach
  void dropDatabase() throws SQLException {
    synchronized (engines) {
      engines.forEach(ProcessEngine::close);
    }
    pools.forEach(HikariDataSource::close);
    try (Connection c = connect("postgres"); Statement s = c.createStatement()) {
      s.execute("drop database if exists " + database + " with (force)");
    }
  }

  @Test
  void nodesStartingTogetherOnAnEmptyDatabaseMakeEverythingOnce() throws Exception {
    List<String> failures = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(NODES);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<?>> nodes = new ArrayList<>();
      for (int i = 0; i < NODES; i++) {
        int node = i;
        nodes.add(pool.submit(() -> {
          go.await();
          startNode(node);
          return null;
        }));
      }
      go.countDown();
      for (int i = 0; i < NODES; i++) {
        try {
          nodes.get(i).get(5, TimeUnit.MINUTES);
        } catch (java.util.concurrent.ExecutionException e) {
          failures.add("node " + i + ": " + rootMessage(e.getCause()));
        }
      }
    } finally {
      pool.shutdownNow();
    }

    SoftAssertions soft = new SoftAssertions();
    soft.assertThat(failures).as("nodes that failed to start").isEmpty();
    try (Connection db = connect(database)) {
      soft.assertThat(counts(db, "select name_, count(*) from act_ru_filter group by name_"))
          .as("shared filters by name").containsOnlyKeys(IdentitySetup.MY_TASKS, IdentitySetup.MY_GROUP_TASKS,
              IdentitySetup.DUE_THIS_WEEK)
          .allSatisfy((name, n) -> assertThat(n).as(name).isOne());
      soft.assertThat(counts(db, "select id_, count(*) from act_id_group group by id_"))
          .hasSize(MigGroup.values().length).allSatisfy((id, n) -> assertThat(n).as(id).isOne());
      soft.assertThat(counts(db, "select id_, count(*) from act_id_user group by id_"))
          .hasSize(DemoUser.ALL.size()).allSatisfy((id, n) -> assertThat(n).as(id).isOne());
      soft.assertThat(counts(db, "select user_id_ || ' ' || group_id_, count(*) from act_id_membership group by 1"))
          .isNotEmpty().allSatisfy((m, n) -> assertThat(n).as(m).isOne());
      soft.assertThat(counts(db, "select coalesce(group_id_, user_id_) || ' ' || resource_type_ || ' ' || resource_id_,"
          + " count(*) from act_ru_authorization where type_ = 1 group by 1"))
          .isNotEmpty().allSatisfy((grant, n) -> assertThat(n).as(grant).isOne());
    }
    soft.assertAll();
  }

  /**
   * Lines the nodes up right before the engine looks at its tables, so that without a lock they
   * would all create them at once. A node that holds the start-up lock waits for the others in
   * vain: after {@link #GATE} the gate opens for everyone.
   */
  private void atTheSchema() {
    try {
      gate.await(GATE.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (BrokenBarrierException | TimeoutException e) {
      // the others are waiting for the start-up lock, or the gate opened for a node before
    }
  }

  /** One node: its own pool, its engine built under the start-up lock, then the seeding. */
  private void startNode(int node) {
    HikariDataSource dataSource = new HikariDataSource();
    dataSource.setJdbcUrl(PG + database);
    dataSource.setUsername("mig");
    dataSource.setPassword("mig");
    dataSource.setMaximumPoolSize(4);
    synchronized (pools) {
      pools.add(dataSource);
    }
    StartupLock lock = new StartupLock(dataSource, Duration.ofMinutes(3));
    ProcessEngineConfigurationImpl configuration = new StandaloneProcessEngineConfiguration();
    configuration.setProcessEngineName("firststart-" + database + "-" + node);
    configuration.setDataSource(dataSource);
    configuration.setDatabaseSchemaUpdate("true");
    configuration.setJobExecutorActivate(false);
    // as in application.yaml: the contract's group ids have hyphens
    configuration.setGeneralResourceWhitelistPattern("[a-zA-Z0-9]+(-[a-zA-Z0-9]+)*");
    configuration.getProcessEnginePlugins().add(new EngineSchemaLock(lock));
    configuration.getProcessEnginePlugins().add(new AbstractProcessEnginePlugin() {
      @Override
      public void postInit(ProcessEngineConfigurationImpl ready) {
        atTheSchema();
      }
    });
    ProcessEngine engine = configuration.buildProcessEngine();
    synchronized (engines) {
      engines.add(engine);
    }
    MockEnvironment environment = new MockEnvironment();
    environment.setActiveProfiles("demo");
    MigProperties properties = new MigProperties(ZoneId.of("America/Chicago"), null, null, List.of(), "demo");
    IdentitySetup setup = new IdentitySetup(engine, engine.getIdentityService(), engine.getAuthorizationService(),
        engine.getFilterService(), engine.getTaskService(), properties, environment);
    new IdentityInitializer(setup, lock).run(null);
  }

  private static Map<String, Long> counts(Connection db, String sql) throws SQLException {
    Map<String, Long> counts = new LinkedHashMap<>();
    try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        counts.put(rs.getString(1), rs.getLong(2));
      }
    }
    return counts;
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return String.format(Locale.ROOT, "%s (%s: %s)", e, root.getClass().getSimpleName(), root.getMessage());
  }

  private static Connection connect(String database) throws SQLException {
    return DriverManager.getConnection(PG + database, "mig", "mig");
  }
}
