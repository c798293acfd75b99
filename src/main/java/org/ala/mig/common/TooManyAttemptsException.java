package org.ala.mig.common;

/**
 * Too many failed attempts in a short time (sign-ins): the caller must wait {@link #secondsToWait()}
 * before the next one is even looked at. Nothing was checked or done.
 */
public final class TooManyAttemptsException extends DomainException {

  private final long secondsToWait;

  public TooManyAttemptsException(String message, long secondsToWait) {
    super(message);
    if (secondsToWait < 1) {
      throw new IllegalArgumentException("secondsToWait must be at least 1, got " + secondsToWait);
    }
    this.secondsToWait = secondsToWait;
  }

  /** Whole seconds to wait, at least 1: the value of an HTTP {@code Retry-After} header. */
  public long secondsToWait() {
    return secondsToWait;
  }
}
