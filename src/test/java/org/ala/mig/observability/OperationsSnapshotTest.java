package org.ala.mig.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.ala.mig.mail.MailService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;

/**
 * A database that does not answer: the scrape still answers, every gauge shows NaN, and the
 * database is asked once per interval, not once per gauge.
 */
class OperationsSnapshotTest {

  @Test
  void aDatabaseThatDoesNotAnswerGivesNaNAndIsAskedOncePerInterval() {
    MailService mail = mock(MailService.class);
    when(mail.outboxCounts()).thenThrow(new DataAccessResourceFailureException("connection refused"));
    OperationsSnapshot snapshot = new OperationsSnapshot(mail, mock(RuntimeService.class), mock(TaskService.class),
        mock(IdentityService.class), Duration.ofHours(1));
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    new OperationsGauges(snapshot).bindTo(meters);

    assertThat(meters.get("mig.mail.outbox.mails").tag("status", "PENDING").gauge().value()).isNaN();
    assertThat(meters.get("mig.tasks.open").tag("group", "coo").gauge().value()).isNaN();
    assertThat(meters.get("mig.incidents.open").tag("type", "failedJob").gauge().value()).isNaN();
    assertThat(meters.find("mig.tasks.open").gauges()).hasSizeGreaterThan(10);
    meters.getMeters().forEach(meter -> meter.measure().forEach(m -> assertThat(m.getValue()).isNaN()));
    verify(mail, times(1)).outboxCounts();
  }
}
