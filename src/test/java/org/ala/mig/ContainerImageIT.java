package org.ala.mig;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.ala.mig.ParsedDockerfile.Instruction;
import org.ala.mig.ParsedDockerfile.Stage;
import org.ala.mig.support.LocalProcesses;
import org.ala.mig.support.HttpApi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The image without a Docker engine: the Dockerfile's own commands, read from it, run as plain
 * processes on the packaged jar (maven-failsafe, after {@code package}). The build stage's
 * extraction into layers, the runtime stage's COPYs of those layers into its working directory,
 * the training start that writes the class data archive, the git.properties step with a
 * GIT_COMMIT build argument, then the ENTRYPOINT with the image's ENV (and nothing of this JVM's
 * SPRING_/MIG_ environment), in a directory standing for /app, on the image's default profile
 * (demo, H2 under ./data). The HEALTHCHECK's command itself (curl, as in the image) decides when
 * it is ready. The only differences from a container: this machine's JVM instead of the image's,
 * no user switch, and the packaged jar instead of the one the build stage's Maven run makes.
 */
class ContainerImageIT {

  /** What {@code --build-arg GIT_COMMIT=...} would pass. */
  static final String GIT_COMMIT = "0123456789abcdef0123456789abcdef01234567";

  private Path root;
  private Path log;
  private Process app;

  @AfterEach
  void stopAndCleanUp() throws Exception {
    if (app != null && app.isAlive()) {
      app.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
    if (root != null) {
      try (Stream<Path> files = Files.walk(root)) {
        files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
      }
    }
  }

  @Test
  void theImagesCommandsTrainTheClassArchiveAndStartAnAppThatPassesItsHealthcheck() throws Exception {
    String jar = System.getProperty("mig.jar");
    assertThat(jar).as("system property mig.jar (set by the pom)").isNotBlank();
    assertThat(new File(jar)).as(jar).exists();
    ParsedDockerfile dockerfile = ParsedDockerfile.read(Path.of("Dockerfile"));
    Stage build = dockerfile.stage("build");
    Stage runtime = dockerfile.finalStage();
    root = Files.createTempDirectory("mig-image-it");
    log = root.resolve("image.log");
    Path buildDir = Files.createDirectories(inRoot(build.workdir()));
    Path appDir = Files.createDirectories(inRoot(runtime.workdir()));

    // build stage: the Maven run ends by copying the jar to app.jar (the packaged jar stands in),
    // then the jar is extracted in layers
    assertThat(build.run("./mvnw").arguments()).endsWith("cp \"$1\" app.jar");
    Files.copy(Path.of(jar), buildDir.resolve("app.jar"));
    run(build.run("-Djarmode=tools").execForm(), buildDir, Map.of(), Duration.ofMinutes(2));

    // runtime stage: the layers copied into the working directory, as COPY --from=build does
    for (Instruction copy : runtime.all("COPY")) {
      String[] parts = copy.arguments().split("\\s+");
      assertThat(parts).as(copy.arguments()).hasSize(2);
      copyTree(inRoot(parts[0]), appDir.resolve(parts[1]).normalize());
    }
    assertThat(appDir.resolve("app.jar")).exists();
    assertThat(appDir.resolve("lib")).isDirectory();

    // the training start writes the class data archive
    List<String> training = runtime.run("-XX:ArchiveClassesAtExit=").execForm();
    Path archive = appDir.resolve(training.stream().filter(a -> a.startsWith("-XX:ArchiveClassesAtExit="))
        .findFirst().orElseThrow().substring("-XX:ArchiveClassesAtExit=".length()));
    run(training, appDir, Map.of(), Duration.ofMinutes(10));
    assertThat(archive).exists();
    assertThat(Files.size(archive)).as("classes archived by the training start").isGreaterThan(10_000_000L);

    // the build argument's step, as the builder's shell runs it
    run(List.of("sh", "-c", runtime.run("git.properties").arguments()), appDir, Map.of("GIT_COMMIT", GIT_COMMIT),
        Duration.ofMinutes(1));

    // the image's ENV, its paths under the working directory mapped here
    Map<String, String> env = new HashMap<>();
    runtime.env().forEach((name, value) -> env.put(name,
        ParsedDockerfile.substitute(value, Map.of("GIT_COMMIT", GIT_COMMIT)).replace(runtime.workdir() + "/", appDir + "/")));
    assertThat(env).containsEntry("MIG_GIT_COMMIT", GIT_COMMIT);
    int port = LocalProcesses.freePort();
    env.put("PORT", Integer.toString(port));
    // the embedded SMTP server of the demo profile, off its fixed port (other tests may hold it)
    env.put("MIG_MAIL_EMBEDDED_PORT", Integer.toString(LocalProcesses.freePort()));
    String healthcheck = ParsedDockerfile.healthCommand(runtime.last("HEALTHCHECK").orElseThrow());
    assertThat(health(healthcheck, env)).as("the health check fails while nothing listens").isNotZero();

    List<String> entrypoint = new ArrayList<>(runtime.last("ENTRYPOINT").orElseThrow().execForm());
    assertThat(entrypoint.get(0)).isEqualTo("java");
    entrypoint.set(0, java());
    ProcessBuilder start = new ProcessBuilder(entrypoint).directory(appDir.toFile()).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    clean(start.environment()).putAll(env);
    app = start.start();

    Instant deadline = Instant.now().plus(Duration.ofMinutes(4));
    while (health(healthcheck, env) != 0) {
      assertThat(app.isAlive()).as("the application exited early:\n%s", logTail()).isTrue();
      assertThat(Instant.now()).as("healthy within 4 minutes:\n%s", logTail()).isBefore(deadline);
      Thread.sleep(1000);
    }

    HttpApi http = new HttpApi(port);
    HttpApi.Reply readiness = http.get("/actuator/health/readiness", null);
    assertThat(readiness.status()).isEqualTo(200);
    assertThat(readiness.json().path("status").asText()).isEqualTo("UP");
    assertThat(http.get("/actuator/health/liveness", null).json().path("status").asText()).isEqualTo("UP");
    JsonNode info = http.get("/actuator/info", null).json();
    String commit = info.path("git").path("commit").path("id").asText();
    assertThat(commit).as("the build argument's commit in /actuator/info: " + info).hasSizeGreaterThanOrEqualTo(7);
    assertThat(GIT_COMMIT).startsWith(commit);
    assertThat(http.get("/api/migs", "council1").status()).as("the demo runs").isEqualTo(200);

    String commandLine = Files.readString(Path.of("/proc", Long.toString(app.pid()), "cmdline"));
    assertThat(List.of(commandLine.split("\0"))).as("the ENTRYPOINT, unchanged").isEqualTo(entrypoint);
    assertThat(Files.readString(Path.of("/proc", Long.toString(app.pid()), "maps")))
        .as("the JVM mapped the class data archive (CDS is in use)").contains(archive.toString());
    assertThat(appDir.resolve("data")).as("the demo's H2 database under ./data").isDirectoryContaining("glob:**/mig*.db");

    app.destroy(); // SIGTERM, as docker stop sends
    assertThat(app.waitFor(60, TimeUnit.SECONDS)).as("stopped on SIGTERM:\n%s", logTail()).isTrue();
  }

  /** An absolute path of the image's file system, under this test's root. */
  private Path inRoot(String imagePath) {
    assertThat(imagePath).startsWith("/");
    return root.resolve(imagePath.substring(1)).normalize();
  }

  private void run(List<String> command, Path directory, Map<String, String> env, Duration timeout) throws Exception {
    List<String> resolved = new ArrayList<>(command);
    if (resolved.get(0).equals("java")) {
      resolved.set(0, java());
    }
    Files.writeString(log, "\n$ " + String.join(" ", resolved) + "\n", java.nio.file.StandardOpenOption.CREATE,
        java.nio.file.StandardOpenOption.APPEND);
    ProcessBuilder builder = new ProcessBuilder(resolved).directory(directory.toFile()).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    clean(builder.environment()).putAll(env);
    Process process = builder.start();
    if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError(String.join(" ", command) + " did not end within " + timeout + ":\n" + logTail());
    }
    assertThat(process.exitValue()).as("%s\n%s", String.join(" ", command), logTail()).isZero();
  }

  /** The HEALTHCHECK command's exit status, run by a shell as the engine runs it. */
  private int health(String command, Map<String, String> env) throws Exception {
    ProcessBuilder builder = new ProcessBuilder("sh", "-c", command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD);
    clean(builder.environment()).putAll(env);
    Process check = builder.start();
    if (!check.waitFor(30, TimeUnit.SECONDS)) {
      check.destroyForcibly();
      return -1;
    }
    if (check.exitValue() == 127) {
      throw new AssertionError("the health check's command was not found (curl, as in the image, is needed): " + command);
    }
    return check.exitValue();
  }

  /** A container starts without the test JVM's settings for the application. */
  private static Map<String, String> clean(Map<String, String> environment) {
    environment.keySet().removeIf(name -> name.startsWith("SPRING_") || name.startsWith("MIG_")
        || name.startsWith("MANAGEMENT_") || name.startsWith("SERVER_") || name.equals("PORT")
        || name.equals("JAVA_TOOL_OPTIONS") || name.equals("JDK_JAVA_OPTIONS"));
    return environment;
  }

  private static void copyTree(Path source, Path target) throws IOException {
    assertThat(source).isDirectory();
    try (Stream<Path> files = Files.walk(source)) {
      for (Path file : files.toList()) {
        Path to = target.resolve(source.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(to);
        } else {
          Files.copy(file, to, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private String logTail() {
    return LocalProcesses.logTail(log);
  }
}
