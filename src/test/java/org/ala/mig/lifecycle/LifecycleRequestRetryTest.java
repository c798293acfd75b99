package org.ala.mig.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyMap;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Clock;
import org.ala.mig.common.ConflictException;
import org.ala.mig.registry.Mig;
import org.ala.mig.registry.MigRepository;
import org.ala.mig.support.TestMigs;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.MessageCorrelationBuilder;
import org.camunda.bpm.engine.runtime.MessageCorrelationResult;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A MIG's request meets a step of its lifecycle that runs at the same moment (seen when a
 * transition request came in while the demo's lifecycles took their first steps): the engine
 * refuses the message with an OptimisticLockingException, which was a 500. The request is now
 * tried again, and refused as a conflict (409) only when the engine refuses it every time.
 */
class LifecycleRequestRetryTest {

  final Mig mig = TestMigs.active("Retried");
  final MigRepository migs = mock(MigRepository.class);
  final RuntimeService runtime = mock(RuntimeService.class);
  final MessageCorrelationBuilder correlation = mock(MessageCorrelationBuilder.class);
  final MigRequestService requests = mock(MigRequestService.class);
  LifecycleService lifecycle;

  @BeforeEach
  void engineThatRefusesFirst() {
    when(migs.get(mig.id())).thenReturn(mig);
    when(runtime.createMessageCorrelation(anyString())).thenReturn(correlation);
    when(correlation.processInstanceBusinessKey(anyString())).thenReturn(correlation);
    when(correlation.setVariables(anyMap())).thenReturn(correlation);
    // each attempt runs in a transaction of its own: here one that only runs the attempt
    TransactionTemplate eachAttempt = new TransactionTemplate() {
      @Override
      public <T> T execute(TransactionCallback<T> action) {
        return action.doInTransaction(null);
      }
    };
    lifecycle = new LifecycleService(migs, null, null, null, null, null, runtime, mock(IdentityService.class),
        Clock.systemUTC(), requests, eachAttempt);
  }

  @Test
  void aRequestRefusedOnceForAConcurrentStepIsTriedAgainAndTaken() {
    when(correlation.correlateWithResult())
        .thenThrow(new OptimisticLockingException("DELETE MessageEntity failed: updated concurrently"))
        .thenReturn(mock(MessageCorrelationResult.class));

    lifecycle.requestTransition(mig.id(), "Library Leadership Round Table", "We grew.", "chair");

    verify(correlation, times(2)).correlateWithResult();
    // its record is written with each attempt, in that attempt's transaction
    verify(requests, times(2)).open(anyString(), any(), any(), any(), any(), any(), any());
  }

  @Test
  void aRequestRefusedEveryTimeIsAConflictNamingTheMigNeverAnInternalError() {
    when(correlation.correlateWithResult()).thenThrow(new OptimisticLockingException("updated concurrently"));

    ConflictException refused = catchThrowableOfType(ConflictException.class,
        () -> lifecycle.requestDisband(mig.id(), "Our work is done.", "chair"));

    assertThat(refused).hasMessage("MIG '" + mig.id() + "' was changed by a step of its lifecycle at the same"
        + " moment; nothing was stored: try again");
    verify(correlation, times(LifecycleService.ATTEMPTS)).correlateWithResult();
    verify(runtime, times(LifecycleService.ATTEMPTS)).createMessageCorrelation(any());
  }
}
