package org.ala.mig.observability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.springframework.boot.logging.LoggingInitializationContext;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mock.env.MockEnvironment;

/**
 * One property turns the console into structured JSON logs (docs/metrics.md, "Logs"):
 * {@code logging.structured.format.console=ecs}, Spring Boot's own Elastic Common Schema format.
 * The logging system is set up here as the application sets it up at start, from its properties,
 * and set back to plain lines afterwards.
 */
@ExtendWith(OutputCaptureExtension.class)
class StructuredLogsTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final LoggingSystem logging = LoggingSystem.get(getClass().getClassLoader());

  @AfterEach
  void plainLinesAgain() {
    start(new MockEnvironment());
  }

  @Test
  void theEcsPropertyMakesEachConsoleLineOneJsonObject(CapturedOutput output) throws Exception {
    start(new MockEnvironment().withProperty("logging.structured.format.console", "ecs")
        .withProperty("spring.application.name", "mig-lifecycle"));

    LoggerFactory.getLogger("org.ala.mig.mail.MailDispatcher").warn("Mail {} not sent", 42);

    String line = lineWith(output, "Mail 42 not sent");
    JsonNode entry = JSON.readTree(line);
    assertThat(entry.isObject()).isTrue();
    assertThat(entry.path("message").asText()).isEqualTo("Mail 42 not sent");
    assertThat(field(entry, "log.level")).isEqualTo("WARN");
    assertThat(field(entry, "log.logger")).isEqualTo("org.ala.mig.mail.MailDispatcher");
    assertThat(field(entry, "service.name")).isEqualTo("mig-lifecycle");
    assertThat(field(entry, "ecs.version")).isNotBlank();
    assertThat(entry.path("@timestamp").asText()).isNotBlank();
  }

  @Test
  void withoutItTheConsoleShowsPlainLines(CapturedOutput output) {
    start(new MockEnvironment().withProperty("spring.application.name", "mig-lifecycle"));

    LoggerFactory.getLogger("org.ala.mig.mail.MailDispatcher").warn("Mail {} not sent", 43);

    String line = lineWith(output, "Mail 43 not sent");
    assertThat(line).doesNotStartWith("{").contains("WARN", "MailDispatcher");
  }

  private void start(MockEnvironment environment) {
    logging.cleanUp();
    logging.beforeInitialize();
    logging.initialize(new LoggingInitializationContext(environment), null, null);
  }

  private static String lineWith(CapturedOutput output, String text) {
    List<String> lines = output.getOut().lines().filter(l -> l.contains(text)).toList();
    assertThat(lines).as("console lines with '%s'", text).hasSize(1);
    return lines.get(0);
  }

  /** A field of ECS, written either nested ({"log":{"level":..}}) or with a dotted name ({"log.level":..}). */
  private static String field(JsonNode entry, String dotted) {
    if (entry.has(dotted)) {
      return entry.get(dotted).asText();
    }
    JsonNode node = entry;
    for (String part : dotted.split("\\.")) {
      node = node.path(part);
    }
    return node.asText();
  }
}
