package org.ala.mig.common;

/** The request does not fit the current state; the message says why. */
public final class ConflictException extends DomainException {

  public ConflictException(String message) {
    super(message);
  }
}
