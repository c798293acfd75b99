package org.ala.mig.models;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.engine.repository.DeploymentWithDefinitions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * Deploys the models of {@code bpmn/} and the forms of {@code forms/} (copied by the build to
 * {@code classpath:processes/}) as one deployment named {@value #NAME}, before anything starts a
 * process. When nothing changed since the last deployment, nothing is deployed; when anything
 * changed, every resource is deployed again together, so that each model finds its forms in its
 * own deployment ({@code camunda:formRefBinding="deployment"}).
 */
@Component
@Order(1)
class ModelDeployment implements ApplicationRunner {

  static final String NAME = "mig-lifecycle";
  static final List<String> PATTERNS = List.of("classpath*:processes/*.bpmn", "classpath*:processes/*.form");

  private static final Logger log = LoggerFactory.getLogger(ModelDeployment.class);

  private final RepositoryService repository;

  ModelDeployment(RepositoryService repository) {
    this.repository = repository;
  }

  @Override
  public void run(ApplicationArguments args) throws IOException {
    DeploymentWithDefinitions deployment = deploy();
    if (deployment.getDeployedProcessDefinitions() == null || deployment.getDeployedProcessDefinitions().isEmpty()) {
      log.info("Models unchanged since deployment {}", deployment.getId());
    } else {
      log.info("Deployed {} process models as deployment {}", deployment.getDeployedProcessDefinitions().size(),
          deployment.getId());
    }
  }

  DeploymentWithDefinitions deploy() throws IOException {
    PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver(getClass().getClassLoader());
    List<Resource> resources = new ArrayList<>();
    for (String pattern : PATTERNS) {
      resources.addAll(List.of(resolver.getResources(pattern)));
    }
    if (resources.isEmpty()) {
      throw new IllegalStateException("No models found at " + PATTERNS + ": the build did not copy bpmn/ and forms/");
    }
    resources.sort(Comparator.comparing(Resource::getFilename));
    DeploymentBuilder builder = repository.createDeployment().name(NAME).source("MIG Lifecycle application")
        .enableDuplicateFiltering(false);
    for (Resource resource : resources) {
      try (InputStream in = resource.getInputStream()) {
        builder.addInputStream(resource.getFilename(), in);
      }
    }
    return builder.deployWithResult();
  }
}
