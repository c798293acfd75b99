package org.ala.mig.support;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.ala.mig.registry.Mig;
import org.ala.mig.registry.MigIds;
import org.ala.mig.registry.MigStatus;
import org.ala.mig.registry.Organizer;
import org.ala.mig.registry.StaffLiaison;

/** MIG records for tests, each with a fresh name (and id, its slug) so that tests sharing a database do not meet. */
public final class TestMigs {

  private TestMigs() {}

  /** An active MIG whose term ends on {@code termEnd}: disbanded as not renewed, it ends that day. */
  public static Mig activeUntil(String name, LocalDate termEnd) {
    Mig m = active(name);
    return new Mig(m.id(), m.name(), m.status(), m.statementOfPurpose(), termEnd.minusYears(3).plusDays(1), termEnd,
        m.staffLiaison(), null, m.organizers());
  }

  public static Mig active(String name) {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    String fullName = name + " " + suffix;
    return new Mig(MigIds.slug(fullName), fullName, MigStatus.ACTIVE,
        "To connect librarians who work with " + name.toLowerCase() + ".",
        LocalDate.of(2026, 8, 15), LocalDate.of(2029, 8, 14),
        new StaffLiaison("Lee Liaison", "liaison-" + suffix + "@ala.example"), null,
        List.of(new Organizer("Ana Núñez", "ana-" + suffix + "@lib.example", "1 Main St, Springfield"),
            new Organizer("Bo Chen", "bo-" + suffix + "@lib.example", "2 Oak Ave, Shelbyville")));
  }
}
