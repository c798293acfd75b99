package org.ala.mig.mail;

import org.camunda.bpm.engine.delegate.DelegateExecution;

/** Idempotency keys of mails that process steps send. */
public final class MailKeys {

  private MailKeys() {}

  /**
   * One mail per process instance and step: a retried job, or the same step run again by an
   * operator, finds its mail already in the outbox.
   */
  public static String step(DelegateExecution execution) {
    return execution.getProcessInstanceId() + "/" + execution.getCurrentActivityId();
  }
}
