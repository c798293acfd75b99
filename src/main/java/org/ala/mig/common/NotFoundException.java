package org.ala.mig.common;

/** Something asked for does not exist. */
public final class NotFoundException extends DomainException {

  public NotFoundException(String message) {
    super(message);
  }
}
