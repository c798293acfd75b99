package org.ala.mig.common;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.springframework.stereotype.Component;

/**
 * The engine wraps whatever a task listener throws in its own failure (ENGINE-03051), which every
 * REST API of Camunda answers with 500. This outermost command interceptor finds a
 * {@link TaskOutputRefusedException} in such a failure, after the command's transaction has been
 * rolled back, and throws it on as what it is, a form field's failed validation (Camunda's
 * {@link FormFieldValidationException}, with the refusal as its cause), which engine REST and the
 * webapps' API (Tasklist) answer 400 with the message. Anything else passes unchanged.
 */
@Component
public class TaskOutputRefusalUnwrapping extends AbstractProcessEnginePlugin {

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setCustomPreCommandInterceptorsTxRequired(
        prepend(configuration.getCustomPreCommandInterceptorsTxRequired()));
  }

  private static List<CommandInterceptor> prepend(List<CommandInterceptor> existing) {
    List<CommandInterceptor> interceptors = new ArrayList<>();
    interceptors.add(new Unwrapping());
    if (existing != null) {
      interceptors.addAll(existing);
    }
    return interceptors;
  }

  /** The refusal inside {@code failure}'s causes, or null. */
  static TaskOutputRefusedException refusalIn(Throwable failure) {
    for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
      if (t instanceof TaskOutputRefusedException refusal) {
        return refusal;
      }
    }
    return null;
  }

  static final class Unwrapping extends CommandInterceptor {
    @Override
    public <T> T execute(Command<T> command) {
      try {
        return next.execute(command);
      } catch (FormFieldValidationException alreadyAValidation) {
        throw alreadyAValidation;
      } catch (RuntimeException failure) {
        TaskOutputRefusedException refusal = refusalIn(failure);
        throw refusal == null ? failure
            : new FormFieldValidationException(refusal.field(), refusal.getMessage(), refusal);
      }
    }
  }
}
