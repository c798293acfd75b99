package org.ala.mig.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.junit.jupiter.api.Test;

/** The schemas' names made short again, without two classes of one simple name ever sharing one. */
class SchemaNamesTest {

  private static Schema<?> ref(String name) {
    return new Schema<>().$ref("#/components/schemas/" + name);
  }

  @Test
  void uniqueSimpleNamesAreUsedAndCollidingOnesAreQualifiedWithEveryReferenceFollowing() {
    OpenAPI api = new OpenAPI().components(new Components()
        .addSchemas("Problem", new ObjectSchema().addProperty("errors",
            new ArraySchema().items(ref("org.ala.mig.common.FieldProblem"))))
        .addSchemas("org.ala.mig.common.FieldProblem", new ObjectSchema())
        .addSchemas("org.ala.mig.models.ModelMigration.Problem", new ObjectSchema())
        .addSchemas("org.ala.mig.web.api.MigController.Decision", new ObjectSchema())
        .addSchemas("org.ala.mig.reporting.Decision", new ObjectSchema())
        .addSchemas("org.ala.mig.a.Twice.Same", new ObjectSchema())
        .addSchemas("org.ala.mig.b.Twice.Same", new ObjectSchema()));
    Operation operation = new Operation()
        .requestBody(new RequestBody().content(new Content().addMediaType("application/json",
            new MediaType().schema(ref("org.ala.mig.models.ModelMigration.Problem")))))
        .responses(new ApiResponses().addApiResponse("200", new ApiResponse().content(new Content()
            .addMediaType("application/json", new MediaType().schema(new ArraySchema()
                .items(ref("org.ala.mig.reporting.Decision")))))));
    api.paths(new Paths().addPathItem("/api/x", new PathItem().post(operation)));

    SchemaNames.shorten(api);

    assertThat(api.getComponents().getSchemas()).containsOnlyKeys("Problem", "FieldProblem", "ModelMigrationProblem",
        "MigDecision", "ReportingDecision", "OrgAlaMigATwiceSame", "OrgAlaMigBTwiceSame");
    Schema<?> errors = (Schema<?>) api.getComponents().getSchemas().get("Problem").getProperties().get("errors");
    assertThat(errors.getItems().get$ref())
        .isEqualTo("#/components/schemas/FieldProblem");
    assertThat(operation.getRequestBody().getContent().get("application/json").getSchema().get$ref())
        .isEqualTo("#/components/schemas/ModelMigrationProblem");
    assertThat(operation.getResponses().get("200").getContent().get("application/json").getSchema().getItems().get$ref())
        .isEqualTo("#/components/schemas/ReportingDecision");
  }
}
