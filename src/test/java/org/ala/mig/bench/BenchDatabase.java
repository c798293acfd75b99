package org.ala.mig.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The database every benchmark of one run uses: PostgreSQL when {@code MIG_DB_URL} is set (with
 * {@code MIG_DB_USER} and {@code MIG_DB_PASSWORD}, default {@code mig}/{@code mig}), otherwise an
 * H2 file database under {@code target/bench/db}. Each benchmark starts from an empty database:
 * on PostgreSQL the schema {@code public} is dropped and created again, so the database's name
 * must contain {@code bench} (or {@code -Dbench.db.wipe=true} must say that wiping it is fine).
 */
final class BenchDatabase {

  /** Where one benchmark's application connects. */
  record Target(String url, String user, String password) {}

  private final boolean postgres;
  private final String url;
  private final String user;
  private final String password;
  private final Path h2Dir;

  private BenchDatabase(boolean postgres, String url, String user, String password, Path h2Dir) {
    this.postgres = postgres;
    this.url = url;
    this.user = user;
    this.password = password;
    this.h2Dir = h2Dir;
  }

  static BenchDatabase fromEnvironment(Path out) {
    String url = System.getenv("MIG_DB_URL");
    if (url == null || url.isBlank()) {
      return new BenchDatabase(false, null, "sa", "", out.resolve("db"));
    }
    if (!url.startsWith("jdbc:postgresql:")) {
      throw new IllegalArgumentException("MIG_DB_URL must be a jdbc:postgresql: URL, got " + url);
    }
    String database = url.replaceFirst("^jdbc:postgresql://[^/]*/", "").replaceFirst("\\?.*$", "");
    if (!database.toLowerCase(Locale.ROOT).contains("bench") && !Boolean.getBoolean("bench.db.wipe")) {
      throw new IllegalArgumentException("The benchmark empties its database (drop schema public cascade), and "
          + "MIG_DB_URL names '" + database + "': point it at a database of its own such as mig_bench "
          + "(createdb -O mig mig_bench), or add -Dbench.db.wipe=true");
    }
    return new BenchDatabase(true, url, env("MIG_DB_USER", "mig"), env("MIG_DB_PASSWORD", "mig"), null);
  }

  boolean postgres() {
    return postgres;
  }

  /** The Spring profile that belongs to this database ("postgres"), or none for H2. */
  List<String> profiles() {
    return postgres ? List.of("postgres") : List.of();
  }

  /** An empty database for the benchmark step {@code name}. */
  Target fresh(String name) throws SQLException, IOException {
    if (postgres) {
      try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
        s.execute("drop schema if exists public cascade");
        s.execute("create schema public");
      }
      return new Target(url, user, password);
    }
    Files.createDirectories(h2Dir);
    try (Stream<Path> files = Files.list(h2Dir)) {
      for (Path f : files.filter(p -> p.getFileName().toString().startsWith(name + ".")).toList()) {
        Files.delete(f);
      }
    }
    return new Target("jdbc:h2:file:" + h2Dir.resolve(name) + ";DB_CLOSE_ON_EXIT=FALSE", "sa", "");
  }

  /** A plain connection of the harness's own, outside the application's pool. */
  Connection connect(Target target) throws SQLException {
    return DriverManager.getConnection(target.url(), target.user(), target.password());
  }

  /** What the table says about the database: product, version, where. */
  Map<String, Object> describe() throws SQLException, IOException {
    Map<String, Object> d = new LinkedHashMap<>();
    Target probe = postgres ? new Target(url, user, password) : fresh("probe");
    try (Connection c = connect(probe)) {
      d.put("product", c.getMetaData().getDatabaseProductName());
      d.put("version", c.getMetaData().getDatabaseProductVersion());
      d.put("url", postgres ? url : "jdbc:h2:file:" + h2Dir + "/<benchmark>");
      d.put("commitCounting", postgres
          ? "pg_stat_database.xact_commit of the database, less the harness's own statements"
          : "a counting DataSource around the application's pool (commits, and statements run in auto-commit)");
      if (postgres) {
        List<String> settings = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
            "select name, setting from pg_settings where name in ('synchronous_commit', 'fsync', 'shared_buffers',"
                + " 'max_connections', 'wal_level', 'autovacuum') order by name")) {
          while (rs.next()) {
            settings.add(rs.getString(1) + "=" + rs.getString(2));
          }
        }
        d.put("settings", settings);
      }
    }
    return d;
  }

  /**
   * Brings the planner's statistics up to date after a bulk load ({@code ANALYZE}, on either
   * database), as PostgreSQL's autovacuum would within a minute or two of it. Without them a
   * server running with autovacuum off (as this machine's does) plans the task queries for the
   * empty tables it last saw.
   */
  void analyze(Target target) throws SQLException {
    try (Connection c = connect(target); Statement s = c.createStatement()) {
      if (postgres) {
        for (String table : List.of("act_ru_task", "act_ru_identitylink", "act_ru_authorization", "act_ru_variable",
            "act_ru_execution", "act_re_procdef")) {
          s.execute("analyze " + table);
        }
      } else {
        s.execute("analyze");
      }
    }
  }

  /** Committed transactions of the whole database so far (PostgreSQL's statistics, about a second behind). */
  long committedTransactions(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select xact_commit from pg_stat_database where datname = current_database()")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  String label() {
    return postgres ? "PostgreSQL" : "H2";
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
