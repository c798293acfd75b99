package org.ala.mig.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * The API's errors that arise before any controller is chosen, which {@link ApiExceptionHandler}
 * (bound to this application's controllers) never sees: a content type no {@code /api} call takes
 * (415), a method it does not have (405), a path that does not exist (404), an answer type it
 * cannot give (406). Under {@code /api} they get the same JSON body with a message; elsewhere
 * Spring's own error page answers as before.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class ApiFallbackHandler {

  @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
  ResponseEntity<Map<String, Object>> mediaType(HttpMediaTypeNotSupportedException e, HttpServletRequest request)
      throws HttpMediaTypeNotSupportedException {
    apiOnly(e, request);
    return ApiExceptionHandler.body(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Content type "
        + (e.getContentType() == null ? "(none)" : e.getContentType()) + " is not accepted here; send "
        + e.getSupportedMediaTypes(), List.of());
  }

  @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
  ResponseEntity<Map<String, Object>> method(HttpRequestMethodNotSupportedException e, HttpServletRequest request)
      throws HttpRequestMethodNotSupportedException {
    apiOnly(e, request);
    return ApiExceptionHandler.body(HttpStatus.METHOD_NOT_ALLOWED, "Method " + e.getMethod() + " is not allowed here"
        + (e.getSupportedMethods() == null ? "" : "; use " + String.join(" or ", e.getSupportedMethods())), List.of());
  }

  @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
  ResponseEntity<Map<String, Object>> notAcceptable(HttpMediaTypeNotAcceptableException e, HttpServletRequest request)
      throws HttpMediaTypeNotAcceptableException {
    apiOnly(e, request);
    return ApiExceptionHandler.body(HttpStatus.NOT_ACCEPTABLE, "This call answers only " + e.getSupportedMediaTypes(),
        List.of());
  }

  @ExceptionHandler(NoResourceFoundException.class)
  ResponseEntity<Map<String, Object>> noResource(NoResourceFoundException e, HttpServletRequest request)
      throws NoResourceFoundException {
    apiOnly(e, request);
    return ApiExceptionHandler.body(HttpStatus.NOT_FOUND, "No such resource: /" + e.getResourcePath(), List.of());
  }

  /** Gives anything outside /api back to Spring's default handling (rethrown as it is). */
  private static <E extends Exception> void apiOnly(E e, HttpServletRequest request) throws E {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    if (!path.startsWith("/api/")) {
      throw e;
    }
  }
}
