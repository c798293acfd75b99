package org.ala.mig.web.api;

import org.ala.mig.identity.MigGroup;
import org.ala.mig.identity.RequiresGroup;
import org.ala.mig.identity.SignInLocks;
import org.ala.mig.identity.SignInLocks.Overview;
import org.ala.mig.identity.SignInLocks.Unlocked;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The administrators' view of the sign-in throttle: GET who must wait now, DELETE a user's
 * failures (and the engine's lock of the user) so that they can sign in again at once.
 */
@RestController
@RequiresGroup(MigGroup.CAMUNDA_ADMIN)
class SignInThrottleController {

  private final SignInLocks locks;

  SignInThrottleController(SignInLocks locks) {
    this.locks = locks;
  }

  @GetMapping("/api/admin/sign-in-throttle")
  Overview delayed() {
    return locks.overview();
  }

  @DeleteMapping("/api/admin/sign-in-throttle/{userId}")
  Unlocked unlock(@PathVariable String userId) {
    return locks.unlock(userId);
  }
}
