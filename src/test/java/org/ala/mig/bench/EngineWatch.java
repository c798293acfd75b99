package org.ala.mig.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.camunda.bpm.engine.impl.util.ClockUtil;

/**
 * The harness's own view of the engine's tables, over a connection of its own (outside the
 * application's pool, so that its look-ups are not counted as the application's commits on H2,
 * and can be subtracted on PostgreSQL: each of its statements is one auto-commit transaction).
 * It tells when the job executor has run every due job ("settled"), when the next timer is due,
 * and whether anything failed.
 */
final class EngineWatch implements AutoCloseable {

  /** How long one settling may take ({@code -Dbench.settle.minutes}, default 30). */
  static final Duration SETTLE_LIMIT = Duration.ofMinutes(Long.getLong("bench.settle.minutes", 30));
  private static final long POLL_MILLIS = 20;

  private final Connection connection;
  private long statements;
  private long settleMillis;

  EngineWatch(Connection connection) throws SQLException {
    this.connection = connection;
    connection.setAutoCommit(true);
  }

  /** Statements this watch ran: each is one committed transaction of the database. */
  long statements() {
    return statements;
  }

  /** Time spent waiting in {@link #settle} for the job executor. */
  long settleMillis() {
    return settleMillis;
  }

  /**
   * Wakes the job executor and waits until no job is due by the engine clock (every due job ran,
   * and the jobs they created, if due, too).
   *
   * @throws IllegalStateException when a job failed, or jobs are still due after the settle limit
   */
  void settle(JobExecutor jobExecutor) throws SQLException, InterruptedException {
    long started = System.nanoTime();
    long deadline = started + SETTLE_LIMIT.toNanos();
    jobExecutor.jobWasAdded();
    int polls = 0;
    while (executableJobs() > 0) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("jobs still due after " + SETTLE_LIMIT + ": " + executableJobs());
      }
      Thread.sleep(POLL_MILLIS);
      if (++polls % 50 == 0) {
        jobExecutor.jobWasAdded();
      }
    }
    settleMillis += (System.nanoTime() - started) / 1_000_000;
    String failure = firstFailure();
    if (failure != null) {
      throw new IllegalStateException("a job failed: " + failure);
    }
  }

  long executableJobs() throws SQLException {
    return count("select count(*) from ACT_RU_JOB where RETRIES_ > 0 and (DUEDATE_ is null or DUEDATE_ <= ?)"
        + " and (SUSPENSION_STATE_ is null or SUSPENSION_STATE_ = 1)", now());
  }

  /** When the next timer of a process is due after the engine's now (the history cleanup's left aside), or null. */
  Instant nextTimer() throws SQLException {
    statements++;
    try (PreparedStatement s = connection.prepareStatement(
        "select min(DUEDATE_) from ACT_RU_JOB where DUEDATE_ > ? and RETRIES_ > 0 and PROCESS_INSTANCE_ID_ is not null")) {
      s.setTimestamp(1, now());
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        Timestamp t = rs.getTimestamp(1);
        return t == null ? null : t.toInstant();
      }
    }
  }

  long runningProcessInstances() throws SQLException {
    return count("select count(*) from ACT_RU_EXECUTION where ID_ = PROC_INST_ID_");
  }

  long waitingMail() throws SQLException {
    return count("select count(*) from mail_outbox where status in ('PENDING', 'SENDING')");
  }

  /** Waits until the dispatcher has sent every mail written so far (at most the settle limit). */
  void awaitMailSent() throws SQLException, InterruptedException {
    long deadline = System.nanoTime() + SETTLE_LIMIT.toNanos();
    while (waitingMail() > 0) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("mail still waiting after " + SETTLE_LIMIT + ": " + waitingMail());
      }
      Thread.sleep(POLL_MILLIS * 5);
    }
  }

  /** The first failed job's activity and message, or null when no job failed. */
  String firstFailure() throws SQLException {
    statements++;
    try (PreparedStatement s = connection.prepareStatement(
        "select FAILED_ACT_ID_, EXCEPTION_MSG_ from ACT_RU_JOB where EXCEPTION_MSG_ is not null"
            + " or EXCEPTION_STACK_ID_ is not null");
        ResultSet rs = s.executeQuery()) {
      return rs.next() ? rs.getString(1) + ": " + rs.getString(2) : null;
    }
  }

  /** Counts of the story's history: activity instances by type, process instances, tasks. */
  Map<String, Long> historyCounts() throws SQLException {
    Map<String, Long> counts = new LinkedHashMap<>();
    statements++;
    try (PreparedStatement s = connection.prepareStatement(
        "select ACT_TYPE_, count(*) from ACT_HI_ACTINST group by ACT_TYPE_ order by ACT_TYPE_");
        ResultSet rs = s.executeQuery()) {
      while (rs.next()) {
        counts.put(rs.getString(1), rs.getLong(2));
      }
    }
    counts.put("processInstances", count("select count(*) from ACT_HI_PROCINST"));
    counts.put("tasks", count("select count(*) from ACT_HI_TASKINST"));
    return counts;
  }

  long count(String sql, Object... args) throws SQLException {
    statements++;
    try (PreparedStatement s = connection.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        s.setObject(i + 1, args[i]);
      }
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private static Timestamp now() {
    return new Timestamp(ClockUtil.getCurrentTime().getTime());
  }

  @Override
  public void close() throws SQLException {
    connection.close();
  }
}
