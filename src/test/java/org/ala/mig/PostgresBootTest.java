package org.ala.mig;

import static org.assertj.core.api.Assertions.assertThat;

import javax.sql.DataSource;
import org.ala.mig.HttpApi.Reply;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;

/**
 * The application on a real PostgreSQL server (MIG_DB_URL, default localhost:5432/mig). Runs
 * under `./mvnw verify -Ppostgres` and fails, not skips, when the server is unreachable.
 */
@Tag("postgres")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    // a second engine may still be alive in this JVM (the H2 tests' context): its own name
    properties = {"camunda.bpm.process-engine-name=postgres",
        "camunda.bpm.generate-unique-process-application-name=true"})
@ActiveProfiles({"demo", "test", "postgres"})
@DirtiesContext
class PostgresBootTest {

  @LocalServerPort int port;
  @Autowired DataSource dataSource;
  @Autowired IdentityService identity;

  @Test
  void bootsOnPostgresWithTheDemoUsersAndAnAuthenticatedEngine() throws Exception {
    try (var connection = dataSource.getConnection()) {
      assertThat(connection.getMetaData().getDatabaseProductName()).isEqualTo("PostgreSQL");
    }
    assertThat(identity.createUserQuery().userId("chair").count()).isEqualTo(1);
    HttpApi http = new HttpApi(port);
    assertThat(http.get("/engine-rest/engine", null).status()).isEqualTo(401);
    Reply me = http.get("/api/me", "mps1");
    assertThat(me.status()).isEqualTo(200);
    assertThat(me.json().path("groups").toString()).isEqualTo("[\"member-programs\"]");
  }
}
