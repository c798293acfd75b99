package org.ala.mig.common;

import java.util.List;

/**
 * A refusal that the application's rules make, in the words a caller should read. Services throw
 * one of its kinds; the web layer alone decides how each kind is answered (the HTTP status).
 */
public abstract sealed class DomainException extends RuntimeException
    permits InvalidInputException, NotFoundException, ConflictException, NotSignedInException, AccessDeniedException,
        TooManyAttemptsException {

  protected DomainException(String message) {
    super(message);
  }

  /** The fields in error, when the refusal is about input; empty otherwise. */
  public List<FieldProblem> errors() {
    return List.of();
  }
}
