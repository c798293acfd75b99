package org.ala.mig.security;

import org.springframework.security.core.AuthenticationException;

/** A sign-in refused unread because the user or the address waits after failed attempts (429). */
class SignInDelayedException extends AuthenticationException {

  private final long secondsToWait;

  SignInDelayedException(String message, long secondsToWait) {
    super(message);
    this.secondsToWait = secondsToWait;
  }

  long secondsToWait() {
    return secondsToWait;
  }
}
