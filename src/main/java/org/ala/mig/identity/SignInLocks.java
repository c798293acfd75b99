package org.ala.mig.identity;

import java.util.List;
import org.ala.mig.common.InvalidInputException;
import org.ala.mig.common.NotFoundException;
import org.ala.mig.identity.SignInThrottle.Delay;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.stereotype.Service;

/**
 * What the administrators see of failed sign-ins and how they let a user in again at once: the
 * waits of {@link SignInThrottle}, and the engine's own lock of a user (which the engine settings
 * of application.yaml keep from ever being set, but a database from an older version may hold).
 */
@Service
public class SignInLocks {

  /** The users and the sources that must wait now. */
  public record Overview(List<Delay> users, List<Delay> sources) {}

  /** What unlocking a user did: {@code throttleCleared} when the user had failures counted. */
  public record Unlocked(String userId, boolean throttleCleared) {}

  private final SignInThrottle throttle;
  private final IdentityService identity;

  public SignInLocks(SignInThrottle throttle, IdentityService identity) {
    this.throttle = throttle;
    this.identity = identity;
  }

  public Overview overview() {
    return new Overview(throttle.delayedUsers(), throttle.delayedSources());
  }

  /**
   * Lets {@code userId} sign in again at once: forgets the user's failed sign-ins and lifts the
   * engine's lock. The engine checks that the caller is an administrator ({@code unlockUser}).
   */
  public Unlocked unlock(String userId) {
    if (userId == null || userId.isBlank()) {
      throw InvalidInputException.of("userId", "required: the id of an engine user");
    }
    if (identity.createUserQuery().userId(userId).count() == 0) {
      throw new NotFoundException(userId.length() <= 64 ? "No user '" + userId + "'" : "No such user");
    }
    boolean cleared = throttle.clearUser(userId);
    identity.unlockUser(userId);
    return new Unlocked(userId, cleared);
  }
}
