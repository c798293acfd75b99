package org.ala.mig.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.ala.mig.petition.PetitionService;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.event.HistoricVariableUpdateEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.handler.DbHistoryEventHandler;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.springframework.stereotype.Component;

/**
 * Keeps personal data out of the engine's history: the variables that carry organizers' contacts
 * and signers' names ({@link PetitionService#PERSONAL_TASK_VARIABLES}) are never written to the
 * historic variable tables. They live only as long as the task that shows them; a history query
 * (or a historic process instance query filtering on their value) has nothing to find, whoever
 * asks. Every other history event is written as the engine's default handler writes it.
 */
@Component
public class PersonalDataHistoryFilter extends AbstractProcessEnginePlugin {

  private final Set<String> personal;

  public PersonalDataHistoryFilter() {
    this(PetitionService.PERSONAL_TASK_VARIABLES);
  }

  PersonalDataHistoryFilter(Set<String> personal) {
    this.personal = Set.copyOf(personal);
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setEnableDefaultDbHistoryEventHandler(false);
    List<HistoryEventHandler> handlers = new ArrayList<>(configuration.getCustomHistoryEventHandlers());
    handlers.add(0, new Handler(personal));
    configuration.setCustomHistoryEventHandlers(handlers);
  }

  /** The engine's database history handler, less the personal variables. */
  static final class Handler extends DbHistoryEventHandler {
    private final Set<String> personal;

    Handler(Set<String> personal) {
      this.personal = personal;
    }

    @Override
    public void handleEvent(HistoryEvent event) {
      if (event instanceof HistoricVariableUpdateEventEntity variable && personal.contains(variable.getVariableName())) {
        return;
      }
      super.handleEvent(event);
    }
  }
}
