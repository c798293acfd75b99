package org.ala.mig.registry;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The MIGs one transaction has read, so that it reads each at most once until it changes one.
 *
 * <p>A step of the lifecycle reads its MIG several times in one transaction: the delegate, the
 * deadline calendar, the mail it writes and the task it creates each ask for it. Benchmark B1
 * counted 83 reads of {@code mig} and 81 of {@code mig_organizer} per lifecycle, the application's
 * most frequent statements. This cache lives exactly as long as the transaction (bound to it like
 * its connection) and is never shared between transactions, so no other transaction's reads or
 * writes can go stale in it.
 *
 * <p>Every write to {@code mig} or {@code mig_organizer} forgets what the transaction has read
 * ({@link #forget()}), and so does {@link MigRepository#lock}: after taking the row's lock a
 * transaction reads what others committed before it, as it must. Outside a transaction nothing is
 * cached. The values are immutable records, safe to hand out more than once.
 */
final class MigReadCache {

  /** The key the transaction's map is bound under. */
  private static final Object KEY = new Object() {
    @Override
    public String toString() {
      return "MigReadCache";
    }
  };

  private MigReadCache() {}

  /** The MIG as this transaction last read it, reading it with {@code read} the first time. */
  static Optional<Mig> find(String id, Function<String, Optional<Mig>> read) {
    Map<String, Optional<Mig>> cache = current(true);
    if (cache == null) {
      return read.apply(id);
    }
    Optional<Mig> cached = cache.get(id);
    if (cached == null) {
      cached = read.apply(id);
      cache.put(id, cached);
    }
    return cached;
  }

  /** Forgets every MIG this transaction has read: called by each write to mig or mig_organizer. */
  static void forget() {
    Map<String, Optional<Mig>> cache = current(false);
    if (cache != null) {
      cache.clear();
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Optional<Mig>> current(boolean create) {
    if (!TransactionSynchronizationManager.isSynchronizationActive()
        || !TransactionSynchronizationManager.isActualTransactionActive()) {
      return null;
    }
    Map<String, Optional<Mig>> cache = (Map<String, Optional<Mig>>) TransactionSynchronizationManager.getResource(KEY);
    if (cache == null && create) {
      Map<String, Optional<Mig>> fresh = new HashMap<>();
      TransactionSynchronizationManager.bindResource(KEY, fresh);
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void suspend() {
          TransactionSynchronizationManager.unbindResource(KEY);
        }

        @Override
        public void resume() {
          TransactionSynchronizationManager.bindResource(KEY, fresh);
        }

        @Override
        public void afterCompletion(int status) {
          TransactionSynchronizationManager.unbindResourceIfPossible(KEY);
        }
      });
      cache = fresh;
    }
    return cache;
  }
}
