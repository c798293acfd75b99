package org.ala.mig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The test libraries that must never reach the production jar: test frameworks and assertion
 * libraries, and the libraries this project uses in test scope only (Selenium, jsoup). A library
 * of the packaged jar is named {@code artifactId-version[-classifier].jar} in {@code BOOT-INF/lib/}.
 * PackagedJarIT checks the real jar; TestLibrariesTest shows the check failing on a list with one.
 */
final class TestLibraries {

  /** artifactIds, as regular expressions, followed in the file name by "-" and a version. */
  static final List<String> ARTIFACTS = List.of(
      "junit", "junit-jupiter.*", "junit-platform.*", "junit-vintage.*", "opentest4j", "apiguardian-api",
      "hamcrest.*", "mockito.*", "byte-buddy-agent", "objenesis", "assertj.*", "xmlunit.*", "jsonassert",
      "awaitility.*", "testcontainers.*", "archunit.*",
      "spring-test", "spring-boot-test.*", "spring-security-test",
      "greenmail-junit.*", "camunda-bpm-assert.*", "camunda-bpm-junit.*", "camunda-process-test-coverage.*",
      "selenium.*", "jsoup");

  private static final Pattern TEST_LIBRARY = Pattern.compile(
      "(?:" + String.join("|", ARTIFACTS) + ")-\\d[^/]*\\.jar");

  private TestLibraries() {}

  /** The names among {@code libraries} (jar file names) that are test libraries. */
  static List<String> among(Collection<String> libraries) {
    return libraries.stream().filter(name -> TEST_LIBRARY.matcher(name).matches()).sorted().toList();
  }

  /** The file names of the libraries a Spring Boot jar carries (BOOT-INF/lib/*.jar). */
  static List<String> librariesOf(Path bootJar) {
    return entriesOf(bootJar).stream()
        .filter(name -> name.startsWith("BOOT-INF/lib/") && name.endsWith(".jar"))
        .map(name -> name.substring("BOOT-INF/lib/".length()))
        .toList();
  }

  /** The names of all entries of a jar, sorted. */
  static List<String> entriesOf(Path jar) {
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      return zip.stream().map(ZipEntry::getName).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
