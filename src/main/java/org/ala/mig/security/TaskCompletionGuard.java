package org.ala.mig.security;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.ala.mig.common.TaskOutputs;
import org.ala.mig.common.TextRules;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Looks at the variables a user task is completed with, over engine REST and the webapps' own
 * engine API (what Tasklist sends), before the engine sees them. The engine takes much that no
 * form sends and answers some of it with 500 or stores what a database refuses later: a Java
 * serialized object (ENGINE-17007), a file without its details, a structure without a type, text
 * longer than its variable column (4,000 characters), NUL and other control characters, halves of
 * UTF-16 surrogate pairs. Such a completion is refused with 400 naming the variable, in the
 * engine's own error shape {@code {type, message}}. What forms send (text, numbers, true/false,
 * dates, null) passes; the task listeners then check each task's outputs, and their refusals are
 * answered 400 with the field named ({@code TaskOutputRefusalUnwrapping}); on the webapps' API
 * without the words Camunda puts before them, as on engine REST.
 */
public class TaskCompletionGuard extends OncePerRequestFilter {

  private static final Logger log = LoggerFactory.getLogger(TaskCompletionGuard.class);

  /** .../task/{id}/complete, /submit-form or /resolve, on engine REST or on the webapps' engine API. */
  private static final Pattern COMPLETION =
      Pattern.compile("^(/engine-rest|/camunda/api/engine/engine/[^/]+)/task/[^/]+/(complete|submit-form|resolve)$");

  /** The value types a form sends. */
  static final Set<String> TYPES = Set.of("string", "boolean", "integer", "long", "short", "double", "date", "null");

  static final int MAX_BODY = 1024 * 1024;
  static final int MAX_NAME = 255;

  private final ObjectMapper json;

  public TaskCompletionGuard(ObjectMapper json) {
    this.json = json;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    if (!"POST".equals(request.getMethod()) || !COMPLETION.matcher(path).matches()) {
      chain.doFilter(request, response);
      return;
    }
    byte[] body = request.getInputStream().readNBytes(MAX_BODY + 1);
    String problem = body.length > MAX_BODY ? "the body is larger than 1 MB" : problem(body);
    if (problem != null) {
      log.info("Refused a task completion on {}: {}", path, problem);
      response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
      response.setContentType("application/json");
      response.setCharacterEncoding(StandardCharsets.UTF_8.name());
      response.getWriter().write(json.writeValueAsString(Map.of("type", "InvalidRequestException",
          "message", "Cannot complete the task: " + problem)));
      return;
    }
    if (path.startsWith("/engine-rest/")) {
      chain.doFilter(new CachedBodyRequest(request, body), response);   // TaskOutputRefusalMapper answers there
      return;
    }
    // The webapps' engine API (Tasklist) answers a refused output 400, but puts its own words
    // before the refusal: say the refusal alone, as engine REST does
    ContentCachingResponseWrapper answer = new ContentCachingResponseWrapper(response);
    try {
      chain.doFilter(new CachedBodyRequest(request, body), answer);
      String refusal = answer.getStatus() == HttpServletResponse.SC_BAD_REQUEST
          ? refusalIn(answer.getContentAsByteArray(), path.substring(path.indexOf("/task/") + 6, path.lastIndexOf('/')))
          : null;
      if (refusal != null) {
        answer.resetBuffer();
        answer.setContentType("application/json");
        answer.setCharacterEncoding(StandardCharsets.UTF_8.name());
        answer.getWriter().write(json.writeValueAsString(Map.of("type", "InvalidRequestException", "message", refusal)));
        answer.getWriter().flush();
      }
    } finally {
      answer.copyBodyToResponse();
    }
  }

  /** Camunda's prefixes of a refused completion's message ("Cannot complete task {id}: ..."). */
  private static final List<String> REFUSAL_PREFIXES =
      List.of("Cannot complete task %s: ", "Cannot submit task form %s: ", "Cannot resolve task %s: ");

  /** The refusal in a 400 answer of the webapps' API, without Camunda's prefix; null when it is not one. */
  private String refusalIn(byte[] answer, String taskId) {
    String message;
    try {
      message = json.readTree(answer).path("message").asText("");
    } catch (IOException notJson) {
      return null;
    }
    return REFUSAL_PREFIXES.stream().map(prefix -> String.format(prefix, taskId)).filter(message::startsWith)
        .map(prefix -> message.substring(prefix.length())).findFirst().orElse(null);
  }

  /** What is wrong with a completion's body, or null when the engine may have it. */
  String problem(byte[] body) {
    if (body.length == 0) {
      return null;   // no variables: the task listeners say what is missing
    }
    JsonNode root;
    try (JsonParser parser = strict().createParser(body)) {
      root = json.readTree(parser);
      if (parser.nextToken() != null) {
        return "text after the end of the JSON body";
      }
    } catch (IOException notJson) {
      String message = notJson.getMessage() == null ? "" : notJson.getMessage().lines().findFirst().orElse("");
      return message.startsWith("Duplicate field") ? "a field appears twice: " + message
          : message.contains("Invalid UTF-8") ? "the body is not valid UTF-8"
          : "the body is not valid JSON";
    }
    if (root == null || !root.isObject()) {
      return "the body must be a JSON object such as {\"variables\": {\"approved\": {\"value\": true}}}";
    }
    JsonNode variables = root.get("variables");
    if (variables == null || variables.isNull()) {
      return null;
    }
    if (!variables.isObject()) {
      return "variables must be an object of {name: {value, type}}";
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = variables.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> variable = it.next();
      String problem = variableProblem(variable.getKey(), variable.getValue());
      if (problem != null) {
        return problem;
      }
    }
    return null;
  }

  private static String variableProblem(String name, JsonNode variable) {
    if (TextRules.blank(name) || name.length() > MAX_NAME || TextRules.problem(name, false) != null) {
      return "a variable needs a name of at most " + MAX_NAME + " characters on one line";
    }
    String at = "variables." + name;
    if (!variable.isObject()) {
      return at + " must be an object {value, type}";
    }
    JsonNode type = variable.get("type");
    JsonNode value = variable.get("value");
    if (type != null && !type.isNull()) {
      if (!type.isTextual() || !TYPES.contains(type.asText().toLowerCase(Locale.ROOT))) {
        return at + ": the type " + type + " is not taken when completing a task; use String, Boolean, Integer,"
            + " Long, Short, Double, Date or Null";
      }
      String mismatch = typeMismatch(type.asText().toLowerCase(Locale.ROOT), value);
      if (mismatch != null) {
        return at + ": " + mismatch;
      }
    }
    if (value == null || value.isNull() || value.isBoolean()) {
      return null;
    }
    if (value.isNumber()) {
      return Double.isFinite(value.asDouble()) ? null : at + ": the number is too large";
    }
    if (!value.isTextual()) {
      return at + ": the value must be text, a number, true or false, or null";
    }
    String text = value.asText();
    if (text.length() > TaskOutputs.MAX_VARIABLE_TEXT) {
      return at + ": longer than " + TaskOutputs.MAX_VARIABLE_TEXT + " characters";
    }
    String problem = TextRules.problem(text, true);
    return problem == null ? null : at + ": " + problem;
  }

  /** Why {@code value} cannot be of the declared type (which the engine would answer without naming the variable), or null. */
  private static String typeMismatch(String type, JsonNode value) {
    if (value == null || value.isNull()) {
      return null;
    }
    return switch (type) {
      case "boolean" -> value.isBoolean() || value.isTextual() && (value.asText().equals("true")
          || value.asText().equals("false")) ? null : "a Boolean is true or false, got " + shown(value);
      case "integer", "long", "short" -> value.isIntegralNumber() || value.isTextual() && WHOLE.matcher(value.asText()).matches()
          ? null : "an " + type + " is a whole number, got " + shown(value);
      case "double" -> value.isNumber() || value.isTextual() && DECIMAL.matcher(value.asText()).matches()
          ? null : "a Double is a number, got " + shown(value);
      case "string", "date" -> value.isTextual() ? null : "a " + type + " is text, got " + shown(value);
      default -> null;
    };
  }

  private static final Pattern WHOLE = Pattern.compile("-?\\d{1,18}");
  private static final Pattern DECIMAL = Pattern.compile("-?\\d{1,18}(\\.\\d{1,18})?");

  private static String shown(JsonNode value) {
    String text = value.toString();
    return text.length() > 40 ? text.substring(0, 37) + "..." : text;
  }

  private JsonFactory strict() {
    return json.getFactory().copy().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION.mappedFeature());
  }
}
