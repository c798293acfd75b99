package org.ala.mig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.ala.mig.StartupChecks.StartupRefusedException;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.mock.env.MockEnvironment;

class StartupChecksTest {

  @Test
  void prodWithoutItsSecretsDoesNotStartAndSaysWhy() {
    assertThatThrownBy(() -> new SpringApplicationBuilder(MigApplication.class)
            .profiles("prod").run("--mig.admin-password=", "--spring.mail.host="))
        .isInstanceOf(StartupRefusedException.class)
        .hasMessage("MIG Lifecycle refuses to start with profiles [prod]: MIG_ADMIN_PASSWORD is not set"
            + " (the prod profile needs the administrator's password); spring.mail.host is not set"
            + " (the prod profile needs a real SMTP server: SPRING_MAIL_HOST)");
  }

  @Test
  void prodRefusesTheDemoPasswordAndTheDemoAndSimulationProfiles() {
    MockEnvironment env = prod("demo", "smtp.ala.org");
    env.setActiveProfiles("prod", "demo", "simulation");
    assertThatThrownBy(() -> new StartupChecks().postProcessEnvironment(env, new SpringApplication()))
        .hasMessageContaining("MIG_ADMIN_PASSWORD is too weak")
        .hasMessageContaining("cannot be combined with the demo profile")
        .hasMessageContaining("cannot be combined with the simulation profile");
  }

  @Test
  void prodRefusesTheDemoPasswordAtStartUp() {
    assertThatThrownBy(() -> new SpringApplicationBuilder(MigApplication.class)
            .profiles("prod").run("--mig.admin-password=demo", "--spring.mail.host=smtp.ala.org"))
        .isInstanceOf(StartupRefusedException.class)
        .hasMessageContaining("MIG_ADMIN_PASSWORD is too weak: it has 4 characters, at least 12 are needed");
  }

  @Test
  void aProdAdministratorPasswordHasTwelveCharactersSixDifferentAndNoDefaultWord() {
    assertThat(StartupChecks.weakness("Short-pass1")).contains("11 characters");
    assertThat(StartupChecks.weakness("abababababab")).contains("6 different");
    assertThat(StartupChecks.weakness("DemoDemo-2026x")).contains("'demo'");
    assertThat(StartupChecks.weakness("MyAdmin-Portal-9")).contains("'admin'");
    assertThat(StartupChecks.weakness("password-1234")).contains("'password'");
    assertThat(StartupChecks.weakness("camunda-7-24-ce")).contains("'camunda'");
    assertThat(StartupChecks.weakness("ChangeMe-please")).contains("'changeme'");
    assertThat(StartupChecks.weakness("Quill-Harbor-Lantern-42")).isNull();
    assertThat(StartupChecks.weakness("a-long-secret")).isNull();
  }

  @Test
  void prodWithItsSecretsPasses() {
    new StartupChecks().postProcessEnvironment(prod("a-long-secret", "smtp.ala.org"), new SpringApplication());
  }

  @Test
  void otherProfilesNeedNoSecrets() {
    MockEnvironment env = new MockEnvironment();
    env.setActiveProfiles("postgres");
    new StartupChecks().postProcessEnvironment(env, new SpringApplication());
  }

  @Test
  void theReasonIsPrintedAsTheFailureDescription() {
    StartupRefusedException refused = new StartupRefusedException("MIG Lifecycle refuses to start: x");
    FailureAnalysis analysis = new StartupRefusedAnalyzer().analyze(refused);
    assertThat(analysis.getDescription()).isEqualTo("MIG Lifecycle refuses to start: x");
    assertThat(analysis.getAction()).contains("README");
  }

  private static MockEnvironment prod(String password, String mailHost) {
    MockEnvironment env = new MockEnvironment()
        .withProperty("mig.admin-password", password)
        .withProperty("spring.mail.host", mailHost);
    env.setActiveProfiles("prod");
    return env;
  }
}
