package org.ala.mig.security;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * A refused sign-in shown on the sign-in page: the request is forwarded to {@code /login} with
 * its status, the field at fault and the sentence that says why; the page shows them beside the field.
 */
public final class LoginProblems {

  public static final String STATUS = "mig.login.status";
  public static final String FIELD = "mig.login.field";
  public static final String MESSAGE = "mig.login.message";

  private LoginProblems() {}

  static void show(HttpServletRequest request, HttpServletResponse response, int status, String field, String message)
      throws IOException {
    request.setAttribute(STATUS, status);
    request.setAttribute(FIELD, field);
    request.setAttribute(MESSAGE, message);
    response.setStatus(status);
    try {
      request.getRequestDispatcher("/login").forward(request, response);
    } catch (ServletException e) {
      throw new IOException(e);
    }
  }
}
