package org.ala.mig.registry;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.ala.mig.common.FieldProblem;
import org.ala.mig.common.InvalidInputException;
import org.ala.mig.common.NotFoundException;
import org.ala.mig.registry.OrganizerInput.Fields;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reading the registry: the MIGs as they are now, for pages and the API; and the one change an
 * organizer makes to it themselves, their own postal address.
 */
@Service
public class MigDirectory {

  private final MigRepository migs;

  public MigDirectory(MigRepository migs) {
    this.migs = migs;
  }

  public Optional<Mig> find(String id) {
    return migs.find(id);
  }

  /** The MIG with this id; {@link org.ala.mig.common.NotFoundException} when there is none. */
  public Mig get(String id) {
    return migs.get(id);
  }

  /** The MIG's former names, newest first (empty when it was never renamed). */
  public List<String> formerNames(String id) {
    return migs.formerNames(id);
  }

  /** Every renamed MIG's former names, newest first, by MIG id. */
  public java.util.Map<String, List<String>> formerNamesByMig() {
    return migs.formerNamesByMig();
  }

  /** The MIGs of one status, or all of them for null. */
  public List<Mig> list(MigStatus status) {
    return migs.list(status);
  }

  /** The word that asks for every MIG, whatever its status, where a status can be named. */
  public static final String ALL = "ALL";

  /**
   * The MIGs of the status a caller named: every MIG for {@value #ALL} or no word at all; refused
   * naming the words it takes when the word is none of them.
   */
  public List<Mig> listNamed(String status) {
    if (status == null || ALL.equals(status)) {
      return migs.list(null);
    }
    try {
      return migs.list(MigStatus.valueOf(status));
    } catch (IllegalArgumentException unknown) {
      throw InvalidInputException.of("status", "must be one of " + Arrays.toString(MigStatus.values()) + " or " + ALL
          + ", got '" + status + "'");
    }
  }

  /** The ids of the MIGs whose organizers on record include this email address (any case). */
  public List<String> idsOrganizedBy(String email) {
    return migs.idsOrganizedBy(email);
  }

  /** Whether this email address (any case) is among the MIG's organizers on record. */
  public boolean organizes(String email, String migId) {
    return email != null && migId != null && migs.idsOrganizedBy(email).contains(migId);
  }

  /** The longest postal address kept, as for a petition's organizers. */
  public static final int MAX_ADDRESS = 1000;

  /**
   * An organizer corrects their own postal address: the organizer row of this MIG whose email is
   * {@code email} (any case), and no other. The address is checked as a petition's organizer's
   * address is (required, at most {@value #MAX_ADDRESS} characters, text a person could type);
   * nothing is stored when it is refused.
   *
   * @return the organizer as now on record
   * @throws InvalidInputException naming the field {@code address}
   * @throws NotFoundException when the address is none of the MIG's organizers
   */
  @Transactional
  public Organizer correctOrganizerAddress(String migId, String email, String address) {
    List<FieldProblem> errors = new ArrayList<>();
    Fields.longText(errors, "address", address, MAX_ADDRESS);
    if (!errors.isEmpty()) {
      throw InvalidInputException.of(errors);
    }
    if (email == null || email.isBlank() || migs.updateOrganizerAddress(migId, email, address.strip()) == 0) {
      throw new NotFoundException("'" + email + "' is not an organizer of MIG '" + migId + "' on record");
    }
    return migs.organizers(migId).stream().filter(o -> o.email() != null && o.email().equalsIgnoreCase(email.strip()))
        .findFirst().orElseThrow();
  }
}
