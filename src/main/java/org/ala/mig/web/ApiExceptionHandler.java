package org.ala.mig.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ala.mig.common.AccessDeniedException;
import org.ala.mig.common.ConflictException;
import org.ala.mig.common.DomainException;
import org.ala.mig.common.FieldProblem;
import org.ala.mig.common.InvalidInputException;
import org.ala.mig.common.NotFoundException;
import org.ala.mig.common.NotSignedInException;
import org.ala.mig.common.TooManyAttemptsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * The JSON error bodies of {@code /api}, for the services' {@link DomainException}s and Spring's
 * own refusals: {@code {status, error, message, errors:[{field, message}]}}.
 * No stack trace ever reaches a client; an unexpected failure is logged with an id the client sees.
 */
@RestControllerAdvice(basePackages = "org.ala.mig")
public class ApiExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

  @ExceptionHandler(DomainException.class)
  ResponseEntity<Map<String, Object>> domain(DomainException e) {
    ResponseEntity<Map<String, Object>> answer = body(statusOf(e), e.getMessage(), e.errors());
    if (e instanceof TooManyAttemptsException tooMany) {
      return ResponseEntity.status(answer.getStatusCode())
          .header(HttpHeaders.RETRY_AFTER, String.valueOf(tooMany.secondsToWait())).body(answer.getBody());
    }
    return answer;
  }

  /**
   * The status each kind of refusal is answered with: 400 invalid input, 401 not signed in, 403
   * not allowed, 404 not found, 409 a conflicting state, 429 too many failed attempts (sign-ins).
   * The pages answer with the same.
   */
  public static HttpStatus statusOf(DomainException e) {
    if (e instanceof InvalidInputException) {
      return HttpStatus.BAD_REQUEST;
    } else if (e instanceof NotSignedInException) {
      return HttpStatus.UNAUTHORIZED;
    } else if (e instanceof AccessDeniedException) {
      return HttpStatus.FORBIDDEN;
    } else if (e instanceof NotFoundException) {
      return HttpStatus.NOT_FOUND;
    } else if (e instanceof ConflictException) {
      return HttpStatus.CONFLICT;
    } else if (e instanceof TooManyAttemptsException) {
      return HttpStatus.TOO_MANY_REQUESTS;
    }
    throw new IllegalStateException("No status for " + e.getClass().getName());
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<Map<String, Object>> unreadable(HttpMessageNotReadableException e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof ApiBodyCheck.TooLargeException tooLarge) {
        return body(HttpStatus.PAYLOAD_TOO_LARGE, tooLarge.getMessage(), List.of());
      }
    }
    return body(HttpStatus.BAD_REQUEST, "The request body is not valid JSON of the expected shape",
        List.of(JsonProblems.describe(e)));
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ResponseEntity<Map<String, Object>> typeMismatch(MethodArgumentTypeMismatchException e) {
    return body(HttpStatus.BAD_REQUEST, "A parameter has the wrong type",
        List.of(new FieldProblem(e.getName(), "not a valid value: " + e.getValue())));
  }

  @ExceptionHandler(MissingServletRequestParameterException.class)
  ResponseEntity<Map<String, Object>> missing(MissingServletRequestParameterException e) {
    return body(HttpStatus.BAD_REQUEST, "A parameter is missing",
        List.of(new FieldProblem(e.getParameterName(), "required")));
  }

  @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
  ResponseEntity<Map<String, Object>> mediaType(HttpMediaTypeNotSupportedException e) {
    return body(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Content type " + e.getContentType()
        + " is not accepted here; use " + e.getSupportedMediaTypes(), List.of());
  }

  @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
  ResponseEntity<Map<String, Object>> method(HttpRequestMethodNotSupportedException e) {
    return body(HttpStatus.METHOD_NOT_ALLOWED, "Method " + e.getMethod() + " is not allowed here", List.of());
  }

  @ExceptionHandler(NoResourceFoundException.class)
  ResponseEntity<Map<String, Object>> noResource(NoResourceFoundException e) {
    return body(HttpStatus.NOT_FOUND, "No such resource: /" + e.getResourcePath(), List.of());
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<Map<String, Object>> unexpected(Exception e) {
    String incident = java.util.UUID.randomUUID().toString().substring(0, 8);
    log.error("Unexpected API failure (incident {})", incident, e);
    return body(HttpStatus.INTERNAL_SERVER_ERROR,
        "Internal error (incident " + incident + "); the operators can find it in the log", List.of());
  }

  static ResponseEntity<Map<String, Object>> body(HttpStatus status, String message, List<FieldProblem> errors) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", status.value());
    body.put("error", status.getReasonPhrase());
    body.put("message", message);
    if (!errors.isEmpty()) {
      body.put("errors", errors);
    }
    return ResponseEntity.status(status).body(body);
  }
}
