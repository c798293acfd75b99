package org.ala.mig.roster;

/** The uploaded file is not a member roster CSV at all, so none of it is used. */
public class InvalidRosterFileException extends RuntimeException {

  public InvalidRosterFileException(String message) {
    super(message);
  }
}
