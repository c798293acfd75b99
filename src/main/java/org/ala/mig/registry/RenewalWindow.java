package org.ala.mig.registry;

import java.time.LocalDate;
import org.ala.mig.common.ConflictException;
import org.springframework.stereotype.Component;

/**
 * The renewal window: a re-petition (RENEW) is accepted only from {@code mig.petition.renewal-window}
 * (default P12M) before the term's last day, that day included, so that terms cannot stack. The
 * petition intake and the online drafts both ask here; the dates come from the {@link DeadlineCalendar}.
 */
@Component
public class RenewalWindow {

  private final DeadlineCalendar calendar;

  public RenewalWindow(DeadlineCalendar calendar) {
    this.calendar = calendar;
  }

  /** The first day a re-petition of the MIG is accepted; null when it has no term. */
  public LocalDate opensOn(Mig mig) {
    return mig.termEnd() == null ? null : calendar.renewalWindowOpens(mig.termEnd());
  }

  /** Whether a re-petition of the MIG is accepted today (a MIG without a term has no window to wait for). */
  public boolean isOpen(Mig mig) {
    return mig.termEnd() == null || calendar.renewalWindowOpen(mig.termEnd());
  }

  /**
   * @throws ConflictException (409) before the window opens, naming the day it opens (ISO date)
   */
  public void requireOpen(Mig mig) {
    if (!isOpen(mig)) {
      throw new ConflictException("Too early to renew MIG '" + mig.id() + "': its renewal window opens on "
          + opensOn(mig) + " (" + calendar.renewalWindow() + " before the term's last day, " + mig.termEnd()
          + "); a re-petition is accepted from that day");
    }
  }
}
