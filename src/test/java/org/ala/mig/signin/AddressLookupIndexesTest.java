package org.ala.mig.signin;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.ala.mig.support.MigSpringBootTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Flyway V20 ({@link AddressLookupIndexes}) in the application as the tests run it, on H2: applied
 * with the SQL migrations, changing nothing there (AddressLookupIndexesPostgresTest: its indexes).
 */
@MigSpringBootTest
class AddressLookupIndexesTest {

  @Autowired JdbcTemplate jdbc;

  @Test
  void isAppliedAsVersion20AndChangesNothingOnH2() throws SQLException {
    List<Map<String, Object>> applied = jdbc.queryForList(
        "select \"description\", \"type\", \"success\" from \"flyway_schema_history\" where \"version\" = '20'");
    assertThat(applied).singleElement().satisfies(row -> {
      assertThat(row.get("description")).isEqualTo("address lookup indexes");
      assertThat(row.get("type")).isEqualTo("JDBC");
      assertThat(row.get("success")).isEqualTo(true);
    });
    try (Connection c = jdbc.getDataSource().getConnection()) {
      assertThat(AddressLookupIndexes.statements(c)).isEmpty();
    }
  }
}
