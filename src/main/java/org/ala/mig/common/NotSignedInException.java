package org.ala.mig.common;

/** The caller must sign in first. */
public final class NotSignedInException extends DomainException {

  public NotSignedInException() {
    super("Sign in first");
  }
}
