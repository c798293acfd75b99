package org.ala.mig.models;

import java.util.List;
import org.ala.mig.common.ConflictException;
import org.ala.mig.models.ModelMigration.MigrationRefused;
import org.ala.mig.models.ModelMigration.Report;
import org.ala.mig.models.ModelMigration.Result;
import org.ala.mig.models.ModelMigration.Source;
import org.ala.mig.models.ModelMigration.Version;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.migration.MigratingProcessInstanceValidationException;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The migration of one older version after its dry run: all its instances in one engine call and
 * one transaction, so that a failure leaves every instance where it was. Logged with the caller.
 */
final class MigrationExecution {

  private static final Logger log = LoggerFactory.getLogger(ModelMigration.class);

  private final RepositoryService repository;
  private final RuntimeService runtime;
  private final IdentityService identity;
  private final TransactionTemplate transactions;

  MigrationExecution(RepositoryService repository, RuntimeService runtime, IdentityService identity,
      TransactionTemplate transactions) {
    this.repository = repository;
    this.runtime = runtime;
    this.identity = identity;
    this.transactions = transactions;
  }

  Source execute(String key, MigrationDryRun.Checked checked, ProcessDefinition target, BpmnModelInstance targetModel) {
    Source source = checked.source();
    String definitionId = source.definitionId();
    long migrated;
    try {
      migrated = transactions.execute(status -> {
        long count = runtime.createProcessInstanceQuery().processDefinitionId(definitionId).count();
        if (count > 0) {
          runtime.newMigration(checked.plan())
              .processInstanceQuery(runtime.createProcessInstanceQuery().processDefinitionId(definitionId))
              .execute();
        }
        return count;
      });
    } catch (MigratingProcessInstanceValidationException e) {
      // an instance moved on between the dry run and the migration
      MigrationProblems problems = new MigrationProblems(repository.getBpmnModelInstance(definitionId), targetModel, target.getVersion());
      problems.add(e.getValidationReport());
      Source refused = new Source(source.version(), source.versionTag(), definitionId, source.instances(),
          source.plan(), source.notInTarget(), problems.list(), Result.CANNOT_MIGRATE, 0);
      throw new MigrationRefused(new Report(key, Version.of(target), false, List.of(refused)),
          "Nothing of version " + source.version() + " was migrated: an instance moved on since the dry run");
    } catch (OptimisticLockingException e) {
      throw new ConflictException("Nothing of version " + source.version() + " of " + key
          + " was migrated: an instance moved on while it was migrated (a job ran); try again");
    }
    Authentication caller = identity.getCurrentAuthentication();
    log.info("Migrated {} instances of {} from version {} ({}) to version {} ({}), as {}", migrated, key,
        source.version(), source.versionTag(), target.getVersion(), target.getVersionTag(),
        caller == null ? "the application" : caller.getUserId());
    return new Source(source.version(), source.versionTag(), definitionId, migrated, source.plan(),
        source.notInTarget(), List.of(), Result.MIGRATED, migrated);
  }
}
