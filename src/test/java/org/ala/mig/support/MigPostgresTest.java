package org.ala.mig.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/**
 * The whole application on the real PostgreSQL server (MIG_DB_URL, default localhost:5432/mig).
 * Runs under `./mvnw verify -Ppostgres` and fails, not skips, when the server is unreachable.
 * Its engine has its own name, since the H2 tests' engine may still be alive in this JVM.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("postgres")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"camunda.bpm.process-engine-name=postgres",
        "camunda.bpm.generate-unique-process-application-name=true"})
@ActiveProfiles({"demo", "test", "postgres"})
public @interface MigPostgresTest {}
