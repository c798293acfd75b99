package org.ala.mig.reporting;

/**
 * A COO report to Council cannot be compiled yet: steps of the MIG lifecycles that fall in its
 * period have not run. The compile step fails with it and is tried again (its retry cycle); the
 * simulation's settle runs it again as soon as nothing else is due.
 */
public class RegistryNotCaughtUpException extends RuntimeException {

  public RegistryNotCaughtUpException(String message) {
    super(message);
  }
}
