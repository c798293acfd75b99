package org.ala.mig.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.ala.mig.petition.PetitionService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Personal data is read only by those allowed to read it, and never searched or sorted by. The
 * engine checks variable permissions when variables are read, but not when a query filters on a
 * variable's value ({@code /task?taskVariables=organizersSummary_like_%a%}, Cockpit's process
 * instance search, {@code /history/process-instance} with {@code variables}) or sorts by it: a
 * group that may list instances or tasks could learn an organizer's email one letter at a time.
 * Every engine REST and webapp API request whose query string or JSON body filters or sorts on
 * one of {@link PetitionService#PERSONAL_TASK_VARIABLES} is refused with 403, whoever sends it.
 * Reading those variables by name (a task's form variables) is the engine's to allow or refuse.
 */
public class PersonalDataQueryGuard extends OncePerRequestFilter {

  private static final Logger log = LoggerFactory.getLogger(PersonalDataQueryGuard.class);

  /** JSON bodies are read whole to be looked at; none that this application expects comes near this. */
  static final int MAX_BODY = 20 * 1024 * 1024;

  private final ObjectMapper json;
  private final Set<String> personal;

  public PersonalDataQueryGuard(ObjectMapper json) {
    this(json, PetitionService.PERSONAL_TASK_VARIABLES);
  }

  PersonalDataQueryGuard(ObjectMapper json, Set<String> personal) {
    this.json = json;
    this.personal = personal.stream().map(n -> n.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String where = inQueryString(request.getQueryString());
    HttpServletRequest forward = request;
    if (where == null && hasJsonBody(request)) {
      byte[] body = request instanceof CachedBodyRequest cached ? cached.body()
          : request.getInputStream().readNBytes(MAX_BODY + 1);
      if (body.length > MAX_BODY) {
        response.sendError(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, "A JSON body is at most 20 MB");
        return;
      }
      if (!(request instanceof CachedBodyRequest)) {
        forward = new CachedBodyRequest(request, body);
      }
      where = inBody(body);
    }
    if (where != null) {
      log.warn("Refused a query on personal data ({}) on {} {}", where, request.getMethod(), request.getRequestURI());
      response.setStatus(HttpServletResponse.SC_FORBIDDEN);
      response.setContentType("application/json");
      response.setCharacterEncoding(StandardCharsets.UTF_8.name());
      response.getWriter().write(json.writeValueAsString(Map.of("type", "AuthorizationException",
          "message", "Queries may not filter or sort on personal data (" + where + ")")));
      return;
    }
    chain.doFilter(forward, response);
  }

  /** A variable filter parameter ({@code variables}, {@code taskVariables}, ...) that names a personal variable. */
  String inQueryString(String query) {
    if (query == null) {
      return null;
    }
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      String key = decode(eq < 0 ? pair : pair.substring(0, eq)).toLowerCase(Locale.ROOT);
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1)).toLowerCase(Locale.ROOT);
      if (key.contains("variable") && !key.startsWith("variablename") && mentionsPersonal(value)) {
        return "query parameter " + key;
      }
    }
    return null;
  }

  String inBody(byte[] body) {
    try {
      return find(json.readTree(body), "body");
    } catch (IOException notJson) {
      return null;   // the engine answers malformed JSON itself
    }
  }

  /** An object {name, operator, ...} or {variable: ...} in the body that names a personal variable. */
  private String find(JsonNode node, String path) {
    if (node == null) {
      return null;
    }
    if (node.isObject()) {
      if ((node.has("operator") && isPersonal(node.get("name"))) || isPersonal(node.get("variable"))) {
        return path;
      }
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        String found = find(field.getValue(), path + "." + field.getKey());
        if (found != null) {
          return found;
        }
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        String found = find(node.get(i), path + "[" + i + "]");
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }

  private boolean isPersonal(JsonNode name) {
    return name != null && name.isTextual() && personal.contains(name.asText().toLowerCase(Locale.ROOT));
  }

  private boolean mentionsPersonal(String value) {
    return personal.stream().anyMatch(value::contains);
  }

  private static boolean hasJsonBody(HttpServletRequest request) {
    String method = request.getMethod();
    return ("POST".equals(method) || "PUT".equals(method))
        && request.getContentType() != null && request.getContentType().toLowerCase(Locale.ROOT).contains("json");
  }

  private static String decode(String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException malformed) {
      return text;
    }
  }
}
