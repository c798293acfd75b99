package org.ala.mig.verification;

import java.util.AbstractList;
import java.util.RandomAccess;

/**
 * The checks of one verification, held as the petition's signatures and two arrays (a status and
 * a reason per signature), each {@link SignatureCheck} made when it is read. Unmodifiable.
 *
 * <p>A list of one record per signature made a large petition cost more per signature than a
 * small one (benchmark B2: 1,000,000 signatures took up to 20 times as long as 100,000): every
 * record of the growing list was copied by the collector, again and again, while the verification
 * ran. Three arrays of the petition's size are made once and never copied.
 */
final class CheckList extends AbstractList<SignatureCheck> implements RandomAccess {

  private static final SignatureStatus[] STATUSES = SignatureStatus.values();

  private final Signature[] signatures;
  private final byte[] statuses;
  private final String[] reasons;
  private final int validCount;

  CheckList(Signature[] signatures, byte[] statuses, String[] reasons, int validCount) {
    this.signatures = signatures;
    this.statuses = statuses;
    this.reasons = reasons;
    this.validCount = validCount;
  }

  @Override
  public SignatureCheck get(int index) {
    Signature signature = signatures[index];
    return new SignatureCheck(index, signature.memberId(), signature.name(), STATUSES[statuses[index]], reasons[index]);
  }

  @Override
  public int size() {
    return signatures.length;
  }

  /** How many of the checks are {@link SignatureStatus#VALID}. */
  int validCount() {
    return validCount;
  }
}
