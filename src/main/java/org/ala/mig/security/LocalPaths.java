package org.ala.mig.security;

/** Where a sign-in may send the browser on to: only a path of this application, never another site. */
public final class LocalPaths {

  /** The page after a staff sign-in when none (or no safe one) was asked for. */
  public static final String DEFAULT_NEXT = "/registry";
  static final int MAX_LENGTH = 2000;

  private LocalPaths() {}

  /** {@code next} when it is a path of this application in printable ASCII, as a browser sends it; otherwise the registry. */
  public static String safeNext(String next) {
    if (next == null || !next.startsWith("/") || next.startsWith("//") || next.contains("\\")
        || next.startsWith("/login") || next.length() > MAX_LENGTH || !next.chars().allMatch(c -> c > 0x20 && c < 0x7F)) {
      return DEFAULT_NEXT;
    }
    return next;
  }
}
