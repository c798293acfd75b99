package org.ala.mig.web.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ala.mig.common.FieldProblem;
import org.ala.mig.common.InvalidInputException;
import org.ala.mig.identity.MigGroup;
import org.ala.mig.identity.RequiresGroup;
import org.ala.mig.models.ModelMigration.MigrationRefused;
import org.ala.mig.models.ModelMigration.Report;
import org.ala.mig.models.ModelMigration;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The administrators' view of {@link ModelMigration}: GET what runs on older versions of the
 * models, with a dry run of each; POST a dry run or a migration of one process key.
 */
@RestController
@RequiresGroup(MigGroup.CAMUNDA_ADMIN)
class ModelMigrationController {

  /** {processKey, sourceVersion?, dryRun}: sourceVersion left out means every older version. */
  record MigrationRequest(String processKey, Integer sourceVersion, Boolean dryRun) {}

  private final ModelMigration migration;

  ModelMigrationController(ModelMigration migration) {
    this.migration = migration;
  }

  @GetMapping("/api/admin/model-migrations")
  List<Report> overview() {
    return migration.overview();
  }

  @PostMapping(path = "/api/admin/model-migrations", consumes = "application/json")
  ResponseEntity<Object> migrate(@RequestBody(required = false) MigrationRequest request) {
    List<FieldProblem> problems = new ArrayList<>();
    if (request == null || request.processKey() == null || request.processKey().isBlank()) {
      problems.add(new FieldProblem("processKey", "required: one of " + ModelMigration.PROCESS_KEYS));
    }
    if (request == null || request.dryRun() == null) {
      problems.add(new FieldProblem("dryRun", "required: true to see what would happen, false to migrate"));
    }
    if (!problems.isEmpty()) {
      throw InvalidInputException.of(problems);
    }
    try {
      Report report = request.dryRun()
          ? migration.dryRun(request.processKey().strip(), request.sourceVersion())
          : migration.migrate(request.processKey().strip(), request.sourceVersion());
      return ResponseEntity.ok(report);
    } catch (MigrationRefused refused) {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("status", HttpStatus.CONFLICT.value());
      body.put("error", HttpStatus.CONFLICT.getReasonPhrase());
      body.put("message", refused.getMessage());
      body.put("migration", refused.report());
      return ResponseEntity.status(HttpStatus.CONFLICT).body(body);
    }
  }
}
