package org.ala.mig.drafts;

import static org.ala.mig.drafts.Drafts.body;
import static org.ala.mig.drafts.Drafts.json;
import static org.ala.mig.drafts.Drafts.signature;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;
import org.ala.mig.support.HttpApi;
import org.ala.mig.support.LinkSession;
import org.ala.mig.support.MigPostgresTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The online petition at the same moment, on PostgreSQL: one member confirming from ten tabs at
 * once counts once, and signing ten times at once keeps one signature and mails one link; every
 * request gets its documented answer, none a 500. (Written for {@code ./mvnw verify -Ppostgres};
 * the H2 suite has the two-tab case in DraftApiTest.)
 */
@MigPostgresTest
class ConcurrentSigningPostgresTest {

  static final int TABS = 10;

  @LocalServerPort int port;
  @Autowired JdbcTemplate jdbc;

  @Test
  void oneMemberConfirmingFromTenTabsAtOnceCountsOnce() throws Exception {
    String key = Drafts.unique();
    String draftId = draft(key);
    String[] mia = Drafts.member(jdbc, key + "M", "Mia Tabs");
    new HttpApi(port).postJson("/api/petition-drafts/" + draftId + "/signatures", null, signature(mia[0], "Mia Tabs", false));
    String token = Drafts.token(jdbc, mia[1]);
    List<LinkSession> tabs = new ArrayList<>();
    List<String> csrf = new ArrayList<>();
    for (int i = 0; i < TABS; i++) {
      LinkSession tab = new LinkSession(port);
      csrf.add(LinkSession.csrfOf(tab.get("/sign/" + draftId + "/confirm?token=" + token)));
      tabs.add(tab);
    }

    List<Integer> statuses = all(i -> tabs.get(i).postForm("/sign/" + draftId + "/confirm",
        Map.of("token", token, "_csrf", csrf.get(i))).status());

    assertThat(statuses).containsOnly(200);
    assertThat(new HttpApi(port).get("/api/petition-drafts/" + draftId, null).json().path("confirmedSignatures").asInt())
        .isEqualTo(1);
  }

  @Test
  void oneMemberSigningTenTimesAtOnceKeepsOneSignatureAndMailsOneLink() throws Exception {
    String key = Drafts.unique();
    String draftId = draft(key);
    String[] mia = Drafts.member(jdbc, key + "S", "Mia Signs");
    HttpApi http = new HttpApi(port);

    List<Integer> statuses = all(i -> http.postJson("/api/petition-drafts/" + draftId + "/signatures", null,
        signature(mia[0], "Mia Signs", false)).status());

    assertThat(statuses).containsOnly(202);
    assertThat(Drafts.signatureRows(jdbc, draftId)).isEqualTo(1);
    assertThat(Drafts.mails(jdbc, "signature-confirmation", mia[1])).isEqualTo(1);
  }

  private String draft(String key) throws Exception {
    String[] organizer = Drafts.member(jdbc, key + "O", "Olga Organizer");
    LinkSession session = LinkSession.signIn(port, jdbc, organizer[1]);
    LinkSession.Answer created = session.postJson("/api/petition-drafts", json(body("Concurrent " + key, organizer[1])));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return Drafts.JSON.readTree(created.body()).path("draftId").asText();
  }

  private static List<Integer> all(java.util.function.IntFunction<Integer> call) throws Exception {
    CountDownLatch go = new CountDownLatch(1);
    java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(TABS);
    try {
      List<CompletableFuture<Integer>> calls = new ArrayList<>();
      for (int i = 0; i < TABS; i++) {
        int tab = i;
        calls.add(CompletableFuture.supplyAsync(awaiting(go, () -> call.apply(tab)), threads));
      }
      go.countDown();
      List<Integer> statuses = new ArrayList<>();
      for (CompletableFuture<Integer> c : calls) {
        statuses.add(c.get());
      }
      return statuses;
    } finally {
      threads.shutdown();
    }
  }

  private static Supplier<Integer> awaiting(CountDownLatch go, Supplier<Integer> then) {
    return () -> {
      try {
        go.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return then.get();
    };
  }
}
