package org.ala.mig.handbook;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.ala.mig.registry.DeadlineCalendar;
import org.ala.mig.registry.MigRepository;
import org.ala.mig.registry.MigStatus;
import org.ala.mig.registry.StaffLiaison;
import org.ala.mig.registry.StaffLiaisonRepository;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The public Handbook of Organization listing (CONTRACT.md, step 13): the MIGs that exist now
 * (ACTIVE, or RENEWAL_PENDING while their re-petition waits for its decision), by name, with
 * their purpose, former names, staff liaisons' names, the day each first became active and the
 * end of its term. Three queries whatever the number of MIGs: the MIGs with their active-since
 * day, every former name, every liaison. No organizer is read, so none can be shown.
 */
@Service
public class HandbookService {

  /** The statuses the Handbook lists. */
  public static final List<MigStatus> LISTED = List.of(MigStatus.ACTIVE, MigStatus.RENEWAL_PENDING);

  private final MigRepository migs;
  private final StaffLiaisonRepository liaisons;
  private final DeadlineCalendar calendar;

  public HandbookService(MigRepository migs, StaffLiaisonRepository liaisons, DeadlineCalendar calendar) {
    this.migs = migs;
    this.liaisons = liaisons;
    this.calendar = calendar;
  }

  /** The listed MIGs, by name (any case). */
  @Transactional(readOnly = true)
  public List<HandbookEntry> entries() {
    Map<String, List<String>> formerNames = migs.formerNamesByMig();
    Map<String, List<StaffLiaison>> liaisonsByMig = liaisons.all();
    return migs.listed(LISTED).stream().map(mig -> new HandbookEntry(mig.id(), mig.name(),
        formerNames.getOrDefault(mig.id(), List.of()), mig.statementOfPurpose(),
        liaisonsByMig.getOrDefault(mig.id(), List.of()).stream().map(l -> new HandbookEntry.Liaison(l.name())).toList(),
        mig.termEnd(), mig.activeSince())).toList();
  }

  /** The listing as CSV ({@link HandbookCsv}). */
  public String csv() {
    return HandbookCsv.write(entries());
  }

  /** Today at ALA HQ: the date a listing is "as of", and a printed one printed on. */
  public LocalDate today() {
    return calendar.today();
  }
}
