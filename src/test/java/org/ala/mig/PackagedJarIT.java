package org.ala.mig;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.ala.mig.support.LocalProcesses;
import org.ala.mig.support.HttpApi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The jar that operators run ({@code java -jar}), started as its own process after {@code package}
 * (maven-failsafe, {@code ./mvnw verify}): it deploys the three models with their forms and runs
 * the demo. Inside the jar, resources sit behind Spring Boot's nested-jar URLs, which Camunda's
 * own archive scanner did not read; the tests on exploded classes could not see that. The same
 * jar started through {@code scripts/fast-start} (extracted, with a class data archive) too. And
 * the jar carries no test library (GreenMail's POM once brought JUnit 4 into it).
 */
class PackagedJarIT {

  private Process app;
  private Path log;

  @AfterEach
  void stop() throws InterruptedException {
    if (app != null) {
      app.destroy();
      if (!app.waitFor(20, TimeUnit.SECONDS)) {
        app.destroyForcibly();
      }
    }
  }

  /**
   * Lists BOOT-INF/lib and fails on any test library (TestLibraries; TestLibrariesTest shows the
   * check failing on a list with junit-4.13.2.jar, as this jar had before GreenMail's junit:junit
   * was excluded in the pom; drop that exclusion and this test fails naming it).
   */
  @Test
  void theJarCarriesNoTestLibrary() {
    String jar = System.getProperty("mig.jar");
    assertThat(jar).as("system property mig.jar (set by the pom)").isNotBlank();
    List<String> libraries = TestLibraries.librariesOf(Path.of(jar));
    assertThat(libraries).as("BOOT-INF/lib of " + jar)
        .anyMatch(name -> name.startsWith("greenmail-2."))
        .anyMatch(name -> name.startsWith("camunda-engine-7."));
    assertThat(TestLibraries.among(libraries)).as("test libraries in BOOT-INF/lib of " + jar).isEmpty();
    // and the viewer that the build copies from npm is in the jar (served: see the next test)
    assertThat(viewerInJar(jar)).isNotNull();
  }

  /** The path of bpmn-js's viewer in the jar (Spring Boot's repackaging puts META-INF/ at the top). */
  private static String viewerInJar(String jar) {
    return TestLibraries.entriesOf(Path.of(jar)).stream()
        .filter(name -> name.matches("(BOOT-INF/classes/)?META-INF/resources/webjars/bpmn-js/[0-9.]+/dist/bpmn-navigated-viewer\\.production\\.min\\.js"))
        .findFirst().orElse(null);
  }

  @Test
  void theJarDeploysEveryModelWithItsFormsAndRunsTheDemo() throws Exception {
    String jar = System.getProperty("mig.jar");
    assertThat(jar).as("system property mig.jar (set by the pom)").isNotBlank();
    assertThat(new File(jar)).as(jar).exists();
    int port = LocalProcesses.freePort();
    log = Files.createTempFile("mig-jar-it", ".log");
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar,
        "--spring.profiles.active=demo",
        "--server.port=" + port,
        "--mig.mail.embedded.port=" + LocalProcesses.freePort(),
        "--spring.datasource.url=jdbc:h2:mem:packaged-jar-it;DB_CLOSE_DELAY=-1"));
    app = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();

    HttpApi http = new HttpApi(port);
    waitUntilUp(http);

    JsonNode definitions = http.get("/engine-rest/process-definition?latestVersion=true", "admin").json();
    List<String> keys = new ArrayList<>();
    definitions.forEach(d -> keys.add(d.path("key").asText()));
    assertThat(keys).as(logTail()).contains("mig-petition", "mig-lifecycle", "mig-annual-report");
    String deploymentId = definitions.get(0).path("deploymentId").asText();
    JsonNode resources = http.get("/engine-rest/deployment/" + deploymentId + "/resources", "admin").json();
    List<String> names = new ArrayList<>();
    resources.forEach(r -> names.add(r.path("name").asText()));
    assertThat(names).contains("coo-decision.form", "confirm-disband.form", "review-annual-report.form");

    JsonNode migs = http.get("/api/migs?status=ACTIVE", "council1").json();
    assertThat(migs.size()).as(logTail()).isGreaterThanOrEqualTo(6);
    long lifecycles = http.get("/engine-rest/process-instance/count?processDefinitionKey=mig-lifecycle", "admin")
        .json().path("count").asLong();
    assertThat(lifecycles).as("each demo MIG's lifecycle runs").isEqualTo(7);

    // the diagram viewer (bpmn-js from npm, copied into the jar by the build) is served from the jar
    String viewer = viewerInJar(jar);
    assertThat(viewer).as("bpmn-js in " + jar).isNotNull();
    assertThat(http.get(viewer.substring(viewer.indexOf("/webjars/")), null).status()).as(viewer).isEqualTo(200);
  }

  @Test
  void fastStartPreparesOnceAndStartsTheSameJarFromItsClassArchive() throws Exception {
    String jar = System.getProperty("mig.jar");
    Path script = Path.of("scripts", "fast-start").toAbsolutePath();
    assertThat(script).exists();
    Path dir = Files.createTempDirectory("mig-fast-start-it");
    log = Files.createTempFile("mig-fast-start-it", ".log");

    ProcessBuilder prepare = fastStart(script, jar, dir, List.of("--prepare"));
    Process prepared = prepare.start();
    assertThat(prepared.waitFor(180, TimeUnit.SECONDS)).as("prepared within 3 minutes").isTrue();
    assertThat(prepared.exitValue()).as(logTail()).isZero();
    Path archive = dir.resolve("app.jsa");
    assertThat(archive).exists();
    assertThat(Files.size(archive)).as("classes archived by the training start").isGreaterThan(10_000_000L);
    var trained = Files.getLastModifiedTime(archive);

    int port = LocalProcesses.freePort();
    app = fastStart(script, jar, dir, List.of("--spring.profiles.active=demo", "--server.port=" + port,
        "--mig.mail.embedded.port=" + LocalProcesses.freePort(), "--spring.datasource.url=jdbc:h2:mem:fast-start-it;DB_CLOSE_DELAY=-1"))
        .start();
    waitUntilUp(new HttpApi(port));
    String commandLine = Files.readString(Path.of("/proc", Long.toString(app.pid()), "cmdline")).replace('\0', ' ');
    assertThat(commandLine).as("the script became the JVM, on the archive and the extracted jar")
        .contains("-XX:SharedArchiveFile=" + archive).contains(dir.resolve("app").toString());
    assertThat(Files.getLastModifiedTime(archive)).as("the same jar is not prepared twice").isEqualTo(trained);
  }

  private ProcessBuilder fastStart(Path script, String jar, Path dir, List<String> args) {
    List<String> command = new ArrayList<>(List.of("bash", script.toString()));
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().put("MIG_JAR", jar);
    builder.environment().put("MIG_FAST_START_DIR", dir.toString());
    builder.environment().put("JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
    return builder;
  }

  private void waitUntilUp(HttpApi http) throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
    while (Instant.now().isBefore(deadline)) {
      assertThat(app.isAlive()).as("the jar exited early:\n%s", logTail()).isTrue();
      try {
        if (http.get("/actuator/health", null).status() == 200
            && http.get("/api/migs", "council1").status() == 200
            && http.get("/api/migs", "council1").json().size() >= 7) {
          return;
        }
      } catch (RuntimeException notYet) {
        // not listening yet
      }
      Thread.sleep(500);
    }
    throw new AssertionError("the jar did not come up in 120 s:\n" + logTail());
  }

  private String logTail() {
    return LocalProcesses.logTail(log);
  }
}
