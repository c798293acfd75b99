package org.ala.mig.identity;

import java.util.function.Supplier;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;

/**
 * Runs engine calls as the application itself rather than as the signed-in user. The API checks
 * the caller's group first; the engine step (starting a petition, correlating a report) must
 * then not need engine permissions the groups deliberately lack, or users could bypass the API's
 * validation through /engine-rest.
 */
public final class SystemAuthentication {

  private SystemAuthentication() {}

  public static <T> T run(IdentityService identity, Supplier<T> work) {
    Authentication caller = identity.getCurrentAuthentication();
    identity.clearAuthentication();
    try {
      return work.get();
    } finally {
      if (caller != null) {
        identity.setAuthentication(caller);
      }
    }
  }
}
