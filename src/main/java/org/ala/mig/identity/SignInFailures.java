package org.ala.mig.identity;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Counts failed sign-ins for the metrics (docs/metrics.md): {@code mig_signin_failures_total}, by
 * the way of signing in and the reason. Every combination is registered at start, so that each
 * series exists (at 0) before the first failure and an alert's {@code increase()} sees the first one.
 */
@Component
public class SignInFailures {

  /** Which door: the sign-in page or HTTP Basic, the Camunda webapps' sign-in, or a link by mail. */
  public enum Method { PASSWORD, WEBAPP, LINK }

  /**
   * Why: wrong credentials (a wrong user or password, a link that is unknown, used or expired),
   * or refused unseen while the user, the address or the source waits after earlier failures.
   */
  public enum Reason { WRONG, THROTTLED }

  static final String NAME = "mig.signin.failures";

  private final Map<Method, Map<Reason, Counter>> counters = new EnumMap<>(Method.class);

  public SignInFailures(MeterRegistry meters) {
    for (Method method : Method.values()) {
      Map<Reason, Counter> byReason = new EnumMap<>(Reason.class);
      for (Reason reason : Reason.values()) {
        byReason.put(reason, Counter.builder(NAME)
            .description("Failed sign-ins, by way of signing in and reason")
            .tag("method", method.name().toLowerCase(Locale.ROOT))
            .tag("reason", reason.name().toLowerCase(Locale.ROOT))
            .register(meters));
      }
      counters.put(method, byReason);
    }
  }

  public void failed(Method method, Reason reason) {
    counters.get(method).get(reason).increment();
  }
}
