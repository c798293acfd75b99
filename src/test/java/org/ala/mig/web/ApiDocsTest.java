package org.ala.mig.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.ala.mig.support.HttpApi;
import org.ala.mig.support.HttpApi.Reply;
import org.ala.mig.support.MigSpringBootTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The OpenAPI description at {@code /v3/api-docs} (ApiDocsConfiguration): every {@code /api}
 * mapping of the controllers is in it with its method, with a tag, and with the error answers and
 * security it really has; it is for signed-in users only.
 */
@MigSpringBootTest
class ApiDocsTest {

  private static final List<String> METHODS = List.of("get", "put", "post", "delete", "patch", "head", "options");

  @LocalServerPort int port;
  @Autowired @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping handlers;

  /** "POST /api/migs/{id}/annual-reports" for each /api mapping of the application's controllers. */
  private Set<String> apiMappings() {
    Set<String> mappings = new TreeSet<>();
    handlers.getHandlerMethods().forEach((RequestMappingInfo info, org.springframework.web.method.HandlerMethod method) -> {
      if (!method.getBeanType().getName().startsWith("org.ala.mig.")) {
        return;
      }
      Set<String> patterns = info.getPatternValues();
      Set<RequestMethod> verbs = info.getMethodsCondition().getMethods();
      for (String pattern : patterns) {
        if (!pattern.startsWith("/api/")) {
          continue;
        }
        // a mapping without a method takes them all
        for (RequestMethod verb : verbs.isEmpty() ? Set.of(RequestMethod.values()) : verbs) {
          if (verb != RequestMethod.HEAD && verb != RequestMethod.OPTIONS && verb != RequestMethod.TRACE) {
            mappings.add(verb.name() + " " + pattern.replaceAll("\\{([^}:]+):[^}]*}", "{$1}"));
          }
        }
      }
    });
    return mappings;
  }

  private JsonNode apiDocs() {
    Reply docs = new HttpApi(port).get("/v3/api-docs", "coo1");
    assertThat(docs.status()).as(docs.body()).isEqualTo(200);
    return docs.json();
  }

  /** "POST /api/..." for each operation of the description. */
  private static Set<String> documented(JsonNode docs) {
    Set<String> operations = new TreeSet<>();
    docs.path("paths").fields().forEachRemaining(path -> METHODS.forEach(method -> {
      if (path.getValue().has(method)) {
        operations.add(method.toUpperCase() + " " + path.getKey());
      }
    }));
    return operations;
  }

  @Test
  void everyApiMappingIsDescribedWithItsMethodAndNothingElseIs() {
    Set<String> mappings = apiMappings();
    // the test sees the controllers: some known calls are among the mappings
    assertThat(mappings).contains("GET /api/migs", "POST /api/migs/{id}/annual-reports",
        "DELETE /api/admin/sign-in-throttle/{userId}", "POST /api/roster");
    assertThat(documented(apiDocs())).containsExactlyInAnyOrderElementsOf(mappings);
  }

  @Test
  void everyOperationHasATagAnAnswerAndTheErrorsThatApply() {
    JsonNode docs = apiDocs();
    assertThat(docs.path("info").path("title").asText()).contains("MIG Lifecycle");
    assertThat(docs.path("info").path("version").asText()).isNotBlank();
    JsonNode problem = docs.path("components").path("schemas").path(ApiDocsConfiguration.PROBLEM);
    assertThat(problem.path("properties").fieldNames()).toIterable()
        .containsExactlyInAnyOrder("status", "error", "message", "errors");
    assertThat(problem.path("properties").path("errors").path("items").path("$ref").asText())
        .isEqualTo("#/components/schemas/FieldProblem");
    assertThat(docs.path("components").path("schemas").path("FieldProblem").path("properties").fieldNames())
        .toIterable().containsExactlyInAnyOrder("field", "message");
    // two records named Problem: each keeps its own schema, under a short name
    assertThat(docs.path("components").path("schemas").fieldNames()).toIterable()
        .contains("ModelMigrationProblem", "MigView", "ConferenceRequest")
        .allMatch(name -> name.matches("[A-Za-z0-9]+"));
    assertThat(docs.path("components").path("schemas").path("ModelMigrationProblem").path("properties").has("reason"))
        .isTrue();
    assertThat(docs.findValuesAsText("$ref")).allMatch(ref -> ref.matches("#/components/schemas/[A-Za-z0-9]+")
        && docs.path("components").path("schemas").has(ref.substring(ref.lastIndexOf('/') + 1)));
    JsonNode schemes = docs.path("components").path("securitySchemes");
    assertThat(schemes.path("basic").path("scheme").asText()).isEqualTo("basic");
    assertThat(schemes.path("session").path("in").asText()).isEqualTo("cookie");
    assertThat(schemes.path("xsrf").path("name").asText()).isEqualTo("X-XSRF-TOKEN");

    List<String> problems = new ArrayList<>();
    Set<String> tags = new TreeSet<>();
    docs.path("paths").fields().forEachRemaining(path -> METHODS.forEach(method -> {
      JsonNode operation = path.getValue().path(method);
      if (operation.isMissingNode()) {
        return;
      }
      String name = method.toUpperCase() + " " + path.getKey();
      boolean open = ApiDocsConfiguration.PUBLIC.contains(name);
      JsonNode responses = operation.path("responses");
      if (operation.path("tags").size() != 1) {
        problems.add(name + ": not one tag but " + operation.path("tags"));
      }
      operation.path("tags").forEach(tag -> tags.add(tag.asText()));
      if (!responses.fieldNames().hasNext() || !responses.fieldNames().next().startsWith("2")) {
        problems.add(name + ": no success answer first: " + responses);
      }
      List<String> errors = new ArrayList<>(open ? List.of() : List.of("401", "403", "429"));
      if (path.getKey().contains("{")) {
        errors.add("404");
      }
      if (!method.equals("get")) {
        errors.add("409");
      }
      if (operation.has("requestBody")) {
        errors.add("400");
        errors.add("413");
      }
      for (String status : errors) {
        String ref = responses.path(status).path("content").path("application/json").path("schema").path("$ref").asText();
        if (!ref.equals("#/components/schemas/" + ApiDocsConfiguration.PROBLEM)) {
          problems.add(name + ": " + status + " is not a Problem: " + responses.path(status));
        }
      }
      if (open != (operation.path("security").size() == 0)) {
        problems.add(name + ": security " + operation.path("security") + " but public " + open);
      }
    }));
    assertThat(problems).isEmpty();
    assertThat(tags).contains("MIGs", "Petitions", "Council", "Handbook", "Administration");
    assertThat(docs.path("tags").findValuesAsText("name")).containsExactlyInAnyOrderElementsOf(tags);
    docs.path("tags").forEach(tag -> assertThat(tag.path("description").asText()).as(tag.toString()).isNotBlank());
  }

  @Test
  void aCallIsDescribedWithItsBodyItsAnswerAndWhoMayCallIt() {
    JsonNode add = apiDocs().path("paths").path("/api/conferences").path("post");
    assertThat(add.path("requestBody").path("content").path("application/json").path("schema").path("$ref").asText())
        .endsWith("/ConferenceRequest");
    assertThat(add.path("responses").path("200").path("content").findValuesAsText("$ref"))
        .anyMatch(ref -> ref.endsWith("/Conference"));
    assertThat(add.path("description").asText()).contains("`coo-chair`", "`conference-services`");
    assertThat(add.path("tags").get(0).asText()).isEqualTo("Conferences");
  }

  /** The description says which calls are public: an anonymous call of each is refused (401) exactly when it says it needs signing in. */
  @Test
  void theDescribedSecurityIsTheRealOne() {
    HttpApi http = new HttpApi(port);
    List<String> wrong = new ArrayList<>();
    for (String operation : documented(apiDocs())) {
      String method = operation.substring(0, operation.indexOf(' '));
      String path = operation.substring(operation.indexOf(' ') + 1).replaceAll("\\{[^}]+}", "no-such-thing");
      HttpRequest.BodyPublisher body = method.equals("GET") || method.equals("DELETE")
          ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString("{}", StandardCharsets.UTF_8);
      Reply anonymous = http.send(http.request(path, null).header("Content-Type", "application/json")
          .method(method, body).build());
      boolean open = ApiDocsConfiguration.PUBLIC.contains(operation);
      if ((anonymous.status() == 401) == open) {
        wrong.add(operation + " (public " + open + "): anonymous " + anonymous.status());
      }
    }
    assertThat(wrong).isEmpty();
  }

  @Test
  void theDescriptionIsForSignedInCallersOnly() {
    HttpApi http = new HttpApi(port);
    for (String path : List.of("/v3/api-docs", "/v3/api-docs/swagger-config", "/v3/api-docs.yaml")) {
      Reply anonymous = http.get(path, null);
      assertThat(anonymous.status()).as(path).isEqualTo(401);
      assertThat(anonymous.json().path("message").asText()).as(path).contains("Sign in");
      Reply signedIn = http.send(http.request(path, "council1").header("Accept", "*/*").GET().build());
      assertThat(signedIn.status()).as(path).isEqualTo(200);
    }
    // Swagger UI as well (CONTRACT.md, "Operations"): 401 to the anonymous, not the sign-in page
    for (String path : List.of("/swagger-ui/index.html", "/swagger-ui.html", "/swagger-ui/swagger-initializer.js")) {
      Reply anonymous = http.send(http.request(path, null).GET().build());
      assertThat(anonymous.status()).as(path).isEqualTo(401);
      assertThat(http.get(path, "barc1").status()).as(path).isIn(200, 302);
    }
  }
}
