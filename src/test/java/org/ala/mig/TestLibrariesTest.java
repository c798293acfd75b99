package org.ala.mig;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The check of PackagedJarIT ("the jar carries no test library") on lists of names: it finds the
 * JUnit 4 that GreenMail's POM once brought into BOOT-INF/lib, and passes the libraries we ship.
 */
class TestLibrariesTest {

  @Test
  void findsTheTestLibrariesAmongTheJarsLibraries() {
    List<String> libraries = List.of(
        "greenmail-2.1.8.jar", "junit-4.13.2.jar", "hamcrest-core-1.3.jar", "spring-core-6.2.19.jar",
        "junit-jupiter-api-5.12.2.jar", "mockito-core-5.17.0.jar", "assertj-core-3.27.6.jar",
        "selenium-api-4.52.0.jar", "jsoup-1.24.1.jar", "greenmail-junit5-2.1.8.jar", "spring-test-6.2.19.jar",
        "camunda-bpm-assert-7.24.0.jar", "spring-boot-test-autoconfigure-3.5.16.jar", "opentest4j-1.3.0.jar");

    assertThat(TestLibraries.among(libraries)).containsExactly(
        "assertj-core-3.27.6.jar", "camunda-bpm-assert-7.24.0.jar", "greenmail-junit5-2.1.8.jar",
        "hamcrest-core-1.3.jar", "jsoup-1.24.1.jar", "junit-4.13.2.jar", "junit-jupiter-api-5.12.2.jar",
        "mockito-core-5.17.0.jar", "opentest4j-1.3.0.jar", "selenium-api-4.52.0.jar",
        "spring-boot-test-autoconfigure-3.5.16.jar", "spring-test-6.2.19.jar");
  }

  @Test
  void passesTheLibrariesWeShip() {
    assertThat(TestLibraries.among(List.of(
        "greenmail-2.1.8.jar", "spring-boot-3.5.16.jar", "spring-boot-actuator-3.5.16.jar", "camunda-engine-7.24.0.jar",
        "camunda-bpm-spring-boot-starter-webapp-7.24.0.jar", "tomcat-embed-core-10.1.62.jar", "h2-2.3.232.jar",
        "spring-boot-jarmode-tools-3.5.16.jar", "jakarta.mail-2.0.5.jar", "camunda-engine-spring-6-7.24.0.jar",
        "spring-security-web-6.5.11.jar", "mailjunitish-1.0.jar")))
        .isEmpty();
  }
}
