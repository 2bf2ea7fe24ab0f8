package io.saasql.benchmark;

import io.saasql.benchmark.Benchmark.Settings;
import io.saasql.testing.Differential;
import io.saasql.testing.Differential.Failure;
import io.saasql.testing.Differential.Mismatch;
import io.saasql.testing.Differential.Report;
import io.saasql.testing.Differential.Table;
import io.saasql.testing.DifferentialSources;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The benchmark's generated queries ({@code -Dbenchmark.generated=N} per source): the
 * differential tests' generator ({@link Differential#run}) at a larger scale, over the
 * benchmark's sandboxes without latency or rate limit. Every query runs with pushdown, without
 * it, and in Postgres over a copy of the sandbox's JSON; the report counts the answers that
 * differ and the queries that make more than one request more than the naive scan, and lists
 * the failures reduced to their smallest part.
 */
final class GeneratedRun {
  /** One source's reports (its main table first) and how long they took. */
  record SourceRun(String source, List<Report> reports, long millis) {}

  private GeneratedRun() {}

  /** Runs {@code settings.generated()} queries per source of the settings. */
  static List<SourceRun> run(BenchEnvironment env, Settings settings) throws SQLException {
    List<SourceRun> runs = new ArrayList<>();
    int queries = settings.generated();
    int prepared = queries / 10 / 3 * 3;
    try {
      for (String source : settings.sources()) {
        long started = System.nanoTime();
        List<Table> tables = switch (source) {
          case "backlog" -> DifferentialSources.backlog(env.calcite, "backlog", "backlog_nopush",
              env.backlog, env.postgres);
          case "bitbucket" -> DifferentialSources.bitbucket(env.calcite, "bitbucket",
              "bitbucket_nopush", env.bitbucket, BenchEnvironment.WORKSPACE, env.postgres);
          case "pingone" -> DifferentialSources.pingone(env.calcite, BenchEnvironment.ENVIRONMENT,
              BenchEnvironment.ENVIRONMENT + "_nopush", env.pingone, BenchEnvironment.ENVIRONMENT,
              env.postgres);
          case "salesforce" -> DifferentialSources.salesforce(env.calcite, "salesforce",
              "salesforce_nopush", env.salesforce, env.postgres);
          default -> List.of();
        };
        if (tables.isEmpty()) {
          continue;
        }
        Benchmark.log("generated queries: %s, %,d queries and %,d prepared executions", source,
            queries, prepared);
        List<Report> reports = Differential.run(tables, queries, prepared,
            settings.generatedSeed());
        SourceRun run = new SourceRun(source, reports, (System.nanoTime() - started) / 1_000_000);
        runs.add(run);
        Benchmark.log("  %s: %d differ from pushdown off, %d from Postgres, %d over the request"
                + " bound, %.0f s", source, sum(run, r -> r.differFromNaive),
            sum(run, r -> r.differFromPostgres), sum(run, r -> r.overRequestBound),
            run.millis() / 1000.0);
      }
    } finally {
      DifferentialSources.drop(env.postgres);
    }
    return runs;
  }

  static int sum(SourceRun run, java.util.function.ToIntFunction<Report> f) {
    return run.reports().stream().mapToInt(f).sum();
  }

  /** The report's section. */
  static String markdown(List<SourceRun> runs, Settings settings) {
    StringBuilder out = new StringBuilder();
    line(out, "## Generated queries");
    line(out, "");
    line(out, "%,d generated queries per source (seed %d; `-Dbenchmark.generated=N`,"
            + " `-Dbenchmark.generatedSeed=S`), two thirds on its main table, the rest on its"
            + " smaller tables, a tenth of them executions of prepared statements; no latency, no"
            + " rate limit. Literals come from the data itself: values with their case changed or"
            + " a space added, times a millisecond either side of real ones and with the"
            + " microseconds the API keeps, Japanese, Greek and emoji text, LIKE patterns cut"
            + " from values. Each query runs with pushdown, without it (the naive adapter), and in"
            + " Postgres over a copy of the sandbox's JSON (text `COLLATE \"C\"`, times to the"
            + " millisecond). See `io.saasql.testing.Differential`.", settings.generated(),
        settings.generatedSeed());
    line(out, "");
    line(out, "*≠ off*: answers with pushdown that differ from the naive adapter's; *≠ Postgres*:"
        + " answers with pushdown that differ from Postgres's; *off ≠ Postgres*: Calcite alone"
        + " against Postgres; *over bound*: queries making more than requests(naive) + 1"
        + " requests; *failed*: queries that fail with and without pushdown while Postgres"
        + " answers them.");
    line(out, "");
    line(out, "| source | table | queries | prepared | with rows | fewer requests than naive |"
        + " ≠ off | ≠ Postgres | off ≠ Postgres | over bound | failed | requests pushed / naive"
        + " | s |");
    line(out, "|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
    for (SourceRun run : runs) {
      for (Report r : run.reports()) {
        line(out, "| %s | %s | %,d | %,d | %,d | %,d | %s | %s | %s | %s | %s | %,d / %,d | %.1f |",
            run.source(), r.table, r.queries, r.prepared, r.nonEmpty, r.fewerRequests,
            bold(r.differFromNaive), bold(r.differFromPostgres), bold(r.naiveDiffersFromPostgres),
            bold(r.overRequestBound), bold(r.failures(Failure.ERROR)), r.pushedRequests,
            r.naiveRequests, r.millis / 1000.0);
      }
      line(out, "| **%s** | all | **%,d** | %,d | %,d | %,d | **%d** | **%d** | **%d** | **%d** |"
              + " **%d** | | %.1f |", run.source(), sum(run, r -> r.queries),
          sum(run, r -> r.prepared), sum(run, r -> r.nonEmpty), sum(run, r -> r.fewerRequests),
          sum(run, r -> r.differFromNaive), sum(run, r -> r.differFromPostgres),
          sum(run, r -> r.naiveDiffersFromPostgres), sum(run, r -> r.overRequestBound),
          sum(run, r -> r.failures(Failure.ERROR)), run.millis() / 1000.0);
    }
    line(out, "");
    List<Mismatch> mismatches = new ArrayList<>();
    runs.forEach(run -> run.reports().forEach(r -> mismatches.addAll(r.mismatches)));
    if (mismatches.isEmpty()) {
      line(out, "Every generated query agreed three ways and kept to the request bound.");
      line(out, "");
      return out.toString();
    }
    line(out, "Failures, each reduced to its smallest failing part (at most %d per table; a"
        + " failure containing a part already listed is counted, not listed again). Rerun one"
        + " with its seed: `-Dsaasql.differential.seed=S` on the source's differential test, or"
        + " here with `-Dbenchmark.generatedSeed`.", 12);
    line(out, "");
    for (Mismatch m : mismatches) {
      line(out, "```text");
      line(out, "%s", m.toString());
      line(out, "```");
      line(out, "");
    }
    return out.toString();
  }

  private static String bold(int n) {
    return n == 0 ? "0" : "**" + n + "**";
  }

  private static void line(StringBuilder out, String format, Object... args) {
    out.append(String.format(Locale.ROOT, format, args)).append('\n');
  }
}
