package org.ala.mig;

import org.ala.mig.StartupChecks.StartupRefusedException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Prints the reason a configuration was refused as one line, without a stack trace. */
class StartupRefusedAnalyzer extends AbstractFailureAnalyzer<StartupRefusedException> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, StartupRefusedException cause) {
    return new FailureAnalysis(
        cause.getMessage(),
        "Set the missing values (see the README, section Configuration) and start again.",
        cause);
  }
}
