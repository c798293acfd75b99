package org.ala.mig.registry;

import java.time.LocalDate;
import java.util.List;

/**
 * A Membership Initiative Group as the registry knows it.
 *
 * @param termStart first day of the current term (null before it is established)
 * @param termEnd last day of the current term
 * @param staffLiaison the HQ contact, null until one is assigned
 * @param disbandReason NOT_RENEWED or REQUESTED once disbanded
 */
public record Mig(
    String id,
    String name,
    MigStatus status,
    String statementOfPurpose,
    LocalDate termStart,
    LocalDate termEnd,
    StaffLiaison staffLiaison,
    String disbandReason,
    List<Organizer> organizers) {

  public Mig {
    organizers = List.copyOf(organizers);
  }
}
