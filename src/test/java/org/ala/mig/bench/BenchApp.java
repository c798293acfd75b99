package org.ala.mig.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ala.mig.MigApplication;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.springframework.boot.Banner;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The application itself, started in this JVM for one benchmark step: the real services,
 * delegates, engine, job executor and outbox, with the mail dispatcher sending to the embedded
 * SMTP server. Its log goes to {@code target/bench/logs/<name>.log}; only warnings reach the
 * console.
 */
final class BenchApp implements AutoCloseable {

  final String name;
  final ConfigurableApplicationContext context;
  final ProcessEngine engine;
  final CountingDataSource counter;

  private BenchApp(String name, ConfigurableApplicationContext context, CountingDataSource counter) {
    this.name = name;
    this.context = context;
    this.engine = context.getBean(ProcessEngine.class);
    this.counter = counter;
  }

  /**
   * Starts the application on {@code target}.
   *
   * @param profiles the Spring profiles (the database's own is added)
   * @param properties overrides, e.g. the job executor's pool for the thread sweep
   * @param countCommits whether to wrap the DataSource in a {@link CountingDataSource}
   */
  static BenchApp start(String name, BenchDatabase db, BenchDatabase.Target target, Path out, List<String> profiles,
      Map<String, String> properties, boolean countCommits) {
    List<String> allProfiles = new ArrayList<>(profiles);
    allProfiles.addAll(db.profiles());
    Map<String, String> p = new LinkedHashMap<>();
    p.put("spring.profiles.active", String.join(",", allProfiles));
    p.put("spring.datasource.url", target.url());
    p.put("spring.datasource.username", target.user());
    p.put("spring.datasource.password", target.password());
    p.put("server.port", "0");
    p.put("mig.mail.embedded.port", "0");
    p.put("logging.file.name", out.resolve("logs").resolve(name + ".log").toString());
    p.put("logging.threshold.console", "WARN");
    p.putAll(properties);
    // -Dbench.app.some.key=value reaches every application of the run as some.key (for profiling)
    System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith("bench.app."))
        .forEach(k -> p.put(k.substring("bench.app.".length()), System.getProperty(k)));
    List<String> args = new ArrayList<>();
    p.forEach((key, value) -> args.add("--" + key + "=" + value));

    CountingDataSource counter = countCommits ? new CountingDataSource() : null;
    SpringApplicationBuilder builder = new SpringApplicationBuilder(MigApplication.class)
        .bannerMode(Banner.Mode.OFF)
        .logStartupInfo(false);
    if (counter != null) {
      builder.initializers(ctx -> ctx.getBeanFactory().addBeanPostProcessor(counter.postProcessor()));
    }
    return new BenchApp(name, builder.run(args.toArray(String[]::new)), counter);
  }

  <T> T bean(Class<T> type) {
    return context.getBean(type);
  }

  JobExecutor jobExecutor() {
    return ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getJobExecutor();
  }

  /** The job executor as configured: threads, queue, acquisition. */
  Map<String, Object> jobExecutorSettings() {
    var properties = context.getBean(CamundaBpmProperties.class).getJobExecution();
    JobExecutor executor = jobExecutor();
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("corePoolSize", properties.getCorePoolSize());
    s.put("maxPoolSize", properties.getMaxPoolSize());
    s.put("queueCapacity", properties.getQueueCapacity());
    s.put("maxJobsPerAcquisition", executor.getMaxJobsPerAcquisition());
    s.put("waitTimeInMillis", executor.getWaitTimeInMillis());
    s.put("lockTimeInMillis", executor.getLockTimeInMillis());
    return s;
  }

  int port() {
    return Integer.parseInt(context.getEnvironment().getProperty("local.server.port", "0"));
  }

  @Override
  public void close() {
    context.close();
  }
}
