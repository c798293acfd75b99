package org.ala.mig;

import static org.assertj.core.api.Assertions.assertThat;

import javax.sql.DataSource;
import org.ala.mig.support.HttpApi.Reply;
import org.ala.mig.support.HttpApi;
import org.ala.mig.support.MigPostgresTest;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The application boots on PostgreSQL with its users and an authenticated engine. */
@MigPostgresTest
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
