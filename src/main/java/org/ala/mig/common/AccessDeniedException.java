package org.ala.mig.common;

/** The caller is signed in, but may not do this; the message says what they lack. */
public final class AccessDeniedException extends DomainException {

  public AccessDeniedException(String message) {
    super(message);
  }
}
