package org.ala.mig.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.TreeSet;
import org.apache.ibatis.session.Configuration;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.junit.jupiter.api.Test;

/**
 * The mappings read in the background are the engine's own, and are taken only for the database
 * type and prefix they were read for.
 */
class EngineMappingsInBackgroundTest {

  @Test
  void givenJdbcUrls_whenTheirTypeIsAsked_thenPostgresAndH2AreKnownAndOthersNot() {
    assertThat(EngineMappingsInBackground.databaseType("jdbc:postgresql://localhost:5432/mig")).isEqualTo("postgres");
    assertThat(EngineMappingsInBackground.databaseType("jdbc:h2:file:./data/mig")).isEqualTo("h2");
    assertThat(EngineMappingsInBackground.databaseType("jdbc:mysql://localhost/mig")).isNull();
    assertThat(EngineMappingsInBackground.databaseType("")).isNull();
  }

  @Test
  void givenMappingsReadForPostgres_whenAnH2EngineAsks_thenItGetsNoneAndTheyAreGone() {
    EngineMappingsInBackground.start("postgres", "");

    assertThat(EngineMappingsInBackground.take("h2", "")).isNull();
    assertThat(EngineMappingsInBackground.take("postgres", "")).as("taken once, even by a mismatch").isNull();
  }

  @Test
  void givenMappingsReadForAPrefix_whenAnEngineWithAnotherPrefixAsks_thenItGetsNone() {
    EngineMappingsInBackground.start("h2", "CAMUNDA.");

    assertThat(EngineMappingsInBackground.take("h2", "")).isNull();
  }

  @Test
  void givenAnEngineBuiltOnH2_whenTheMappingsWereReadInTheBackground_thenTheyAreTheOnesItReadsItself() {
    EngineMappingsInBackground.start("h2", "");
    Configuration background = EngineMappingsInBackground.take("h2", null);

    StandaloneInMemProcessEngineConfiguration own = new StandaloneInMemProcessEngineConfiguration();
    own.setJdbcUrl("jdbc:h2:mem:engine-mappings-" + System.nanoTime());
    own.setProcessEngineName("engine-mappings-test");
    own.setJobExecutorActivate(false);
    ProcessEngine engine = own.buildProcessEngine();
    try {
      Configuration itself = own.getSqlSessionFactory().getConfiguration();
      assertThat(background).isNotNull();
      assertThat(new TreeSet<>(background.getMappedStatementNames()))
          .isEqualTo(new TreeSet<>(itself.getMappedStatementNames()));
      TaskQueryImpl query = new TaskQueryImpl();
      query.taskCandidateGroup("coo");
      assertThat(background.getMappedStatement("selectTaskCountByQueryCriteria").getBoundSql(query).getSql())
          .isEqualTo(itself.getMappedStatement("selectTaskCountByQueryCriteria").getBoundSql(query).getSql())
          .contains("ACT_RU_TASK");
    } finally {
      engine.close();
    }
  }
}
