package org.ala.mig.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.actuate.autoconfigure.info.InfoContributorAutoConfiguration;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.info.ProjectInfoAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * Where the build had no {@code .git} (the image build), the commit comes in as a build argument
 * and is written to a file that {@code spring.info.git.location} names (docs/metrics.md, "Build
 * and commit"): /actuator/info shows it as it shows the build's own git.properties.
 */
class GitInfoWithoutGitTest {

  private final ApplicationContextRunner context = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(ProjectInfoAutoConfiguration.class, InfoContributorAutoConfiguration.class))
      .withPropertyValues("management.info.git.mode=simple");

  @Test
  void aGitPropertiesFileNamedByTheLocationGivesTheCommit(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("git.properties");
    // what the Dockerfile of docs/metrics.md writes from its build argument GIT_COMMIT
    Files.writeString(file, "git.commit.id=0123456789abcdef0123456789abcdef01234567\ngit.commit.id.abbrev=0123456\n");

    context.withPropertyValues("spring.info.git.location=file:" + file).run(app -> {
      Info.Builder info = new Info.Builder();
      app.getBeansOfType(InfoContributor.class).values().forEach(c -> c.contribute(info));
      @SuppressWarnings("unchecked")
      Map<String, Object> git = (Map<String, Object>) info.build().getDetails().get("git");
      assertThat(git).isNotNull();
      @SuppressWarnings("unchecked")
      Map<String, Object> commit = (Map<String, Object>) git.get("commit");
      assertThat(commit.get("id")).isEqualTo("0123456");
    });
  }

  @Test
  void withoutAnyFileThereIsNoGitSectionAndNoFailure(@TempDir Path dir) {
    context.withPropertyValues("spring.info.git.location=file:" + dir.resolve("missing.properties")).run(app -> {
      assertThat(app).hasNotFailed();
      Info.Builder info = new Info.Builder();
      app.getBeansOfType(InfoContributor.class).values().forEach(c -> c.contribute(info));
      assertThat(info.build().getDetails()).doesNotContainKey("git");
    });
  }
}
