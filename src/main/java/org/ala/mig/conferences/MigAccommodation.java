package org.ala.mig.conferences;

import java.util.Map;
import org.ala.mig.common.TaskOutputs;
import org.ala.mig.registry.MigAccommodationRepository;
import org.ala.mig.registry.Accommodation;
import org.springframework.stereotype.Service;

/**
 * What a MIG needs at conferences and what Conference Services noted for it (CONTRACT.md, step
 * 12, "Accommodation"): the petition's {@code meetingNeeds} and the {@code accommodationNotes} of
 * {@code acknowledgeNotification}, kept on the MIG.
 */
@Service
public class MigAccommodation {

  /** The most characters of either text. */
  public static final int MAX_TEXT = 4000;

  private final MigAccommodationRepository repository;

  MigAccommodation(MigAccommodationRepository repository) {
    this.repository = repository;
  }

  public Accommodation of(String migId) {
    return repository.of(migId).orElse(Accommodation.NONE);
  }

  public Map<String, Accommodation> all() {
    return repository.all();
  }

  /** Keeps what Conference Services noted; refused (naming the field) when it is not text that fits. */
  public void keepAccommodationNotes(String migId, Object notes) {
    repository.setAccommodation(migId, TaskOutputs.text("accommodationNotes", notes, MAX_TEXT));
  }
}
