package org.ala.mig;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.repositoryService;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngines;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;

/**
 * What every process test shares: the in-memory engine of
 * {@code src/test/resources/camunda-process-test.cfg.xml} (named {@value #ENGINE_NAME}), reset
 * after each test, and the deployed model. Each subclass registers its own coverage extension,
 * since class coverage is counted per class.
 */
public abstract class ProcessModelTest {

  public static final String ENGINE_CONFIGURATION = "camunda-process-test.cfg.xml";
  static final String ENGINE_NAME = "process-test";

  @AfterEach
  void resetMocksAndClock() {
    Mocks.reset();
    ClockUtil.reset();
    BpmnAwareTests.reset();
  }

  /**
   * Building the engine registered it in the static ProcessEngines registry, which the REST API
   * and the webapps of a Spring context in the same JVM list. Take it out again; the engine stays
   * open, cached by camunda-bpm-junit5 for the next process test class.
   */
  @AfterAll
  static void leaveNoEngineForSpringContexts() {
    ProcessEngine engine = ProcessEngines.getProcessEngine(ENGINE_NAME);
    if (engine != null) {
      ProcessEngines.unregister(engine);
    }
  }

  /** The latest deployed version of the model with this process key. */
  protected static BpmnModelInstance deployedModel(String processKey) {
    String definitionId = repositoryService().createProcessDefinitionQuery()
        .processDefinitionKey(processKey).latestVersion().singleResult().getId();
    return repositoryService().getBpmnModelInstance(definitionId);
  }
}
