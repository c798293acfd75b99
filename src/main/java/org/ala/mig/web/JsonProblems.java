package org.ala.mig.web;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.Objects;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.ala.mig.common.FieldProblem;
import org.springframework.http.converter.HttpMessageNotReadableException;

/**
 * Says in one sentence, without internals, why a JSON body could not be read, naming the field
 * (its JSON path, e.g. {@code organizers[1].email}) where there is one, else {@code body}: a value
 * of the wrong type, a field named twice or not known, bytes that are not UTF-8, a body nested too
 * deeply or with a value too long, malformed or truncated JSON, text after the JSON value.
 */
final class JsonProblems {

  /** Jackson's "Cannot coerce String value ("abc") to ...": the kind of value and the value. */
  private static final Pattern COERCION = Pattern.compile("^Cannot coerce (\\w+)(?: value)? \\((.*?)\\) to");

  private JsonProblems() {}

  static FieldProblem describe(HttpMessageNotReadableException e) {
    JsonMappingException mapping = find(e, JsonMappingException.class);
    String path = mapping != null ? path(mapping) : null;

    StreamConstraintsException limit = find(e, StreamConstraintsException.class);
    if (limit != null) {
      String message = String.valueOf(limit.getOriginalMessage());
      String what = message.contains("nesting depth") ? "nested too deeply (at most 1000 levels of arrays and objects)"
          : message.contains("String value length") ? "a text value is too long (at most 20,000,000 characters)"
          : message.contains("Number value length") ? "a number has too many digits"
          : "too large to read";
      return new FieldProblem(orBody(path != null ? path : parserPath(limit)), what);
    }
    JsonParseException parse = find(e, JsonParseException.class);
    if (parse != null) {
      return parseProblem(parse, path);
    }
    if (mapping instanceof UnrecognizedPropertyException unknown) {
      return new FieldProblem(orBody(path), "unknown field; the fields are " + known(unknown.getKnownPropertyIds()));
    }
    if (mapping instanceof InvalidFormatException format) {
      return new FieldProblem(orBody(path), invalidValue(format));
    }
    if (mapping instanceof MismatchedInputException mismatched) {
      String message = String.valueOf(mismatched.getOriginalMessage());
      if (message.startsWith("Trailing token")) {
        return new FieldProblem("body", "text after the end of the JSON value");
      }
      if (path == null || path.isEmpty()) {
        return new FieldProblem("body", mismatched.getTargetType() != null && !isScalar(mismatched.getTargetType())
            ? "expected a JSON object {...}" : "not the expected JSON value");
      }
      Matcher coercion = COERCION.matcher(message);
      if (coercion.find() && mismatched.getTargetType() != null) {
        // text for a number, or a number for text: never converted (spring.jackson.mapper.allow-coercion-of-scalars)
        String kind = coercion.group(1).equals("String") ? "the text " : coercion.group(1).equals("Boolean") ? "" : "the number ";
        return new FieldProblem(path, "expected " + typeName(mismatched.getTargetType()) + ", got " + kind
            + coercion.group(2));
      }
      return new FieldProblem(path, mismatched.getTargetType() != null
          ? "expected " + typeName(mismatched.getTargetType()) : "has the wrong type");
    }
    if (mapping != null && path != null && !path.isEmpty()) {
      return new FieldProblem(path, "has the wrong type");
    }
    JsonProcessingException processing = find(e, JsonProcessingException.class);
    if (processing != null && processing.getLocation() != null) {
      return new FieldProblem("body", "malformed JSON at line " + processing.getLocation().getLineNr()
          + ", column " + processing.getLocation().getColumnNr());
    }
    return new FieldProblem("body", "missing or unreadable body");
  }

  private static FieldProblem parseProblem(JsonParseException parse, String mappedPath) {
    String message = String.valueOf(parse.getOriginalMessage());
    String path = orBody(mappedPath != null && !mappedPath.isEmpty() ? mappedPath : parserPath(parse));
    if (message.startsWith("Duplicate field")) {
      // the parser stands on the field named twice
      return new FieldProblem(path, "appears twice in the same object; give each field once");
    }
    if (message.contains("Invalid UTF-8") || message.contains("Invalid UTF-32") || message.contains("surrogate")) {
      return new FieldProblem(path, "not valid UTF-8 text: send the body encoded as UTF-8");
    }
    String where = parse.getLocation() == null ? ""
        : " at line " + parse.getLocation().getLineNr() + ", column " + parse.getLocation().getColumnNr();
    if (parse instanceof JsonEOFException) {
      return new FieldProblem("body", "malformed JSON" + where + ": the body ends before the JSON value does");
    }
    String reason = message.lines().findFirst().orElse("").replaceAll("\\s+", " ");
    if (reason.length() > 160) {
      reason = reason.substring(0, 157) + "...";
    }
    return new FieldProblem("body", "malformed JSON" + where + (reason.isEmpty() ? "" : ": " + reason));
  }

  private static String invalidValue(InvalidFormatException format) {
    Class<?> type = format.getTargetType();
    Object value = format.getValue();
    if (type == String.class) {
      return "expected String, got " + (value instanceof Boolean ? "true or false" : "a number") + " (" + value + ")";
    }
    if (type == LocalDate.class) {
      return "'" + value + "' is not a valid date (use YYYY-MM-DD)";
    }
    if (type == Instant.class) {
      return "'" + value + "' is not a valid instant (use 2029-08-02T05:00:00Z)";
    }
    return "'" + value + "' is not a valid " + typeName(type);
  }

  private static String typeName(Class<?> type) {
    if (type == LocalDate.class) {
      return "a date as text (YYYY-MM-DD)";
    }
    if (Collection.class.isAssignableFrom(type) || type.isArray()) {
      return "a list [...]";
    }
    if (!isScalar(type)) {
      return "an object {...}";
    }
    return type.getSimpleName();
  }

  private static boolean isScalar(Class<?> type) {
    return type.isPrimitive() || type == String.class || Number.class.isAssignableFrom(type) || type == Boolean.class
        || type.isEnum() || type == LocalDate.class || type == Instant.class;
  }

  private static String known(Collection<Object> ids) {
    return ids == null ? "[]" : new TreeSet<>(ids.stream().map(Objects::toString).toList()).toString();
  }

  /** {@code organizers[1].email} from the mapping exception's path. */
  private static String path(JsonMappingException mapping) {
    return mapping.getPath().stream()
        .map(ref -> ref.getFieldName() != null ? "." + ref.getFieldName() : "[" + ref.getIndex() + "]")
        .collect(Collectors.joining()).replaceFirst("^\\.", "");
  }

  /** Where the parser stood when it failed, as a JSON path, or null. */
  private static String parserPath(JsonProcessingException e) {
    if (!(e.getProcessor() instanceof JsonParser parser)) {
      return null;
    }
    StringBuilder path = new StringBuilder();
    Deque<String> parts = new ArrayDeque<>();
    for (JsonStreamContext context = parser.getParsingContext(); context != null && !context.inRoot();
        context = context.getParent()) {
      if (context.inObject() && context.getCurrentName() != null) {
        parts.push("." + context.getCurrentName());
      } else if (context.inArray()) {
        parts.push("[" + Math.max(0, context.getCurrentIndex()) + "]");
      }
    }
    parts.forEach(path::append);
    String text = path.toString().replaceFirst("^\\.", "");
    return text.isEmpty() ? null : text;
  }

  private static String orBody(String path) {
    return path == null || path.isEmpty() ? "body" : path;
  }

  private static <T extends Throwable> T find(Throwable thrown, Class<T> type) {
    for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }
}
