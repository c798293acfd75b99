package org.ala.mig.signin;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Flyway V20 ({@link AddressLookupIndexes}) on PostgreSQL ({@code -Ppostgres}): the application's
 * migrations on an empty database, then the plans of the lookups of an address in any case. Uses
 * the database {@code mig.test.postgres.database} when given (its schema public emptied),
 * otherwise one of its own, dropped after.
 */
@Tag("postgres")
class AddressLookupIndexesPostgresTest {

  @Test
  void onPostgresTheLookupsOfAnAddressInAnyCaseUseTheirIndexes() throws SQLException {
    String given = System.getProperty("mig.test.postgres.database");
    String database = given != null ? given : "mig_lookup_" + UUID.randomUUID().toString().substring(0, 8);
    String server = "jdbc:postgresql://127.0.0.1:5432/";
    if (given == null) {
      try (Connection c = DriverManager.getConnection(server + "postgres", "mig", "mig");
          Statement s = c.createStatement()) {
        s.execute("create database " + database);
      }
    }
    try {
      try (Connection c = DriverManager.getConnection(server + database, "mig", "mig");
          Statement s = c.createStatement()) {
        s.execute("drop schema if exists public cascade");
        s.execute("create schema public");
      }
      Flyway.configure().dataSource(server + database, "mig", "mig").locations("classpath:db/migration")
          .javaMigrations(new AddressLookupIndexes()).baselineOnMigrate(true).baselineVersion("0").load().migrate();
      try (Connection c = DriverManager.getConnection(server + database, "mig", "mig");
          Statement s = c.createStatement()) {
        s.execute("insert into member (member_id, name, email, good_standing_through, updated_at)"
            + " select 'M' || g, 'Member ' || g, 'Member' || g || '@Example.org', date '2030-01-01', now()"
            + " from generate_series(1, 20000) g");
        s.execute("analyze member");
        s.execute("analyze mig_organizer");
        assertThat(plan(s, "select * from member where lower(email) = 'member4711@example.org' order by member_id"))
            .contains("member_email_lower");
        // mig_organizer holds a few hundred rows at most: the index is there for the same lookup
        try (ResultSet rs = s.executeQuery("select indexdef from pg_indexes where indexname = 'mig_organizer_email_lower'")) {
          assertThat(rs.next()).as("the index mig_organizer_email_lower").isTrue();
          assertThat(rs.getString(1)).contains("mig_organizer").contains("lower((email)::text)");
        }
      }
    } finally {
      if (given == null) {
        try (Connection c = DriverManager.getConnection(server + "postgres", "mig", "mig");
            Statement s = c.createStatement()) {
          s.execute("drop database if exists " + database + " with (force)");
        }
      }
    }
  }

  private static String plan(Statement s, String query) throws SQLException {
    List<String> lines = new ArrayList<>();
    try (ResultSet rs = s.executeQuery("explain " + query)) {
      while (rs.next()) {
        lines.add(rs.getString(1));
      }
    }
    return String.join("\n", lines);
  }
}
