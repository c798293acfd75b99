package org.ala.mig.registry;

import java.util.List;
import java.util.Optional;
import org.ala.mig.common.InvalidInputException;
import org.ala.mig.common.NotFoundException;
import org.springframework.stereotype.Service;

/** Reading the registry: the MIGs as they are now, for pages and the API. */
@Service
public class MigDirectory {

  private final MigRepository migs;

  public MigDirectory(MigRepository migs) {
    this.migs = migs;
  }

  public Optional<Mig> find(String id) {
    return migs.find(id);
  }

  /** The MIG with this id; {@link NotFoundException} when there is none. */
  public Mig get(String id) {
    return migs.find(id).orElseThrow(() -> new NotFoundException("No MIG with id '" + id + "'"));
  }

  /** The MIGs of one status, or all of them for null. */
  public List<Mig> list(MigStatus status) {
    return migs.list(status);
  }

  /** The word that asks for every MIG, whatever its status, where a status can be named. */
  public static final String ALL = "ALL";

  /**
   * The MIGs of the status a caller named: every MIG for {@value #ALL}; refused naming the
   * statuses when the word is none of them.
   */
  public List<Mig> listNamed(String status) {
    return ALL.equals(status) ? migs.list(null)
        : migs.list(InvalidInputException.enumValue("status", status, MigStatus.class));
  }
}
