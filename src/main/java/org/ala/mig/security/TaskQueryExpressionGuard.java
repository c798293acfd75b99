package org.ala.mig.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.impl.TaskQueryImpl;
import org.camunda.bpm.engine.query.Query;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Closes CVE-2026-109432 in Camunda 7.24.0 Community Edition: a task query's {@code orQueries}
 * may carry expression fields ({@code assigneeExpression}, {@code dueDateExpression}, …) that
 * the engine evaluates as JUEL although {@code enableExpressionsInAdhocQueries} is off, which runs
 * code. Every task query that reaches the engine over HTTP is looked at first: engine REST
 * ({@code /engine-rest/task}, {@code /task/count}, filters) and the webapps' own engine API
 * ({@code /camunda/api/engine/engine/{name}/...}), GET parameters and JSON bodies alike, and the
 * query of a saved filter when it is run. One with any expression field inside {@code orQueries}
 * is refused with 400 before the engine sees it. Expressions outside {@code orQueries} stay the
 * engine's to refuse, as it does.
 */
public class TaskQueryExpressionGuard extends OncePerRequestFilter {

  private static final Logger log = LoggerFactory.getLogger(TaskQueryExpressionGuard.class);

  /** Bodies larger than this are not task queries: refused rather than read without bound. */
  static final int MAX_BODY = 1024 * 1024;

  /** .../filter/{id}/list, /count, /singleResult: runs a saved filter's query. */
  private static final Pattern RUN_FILTER = Pattern.compile(".*/filter/([^/]+)/(list|count|singleResult)$");

  private final ObjectMapper json;
  private final FilterService filters;

  public TaskQueryExpressionGuard(ObjectMapper json, FilterService filters) {
    this.json = json;
    this.filters = filters;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    if (!concernsTaskQueries(path)) {
      chain.doFilter(request, response);
      return;
    }
    for (Map.Entry<String, String[]> parameter : request.getParameterMap().entrySet()) {
      if (parameter.getKey().toLowerCase(Locale.ROOT).contains("orquer")) {
        for (String value : parameter.getValue()) {
          if (value.toLowerCase(Locale.ROOT).contains("expression")) {
            refuse(request, response, "query parameter " + parameter.getKey());
            return;
          }
        }
      }
    }
    HttpServletRequest forward = request;
    if (hasBody(request)) {
      byte[] body = request.getInputStream().readNBytes(MAX_BODY + 1);
      if (body.length > MAX_BODY) {
        response.setStatus(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
        response.setContentType("application/json");
        response.getWriter().write("{\"type\":\"InvalidRequestException\",\"message\":\"A task query body is at most 1 MB\"}");
        return;
      }
      String where;
      try {
        where = expressionInOrQueries(body);
      } catch (Unreadable unreadable) {
        // Refused rather than passed on: the engine's more lenient reading (a field named twice
        // counts once, text after the value is ignored) could see an or-query this guard did not.
        response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(json.writeValueAsString(Map.of("type", "InvalidRequestException",
            "message", "The body is not valid JSON: " + unreadable.reason())));
        return;
      }
      if (where != null) {
        refuse(request, response, where);
        return;
      }
      forward = new CachedBodyRequest(request, body);
    }
    Matcher run = RUN_FILTER.matcher(path);
    if (run.matches() && savedFilterHasOrQueryExpression(run.group(1))) {
      refuse(request, response, "saved filter " + run.group(1));
      return;
    }
    chain.doFilter(forward, response);
  }

  static boolean concernsTaskQueries(String path) {
    return (path.startsWith("/engine-rest/") || path.startsWith("/camunda/api/engine/"))
        && (path.contains("/task") || path.contains("/filter"));
  }

  private static boolean hasBody(HttpServletRequest request) {
    String method = request.getMethod();
    return ("POST".equals(method) || "PUT".equals(method))
        && request.getContentType() != null && request.getContentType().toLowerCase(Locale.ROOT).contains("json");
  }

  /** A JSON body this guard cannot read. */
  static final class Unreadable extends RuntimeException {
    Unreadable(IOException cause) {
      super(cause);
    }

    String reason() {
      String message = getCause().getMessage() == null ? "" : getCause().getMessage();
      return message.lines().findFirst().orElse("unreadable");
    }
  }

  /**
   * Where an expression field sits inside an orQueries array of the JSON body, or null.
   *
   * @throws Unreadable when the body is not JSON this guard can read
   */
  String expressionInOrQueries(byte[] body) {
    JsonNode root;
    try {
      root = json.readTree(body);
    } catch (IOException notJson) {
      throw new Unreadable(notJson);
    }
    return find(root, false, "body");
  }

  private static String find(JsonNode node, boolean insideOrQueries, String path) {
    if (node == null) {
      return null;
    }
    if (node.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        String name = field.getKey();
        if (insideOrQueries && name.toLowerCase(Locale.ROOT).endsWith("expression") && !field.getValue().isNull()) {
          return path + "." + name;
        }
        String found = find(field.getValue(), insideOrQueries || name.equalsIgnoreCase("orQueries"), path + "." + name);
        if (found != null) {
          return found;
        }
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        String found = find(node.get(i), insideOrQueries, path + "[" + i + "]");
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }

  private boolean savedFilterHasOrQueryExpression(String filterId) {
    Filter filter;
    try {
      filter = filters.getFilter(filterId);
    } catch (RuntimeException notVisible) {
      return false;   // the engine answers unknown or forbidden filters itself
    }
    if (filter == null) {
      return false;
    }
    Query<?, ?> query = filter.getQuery();
    if (query instanceof TaskQueryImpl task) {
      for (TaskQueryImpl or : task.getQueries()) {
        if (or != task && or.getExpressions() != null && !or.getExpressions().isEmpty()) {
          return true;
        }
      }
    }
    return false;
  }

  private void refuse(HttpServletRequest request, HttpServletResponse response, String where) throws IOException {
    log.warn("Refused a task query with an expression inside orQueries ({}) on {} {}", where, request.getMethod(),
        request.getRequestURI());
    response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
    response.setContentType("application/json");
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    response.getWriter().write(json.writeValueAsString(Map.of("type", "InvalidRequestException",
        "message", "Expressions are not allowed in the orQueries of a task query (" + where + ")")));
  }
}
