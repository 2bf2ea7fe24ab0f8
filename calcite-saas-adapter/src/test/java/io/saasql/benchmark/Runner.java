package io.saasql.benchmark;

import io.saasql.benchmark.BenchmarkQuery.Mode;
import io.saasql.sandbox.RecordedRequest;
import java.math.BigDecimal;
import java.math.MathContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs one query once (or a prepared statement many times) and measures it: requests each
 * sandbox received, rows the API sent and the query returned, planning and execution time, time
 * waiting for the API and before retries, heap.
 */
final class Runner {
  private final BenchEnvironment env;
  private final CallCapture calls;

  Runner(BenchEnvironment env, CallCapture calls) {
    this.env = env;
    this.calls = calls;
  }

  /**
   * What one run measured.
   *
   * @param requests      requests the sandboxes received (429s included)
   * @param rateLimited   of those, answered 429
   * @param perSource     requests by sandbox
   * @param transferred   rows the API responses carried
   * @param returned      rows the query returned (all executions for a prepared statement)
   * @param planMs        preparing the statement (parse, validate, optimize, generate code)
   * @param execMs        executing it and reading every row
   * @param apiMs         waiting for API responses
   * @param retryWaitMs   sleeping before retries (rate limits)
   * @param heapPeak      heap high-water mark above the starting point, bytes
   * @param allocated     bytes the running thread allocated
   * @param rows          the rows as sorted text, when asked for (else null)
   * @param executions    executions (1, or those of a prepared statement)
   * @param latencies     milliseconds of each execution of a prepared statement (else empty)
   * @param error         the error, or null
   */
  record Run(long requests, long rateLimited, Map<String, Long> perSource, long transferred,
      long returned, double planMs, double execMs, double apiMs, double retryWaitMs,
      long heapPeak, long allocated, List<String> rows, int executions, List<Double> latencies,
      String error) {

    double wallMs() {
      return planMs + execMs;
    }

    boolean failed() {
      return error != null;
    }
  }

  /** Runs a query once; keeps its rows (as sorted text) when {@code keepRows}. */
  Run once(BenchmarkQuery q, Mode mode, boolean keepRows) {
    String sql = q.sql(mode);
    Connection c = mode == Mode.POSTGRES ? env.postgres : env.calcite;
    start();
    List<String> rows = keepRows ? new ArrayList<>() : null;
    long returned = 0;
    double planMs;
    double execMs;
    long heapPeak;
    long allocated;
    try (HeapProbe heap = HeapProbe.start()) {
      long t0 = System.nanoTime();
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        long t1 = System.nanoTime();
        try (ResultSet rs = ps.executeQuery()) {
          returned = read(rs, rows);
        }
        long t2 = System.nanoTime();
        planMs = (t1 - t0) / 1e6;
        execMs = (t2 - t1) / 1e6;
      }
      heap.stop();
      heapPeak = heap.peakAboveBaseline();
      allocated = heap.allocated();
    } catch (SQLException | RuntimeException e) {
      return failure(e);
    }
    if (rows != null) {
      Collections.sort(rows);
    }
    return finish(returned, planMs, execMs, heapPeak, allocated, rows, 1, List.of());
  }

  /** Prepares once, then executes {@code executions} times with the query's parameters. */
  Run prepared(BenchmarkQuery q, Mode mode, int executions) {
    String sql = q.sql(mode);
    Connection c = mode == Mode.POSTGRES ? env.postgres : env.calcite;
    start();
    List<Double> latencies = new ArrayList<>(executions);
    long returned = 0;
    double planMs;
    double execMs;
    long heapPeak;
    long allocated;
    try (HeapProbe heap = HeapProbe.start()) {
      long t0 = System.nanoTime();
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        long t1 = System.nanoTime();
        for (int k = 0; k < executions; k++) {
          long e0 = System.nanoTime();
          ps.setObject(1, q.prepared().parameter(k));
          try (ResultSet rs = ps.executeQuery()) {
            returned += read(rs, null);
          }
          latencies.add((System.nanoTime() - e0) / 1e6);
        }
        long t2 = System.nanoTime();
        planMs = (t1 - t0) / 1e6;
        execMs = (t2 - t1) / 1e6;
      }
      heap.stop();
      heapPeak = heap.peakAboveBaseline();
      allocated = heap.allocated();
    } catch (SQLException | RuntimeException e) {
      return failure(e);
    }
    return finish(returned, planMs, execMs, heapPeak, allocated, null, executions, latencies);
  }

  /** The plan of a query with pushdown ({@code EXPLAIN PLAN FOR}), or why there is none. */
  String explain(BenchmarkQuery q) {
    try (Statement s = env.calcite.createStatement();
         ResultSet rs = s.executeQuery("EXPLAIN PLAN FOR " + q.sql(Mode.OURS))) {
      StringBuilder plan = new StringBuilder();
      while (rs.next()) {
        plan.append(rs.getString(1));
      }
      return plan.toString();
    } catch (SQLException | RuntimeException e) {
      return "EXPLAIN failed: " + e.getMessage();
    }
  }

  /** A failed run, with the requests it made. */
  private Run failure(Exception e) {
    Run partial = finish(0, 0, 0, 0, 0, null, 0, List.of());
    return new Run(partial.requests(), partial.rateLimited(), partial.perSource(),
        partial.transferred(), 0, 0, 0, partial.apiMs(), partial.retryWaitMs(), 0, 0, null, 0,
        List.of(), e.getClass().getSimpleName() + ": " + e.getMessage());
  }

  private void start() {
    env.clearRequests();
    calls.clear();
  }

  private Run finish(long returned, double planMs, double execMs, long heapPeak, long allocated,
      List<String> rows, int executions, List<Double> latencies) {
    long requests = 0;
    long limited = 0;
    Map<String, Long> perSource = new LinkedHashMap<>();
    for (Map.Entry<String, List<RecordedRequest>> e : env.requests().entrySet()) {
      if (!e.getValue().isEmpty()) {
        perSource.put(e.getKey(), (long) e.getValue().size());
      }
      requests += e.getValue().size();
      limited += e.getValue().stream().filter(r -> r.status() == 429).count();
    }
    CallCapture.Totals t = calls.totals();
    return new Run(requests, limited, perSource, t.rows(), returned, planMs, execMs, t.millis(),
        t.retryWait(), heapPeak, allocated, rows, executions, latencies, null);
  }

  private static long read(ResultSet rs, List<String> rows) throws SQLException {
    int columns = rs.getMetaData().getColumnCount();
    long n = 0;
    while (rs.next()) {
      n++;
      if (rows == null) {
        for (int i = 1; i <= columns; i++) {
          rs.getObject(i);
        }
        continue;
      }
      StringBuilder row = new StringBuilder();
      for (int i = 1; i <= columns; i++) {
        row.append(i == 1 ? "" : " | ").append(text(rs.getObject(i)));
      }
      rows.add(row.toString());
    }
    return n;
  }

  /** A value as text that compares across drivers: numbers by value, timestamps as wall clock. */
  static String text(Object v) {
    if (v == null) {
      return "NULL";
    }
    if (v instanceof Number n) {
      return new BigDecimal(n.toString()).round(new MathContext(12)).stripTrailingZeros()
          .toPlainString();
    }
    if (v instanceof Timestamp t) {
      return t.toLocalDateTime().toString();
    }
    return v.toString();
  }
}
