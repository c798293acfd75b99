package org.ala.mig.handbook;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.ala.mig.registry.Mig;
import org.ala.mig.registry.MigIds;
import org.ala.mig.registry.MigRepository;
import org.ala.mig.registry.MigStatus;
import org.ala.mig.registry.Organizer;
import org.ala.mig.registry.StaffLiaison;
import org.ala.mig.registry.StaffLiaisonRepository;

/** MIGs for the Handbook's tests, written straight to the registry, each with a fresh name. */
final class HandbookFixtures {

  private final MigRepository migs;
  private final StaffLiaisonRepository liaisons;

  HandbookFixtures(MigRepository migs, StaffLiaisonRepository liaisons) {
    this.migs = migs;
    this.liaisons = liaisons;
  }

  static String unique() {
    return UUID.randomUUID().toString().substring(0, 8);
  }

  /** An ACTIVE MIG (active since {@code activeSince}), with these organizers and liaisons. */
  Mig active(String name, String purpose, LocalDate activeSince, LocalDate termEnd, List<Organizer> organizers,
      List<StaffLiaison> staff) {
    Mig mig = new Mig(MigIds.slug(name), name, MigStatus.ACTIVE, purpose, termEnd.minusYears(3).plusDays(1), termEnd,
        staff.isEmpty() ? null : staff.get(0), null, organizers);
    migs.insert(mig, activeSince);
    if (!staff.isEmpty()) {
      liaisons.replace(mig.id(), staff);
    }
    return mig;
  }

  /** An ACTIVE MIG with two organizers of this key and one liaison. */
  Mig active(String name, String key) {
    return active(name, "To share what works in " + name.toLowerCase() + ".", LocalDate.of(2020, 3, 2),
        LocalDate.of(2029, 3, 1), organizers(key), List.of(new StaffLiaison("Pat Liaison", "pat-" + key + "@ala.example")));
  }

  static List<Organizer> organizers(String key) {
    return List.of(new Organizer("Ona Organizer", "ona-" + key + "@organizer.example", key + " Hidden Road, Springfield"),
        new Organizer("Ted Organizer", "ted-" + key + "@organizer.example", key + " Secret Avenue, Shelbyville"));
  }

  MigRepository migs() {
    return migs;
  }
}
