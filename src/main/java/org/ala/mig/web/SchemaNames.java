package org.ala.mig.web;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Short, unique names for the schemas of the OpenAPI description. springdoc names them by their
 * class's full name ({@code springdoc.use-fqn}), so that two classes of the same simple name (the
 * records {@code ModelMigration.Problem} and {@code ApiDocsConfiguration.Problem}, two
 * {@code Decision}s) never overwrite each other; this renames each to its simple name where that
 * is unique, else to its enclosing class's (or package's) name and its own
 * ({@code ModelMigrationProblem}), and points every {@code $ref} at the new name. Names given by
 * {@code @Schema(name=...)} stay.
 */
final class SchemaNames {

  private static final String PREFIX = "#/components/schemas/";

  private SchemaNames() {}

  static void shorten(OpenAPI openApi) {
    if (openApi.getComponents() == null || openApi.getComponents().getSchemas() == null) {
      return;
    }
    @SuppressWarnings("rawtypes")
    Map<String, Schema> schemas = openApi.getComponents().getSchemas();
    Map<String, Long> simpleNames = schemas.keySet().stream()
        .collect(Collectors.groupingBy(SchemaNames::simple, Collectors.counting()));
    Map<String, String> renamed = new LinkedHashMap<>();
    for (String name : schemas.keySet()) {
      String simple = simple(name);
      String shorter = simpleNames.get(simple) == 1 ? simple : qualified(name);
      renamed.put(name, schemas.containsKey(shorter) && !shorter.equals(name) ? full(name) : shorter);
    }
    // two classes of the same nested name in classes of the same name: keep their full names
    Map<String, Long> uses = renamed.values().stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    renamed.replaceAll((name, shorter) -> uses.get(shorter) > 1 ? full(name) : shorter);

    @SuppressWarnings("rawtypes")
    Map<String, Schema> sorted = new TreeMap<>();
    schemas.forEach((name, schema) -> sorted.put(renamed.get(name), schema));
    openApi.getComponents().setSchemas(new LinkedHashMap<>(sorted));

    Set<Schema<?>> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    sorted.values().forEach(schema -> point(schema, renamed, seen));
    if (openApi.getPaths() != null) {
      openApi.getPaths().values().forEach(item -> item.readOperations().forEach(operation -> {
        if (operation.getParameters() != null) {
          operation.getParameters().forEach(parameter -> point(parameter.getSchema(), renamed, seen));
        }
        if (operation.getRequestBody() != null) {
          point(operation.getRequestBody().getContent(), renamed, seen);
        }
        if (operation.getResponses() != null) {
          operation.getResponses().values().stream().map(ApiResponse::getContent)
              .forEach(content -> point(content, renamed, seen));
        }
      }));
    }
  }

  /** {@code MigView} of {@code org.ala.mig.web.api.MigController.MigView}. */
  static String simple(String name) {
    return name.substring(Math.max(name.lastIndexOf('.'), name.lastIndexOf('$')) + 1);
  }

  /**
   * {@code ModelMigrationProblem} of {@code org.ala.mig.models.ModelMigration.Problem} (a class
   * nested in a class: its enclosing class's name and its own, a controller's without
   * "Controller"); {@code ModelsProblem} of a class {@code org.ala.mig.models.Problem}.
   */
  static String qualified(String name) {
    String[] parts = name.split("[.$]");
    if (parts.length < 2) {
      return name;
    }
    String outer = parts[parts.length - 2];
    String prefix = Character.isUpperCase(outer.charAt(0)) ? outer.replaceFirst("Controller$", "")
        : Character.toUpperCase(outer.charAt(0)) + outer.substring(1);
    return prefix + parts[parts.length - 1];
  }

  /** The last resort for two classes of one qualified name: every part of the full name. */
  static String full(String name) {
    return java.util.Arrays.stream(name.split("[.$]")).filter(part -> !part.isEmpty())
        .map(part -> Character.toUpperCase(part.charAt(0)) + part.substring(1)).collect(Collectors.joining());
  }

  private static void point(Content content, Map<String, String> renamed, Set<Schema<?>> seen) {
    if (content != null) {
      content.values().forEach(media -> point(media.getSchema(), renamed, seen));
    }
  }

  @SuppressWarnings({"rawtypes", "unchecked"})
  private static void point(Schema schema, Map<String, String> renamed, Set<Schema<?>> seen) {
    if (schema == null || !seen.add(schema)) {
      return;
    }
    String ref = schema.get$ref();
    if (ref != null && ref.startsWith(PREFIX) && renamed.containsKey(ref.substring(PREFIX.length()))) {
      schema.set$ref(PREFIX + renamed.get(ref.substring(PREFIX.length())));
    }
    if (schema.getProperties() != null) {
      ((Map<String, Schema>) schema.getProperties()).values().forEach(p -> point(p, renamed, seen));
    }
    point(schema.getItems(), renamed, seen);
    if (schema.getAdditionalProperties() instanceof Schema additional) {
      point(additional, renamed, seen);
    }
    point(schema.getNot(), renamed, seen);
    for (java.util.List<Schema> all : new java.util.List[] {schema.getAllOf(), schema.getAnyOf(), schema.getOneOf()}) {
      if (all != null) {
        all.forEach(s -> point(s, renamed, seen));
      }
    }
  }
}
