package org.ala.mig;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** There is no Docker engine here, so the compose file is checked against what the app reads. */
class DockerComposeTest {

  static Map<String, Object> services;
  static Map<String, String> appEnv;

  @BeforeAll
  @SuppressWarnings("unchecked")
  static void parse() throws IOException {
    Map<String, Object> compose = new Yaml().load(Files.readString(Path.of("docker-compose.yml")));
    services = (Map<String, Object>) compose.get("services");
    appEnv = (Map<String, String>) service("app").get("environment");
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> service(String name) {
    return (Map<String, Object>) services.get(name);
  }

  @Test
  @SuppressWarnings("unchecked")
  void hasPostgresTheAppAndAMailCatcherWithAWebUi() {
    assertThat(services).containsOnlyKeys("postgres", "app", "mailcatcher");
    assertThat((List<Object>) service("app").get("ports")).contains("8080:8080");
    assertThat((List<?>) service("mailcatcher").get("ports")).anyMatch(p -> p.toString().startsWith("8025:"));
    assertThat((Map<String, Object>) service("app").get("depends_on")).containsKeys("postgres", "mailcatcher");
  }

  @Test
  void theAppRunsThePostgresProfileAgainstTheComposeDatabase() {
    assertThat(appEnv.get("SPRING_PROFILES_ACTIVE")).contains("postgres");
    @SuppressWarnings("unchecked")
    Map<String, String> pg = (Map<String, String>) service("postgres").get("environment");
    assertThat(appEnv.get("MIG_DB_URL")).isEqualTo("jdbc:postgresql://postgres:5432/" + pg.get("POSTGRES_DB"));
    assertThat(appEnv.get("MIG_DB_USER")).isEqualTo(pg.get("POSTGRES_USER"));
    assertThat(appEnv.get("MIG_DB_PASSWORD")).isEqualTo(pg.get("POSTGRES_PASSWORD"));
  }

  @Test
  void mailGoesToTheCatchersSmtpPort() {
    assertThat(appEnv.get("SPRING_MAIL_HOST")).isEqualTo("mailcatcher");
    assertThat((List<?>) service("mailcatcher").get("ports"))
        .anyMatch(p -> p.toString().endsWith(":" + appEnv.get("SPRING_MAIL_PORT")));
  }

  @Test
  void everyVariableGivenToTheAppIsOneTheAppReads() throws IOException {
    Set<String> read = new HashSet<>(placeholdersInConfiguration());
    for (String property : List.of("spring.profiles.active", "spring.mail.host", "spring.mail.port",
        "spring.mail.username", "spring.mail.password", "mig.admin-password", "mig.time-zone",
        "mig.mail.public-url", "mig.mail.from", "mig.mail.council", "mig.mail.coo-chair",
        "mig.mail.member-programs", "mig.mail.conference-services")) {
      read.add(property.toUpperCase().replace('.', '_').replace("-", ""));
      read.add(property.toUpperCase().replace('.', '_').replace('-', '_'));
    }
    assertThat(read).contains("MIG_DB_URL", "MIG_DB_USER", "MIG_DB_PASSWORD");
    assertThat(appEnv.keySet()).allSatisfy(name -> assertThat(read).as(name).contains(name));
  }

  /** Every ${NAME} or ${NAME:default} in src/main/resources/application*.yaml. */
  static Set<String> placeholdersInConfiguration() throws IOException {
    Set<String> names = new HashSet<>();
    Pattern placeholder = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)[:}]");
    try (Stream<Path> files = Files.list(Path.of("src/main/resources"))) {
      for (Path file : files.filter(f -> f.getFileName().toString().matches("application.*\\.yaml")).toList()) {
        Matcher m = placeholder.matcher(Files.readString(file));
        while (m.find()) {
          names.add(m.group(1));
        }
      }
    }
    return names;
  }
}
