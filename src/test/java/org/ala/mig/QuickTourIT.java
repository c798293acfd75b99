package org.ala.mig;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ala.mig.support.HttpApi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;

/**
 * Runs the README's quick tour as a newcomer would: every command of its block, in order, through
 * bash and curl against the started application (the job executor running, as with
 * {@code ./mvnw spring-boot:run}), from the project's folder. Only the port is the test's own.
 * Each command must answer the status its comment names; a {@code NAME=$(...)} line must find
 * something (it is asked again for a while: the engine works asynchronously).
 *
 * <p>An integration test, so that it runs in failsafe's JVM, where no other test's Spring context
 * lives: the tour calls {@code /engine-rest/task}, which answers for the JVM's default engine, and
 * that must be this application's, as it is for a user.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "camunda.bpm.job-execution.enabled=true")
@ActiveProfiles({"demo", "test"})
class QuickTourIT {

  private static final Pattern STATUS = Pattern.compile(":\\s*([2-5]\\d\\d)\\b");
  private static final Pattern ASSIGNMENT = Pattern.compile("^([A-Z_]+)=\\$\\((.*)\\)$");
  private static final Duration PATIENCE = Duration.ofSeconds(30);

  @LocalServerPort int port;
  @TempDir Path curlHome;

  /** A command of the tour and the status its comment names (null for an assignment). */
  record Step(String command, Integer status, String comment) {}

  @Test
  void everyCommandOfTheQuickTourWorksAsWritten() throws Exception {
    Files.writeString(curlHome.resolve(".curlrc"), "silent\nshow-error\nwrite-out = \"\\n%{http_code}\"\n");
    List<Step> steps = tour(Files.readString(Path.of("README.md")));
    assertThat(steps).as("the quick tour's commands").hasSizeGreaterThanOrEqualTo(10);

    Map<String, String> variables = new HashMap<>();
    for (Step step : steps) {
      String command = step.command().replace("http://localhost:8080", "http://localhost:" + port);
      Matcher assignment = ASSIGNMENT.matcher(command);
      if (assignment.matches()) {
        String value = firstAnswer(assignment.group(2), variables);
        assertThat(value).as("%s found nothing in %s: %s", assignment.group(1), PATIENCE, step.command()).isNotEmpty();
        variables.put(assignment.group(1), value);
        continue;
      }
      assertThat(step.status()).as("the comment above '%s' names its status", step.command()).isNotNull();
      String output = bash(command, variables, true);
      int newline = output.lastIndexOf('\n');
      String status = output.substring(newline + 1).strip();
      assertThat(status).as("%s%n  (%s) answered:%n%s", step.command(), step.comment(), output)
          .isEqualTo(String.valueOf(step.status()));
    }

    HttpApi.Reply mig = new HttpApi(port).get("/api/migs/rural-library-broadband", "chair");
    assertThat(mig.json().path("status").asText()).isEqualTo("ACTIVE");
  }

  /** The commands of the "Quick tour" section's shell block, each with the status its comment names. */
  static List<Step> tour(String readme) {
    int section = readme.indexOf("\n## Quick tour");
    assertThat(section).as("README has a Quick tour section").isPositive();
    int start = readme.indexOf("```sh\n", section) + "```sh\n".length();
    int end = readme.indexOf("\n```", start);
    List<Step> steps = new ArrayList<>();
    Integer status = null;
    String comment = "";
    boolean commentEnded = true;
    for (String line : readme.substring(start, end).split("\n")) {
      String text = line.strip();
      if (text.isEmpty()) {
        continue;
      }
      if (text.startsWith("#")) {
        if (commentEnded) {
          comment = "";
          status = null;
        }
        comment += text.substring(1).strip() + " ";
        Matcher m = STATUS.matcher(text);
        if (status == null && m.find()) {
          status = Integer.valueOf(m.group(1));
        }
        commentEnded = false;
        continue;
      }
      commentEnded = true;
      steps.add(new Step(text, ASSIGNMENT.matcher(text).matches() ? null : status, comment.strip()));
    }
    return steps;
  }

  /** What the command prints once it prints something, asked again for up to {@link #PATIENCE}. */
  private String firstAnswer(String command, Map<String, String> variables) throws Exception {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    String value;
    do {
      value = bash("set -o pipefail; " + command, variables, false).strip();
      if (value.isEmpty()) {
        Thread.sleep(500);
      }
    } while (value.isEmpty() && System.nanoTime() < deadline);
    return value;
  }

  private String bash(String command, Map<String, String> variables, boolean withStatus)
      throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder("bash", "-c", command).redirectErrorStream(true);
    builder.environment().putAll(variables);
    // the .curlrc that prints the status goes to commands whose answer is checked, not to assignments
    builder.environment().put("CURL_HOME", withStatus ? curlHome.toString() : curlHome.resolve("none").toString());
    Process process = builder.start();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("did not finish in 60 s: " + command);
    }
    return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
  }
}
