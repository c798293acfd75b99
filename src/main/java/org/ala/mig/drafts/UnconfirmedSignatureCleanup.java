package org.ala.mig.drafts;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Personal data: signatures that were never confirmed (or were withdrawn) are deleted 30 days
 * after they were made ({@link DraftService#NOT_COUNTING_KEPT}), every hour by default.
 */
@Component
class UnconfirmedSignatureCleanup {

  private static final Logger log = LoggerFactory.getLogger(UnconfirmedSignatureCleanup.class);

  private final DraftService drafts;

  UnconfirmedSignatureCleanup(DraftService drafts) {
    this.drafts = drafts;
  }

  @Scheduled(fixedDelayString = "${mig.petition.signature-cleanup-interval:1h}", initialDelayString = "${mig.petition.signature-cleanup-interval:1h}")
  void run() {
    int deleted = drafts.deleteOldUnconfirmedSignatures();
    if (deleted > 0) {
      log.info("Deleted {} petition signatures that were not confirmed within 30 days", deleted);
    }
  }
}
