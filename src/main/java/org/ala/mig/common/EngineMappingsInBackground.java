package org.ala.mig.common;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.ibatis.builder.xml.XMLConfigBuilder;
import org.apache.ibatis.session.Configuration;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.util.ReflectUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Reads the engine's MyBatis mappings on a thread of their own while Spring starts the rest.
 *
 * <p>A profile of a production start (benchmark B4) found a third of the main thread's samples
 * in {@code ProcessEngineConfigurationImpl.initSqlSessionFactory}: MyBatis parsing the engine's
 * 50-odd mapping files, one statement after the other, before the engine can do anything else.
 * The parse needs only the database type and the table prefix, both known from the environment,
 * so this post-processor starts it as soon as the configuration is read; the engine's
 * configuration ({@link MigProcessEngineConfiguration}) takes the result instead of parsing,
 * after the engine has found the database's real type, and only when it is the one guessed here.
 * Anything else (another database, another prefix, a parse that failed, or
 * {@code mig.startup.engine-mappings-in-background=false}) and the engine parses them itself,
 * as it always has.
 */
public final class EngineMappingsInBackground implements EnvironmentPostProcessor {

  static final String PROPERTY = "mig.startup.engine-mappings-in-background";
  private static final Logger log = LoggerFactory.getLogger(EngineMappingsInBackground.class);

  /** The mappings being read, for one database type and table prefix. */
  record Parse(String databaseType, String prefix, FutureTask<Configuration> parsed) {}

  private static final AtomicReference<Parse> PENDING = new AtomicReference<>();

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
    if (!environment.getProperty(PROPERTY, Boolean.class, true)) {
      return;
    }
    String type = databaseType(environment.getProperty("spring.datasource.url", ""));
    if (type == null) {
      return;
    }
    start(type, environment.getProperty("camunda.bpm.database.table-prefix", ""));
  }

  /** The engine's name for the database of a JDBC URL, for the databases this application runs on. */
  static String databaseType(String jdbcUrl) {
    if (jdbcUrl.startsWith("jdbc:postgresql:")) {
      return "postgres";
    }
    if (jdbcUrl.startsWith("jdbc:h2:")) {
      return "h2";
    }
    return null;
  }

  /** Starts reading the mappings for this database type and prefix, on a daemon thread. */
  static Parse start(String databaseType, String prefix) {
    FutureTask<Configuration> task = new FutureTask<>(() -> parse(databaseType, prefix));
    Parse parse = new Parse(databaseType, prefix, task);
    PENDING.set(parse);
    Thread thread = new Thread(task, "engine-mappings");
    thread.setDaemon(true);
    thread.setContextClassLoader(Thread.currentThread().getContextClassLoader());
    thread.start();
    return parse;
  }

  /**
   * The mappings read for this database type and prefix, once (a second engine parses its own),
   * or null when none were read for them or the reading failed.
   */
  static Configuration take(String databaseType, String prefix) {
    Parse parse = PENDING.getAndSet(null);
    if (parse == null || !parse.databaseType().equals(databaseType)
        || !parse.prefix().equals(prefix == null ? "" : prefix)) {
      return null;
    }
    try {
      return parse.parsed().get();
    } catch (ExecutionException e) {
      log.warn("Reading the engine's mappings in the background failed; the engine reads them itself", e.getCause());
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  /**
   * What {@code ProcessEngineConfigurationImpl.initSqlSessionFactory} parses (Camunda 7.24), with
   * the same properties; the environment, statement timeout and executor are set by the engine's
   * configuration when it takes the result.
   */
  static Configuration parse(String databaseType, String prefix) throws Exception {
    Properties properties = new Properties();
    properties.put("prefix", prefix);
    ProcessEngineConfigurationImpl.initSqlSessionFactoryProperties(properties, prefix, databaseType);
    try (InputStream in = ReflectUtil.getResourceAsStream(ProcessEngineConfigurationImpl.DEFAULT_MYBATIS_MAPPING_FILE);
        Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
      return new XMLConfigBuilder(reader, "", properties).parse();
    }
  }
}
