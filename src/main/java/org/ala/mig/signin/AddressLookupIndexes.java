package org.ala.mig.signin;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.springframework.stereotype.Component;

/**
 * Flyway V20: indexes for looking an address up in any case, as {@link SignInLinks#identify} does
 * on every link asked for and every {@code /my}: {@code lower(email)} of the roster's members
 * ({@code member}: ALA's tens of thousands, read in full for each lookup without it) and of the
 * MIGs' organizers ({@code mig_organizer}). PostgreSQL indexes the expression; H2, the database
 * of development and tests, has no index on an expression, so there this migration changes
 * nothing. A Java migration, Spring Boot gives it to Flyway (a bean), since the statement differs
 * by database.
 */
@Component
class AddressLookupIndexes implements JavaMigration {

  static final List<String> POSTGRES = List.of(
      "create index member_email_lower on member (lower(email))",
      "create index mig_organizer_email_lower on mig_organizer (lower(email))");

  @Override
  public MigrationVersion getVersion() {
    return MigrationVersion.fromVersion("20");
  }

  @Override
  public String getDescription() {
    return "address lookup indexes";
  }

  @Override
  public Integer getChecksum() {
    return POSTGRES.hashCode();
  }

  @Override
  public boolean canExecuteInTransaction() {
    return true;
  }

  @Override
  public void migrate(Context context) throws SQLException {
    for (String ddl : statements(context.getConnection())) {
      try (Statement s = context.getConnection().createStatement()) {
        s.execute(ddl);
      }
    }
  }

  /** What this database needs: the expression indexes on PostgreSQL, nothing elsewhere. */
  static List<String> statements(Connection connection) throws SQLException {
    return "PostgreSQL".equals(connection.getMetaData().getDatabaseProductName()) ? POSTGRES : List.of();
  }
}
