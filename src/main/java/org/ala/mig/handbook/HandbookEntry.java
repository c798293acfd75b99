package org.ala.mig.handbook;

import java.time.LocalDate;
import java.util.List;

/**
 * One MIG as the public Handbook of Organization lists it (CONTRACT.md, step 13): what anyone may
 * read, and nothing more. The staff liaisons carry their names only; no organizer appears at all.
 *
 * @param formerNames the names it had before, newest first (empty when it was never renamed)
 * @param activeSince the day it first became active
 * @param termEnd the last day of its current term
 */
public record HandbookEntry(String id, String name, List<String> formerNames, String statementOfPurpose,
    List<Liaison> staffLiaisons, LocalDate termEnd, LocalDate activeSince) {

  /** A staff liaison as the public sees one: the name (the email address is staff data). */
  public record Liaison(String name) {}

  public HandbookEntry {
    formerNames = List.copyOf(formerNames);
    staffLiaisons = List.copyOf(staffLiaisons);
  }
}
