package org.ala.mig.bench;

import java.sql.SQLException;
import java.time.LocalDate;
import java.time.Month;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ala.mig.identity.SystemAuthentication;
import org.camunda.bpm.engine.RuntimeService;

/**
 * B1's baseline: the story of {@link AppStory}, step for step and on the same days, on
 * {@code src/test/resources/bench/baseline.bpmn} (the same user tasks, waits, asynchronous steps
 * and timers, with no application logic), driven the same way: the same users claim and
 * complete the same tasks with the same outputs, reports arrive by message, and the real job
 * executor runs every job as the engine clock moves.
 */
final class BaselineStory extends StoryRun {

  static final String RESOURCE = "bench/baseline.bpmn";
  static final String PETITION = "bench-baseline-petition";
  static final String LIFECYCLE = "bench-baseline-lifecycle";


  private static final class Story {
    final String migId;
    String petition;
    String renewal;

    Story(String migId) {
      this.migId = migId;
    }
  }

  private final RuntimeService runtime;
  private final List<Story> stories = new ArrayList<>();

  BaselineStory(BenchApp app, BenchDatabase db, BenchDatabase.Target target, int lifecycles, int driverThreads)
      throws SQLException {
    super(app, db, target, lifecycles, driverThreads);
    this.runtime = app.engine.getRuntimeService();
    for (int i = 0; i < lifecycles; i++) {
      stories.add(new Story("bench-baseline-" + i));
    }
  }

  @Override
  void prepare() {
    clockAt(AppStory.START.atTime(8, 0).atZone(CHICAGO).toInstant());
    app.engine.getRepositoryService().createDeployment().name("bench-baseline")
        .addClasspathResource(RESOURCE).deploy();
  }

  @Override
  void story() throws Exception {
    clockAt(tenAm(AppStory.START));
    forEach(stories, s -> s.petition = start(s, "ESTABLISH"));
    settle();
    verifyAndDecide(stories, s -> s.petition);
    acknowledge(stories, s -> s.petition);
    phase("establish");
    for (int year = AppStory.YEAR; year < AppStory.YEAR + 3; year++) {
      walkTo(tenAm(LocalDate.of(year, Month.JULY, 2)));
      phase("timers");
      String reportYear = Integer.toString(year);
      forEach(stories, s -> SystemAuthentication.run(identity, () ->
          runtime.createMessageCorrelation("bench-baseline-report-submitted")
              .processInstanceBusinessKey(s.migId + ":" + reportYear)
              .setVariables(Map.of("activities", "Two programs at Annual, a webinar series and a newsletter.",
                  "submittedBy", "mps1"))
              .correlateWithResult()));
      settle();
      forEach(stories, s -> claimAndComplete("chair", CHAIR,
          () -> tasks.createTaskQuery().processInstanceBusinessKey(s.migId + ":" + reportYear)
              .taskDefinitionKey("reviewAnnualReport").singleResult(),
          Map.of("reportAccepted", true, "reviewNotes", "A good year.")));
      settle();
      phase("annual reports");
    }
    walkTo(tenAm(LocalDate.of(AppStory.YEAR + 2, Month.DECEMBER, 20)));
    phase("timers");
    forEach(stories, s -> s.renewal = start(s, "RENEW"));
    settle();
    verifyAndDecide(stories, s -> s.renewal);
    phase("renewal");
    runToTheEnd();
    phase("timers");
  }

  private String start(Story s, String kind) {
    Map<String, Object> variables = new HashMap<>();
    variables.put("petitionId", "BP-" + kind.charAt(0) + "-" + s.migId);
    variables.put("migId", s.migId);
    variables.put("migName", "Baseline " + s.migId);
    variables.put("kind", kind);
    variables.put("statementOfPurpose", "To bring together librarians who run seed libraries and garden programs.");
    variables.put("organizersSummary", "Rosa Diaz <rosa@lib.example>, 10 Library Way, Springfield\n"
        + "Sam Okafor <sam@lib.example>, 22 Reading Rd, Shelbyville");
    variables.put("signatureCount", AppStory.SIGNATURES);
    variables.put("requiredSignatures", 100);
    variables.put("submittedBy", "mps1");
    variables.put("termEndYear", AppStory.YEAR + 3);
    variables.put("reportYear", AppStory.YEAR);
    return SystemAuthentication.run(identity, () -> runtime.startProcessInstanceByKey(PETITION,
        (String) variables.get("petitionId"), variables).getId());
  }



  @Override
  void check() throws SQLException {
    long disbanded = watch.count("select count(*) from ACT_HI_ACTINST where ACT_ID_ = 'migDisbandedNotRenewed'"
        + " and PROC_DEF_KEY_ = ?", LIFECYCLE);
    if (disbanded != lifecycles) {
      throw new IllegalStateException(disbanded + " of " + lifecycles + " baseline lifecycles reached their end");
    }
  }
}
