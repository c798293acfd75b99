package org.ala.mig;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;
import org.ala.mig.registry.UpwardArrowFixture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.stereotype.Controller;
import org.springframework.stereotype.Repository;
import org.springframework.web.bind.annotation.RestController;

/**
 * The house reads one way (DESIGN.md, "Layers"): the web layer on top, the features below it, the
 * registry, roster and identity below them, {@code common} at the bottom. An arrow that points up,
 * or a cycle between packages, fails the build. There are no exceptions to these rules.
 */
class ArchitectureTest {

  static final String[] FEATURES = {"..petition..", "..lifecycle..", "..reporting..", "..verification..",
      "..mail..", "..simulation..", "..models..", "..signin..", "..organizer..", "..drafts..", "..tasks..",
      "..conferences..", "..liaisons..", "..analytics..", "..handbook..", "..demo..", "..calendar..", "..observability.."};
  static final String[] BASE = {"..registry..", "..roster..", "..identity.."};

  static JavaClasses main;

  @BeforeAll
  static void importMain() {
    main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("org.ala.mig");
  }

  /** Arrows point down only. */
  static final ArchRule LAYERS = layeredArchitecture().consideringOnlyDependenciesInLayers()
      .layer("Application").definedBy("org.ala.mig")
      .layer("Web").definedBy("org.ala.mig.web..", "org.ala.mig.security..")
      .layer("Features").definedBy(inMig(FEATURES))
      .layer("Base").definedBy(inMig(BASE))
      .layer("Common").definedBy("org.ala.mig.common..")
      .whereLayer("Web").mayOnlyBeAccessedByLayers("Application")
      .whereLayer("Features").mayOnlyBeAccessedByLayers("Application", "Web")
      .whereLayer("Base").mayOnlyBeAccessedByLayers("Application", "Web", "Features")
      .whereLayer("Common").mayOnlyBeAccessedByLayers("Application", "Web", "Features", "Base");

  /** No cycle between any two packages, features beside each other included. */
  static final ArchRule NO_CYCLES = slices().matching("org.ala.mig.(*)..").should().beFreeOfCycles();

  /** Only the web layer knows HTTP statuses; services throw domain exceptions. */
  static final ArchRule HTTP_ONLY_IN_WEB = noClasses().that().resideOutsideOfPackages("..web..", "..security..")
      .should().dependOnClassesThat().resideInAnyPackage("org.springframework.http..", "org.springframework.web.bind..",
          "org.springframework.web.servlet..");

  /** Every controller, API or page, lives in the web layer. */
  static final ArchRule CONTROLLERS_IN_WEB = classes().that().areAnnotatedWith(RestController.class)
      .or().areAnnotatedWith(Controller.class).should().resideInAPackage("org.ala.mig.web..");

  /** Controllers call services, never repositories. */
  static final ArchRule CONTROLLERS_CALL_SERVICES = noClasses().that().resideInAPackage("org.ala.mig.web..")
      .should().dependOnClassesThat().areAnnotatedWith(Repository.class);

  /** A feature's repository is its own: another feature asks its service. */
  static final List<ArchRule> REPOSITORIES_STAY_HOME = List.of(FEATURES).stream()
      .map(feature -> (ArchRule) classes().that().areAnnotatedWith(Repository.class).and().resideInAPackage(feature)
          .should().onlyBeAccessed().byClassesThat().resideInAPackage(feature).allowEmptyShould(true))
      .toList();

  /** No value passes between classes behind their backs. */
  static final ArchRule NO_THREAD_LOCALS = noFields().should().haveRawType(ThreadLocal.class);

  @Test
  void packagesDependDownwardsOnly() {
    LAYERS.check(main);
  }

  @Test
  void noPackageCycles() {
    NO_CYCLES.check(main);
  }

  @Test
  void httpStaysInTheWebLayer() {
    HTTP_ONLY_IN_WEB.check(main);
  }

  @Test
  void controllersLiveInTheWebLayerAndCallServices() {
    CONTROLLERS_IN_WEB.check(main);
    CONTROLLERS_CALL_SERVICES.check(main);
  }

  @Test
  void repositoriesAreUsedInTheirOwnFeature() {
    REPOSITORIES_STAY_HOME.forEach(rule -> rule.check(main));
  }

  @Test
  void noHiddenChannels() {
    NO_THREAD_LOCALS.check(main);
  }

  /** The rules can fail: a registry class that reaches up into the web layer breaks them. */
  @Test
  void theRulesCatchAnUpwardArrow() {
    JavaClasses withFixture = new ClassFileImporter().importPackages("org.ala.mig.registry", "org.ala.mig.web");
    assertThat(withFixture.contain(UpwardArrowFixture.class)).isTrue();
    assertThat(LAYERS.evaluate(withFixture).hasViolation()).isTrue();
    assertThat(NO_CYCLES.evaluate(withFixture).getFailureReport().getDetails())
        .anyMatch(line -> line.contains("UpwardArrowFixture"));
    assertThat(HTTP_ONLY_IN_WEB.evaluate(withFixture).hasViolation()).isTrue();
  }

  private static String[] inMig(String[] packages) {
    return List.of(packages).stream().map(p -> "org.ala.mig" + p.substring(1)).toArray(String[]::new);
  }
}
