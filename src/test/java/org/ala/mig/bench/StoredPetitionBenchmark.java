package org.ala.mig.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.ala.mig.petition.PetitionRequest;
import org.ala.mig.petition.PetitionRequest.SignatureInput;
import org.ala.mig.petition.PetitionService;
import org.ala.mig.registry.OrganizerInput;
import org.ala.mig.roster.DemoRoster;
import org.ala.mig.roster.RosterMember;
import org.ala.mig.roster.RosterRepository;
import org.ala.mig.verification.Signature;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;

/**
 * B2 on the database: what a large petition costs in the application, not only in the pure
 * function. With a 100,000-member roster stored, a petition of 10,000 and one of 100,000
 * signatures is submitted through {@link PetitionService#submit} (validated, stored, process
 * started), then its {@code preVerifySignatures} step runs as the engine runs it (the roster
 * looked up, every signature checked, each check stored). One run of each; no target.
 */
final class StoredPetitionBenchmark {

  static final int[] SIZES = {10_000, 100_000};

  private final BenchOptions options;
  private final BenchDatabase db;
  private final Results results;

  StoredPetitionBenchmark(BenchOptions options, BenchDatabase db, Results results) {
    this.options = options;
    this.db = db;
    this.results = results;
  }

  void run() throws Exception {
    Map<String, Object> details = new LinkedHashMap<>();
    results.details("B2").put("stored", details);
    BenchDatabase.Target target = db.fresh("b2-stored");
    try (BenchApp app = BenchApp.start("b2-stored", db, target, options.out(), List.of("bench"),
        Map.of("camunda.bpm.job-execution.enabled", "false"), false)) {
      ClockUtil.setCurrentTime(java.util.Date.from(VerificationBenchmark.SUBMITTED.atStartOfDay()
          .atZone(StoryRun.CHICAGO).toInstant().plusSeconds(10 * 3600)));
      List<RosterMember> roster = DemoRoster.generate(VerificationBenchmark.ROSTER_SIZE,
          VerificationBenchmark.SUBMITTED, 2026L);
      long started = System.nanoTime();
      app.bean(RosterRepository.class).upsert(roster);
      double rosterSeconds = (System.nanoTime() - started) / 1e9;
      details.put("rosterUploadSeconds", rosterSeconds);
      results.figure("B2", "store a 100,000-member roster", rosterSeconds, "s", "RosterRepository.upsert, one run");

      PetitionService petitions = app.bean(PetitionService.class);
      ManagementService management = app.engine.getManagementService();
      for (int size : SIZES) {
        List<SignatureInput> signatures = new ArrayList<>(size);
        for (Signature s : VerificationBenchmark.petition(size, roster, new SplittableRandom(size))) {
          signatures.add(new SignatureInput(s.memberId(), s.name()));
        }
        PetitionRequest request = new PetitionRequest("ESTABLISH", "Stored Petition " + size, null,
            "To measure what a large petition costs.",
            List.of(new OrganizerInput("Rosa Diaz", "rosa@lib.example", "10 Library Way, Springfield")), signatures);
        started = System.nanoTime();
        PetitionService.Submitted submitted = petitions.submit(request, "mps1");
        double submitSeconds = (System.nanoTime() - started) / 1e9;

        runJob(management, submitted.processInstanceId(), "acknowledgeReceipt");
        started = System.nanoTime();
        runJob(management, submitted.processInstanceId(), "preVerifySignatures");
        double verifySeconds = (System.nanoTime() - started) / 1e9;

        String label = String.format(Locale.ROOT, "%,d", size);
        details.put(size + "-submitSeconds", submitSeconds);
        details.put(size + "-preVerifySeconds", verifySeconds);
        results.figure("B2", "submit a petition of " + label + " signatures", submitSeconds, "s",
            "validate, store, start; one run");
        results.figure("B2", "pre-verify step, " + label + " signatures", verifySeconds, "s",
            "roster look-up, checks stored; one run");
      }
    } finally {
      ClockUtil.reset();
    }
  }

  private static void runJob(ManagementService management, String processInstance, String activity) {
    Job job = management.createJobQuery().processInstanceId(processInstance).activityId(activity).singleResult();
    if (job == null) {
      throw new IllegalStateException("no job at " + activity);
    }
    management.executeJob(job.getId());
  }
}
