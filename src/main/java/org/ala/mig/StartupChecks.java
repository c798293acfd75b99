package org.ala.mig;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Refuses to start a configuration that must never run: {@code prod} without an administrator
 * password or a real SMTP server, or {@code prod} combined with demo data or the simulation
 * clock. It runs before any bean is created, so nothing is touched.
 */
public class StartupChecks implements EnvironmentPostProcessor, Ordered {

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
    Set<String> active = Set.of(env.getActiveProfiles());
    List<String> problems = new ArrayList<>();
    if (active.contains("prod")) {
      String password = env.getProperty("mig.admin-password", "");
      if (password.isBlank()) {
        problems.add("MIG_ADMIN_PASSWORD is not set (the prod profile needs the administrator's password)");
      } else {
        String weakness = weakness(password);
        if (weakness != null) {
          problems.add("MIG_ADMIN_PASSWORD is too weak: " + weakness);
        }
      }
      if (env.getProperty("spring.mail.host", "").isBlank()) {
        problems.add("spring.mail.host is not set (the prod profile needs a real SMTP server: SPRING_MAIL_HOST)");
      }
      for (String forbidden : List.of("demo", "simulation")) {
        if (active.contains(forbidden)) {
          problems.add("the prod profile cannot be combined with the " + forbidden + " profile");
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new StartupRefusedException(
          "MIG Lifecycle refuses to start with profiles " + Arrays.toString(env.getActiveProfiles())
              + ": " + String.join("; ", problems));
    }
  }

  /** The shortest administrator password that {@code prod} accepts. */
  public static final int MIN_ADMIN_PASSWORD_LENGTH = 12;

  /** Words that make a password guessable: the demo's, Camunda's and the usual defaults. */
  static final List<String> DEFAULT_WORDS = List.of("demo", "admin", "password", "camunda", "changeme");

  /**
   * Why the {@code prod} administrator password is too weak, or null when it is not: it needs at
   * least {@value #MIN_ADMIN_PASSWORD_LENGTH} characters, at least 6 different ones, and none of
   * {@link #DEFAULT_WORDS} in it (in any case).
   */
  public static String weakness(String password) {
    if (password.length() < MIN_ADMIN_PASSWORD_LENGTH) {
      return "it has " + password.length() + " characters, at least " + MIN_ADMIN_PASSWORD_LENGTH + " are needed";
    }
    if (password.chars().distinct().count() < 6) {
      return "it repeats too few characters (at least 6 different ones are needed)";
    }
    String lower = password.toLowerCase(java.util.Locale.ROOT);
    for (String word : DEFAULT_WORDS) {
      if (lower.contains(word)) {
        return "it contains the default word '" + word + "'";
      }
    }
    return null;
  }

  @Override
  public int getOrder() {
    return Ordered.LOWEST_PRECEDENCE;
  }

  /** A configuration that must not run; reported in one line by {@link StartupRefusedAnalyzer}. */
  public static class StartupRefusedException extends IllegalStateException {
    public StartupRefusedException(String message) {
      super(message);
    }
  }
}
