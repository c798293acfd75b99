package org.ala.mig.web;

import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.tags.Tag;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.ala.mig.common.FieldProblem;
import org.ala.mig.identity.MigGroup;
import org.ala.mig.identity.RequiresGroup;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.web.method.HandlerMethod;

/**
 * The OpenAPI description of every {@code /api} call ({@code /v3/api-docs}, shown by Swagger UI at
 * {@code /swagger-ui/index.html}; both for signed-in users, see SecurityConfiguration), written by
 * springdoc from the controllers and completed here without touching them:
 * <ul>
 *   <li>a tag per area ({@link #TAGS}, by controller);</li>
 *   <li>who may call, from {@link RequiresGroup};</li>
 *   <li>the security schemes: HTTP Basic (staff) or the session cookie with {@code X-XSRF-TOKEN}
 *       (link sessions); the few public calls ({@link #PUBLIC}) need neither;</li>
 *   <li>the error bodies of {@link ApiExceptionHandler} and the security refusals as one schema,
 *       {@link Problem}, for 400, 401, 403, 404, 409, 413 and 429 where they apply.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
class ApiDocsConfiguration {

  static final String PROBLEM = "Problem";
  static final String BASIC = "basic";
  static final String SESSION = "session";
  static final String XSRF = "xsrf";

  /**
   * The {@code /api} calls anybody may make, signed in or not: these lines mirror the permitAll
   * matchers of SecurityConfiguration (ApiDocsTest checks each operation against an anonymous call).
   */
  static final Set<String> PUBLIC = Set.of(
      "GET /api/handbook",
      "GET /api/petition-drafts/{id}",
      "POST /api/petition-drafts/{id}/signatures");

  /** The area of each controller: its tag. A controller not named here gets a tag from its name. */
  static final Map<String, String> TAGS = Map.ofEntries(
      Map.entry("MeController", "Signed-in user"),
      Map.entry("MigController", "MIGs"),
      Map.entry("MigRequestsController", "MIG requests and reports"),
      Map.entry("CalendarController", "Calendar feeds"),
      Map.entry("PetitionController", "Petitions"),
      Map.entry("PetitionDraftController", "Petitions"),
      Map.entry("ConferenceController", "Conferences"),
      Map.entry("CouncilReportController", "Council"),
      Map.entry("CouncilAnalyticsController", "Council"),
      Map.entry("HandbookController", "Handbook"),
      Map.entry("RosterController", "Roster"),
      Map.entry("OutboxController", "Mail"),
      Map.entry("ModelMigrationController", "Administration"),
      Map.entry("SignInThrottleController", "Administration"),
      Map.entry("SimulationController", "Simulation"));

  private static final Map<String, String> TAG_DESCRIPTIONS = Map.ofEntries(
      Map.entry("Signed-in user", "Who is calling: user id, groups, the MIGs they organize"),
      Map.entry("MIGs", "The registry of Membership Initiative Groups"),
      Map.entry("MIG requests and reports", "Annual reports, renames, support, disband and transition requests of a MIG"),
      Map.entry("Calendar feeds", "The secret link of a MIG's iCalendar feed"),
      Map.entry("Petitions", "Petitions for a new MIG and their online signing"),
      Map.entry("Conferences", "ALA conferences and the MIG meetings scheduled at them"),
      Map.entry("Council", "COO's reports to Council and Council's analytics"),
      Map.entry("Handbook", "The public Handbook of Organization listing"),
      Map.entry("Roster", "The member roster (CSV upload)"),
      Map.entry("Mail", "The mail outbox"),
      Map.entry("Administration", "Process model migrations and the sign-in throttle"),
      Map.entry("Simulation", "The simulated clock (only when the simulation is on)"));

  /** The error body of every {@code /api} refusal (ApiExceptionHandler, SecurityAnswers). */
  @Schema(name = PROBLEM, description = "The JSON body of every error answer of /api")
  record Problem(
      @Schema(description = "The HTTP status", example = "400", requiredMode = Schema.RequiredMode.REQUIRED) int status,
      @Schema(description = "The status's reason phrase", example = "Bad Request",
          requiredMode = Schema.RequiredMode.REQUIRED) String error,
      @Schema(description = "What is wrong, in one sentence", example = "The request body is not valid JSON of the expected shape",
          requiredMode = Schema.RequiredMode.REQUIRED) String message,
      @Schema(description = "For 400: each field in error, by its JSON path (organizers[1].email), or body")
      List<FieldProblem> errors) {}

  @Bean
  OpenAPI migOpenApi(ObjectProvider<BuildProperties> build, Environment environment) {
    BuildProperties properties = build.getIfAvailable();
    String version = properties != null ? properties.getVersion()
        : environment.getProperty("spring.application.version",
            String.valueOf(ApiDocsConfiguration.class.getPackage().getImplementationVersion()));
    String title = properties != null && properties.getName() != null ? properties.getName() : "MIG Lifecycle";
    return new OpenAPI()
        .info(new Info().title(title + " API").version("null".equals(version) ? "development" : version)
            .description("""
                The REST API of MIG Lifecycle: the lifecycle of ALA Membership Initiative Groups \
                (docs/api.md explains each call in its step).

                **Signing in.** Staff call with HTTP Basic (a MIG Lifecycle user); such calls need no \
                CSRF token. Organizers and members sign in with a link by mail and then call with their \
                session cookie; a call of theirs that changes something sends the header `X-XSRF-TOKEN` \
                with the value of the cookie `XSRF-TOKEN` (this page does so for you).

                **Errors** answer a JSON `Problem`: `{status, error, message, errors:[{field, message}]}`; \
                a 400 names each field in error, a 429 says in `Retry-After` how long to wait."""))
        .components(new Components()
            .addSecuritySchemes(BASIC, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")
                .description("Staff: a MIG Lifecycle user and password"))
            .addSecuritySchemes(SESSION, new SecurityScheme().type(SecurityScheme.Type.APIKEY)
                .in(SecurityScheme.In.COOKIE).name("JSESSIONID")
                .description("A signed-in session (the sign-in form at /login, or a sign-in link by mail)"))
            .addSecuritySchemes(XSRF, new SecurityScheme().type(SecurityScheme.Type.APIKEY)
                .in(SecurityScheme.In.HEADER).name("X-XSRF-TOKEN")
                .description("With a session, on every call that changes something: the value of the cookie XSRF-TOKEN")));
  }

  /** The area's tag, an operation id from the controller and its method, and who may call from {@link RequiresGroup}. */
  @Bean
  OperationCustomizer migOperations() {
    return (operation, handler) -> {
      operation.setTags(new ArrayList<>(List.of(tagOf(handler))));
      String controller = handler.getBeanType().getSimpleName().replaceFirst("Controller$", "");
      String method = handler.getMethod().getName();
      operation.setOperationId(Character.toLowerCase(controller.charAt(0)) + controller.substring(1)
          + Character.toUpperCase(method.charAt(0)) + method.substring(1));
      String who = whoMayCall(handler);
      if (who != null) {
        operation.setDescription((operation.getDescription() == null ? "" : operation.getDescription() + "\n\n")
            + who);
      }
      return operation;
    };
  }

  /** Security and error answers by path and method; the Problem schema and the tags' descriptions. */
  @Bean
  OpenApiCustomizer migErrorAnswers() {
    return openApi -> {
      Components components = openApi.getComponents() == null ? new Components() : openApi.getComponents();
      openApi.components(components);
      ModelConverters.getInstance().readAll(new AnnotatedType(Problem.class)).forEach(components::addSchemas);
      SchemaNames.shorten(openApi);
      if (openApi.getPaths() != null) {
        openApi.getPaths().forEach((path, item) -> item.readOperationsMap()
            .forEach((method, operation) -> describe(path, method, operation)));
      }
      openApi.setTags(tagsInUse(openApi));
    };
  }

  private static void describe(String path, PathItem.HttpMethod method, Operation operation) {
    boolean open = PUBLIC.contains(method + " " + path);
    boolean writes = method != PathItem.HttpMethod.GET && method != PathItem.HttpMethod.HEAD;
    operation.setSecurity(open ? List.of()
        : List.of(new SecurityRequirement().addList(BASIC), new SecurityRequirement().addList(SESSION).addList(XSRF)));
    ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
    operation.setResponses(responses);
    boolean takesInput = operation.getRequestBody() != null || (operation.getParameters() != null
        && operation.getParameters().stream().anyMatch(ApiDocsConfiguration::mayBeInvalid));
    if (takesInput) {
      problem(responses, "400", "Invalid input: each field in error is named in errors");
    }
    if (!open) {
      problem(responses, "401", "Not signed in, or a wrong user or password")
          .addHeaderObject("WWW-Authenticate", new Header().description("Basic realm=\"MIG Lifecycle\"")
              .schema(new StringSchema()));
      problem(responses, "403", writes
          ? "Not allowed: not in a group that may call this, or a session's call without X-XSRF-TOKEN"
          : "Not allowed: not in a group that may call this");
    }
    if (path.contains("{")) {
      problem(responses, "404", "Not found: nothing with this id");
    }
    if (writes) {
      problem(responses, "409", "Conflict: the state does not allow this (now)");
    }
    if (operation.getRequestBody() != null) {
      problem(responses, "413", "The body is too large");
    }
    if (!open || writes) {
      problem(responses, "429", open ? "Too many attempts: wait as Retry-After says"
          : "Too many failed sign-ins for this user or from this address: wait as Retry-After says")
          .addHeaderObject("Retry-After", new Header().description("Seconds to wait").schema(new IntegerSchema()));
    }
  }

  /** A query parameter, or a path variable that is not text: a wrong value is a 400. */
  private static boolean mayBeInvalid(Parameter parameter) {
    return !"path".equals(parameter.getIn())
        || parameter.getSchema() != null && !"string".equals(parameter.getSchema().getType());
  }

  private static ApiResponse problem(ApiResponses responses, String status, String description) {
    ApiResponse response = responses.computeIfAbsent(status, s -> new ApiResponse());
    if (response.getDescription() == null || response.getDescription().isBlank()) {
      response.setDescription(description);
    }
    response.setContent(new Content().addMediaType("application/json",
        new MediaType().schema(new io.swagger.v3.oas.models.media.Schema<>().$ref("#/components/schemas/" + PROBLEM))));
    return response;
  }

  private static List<Tag> tagsInUse(OpenAPI openApi) {
    Set<String> used = openApi.getPaths() == null ? Set.of() : openApi.getPaths().values().stream()
        .flatMap(item -> item.readOperations().stream())
        .flatMap(operation -> operation.getTags() == null ? java.util.stream.Stream.empty() : operation.getTags().stream())
        .collect(Collectors.toCollection(java.util.TreeSet::new));
    return used.stream().map(name -> new Tag().name(name).description(TAG_DESCRIPTIONS.get(name))).toList();
  }

  static String tagOf(HandlerMethod handler) {
    String controller = handler.getBeanType().getSimpleName();
    String tag = TAGS.get(controller);
    if (tag != null) {
      return tag;
    }
    String words = controller.replaceFirst("Controller$", "").replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase();
    return words.isEmpty() ? "Other" : Character.toUpperCase(words.charAt(0)) + words.substring(1);
  }

  /** "Who may call: ..." from the handler's {@link RequiresGroup}, or null for any signed-in caller. */
  static String whoMayCall(HandlerMethod handler) {
    RequiresGroup required = handler.getMethodAnnotation(RequiresGroup.class);
    if (required == null) {
      required = handler.getBeanType().getAnnotation(RequiresGroup.class);
    }
    if (required == null) {
      return null;
    }
    String groups = Arrays.stream(required.value()).map(MigGroup::id).map(id -> "`" + id + "`")
        .collect(Collectors.joining(", "));
    return "**Who may call:** " + (required.value().length == 1 ? "the group " : "the groups ") + groups
        + (required.orOrganizersOfMig() ? ", or the MIG's own organizers (signed in with a link)" : "") + ".";
  }
}
