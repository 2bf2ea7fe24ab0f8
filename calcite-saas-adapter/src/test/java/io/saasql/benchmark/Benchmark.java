package io.saasql.benchmark;

import io.saasql.benchmark.BenchmarkQuery.Bound;
import io.saasql.benchmark.BenchmarkQuery.Counts;
import io.saasql.benchmark.BenchmarkQuery.Mode;
import io.saasql.benchmark.Runner.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The benchmark: API requests, time and memory of a fixed query set against their lower bounds,
 * with pushdown (at the default {@code maxConcurrentRequests}, 4, and again at 1: one request at a
 * time), without it (the naive adapter) and in Postgres, in one run. Writes a markdown
 * report (by default {@code target/benchmark-report.md}). Run it with
 * {@code mvn -B -Pbenchmark -pl calcite-saas-adapter verify}; see {@code BENCHMARKS.md}.
 *
 * <p>Steps: start the sandboxes and the embedded Postgres and copy the sandboxes' data into
 * Postgres, with the keys of the bind-join rows ({@code bench.bind_keys}); work out each query's
 * lower bound from the copies; run every query once in every mode without latency (warm-up: class
 * loading, JIT, tokens, Salesforce describes), comparing the answers, and keeping each query's
 * plan ({@code EXPLAIN}: whether it is a bind join); then switch on the per-request latency and
 * the enforced rate limit and measure every query in every mode (a prepared lookup not one
 * request at a time: it makes one request per execution anyway); then the idle connection check
 * and the streaming check, each in a JVM of its own.
 *
 * <p>System properties: {@code saasql.benchmark.latencyMs} (50), {@code .rateLimit} (requests per
 * window per sandbox, {@code 180/10s}; {@code none} for none), {@code .executions} (1000),
 * {@code .naiveExecutions} (3), {@code .largeIssues} (20000), {@code .streamRows} (1000000; 0
 * skips the check), {@code .sources} (comma-separated, default all), {@code .report} (the file),
 * {@code .generated} (generated differential queries per source, 2000; 0 skips them; see {@link
 * GeneratedRun}), {@code .generatedSeed} (1), {@code .generatedOnly} (true: only the generated
 * queries, without the fixed query set and the checks).
 */
public final class Benchmark {
  /** The run's settings. */
  record Settings(Duration latency, int rateLimit, Duration rateWindow, int executions,
      int naiveExecutions, int largeIssues, int streamRows, Set<String> sources, Path report,
      int generated, long generatedSeed, boolean generatedOnly) {

    static Settings fromSystemProperties() {
      String rate = prop("rateLimit", "180/10s");
      int limit = 0;
      Duration window = Duration.ZERO;
      if (!rate.equals("none")) {
        String[] parts = rate.split("/");
        limit = Integer.parseInt(parts[0].trim());
        window = Duration.ofSeconds(Long.parseLong(parts[1].trim().replace("s", "")));
      }
      Set<String> sources = new LinkedHashSet<>();
      for (String s : prop("sources", "backlog,bitbucket,pingone,salesforce").split(",")) {
        sources.add(s.trim().toLowerCase(Locale.ROOT));
      }
      return new Settings(Duration.ofMillis(Long.parseLong(prop("latencyMs", "50"))), limit,
          window, Integer.parseInt(prop("executions", "1000")),
          Integer.parseInt(prop("naiveExecutions", "3")),
          Integer.parseInt(prop("largeIssues", "20000")),
          Integer.parseInt(prop("streamRows", "1000000")), sources,
          Path.of(prop("report", "target/benchmark-report.md")),
          Integer.parseInt(prop("generated", "2000")),
          Long.parseLong(prop("generatedSeed", "1")),
          Boolean.parseBoolean(prop("generatedOnly", "false")));
    }

    private static String prop(String name, String fallback) {
      String v = System.getProperty("saasql.benchmark." + name);
      return v == null || v.isBlank() ? fallback : v.trim();
    }

    /** The enforced limit as a {@code rateLimit} operand, e.g. {@code "180/10s"}. */
    String rateLimitOperand() {
      return rateLimit <= 0 ? "none" : rateLimit + "/" + rateWindow.toMillis() + "ms";
    }

    String rateLimitText() {
      return rateLimit <= 0 ? "none"
          : String.format(Locale.ROOT, "%d requests per %d s per sandbox", rateLimit,
              rateWindow.toSeconds());
    }
  }

  /**
   * One query's results in every mode.
   *
   * @param serial    with pushdown one request at a time; null for a prepared statement (one
   *                  request per execution whatever the setting)
   * @param agreement whether the modes' answers agree (from the warm-up)
   * @param plan      its plan with pushdown (EXPLAIN, in the warm-up); null for a prepared
   *                  statement
   */
  record Result(BenchmarkQuery query, Bound bound, Run ours, Run naive, Run postgres, Run serial,
      Run limited, String agreement, String plan) {

    /** Whether the plan reads a REST table for the keys of the join's other side. */
    boolean bindJoin() {
      return plan != null && plan.contains("RestBindJoin");
    }
  }

  private Benchmark() {}

  public static void main(String[] args) throws Exception {
    // The sandboxes (JDK HTTP servers) keep idle connections open for the whole run, so that no
    // query pays for a connection closed while others ran; IdleConnectionCheck measures that
    // cost on its own. Read once, when the JDK server's configuration loads.
    if (System.getProperty("sun.net.httpserver.idleInterval") == null) {
      System.setProperty("sun.net.httpserver.idleInterval", "3600");
    }
    Settings settings = Settings.fromSystemProperties();
    long started = System.nanoTime();
    int status = 0;
    try {
      status = run(settings, started);
    } catch (Throwable t) {
      t.printStackTrace();
      status = 2;
    }
    System.exit(status);
  }

  private static int run(Settings settings, long started) throws Exception {
    log("settings: latency %d ms, rate limit %s, %,d prepared executions, %,d generated issues,"
            + " streaming %,d rows", settings.latency().toMillis(), settings.rateLimitText(),
        settings.executions(), settings.largeIssues(), settings.streamRows());
    CallCapture calls = CallCapture.install();
    List<Result> results = new ArrayList<>();
    StreamingCheck.Outcome streaming = null;
    IdleConnectionCheck.Outcome idle = null;
    List<GeneratedRun.SourceRun> generated = List.of();
    String postgresVersion;
    long setupNanos = 0;
    try (BenchEnvironment env = new BenchEnvironment(settings.largeIssues(),
        settings.rateLimitOperand())) {
      env.faults(Duration.ZERO, 0, Duration.ZERO);
      postgresVersion = postgresVersion(env);
      if (settings.generated() > 0) {
        generated = GeneratedRun.run(env, settings);
      }
      if (settings.generatedOnly()) {
        return finish(settings, started, results, null, null, generated, setupNanos,
            postgresVersion);
      }
      env.loadCopies();
      List<BenchmarkQuery> queries = new ArrayList<>();
      for (BenchmarkQuery q : QuerySet.build(env, settings.executions(),
          settings.naiveExecutions())) {
        if (settings.sources().contains(q.source())) {
          queries.add(q);
        }
      }
      Runner runner = new Runner(env, calls);
      Counts counts = new Counts(env.postgres);
      List<Bound> bounds = new ArrayList<>();
      List<String> agreements = new ArrayList<>();
      List<String> plans = new ArrayList<>();
      log("warm-up without latency: every query in every mode, answers compared");
      for (BenchmarkQuery q : queries) {
        bounds.add(q.lowerBound().of(counts));
        agreements.add(warmUp(runner, q));
        plans.add(q.prepared() == null ? runner.explain(q) : null);
        log("  %-6s %s: %s%s", q.id(), q.kind(), agreements.get(agreements.size() - 1),
            plans.get(plans.size() - 1) != null
                && plans.get(plans.size() - 1).contains("RestBindJoin") ? " (bind join)" : "");
      }
      setupNanos = System.nanoTime() - started;

      env.faults(settings.latency(), settings.rateLimit(), settings.rateWindow());
      log("measuring with %d ms per request and rate limit %s", settings.latency().toMillis(),
          settings.rateLimitText());
      for (int i = 0; i < queries.size(); i++) {
        BenchmarkQuery q = queries.get(i);
        Run ours;
        Run naive;
        Run postgres = null;
        Run serial = null;
        Run limited = null;
        if (q.prepared() != null) {
          ours = runner.prepared(q, Mode.OURS, q.prepared().executions());
          if (settings.rateLimit() > 0) {
            limited = runner.prepared(q, Mode.LIMITED, q.prepared().executions());
          }
          naive = runner.prepared(q, Mode.NAIVE, q.prepared().naiveExecutions());
          if (q.sql(Mode.POSTGRES) != null) {
            postgres = runner.prepared(q, Mode.POSTGRES, q.prepared().executions());
          }
        } else {
          ours = runner.once(q, Mode.OURS, false);
          serial = runner.once(q, Mode.SERIAL, false);
          naive = runner.once(q, Mode.NAIVE, false);
          if (q.sql(Mode.POSTGRES) != null) {
            postgres = runner.once(q, Mode.POSTGRES, false);
          }
        }
        Result r = new Result(q, bounds.get(i), ours, naive, postgres, serial, limited,
            agreements.get(i), plans.get(i));
        results.add(r);
        log("  %-6s %-45s ours %5d req (LB %d) %9.1f ms | at 1 %s | naive %5d req %9.1f ms%s",
            q.id(), q.kind(), ours.requests(), r.bound().requests(), ours.wallMs(),
            serial == null ? "—" : String.format(Locale.ROOT, "%5d req %9.1f ms",
                serial.requests(), serial.wallMs()), naive.requests(), naive.wallMs(),
            ours.failed() ? " ERROR " + ours.error()
                : serial != null && serial.failed() ? " ERROR at 1 " + serial.error() : "");
      }
      env.faults(Duration.ZERO, 0, Duration.ZERO);
    }
    log("idle connection check: a lookup after the API closed the idle connection");
    idle = IdleConnectionCheck.run(settings.latency());
    log("  %s", idle.values().isEmpty() ? "FAILED " + idle.output() : idle.values());
    if (settings.streamRows() > 0) {
      log("streaming check: %,d generated rows in a JVM with %s", settings.streamRows(),
          StreamingCheck.MAX_HEAP);
      streaming = StreamingCheck.run(settings.streamRows());
      log("  %s %s", streaming.passed() ? "passed" : "FAILED", streaming.values());
    }
    return finish(settings, started, results, streaming, idle, generated, setupNanos,
        postgresVersion);
  }

  /**
   * Writes the report; the exit status: 1 if a query failed (with pushdown, at either
   * maxConcurrentRequests) or the streaming check did.
   */
  private static int finish(Settings settings, long started, List<Result> results,
      StreamingCheck.Outcome streaming, IdleConnectionCheck.Outcome idle,
      List<GeneratedRun.SourceRun> generated, long setupNanos, String postgresVersion)
      throws java.io.IOException {
    Duration total = Duration.ofNanos(System.nanoTime() - started);
    String report = new ReportWriter(settings, results, streaming, idle, total,
        Duration.ofNanos(setupNanos), postgresVersion,
        generated.isEmpty() ? null : GeneratedRun.markdown(generated, settings)).write();
    Path file = settings.report().toAbsolutePath();
    Files.createDirectories(file.getParent());
    Files.writeString(file, report);
    log("report: %s (whole run %d min %d s)", file, total.toMinutes(), total.toSecondsPart());
    boolean failed = results.stream().anyMatch(r -> r.ours().failed()
        || (r.serial() != null && r.serial().failed()))
        || (streaming != null && !streaming.passed());
    return failed ? 1 : 0;
  }

  /**
   * Runs a query in every mode without latency (a prepared statement not one request at a time:
   * it makes one request per execution anyway); says whether the answers agree.
   */
  private static String warmUp(Runner runner, BenchmarkQuery q) {
    Run ours;
    Run naive;
    Run postgres = null;
    if (q.prepared() != null) {
      ours = runner.prepared(q, Mode.OURS, Math.min(20, q.prepared().executions()));
      runner.prepared(q, Mode.LIMITED, Math.min(20, q.prepared().executions())); // tokens, describe
      naive = runner.prepared(q, Mode.NAIVE, 1);
      if (q.sql(Mode.POSTGRES) != null) {
        postgres = runner.prepared(q, Mode.POSTGRES, Math.min(20, q.prepared().executions()));
        if (!postgres.failed() && !ours.failed() && postgres.returned() != ours.returned()) {
          return "no: " + ours.returned() + " rows, Postgres " + postgres.returned();
        }
      }
      return ours.failed() ? "error: " + ours.error()
          : naive.failed() ? "naive error: " + naive.error() : "yes (rows per execution)";
    }
    ours = runner.once(q, Mode.OURS, true);
    Run serial = runner.once(q, Mode.SERIAL, true);
    naive = runner.once(q, Mode.NAIVE, true);
    if (q.sql(Mode.POSTGRES) != null) {
      postgres = runner.once(q, Mode.POSTGRES, true);
    }
    if (ours.failed()) {
      return "error: " + ours.error();
    }
    if (serial.failed()) {
      return "error one request at a time: " + serial.error();
    }
    if (naive.failed()) {
      return "naive error: " + naive.error();
    }
    if (postgres != null && postgres.failed()) {
      return "Postgres error: " + postgres.error();
    }
    List<String> problems = new ArrayList<>();
    if (!same(q, ours, serial)) {
      problems.add("one request at a time differs (" + serial.returned() + " rows vs "
          + ours.returned() + ")");
    }
    if (!same(q, ours, naive)) {
      problems.add("naive differs (" + naive.returned() + " rows vs " + ours.returned() + ")");
    }
    if (postgres != null && !same(q, ours, postgres)) {
      problems.add("Postgres differs (" + postgres.returned() + " rows vs " + ours.returned()
          + ")");
    }
    String scope = q.ordered() ? "" : " (row count: LIMIT without ORDER BY)";
    return problems.isEmpty() ? "yes" + scope : "no: " + String.join("; ", problems);
  }

  private static boolean same(BenchmarkQuery q, Run a, Run b) {
    return q.ordered() ? a.rows().equals(b.rows()) : a.returned() == b.returned();
  }

  private static String postgresVersion(BenchEnvironment env) throws Exception {
    try (var s = env.postgres.createStatement();
         var rs = s.executeQuery("SHOW server_version")) {
      rs.next();
      return rs.getString(1);
    }
  }

  static void log(String format, Object... args) {
    System.out.println(String.format(Locale.ROOT, format, args));
    System.out.flush();
  }
}
