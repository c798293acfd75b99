package org.ala.mig.common;

import java.util.Arrays;
import java.util.List;

/** Input that breaks a rule: every field in error with its problem; nothing was stored. */
public final class InvalidInputException extends DomainException {

  private final transient List<FieldProblem> errors;

  public InvalidInputException(List<FieldProblem> errors) {
    super(errors.size() == 1 ? "1 field is invalid" : errors.size() + " fields are invalid");
    this.errors = List.copyOf(errors);
  }

  public static InvalidInputException of(List<FieldProblem> errors) {
    return new InvalidInputException(errors);
  }

  public static InvalidInputException of(String field, String message) {
    return new InvalidInputException(List.of(new FieldProblem(field, message)));
  }

  /** An optional enum value: null when absent, refused naming the allowed values when unknown. */
  public static <E extends Enum<E>> E enumValue(String field, String value, Class<E> type) {
    if (value == null) {
      return null;
    }
    try {
      return Enum.valueOf(type, value);
    } catch (IllegalArgumentException e) {
      throw of(field, "must be one of " + Arrays.toString(type.getEnumConstants()) + ", got '" + value + "'");
    }
  }

  @Override
  public List<FieldProblem> errors() {
    return errors;
  }
}
