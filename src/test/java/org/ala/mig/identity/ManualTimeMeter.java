package org.ala.mig.identity;

import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** A time meter for tests: stands still until a test moves it. */
public final class ManualTimeMeter implements TimeMeter {

  private final AtomicLong nanos = new AtomicLong(Duration.ofDays(20_000).toNanos());

  @Override
  public long currentTimeNanos() {
    return nanos.get();
  }

  @Override
  public boolean isWallClockBased() {
    return false;
  }

  public void advance(Duration by) {
    nanos.addAndGet(by.toNanos());
  }
}
