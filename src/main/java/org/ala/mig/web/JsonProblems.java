package org.ala.mig.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.util.stream.Collectors;
import org.ala.mig.web.ApiException.FieldProblem;
import org.springframework.http.converter.HttpMessageNotReadableException;

/**
 * Says in one sentence, without internals, why a JSON body could not be read, naming the field
 * (its JSON path, e.g. {@code organizers[1].email}) when the body was JSON but a value had the
 * wrong type, else {@code body}.
 */
final class JsonProblems {

  private JsonProblems() {}

  static FieldProblem describe(HttpMessageNotReadableException e) {
    Throwable cause = e.getMostSpecificCause();
    for (Throwable t = e.getCause(); t != null && t != t.getCause(); t = t.getCause()) {
      if (t instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
        cause = t;
        break;
      }
    }
    if (cause instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
      String path = mapping.getPath().stream()
          .map(ref -> ref.getFieldName() != null ? "." + ref.getFieldName() : "[" + ref.getIndex() + "]")
          .collect(Collectors.joining()).replaceFirst("^\\.", "");
      if (cause instanceof InvalidFormatException format) {
        Class<?> type = format.getTargetType();
        String expected = type == java.time.LocalDate.class ? "date (use YYYY-MM-DD)"
            : type == java.time.Instant.class ? "instant (use 2029-08-02T05:00:00Z)" : type.getSimpleName();
        return new FieldProblem(path, "'" + format.getValue() + "' is not a valid " + expected);
      }
      if (cause instanceof MismatchedInputException mismatched && mismatched.getTargetType() != null) {
        return new FieldProblem(path, "expected " + mismatched.getTargetType().getSimpleName());
      }
      return new FieldProblem(path, "has the wrong type");
    }
    if (cause instanceof JsonProcessingException processing && processing.getLocation() != null) {
      return new FieldProblem("body", "malformed JSON at line " + processing.getLocation().getLineNr()
          + ", column " + processing.getLocation().getColumnNr());
    }
    return new FieldProblem("body", "missing or unreadable body");
  }
}
