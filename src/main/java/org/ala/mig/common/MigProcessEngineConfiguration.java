package org.ala.mig.common;

import java.util.List;
import org.apache.ibatis.mapping.Environment;
import org.apache.ibatis.session.Configuration;
import org.apache.ibatis.session.ExecutorType;
import org.apache.ibatis.session.defaults.DefaultSqlSessionFactory;
import org.camunda.bpm.engine.impl.cfg.CompositeProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.camunda.bpm.engine.spring.SpringProcessEngineConfiguration;
import org.camunda.bpm.spring.boot.starter.util.CamundaSpringBootUtil;
import org.springframework.context.annotation.Bean;

/**
 * The engine's configuration as the Camunda starter makes it, except that it takes the MyBatis
 * mappings {@link EngineMappingsInBackground} read while Spring started, when they were read for
 * this engine's database type and table prefix; otherwise it reads them itself.
 */
public class MigProcessEngineConfiguration extends SpringProcessEngineConfiguration {

  /** Whether this engine took the mappings read in the background. */
  private boolean mappingsFromBackground;

  @Override
  protected void initSqlSessionFactory() {
    if (sqlSessionFactory == null && !isUseSharedSqlSessionFactory) {
      Configuration parsed = EngineMappingsInBackground.take(databaseType, databaseTablePrefix);
      if (parsed != null) {
        // what initSqlSessionFactory sets around its parse (Camunda 7.24)
        parsed.setEnvironment(new Environment("default", transactionFactory, dataSource));
        parsed.setDefaultStatementTimeout(jdbcStatementTimeout);
        if (isJdbcBatchProcessing()) {
          parsed.setDefaultExecutorType(ExecutorType.BATCH);
        }
        sqlSessionFactory = new DefaultSqlSessionFactory(parsed);
        mappingsFromBackground = true;
        return;
      }
    }
    super.initSqlSessionFactory();
  }

  public boolean mappingsFromBackground() {
    return mappingsFromBackground;
  }

  /** Replaces the starter's configuration bean (it gives way to any other), made the same way. */
  @org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
  static class Definition {

    @Bean
    ProcessEngineConfigurationImpl processEngineConfigurationImpl(List<ProcessEnginePlugin> processEnginePlugins) {
      SpringProcessEngineConfiguration configuration =
          CamundaSpringBootUtil.initCustomFields(new MigProcessEngineConfiguration());
      configuration.getProcessEnginePlugins().add(new CompositeProcessEnginePlugin(processEnginePlugins));
      return configuration;
    }
  }
}
