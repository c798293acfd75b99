package org.ala.mig.common;

import org.camunda.bpm.engine.exception.NotValidException;

/**
 * A user task's output refused by its task listener: the field and what is wrong with it. The
 * completion rolls back, and {@link TaskOutputRefusalUnwrapping} makes it leave the engine as a
 * form field's validation failure, which Camunda's REST APIs answer with 400, rather than inside
 * the engine's listener failure, which they answer with 500.
 */
public class TaskOutputRefusedException extends NotValidException {

  private final String field;

  public TaskOutputRefusedException(String field, String problem) {
    super(field + ": " + problem);
    this.field = field;
  }

  public String field() {
    return field;
  }
}
