package org.ala.mig.web;

import java.util.List;
import java.util.stream.Collectors;
import org.ala.mig.identity.Caller;
import org.ala.mig.identity.MigGroup;
import org.springframework.http.HttpStatus;

/**
 * An API error with the status the contract gives it: 400 with the fields in error, 401, 403,
 * 404 for a missing resource and 409 for a conflicting state. {@link ApiExceptionHandler} turns
 * it into a JSON body.
 */
public class ApiException extends RuntimeException {

  private final HttpStatus status;
  private final transient List<FieldProblem> errors;

  public ApiException(HttpStatus status, String message, List<FieldProblem> errors) {
    super(message);
    this.status = status;
    this.errors = List.copyOf(errors);
  }

  public HttpStatus status() {
    return status;
  }

  public List<FieldProblem> errors() {
    return errors;
  }

  public static ApiException invalid(List<FieldProblem> errors) {
    return new ApiException(HttpStatus.BAD_REQUEST,
        errors.size() == 1 ? "1 field is invalid" : errors.size() + " fields are invalid", errors);
  }

  public static ApiException invalid(String field, String message) {
    return invalid(List.of(new FieldProblem(field, message)));
  }

  /** An optional enum query parameter: null when absent, 400 naming the allowed values when unknown. */
  public static <E extends Enum<E>> E enumParameter(String field, String value, Class<E> type) {
    if (value == null) {
      return null;
    }
    try {
      return Enum.valueOf(type, value);
    } catch (IllegalArgumentException e) {
      throw invalid(field, "must be one of " + java.util.Arrays.toString(type.getEnumConstants()) + ", got '" + value + "'");
    }
  }

  public static ApiException notFound(String message) {
    return new ApiException(HttpStatus.NOT_FOUND, message, List.of());
  }

  public static ApiException conflict(String message) {
    return new ApiException(HttpStatus.CONFLICT, message, List.of());
  }

  public static ApiException unauthorized() {
    return new ApiException(HttpStatus.UNAUTHORIZED, "Sign in first", List.of());
  }

  public static ApiException forbidden(Caller caller, List<MigGroup> needed) {
    return new ApiException(HttpStatus.FORBIDDEN,
        "User '" + caller.userId() + "' is not a member of "
            + needed.stream().map(MigGroup::id).collect(Collectors.joining(" or ")),
        List.of());
  }

  /** One field in error: its JSON path ({@code organizers[1].address}) and what is wrong. */
  public record FieldProblem(String field, String message) {}
}
