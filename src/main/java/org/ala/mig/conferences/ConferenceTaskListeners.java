package org.ala.mig.conferences;

import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Task listeners of the models that keep what Conference Services noted. */
@Configuration(proxyBeanMethods = false)
class ConferenceTaskListeners {

  /** acknowledgeNotification (mig-petition), on complete: its accommodationNotes are kept on the MIG. */
  @Bean
  TaskListener keepAccommodationNotes(MigAccommodation accommodation) {
    return task -> accommodation.keepAccommodationNotes((String) task.getVariable("migId"),
        task.getVariable("accommodationNotes"));
  }
}
