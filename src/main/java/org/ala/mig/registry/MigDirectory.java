package org.ala.mig.registry;

import java.util.List;
import java.util.Optional;
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
}
