package org.ala.mig.registry;

import org.ala.mig.web.ApiExceptionHandler;
import org.springframework.http.HttpStatus;

/**
 * What the architecture rules must refuse (ArchitectureTest): a registry class that uses the web
 * layer and its HTTP statuses. It lives in the test tree only, so the application never has it.
 */
public final class UpwardArrowFixture {

  private UpwardArrowFixture() {}

  public static int statusOf(RuntimeException e) {
    return e instanceof IllegalStateException ? HttpStatus.CONFLICT.value()
        : ApiExceptionHandler.statusOf(new org.ala.mig.common.NotFoundException(e.getMessage())).value();
  }
}
