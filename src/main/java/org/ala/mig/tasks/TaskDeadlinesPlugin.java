package org.ala.mig.tasks;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Gives every user task of every model a create listener ({@link TaskCreation}) that names the
 * task after its MIG or conference, describes it and sets its due date. The models stay as they
 * are: the listener is added when the engine parses them, so it applies to every version deployed,
 * and to task ids a later model adds.
 */
@Component
class TaskDeadlinesPlugin extends AbstractProcessEnginePlugin {

  private final TaskListener creation;

  TaskDeadlinesPlugin(ObjectProvider<TaskAnnotations> annotations) {
    this.creation = new TaskCreation(annotations);
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<BpmnParseListener> listeners = configuration.getCustomPostBPMNParseListeners() == null
        ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPostBPMNParseListeners());
    listeners.add(new AbstractBpmnParseListener() {
      @Override
      public void parseUserTask(Element userTaskElement, ScopeImpl scope, ActivityImpl activity) {
        if (activity.getActivityBehavior() instanceof UserTaskActivityBehavior behavior) {
          behavior.getTaskDefinition().addTaskListener(TaskListener.EVENTNAME_CREATE, creation);
          behavior.getTaskDefinition().addTaskListener(TaskListener.EVENTNAME_UPDATE, creation);
        }
      }
    });
    configuration.setCustomPostBPMNParseListeners(listeners);
  }
}
