package org.ala.mig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.ala.mig.ParsedDockerfile.Instruction;
import org.ala.mig.ParsedDockerfile.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * There is no Docker engine here, so the image's files are checked as text: the Dockerfile parsed
 * (stages, pinned bases, the user, the health check, no secrets), docker-compose.yml parsed with
 * SnakeYAML and its variables interpolated as compose does, and .dockerignore. ContainerImageIT
 * runs the Dockerfile's commands as plain processes.
 */
class DockerComposeTest {

  /** A Temurin tag with its full version (17.0.20.1_1-jdk-jammy), optionally with the digest. */
  static final Pattern TEMURIN = Pattern.compile(
      "eclipse-temurin:(\\d+\\.\\d+\\.\\d+(?:\\.\\d+)?_\\d+)-(jdk|jre)-([a-z]+)(@sha256:[0-9a-f]{64})?");
  static final Pattern SECRET_NAME = Pattern.compile("(?i).*(PASSWORD|SECRET|TOKEN|CREDENTIAL|PRIVATE_KEY|API_KEY).*");
  static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?}");

  static ParsedDockerfile dockerfile;
  static Map<String, Object> compose;

  @BeforeAll
  static void parse() throws IOException {
    dockerfile = ParsedDockerfile.read(Path.of("Dockerfile"));
    compose = new Yaml().load(Files.readString(Path.of("docker-compose.yml")));
  }

  @Nested
  class TheDockerfile {

    @Test
    void buildsOnAPinnedJdkAndRunsOnTheMatchingPinnedJre() {
      assertThat(dockerfile.stages()).as("a multi-stage build").hasSize(2);
      Stage build = dockerfile.stages().get(0);
      Stage runtime = dockerfile.finalStage();
      assertThat(build.name()).isEqualTo("build");
      Matcher jdk = TEMURIN.matcher(build.image());
      Matcher jre = TEMURIN.matcher(runtime.image());
      assertThat(jdk.matches()).as("the build stage's base, pinned by its full version: " + build.image()).isTrue();
      assertThat(jre.matches()).as("the runtime stage's base, pinned by its full version: " + runtime.image()).isTrue();
      assertThat(jdk.group(2)).isEqualTo("jdk");
      assertThat(jre.group(2)).isEqualTo("jre");
      assertThat(jdk.group(1)).as("one Temurin release: the CDS archive belongs to its JVM").startsWith("17.")
          .isEqualTo(jre.group(1));
      assertThat(jre.group(3)).as("the same distribution").isEqualTo(jdk.group(3));
      for (Stage stage : dockerfile.stages()) {
        assertThat(stage.image()).doesNotContain(":latest").doesNotContain("$");
      }
    }

    @Test
    void theBuildStageRunsTheMavenWrapperWithTheRepositoryInACacheMount() {
      Instruction maven = dockerfile.stage("build").run("./mvnw");
      assertThat(maven.arguments()).contains("./mvnw -B -DskipTests package");
      assertThat(maven.flags().get("mount")).as("BuildKit cache mount of ~/.m2")
          .contains("type=cache").contains("target=/root/.m2");
      List<String> extract = dockerfile.stage("build").run("-Djarmode=tools").execForm();
      assertThat(extract).containsSubsequence("java", "-Djarmode=tools", "-jar", "app.jar", "extract", "--layers");
    }

    @Test
    void theRuntimeStageHoldsOnlyTheExtractedLayersFromTheBuild() {
      Stage runtime = dockerfile.finalStage();
      List<Instruction> copies = runtime.all("COPY");
      assertThat(copies).isNotEmpty();
      assertThat(runtime.all("ADD")).isEmpty();
      for (Instruction copy : copies) {
        assertThat(copy.flags()).as(copy.arguments()).containsEntry("from", "build");
        assertThat(copy.arguments()).startsWith("/build/extracted/");
      }
      assertThat(copies).extracting(Instruction::arguments).containsExactly(
          "/build/extracted/dependencies/ ./", "/build/extracted/spring-boot-loader/ ./",
          "/build/extracted/snapshot-dependencies/ ./", "/build/extracted/application/ ./");
    }

    @Test
    void theClassDataArchiveIsTrainedAtBuildTimeAndUsedByTheEntrypoint() {
      Stage runtime = dockerfile.finalStage();
      List<String> training = runtime.run("-XX:ArchiveClassesAtExit=").execForm();
      String archive = training.stream().filter(a -> a.startsWith("-XX:ArchiveClassesAtExit="))
          .findFirst().orElseThrow().substring("-XX:ArchiveClassesAtExit=".length());
      assertThat(training).contains("-Dspring.context.exit=onRefresh").containsSubsequence("-jar", "app.jar");

      List<String> entrypoint = runtime.last("ENTRYPOINT").orElseThrow().execForm();
      assertThat(entrypoint.get(0)).isEqualTo("java");
      assertThat(entrypoint).contains("-XX:SharedArchiveFile=" + archive).endsWith("-jar", "app.jar");
      assertThat(runtime.all("CMD")).as("arguments after the image name go to the application").isEmpty();
      // an archive is only mapped by a JVM with the training's collector and heap settings
      List<String> memory = entrypoint.stream().filter(a -> a.startsWith("-XX:+Use") || a.startsWith("-Xm")
          || a.startsWith("-XX:MaxRAMPercentage") || a.startsWith("-XX:InitialRAMPercentage")).toList();
      assertThat(memory).as("the entrypoint's memory options").contains("-XX:+UseSerialGC");
      assertThat(training).as("the training start's options").containsAll(memory);
    }

    @Test
    void theImageRunsAsANumericNonRootUser() {
      Stage runtime = dockerfile.finalStage();
      String user = runtime.last("USER").orElseThrow(() -> new AssertionError("no USER")).arguments();
      assertThat(user).matches("\\d+(:\\d+)?");
      assertThat(Integer.parseInt(user.split(":")[0])).as("uid").isGreaterThan(0);
      int userAt = runtime.instructions().indexOf(runtime.last("USER").orElseThrow());
      assertThat(runtime.instructions().subList(userAt, runtime.instructions().size()))
          .as("nothing is run after USER but the application")
          .extracting(Instruction::keyword).doesNotContain("RUN", "COPY", "ADD");
      assertThat(runtime.run("chown").arguments()).as("the data directory belongs to the user")
          .contains("chown " + user + " data");
      assertThat(user).as("compose runs the app as the image's user").isEqualTo(service("app").get("user"));
    }

    @Test
    void itExposes8080AndChecksReadiness() {
      Stage runtime = dockerfile.finalStage();
      assertThat(runtime.last("EXPOSE").orElseThrow().arguments()).isEqualTo("8080");
      Instruction healthcheck = runtime.last("HEALTHCHECK").orElseThrow(() -> new AssertionError("no HEALTHCHECK"));
      assertThat(ParsedDockerfile.healthCommand(healthcheck))
          .contains("/actuator/health/readiness").startsWith("curl -fsS ");
      assertThat(healthcheck.flags()).containsKeys("interval", "timeout", "start-period", "retries");
      assertThat(runtime.env()).as("the probes are on in the image")
          .containsEntry("MANAGEMENT_ENDPOINT_HEALTH_PROBES_ENABLED", "true");
    }

    @Test
    void theGitCommitIsABuildArgumentTheApplicationCanRead() {
      Stage runtime = dockerfile.finalStage();
      assertThat(runtime.all("ARG")).extracting(i -> i.pairs().keySet()).anyMatch(k -> k.contains("GIT_COMMIT"));
      assertThat(runtime.env()).containsEntry("MIG_GIT_COMMIT", "${GIT_COMMIT}")
          .containsEntry("SPRING_INFO_GIT_LOCATION", "file:" + runtime.workdir() + "/git.properties");
      assertThat(runtime.run("git.properties").arguments()).contains("git.commit.id=");
    }

    @Test
    void noSecretIsBakedIntoTheImage() {
      for (Stage stage : dockerfile.stages()) {
        for (Instruction i : stage.instructions()) {
          if (i.keyword().equals("ENV") || i.keyword().equals("ARG")) {
            assertThat(i.pairs().keySet()).as(i.keyword() + " " + i.arguments())
                .noneMatch(name -> SECRET_NAME.matcher(name).matches());
          }
          if (!i.keyword().equals("RUN") || !i.isExecForm()) {
            assertThat(i.arguments()).as(i.keyword() + " " + i.arguments()).doesNotContainIgnoringCase("password");
          }
        }
      }
    }

    @Test
    void theParserSeesWhatTheBuilderSees() throws IOException {
      Path file = Files.createTempFile("Dockerfile", "");
      Files.writeString(file, """
          # syntax=docker/dockerfile:1
          ARG BASE=x
          FROM a:1 AS one
          # a comment
          RUN --mount=type=cache,target=/root/.m2 echo \\
          # a comment inside
            two
          ENV A=1 B="two words"
          FROM b:2
          USER 1000
          ENTRYPOINT ["java", "-jar", "app.jar"]
          """);
      ParsedDockerfile parsed = ParsedDockerfile.read(file);
      assertThat(parsed.stages()).extracting(Stage::image).containsExactly("a:1", "b:2");
      Instruction run = parsed.stage("one").run("echo");
      assertThat(run.arguments()).isEqualTo("echo two");
      assertThat(run.flags()).containsEntry("mount", "type=cache,target=/root/.m2");
      assertThat(parsed.stage("one").env()).containsEntry("A", "1").containsEntry("B", "two words");
      assertThat(parsed.finalStage().last("ENTRYPOINT").orElseThrow().execForm()).containsExactly("java", "-jar", "app.jar");
      Files.delete(file);
    }
  }

  @Nested
  class TheComposeFile {

    @Test
    void theAppIsBuiltFromThisDirectoryBesidePostgresAndMailpit() {
      assertThat(services()).containsOnlyKeys("postgres", "app", "mailpit");
      Object build = service("app").get("build");
      Object context = build instanceof Map<?, ?> map ? map.get("context") : build;
      assertThat(context).as("build: .").isEqualTo(".");
      assertThat(service("app")).doesNotContainKeys("image", "command", "volumes", "working_dir");
      assertThat(build instanceof Map<?, ?> map ? map.get("args") : Map.of()).as("the commit as a build argument")
          .isEqualTo(Map.of("GIT_COMMIT", "${GIT_COMMIT:-}"));
    }

    @Test
    void everyImageIsPinned() {
      assertThat((String) service("postgres").get("image"))
          .as("PostgreSQL pinned to a minor version").matches("postgres:15\\.\\d+(-[a-z]+)?(@sha256:[0-9a-f]{64})?");
      assertThat((String) service("mailpit").get("image")).matches("axllent/mailpit:v\\d+\\.\\d+\\.\\d+(@sha256:[0-9a-f]{64})?");
    }

    @Test
    void everyServiceHasAHealthcheckAndTheAppWaitsForTheirHealth() {
      for (String name : services().keySet()) {
        assertThat(service(name)).as(name).containsKey("healthcheck");
        assertThat(healthTest(name)).as(name).isNotEmpty();
      }
      assertThat(String.join(" ", healthTest("app"))).contains("/actuator/health/readiness");
      assertThat(healthTest("mailpit")).containsExactly("CMD", "/mailpit", "readyz");
      assertThat(healthTest("postgres")).contains("pg_isready");
      Map<String, Object> dependsOn = map(service("app").get("depends_on"));
      assertThat(dependsOn).containsOnlyKeys("postgres", "mailpit");
      dependsOn.values().forEach(d -> assertThat(map(d)).containsEntry("condition", "service_healthy"));
    }

    @Test
    void nothingRunsAsRoot() {
      for (String name : services().keySet()) {
        Object user = service(name).get("user");
        assertThat(user).as(name + " has a user").isInstanceOf(String.class);
        assertThat((String) user).as(name).matches("\\d+:\\d+");
        assertThat(((String) user).split(":")[0]).as(name).isNotEqualTo("0");
        assertThat((List<Object>) service(name).get("cap_drop")).as(name).containsExactly("ALL");
        assertThat((List<Object>) service(name).get("security_opt")).as(name).contains("no-new-privileges:true");
      }
    }

    @Test
    void passwordsComeFromVariablesThatMustBeSetWithoutDefault() {
      Set<String> secrets = new LinkedHashSet<>();
      for (String name : services().keySet()) {
        for (Map.Entry<String, Object> e : environment(name).entrySet()) {
          if (SECRET_NAME.matcher(e.getKey()).matches()) {
            String value = String.valueOf(e.getValue());
            Matcher m = VARIABLE.matcher(value);
            assertThat(m.matches()).as(name + " " + e.getKey() + " is only a variable: " + value).isTrue();
            boolean required = ":?".equals(m.group(2));
            boolean noneByDefault = ":-".equals(m.group(2)) && m.group(3).isEmpty();
            assertThat(required || noneByDefault)
                .as(name + " " + e.getKey() + ": ${VAR:?message}, or ${VAR:-} for one that may be left out").isTrue();
            if (required) {
              secrets.add(m.group(1));
            }
          }
        }
      }
      assertThat(secrets).containsExactlyInAnyOrder("MIG_DB_PASSWORD", "MIG_ADMIN_PASSWORD");
      assertThatThrownBy(() -> interpolate(compose, Map.of())).hasMessageContaining("MIG_DB_PASSWORD");
      assertThatThrownBy(() -> interpolate(compose, Map.of("MIG_DB_PASSWORD", "x")))
          .hasMessageContaining("MIG_ADMIN_PASSWORD");
    }

    @Test
    void withoutTheDemoFileItRunsProdOnPostgres() {
      Map<String, Object> prod = interpolate(compose, Map.of("MIG_DB_PASSWORD", "s3cret-db", "MIG_ADMIN_PASSWORD", "s3cret-admin"));
      Map<String, Object> env = map(map(map(prod.get("services")).get("app")).get("environment"));
      assertThat(env.get("SPRING_PROFILES_ACTIVE")).isEqualTo("prod,postgres");
      assertThat(env.get("SPRING_MAIL_HOST")).as("a host is set, as prod requires").isEqualTo("mailpit");
    }

    @Test
    void theDemoFileGivesEveryRequiredVariableAndTheAppMeetsTheDatabase() throws IOException {
      Map<String, String> demoEnv = envFile(Path.of("compose.demo.env"));
      Map<String, Object> demo = interpolate(compose, demoEnv);
      Map<String, Object> services = map(demo.get("services"));
      Map<String, Object> app = map(map(services.get("app")).get("environment"));
      Map<String, Object> pg = map(map(services.get("postgres")).get("environment"));
      assertThat(app.get("SPRING_PROFILES_ACTIVE")).isEqualTo("demo,postgres");
      assertThat(app.get("MIG_DB_URL")).isEqualTo("jdbc:postgresql://postgres:5432/" + pg.get("POSTGRES_DB"));
      assertThat(app.get("MIG_DB_USER")).isEqualTo(pg.get("POSTGRES_USER"));
      assertThat(app.get("MIG_DB_PASSWORD")).isEqualTo(pg.get("POSTGRES_PASSWORD")).isEqualTo(demoEnv.get("MIG_DB_PASSWORD"));
      assertThat(app.get("MIG_ADMIN_PASSWORD")).isEqualTo("demo");
      assertThat(map(services.get("postgres")).get("healthcheck").toString()).contains(pg.get("POSTGRES_USER").toString());
    }

    @Test
    void mailGoesToMailpitsSmtpPortAndItsUiStaysOnThisMachine() {
      Map<String, Object> env = environment("app");
      assertThat(env.get("SPRING_MAIL_HOST")).isEqualTo("${SPRING_MAIL_HOST:-mailpit}");
      assertThat(env.get("SPRING_MAIL_PORT")).as("Mailpit's SMTP port").isEqualTo("${SPRING_MAIL_PORT:-1025}");
      assertThat((List<Object>) service("mailpit").get("ports")).containsExactly("127.0.0.1:8025:8025");
      assertThat(service("postgres")).as("the database is reached inside compose only").doesNotContainKey("ports");
      assertThat((List<Object>) service("app").get("ports")).containsExactly("8080:8080");
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
      assertThat(environment("app").keySet()).allSatisfy(name -> assertThat(read).as(name).contains(name));
    }

    @Test
    void theInterpolationFollowsCompose() {
      Map<String, String> vars = Map.of("SET", "value", "EMPTY", "");
      assertThat(interpolate("a ${SET} b", vars)).isEqualTo("a value b");
      assertThat(interpolate("${UNSET:-fallback}", vars)).isEqualTo("fallback");
      assertThat(interpolate("${EMPTY:-fallback}", vars)).isEqualTo("fallback");
      assertThat(interpolate("${EMPTY-fallback}", vars)).isEmpty();
      assertThat(interpolate("$${SET}", vars)).isEqualTo("${SET}");
      assertThatThrownBy(() -> interpolate("${EMPTY:?give it}", vars)).hasMessageContaining("EMPTY").hasMessageContaining("give it");
    }
  }

  @Test
  void theBuildContextLeavesOutGitBuildOutputDataAndEnvFiles() throws IOException {
    List<String> ignored = Files.readAllLines(Path.of(".dockerignore")).stream()
        .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    assertThat(ignored).contains(".git", "target", "data", ".env", "*.env", "src/test");
    assertThat(ignored).as("no exceptions (!...) that could let them back in").noneMatch(l -> l.startsWith("!"));
    for (Instruction copy : dockerfile.stage("build").all("COPY")) {
      String[] parts = copy.arguments().split("\\s+");
      for (int i = 0; i < parts.length - 1; i++) {
        String source = parts[i].replaceAll("/$", "");
        assertThat(ignored).as("COPY " + source + " is in the build context").doesNotContain(source);
        assertThat(Path.of(source)).exists();
      }
    }
  }

  @Test
  void theBuildStageCopiesEveryDirectoryThePomBuildsFrom() throws IOException {
    List<String> copied = new java.util.ArrayList<>();
    for (Instruction copy : dockerfile.stage("build").all("COPY")) {
      String[] parts = copy.arguments().split("\\s+");
      for (int i = 0; i < parts.length - 1; i++) {
        copied.add(parts[i].replaceAll("/$", ""));
      }
    }
    assertThat(copied).contains("mvnw", "pom.xml", ".mvn");
    // <directory>bpmn</directory>, ${project.basedir}/x, ${basedir}/x: what a plugin or a resource reads
    String pom = Files.readString(Path.of("pom.xml"));
    Set<String> inputs = new LinkedHashSet<>();
    Matcher m = Pattern.compile("<directory>([^<$]+)</directory>|\\$\\{(?:project\\.)?basedir}/([^<\"\\s]+)").matcher(pom);
    while (m.find()) {
      inputs.add((m.group(1) != null ? m.group(1) : m.group(2)).strip().replaceAll("/$", ""));
    }
    inputs.add("src/main/java");
    inputs.add("src/main/resources");
    for (String top : List.of("package.json", "package-lock.json")) {
      if (Files.exists(Path.of(top))) {
        inputs.add(top);
      }
    }
    // node_modules is made inside the build stage, by `npm ci` from the lockfile it copies
    inputs.removeIf(input -> input.startsWith("node_modules"));
    assertThat(inputs).contains("bpmn", "forms");
    assertThat(inputs).allSatisfy(input -> assertThat(copied)
        .as("the build stage copies " + input + " (the Maven build reads it)")
        .anyMatch(source -> input.equals(source) || input.startsWith(source + "/")));
  }

  // --- helpers ------------------------------------------------------------------------------

  static Map<String, Object> services() {
    return map(compose.get("services"));
  }

  static Map<String, Object> service(String name) {
    return map(services().get(name));
  }

  static Map<String, Object> environment(String name) {
    return map(service(name).get("environment"));
  }

  @SuppressWarnings("unchecked")
  static List<String> healthTest(String name) {
    return (List<String>) map(service(name).get("healthcheck")).get("test");
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object value) {
    assertThat(value).isInstanceOf(Map.class);
    return (Map<String, Object>) value;
  }

  /** KEY=VALUE lines, as compose's --env-file reads them (no quotes used here). */
  static Map<String, String> envFile(Path file) throws IOException {
    Map<String, String> vars = new LinkedHashMap<>();
    for (String line : Files.readAllLines(file)) {
      String l = line.strip();
      if (!l.isEmpty() && !l.startsWith("#")) {
        int eq = l.indexOf('=');
        vars.put(l.substring(0, eq).strip(), l.substring(eq + 1).strip());
      }
    }
    return vars;
  }

  /** Compose's interpolation of every string in the file: ${VAR}, ${VAR:-default}, ${VAR-default}, ${VAR:?error}, ${VAR?error}, $$. */
  @SuppressWarnings("unchecked")
  static <T> T interpolate(T value, Map<String, String> vars) {
    if (value instanceof String s) {
      String escaped = s.replace("$$", "\u0000");
      Matcher m = VARIABLE.matcher(escaped);
      StringBuilder out = new StringBuilder();
      while (m.find()) {
        String name = m.group(1);
        String op = m.group(2);
        String arg = m.group(3);
        String set = vars.get(name);
        boolean unsetOrEmpty = set == null || set.isEmpty();
        String replacement;
        if (op == null) {
          replacement = set == null ? "" : set;
        } else if (op.equals(":-")) {
          replacement = unsetOrEmpty ? arg : set;
        } else if (op.equals("-")) {
          replacement = set == null ? arg : set;
        } else if (op.equals(":?") ? unsetOrEmpty : set == null) {
          throw new IllegalArgumentException("required variable " + name + " is missing a value: " + arg);
        } else {
          replacement = set;
        }
        m.appendReplacement(out, Matcher.quoteReplacement(replacement));
      }
      m.appendTail(out);
      return (T) out.toString().replace("\u0000", "$");
    }
    if (value instanceof Map<?, ?> map) {
      Map<Object, Object> copy = new LinkedHashMap<>();
      map.forEach((k, v) -> copy.put(k, interpolate(v, vars)));
      return (T) copy;
    }
    if (value instanceof List<?> list) {
      return (T) list.stream().map(v -> interpolate(v, vars)).toList();
    }
    return value;
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
