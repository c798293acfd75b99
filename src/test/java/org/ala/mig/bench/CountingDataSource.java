package org.ala.mig.bench;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Counts what the application asks of its database: the statements it runs and the
 * transactions it commits (a commit after at least one statement, and each statement run in
 * auto-commit: what PostgreSQL counts in {@code pg_stat_database.xact_commit}). H2 keeps no such
 * statistic, so on H2 this is where B1's commits come from. With {@code -Dbench.profile.sql=true}
 * it also keeps, per SQL text, how often it ran and how long it took: a profile of the run.
 * It wraps the application's {@link DataSource} bean, so the engine, Flyway and the JdbcTemplates
 * all go through it.
 */
final class CountingDataSource {

  /** How often one SQL text ran, and for how long in all. */
  record SqlStat(String sql, long count, double millis) {}

  private final AtomicLong commits = new AtomicLong();
  private final AtomicLong statements = new AtomicLong();
  private final boolean profile = Boolean.getBoolean("bench.profile.sql");
  private final Map<String, LongAdder[]> bySql = new ConcurrentHashMap<>();

  long commits() {
    return commits.get();
  }

  long statements() {
    return statements.get();
  }

  /** The SQL texts that took longest in all, since the last {@link #resetProfile()}. */
  List<SqlStat> top(int n) {
    return bySql.entrySet().stream()
        .map(e -> new SqlStat(e.getKey(), e.getValue()[0].sum(), e.getValue()[1].sum() / 1e6))
        .sorted(Comparator.comparingDouble(SqlStat::millis).reversed())
        .limit(n).toList();
  }

  void resetProfile() {
    bySql.clear();
  }

  boolean profiling() {
    return profile;
  }

  /** Registers the wrapping; give it to {@code SpringApplicationBuilder.initializers}. */
  BeanPostProcessor postProcessor() {
    return new BeanPostProcessor() {
      @Override
      public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof DataSource dataSource && beanName.equals("dataSource")) {
          return wrap(dataSource);
        }
        return bean;
      }
    };
  }

  DataSource wrap(DataSource target) {
    return proxy(DataSource.class, target, (method, args) -> {
      Object result = invoke(target, method, args);
      return method.getName().equals("getConnection") ? connection((Connection) result) : result;
    });
  }

  private Connection connection(Connection target) {
    boolean[] dirty = {false};
    return proxy(Connection.class, target, (method, args) -> {
      String name = method.getName();
      if (name.equals("commit")) {
        Object result = invoke(target, method, args);
        if (dirty[0]) {
          commits.incrementAndGet();
          dirty[0] = false;
        }
        return result;
      }
      if (name.equals("rollback") && (args == null || args.length == 0)) {
        dirty[0] = false;
      }
      if (name.equals("setAutoCommit") && Boolean.TRUE.equals(args[0]) && dirty[0] && !target.getAutoCommit()) {
        // switching auto-commit on commits what is pending (JDBC)
        commits.incrementAndGet();
        dirty[0] = false;
      }
      Object result = invoke(target, method, args);
      String sql = args != null && args.length > 0 && args[0] instanceof String s ? s : null;
      if (result instanceof CallableStatement s) {
        return statement(CallableStatement.class, s, sql, target, dirty);
      }
      if (result instanceof PreparedStatement s) {
        return statement(PreparedStatement.class, s, sql, target, dirty);
      }
      if (result instanceof Statement s) {
        return statement(Statement.class, s, null, target, dirty);
      }
      return result;
    });
  }

  private <S extends Statement> S statement(Class<S> type, S target, String preparedSql, Connection connection,
      boolean[] dirty) {
    return proxy(type, target, (method, args) -> {
      if (!method.getName().startsWith("execute")) {
        return invoke(target, method, args);
      }
      long started = System.nanoTime();
      Object result = invoke(target, method, args);
      long nanos = System.nanoTime() - started;
      statements.incrementAndGet();
      if (connection.getAutoCommit()) {
        commits.incrementAndGet();
      } else {
        dirty[0] = true;
      }
      if (profile) {
        String sql = preparedSql != null ? preparedSql
            : args != null && args.length > 0 && args[0] instanceof String s ? s : "(batch)";
        LongAdder[] stat = bySql.computeIfAbsent(normalized(sql), k -> new LongAdder[] {new LongAdder(), new LongAdder()});
        stat[0].increment();
        stat[1].add(nanos);
      }
      return result;
    });
  }

  private static String normalized(String sql) {
    String oneLine = sql.replaceAll("\\s+", " ").strip();
    return oneLine.length() > 400 ? oneLine.substring(0, 400) + "..." : oneLine;
  }

  private interface Call {
    Object on(Method method, Object[] args) throws Throwable;
  }

  @SuppressWarnings("unchecked")
  private static <T> T proxy(Class<T> type, T target, Call call) {
    InvocationHandler handler = (proxy, method, args) -> {
      if (method.getName().equals("unwrap") && args != null && args.length == 1
          && ((Class<?>) args[0]).isInstance(proxy)) {
        return proxy;  // whoever unwraps to what the proxy is keeps being counted
      }
      return call.on(method, args);
    };
    return (T) Proxy.newProxyInstance(CountingDataSource.class.getClassLoader(), new Class<?>[] {type}, handler);
  }

  private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  static Map<String, Object> asMap(SqlStat s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("count", s.count());
    m.put("millis", s.millis());
    m.put("sql", s.sql());
    return m;
  }
}
