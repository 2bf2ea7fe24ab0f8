package io.saasql.mirror;

import io.saasql.cli.ConnectionUrls;
import io.saasql.sandbox.SandboxServer;
import io.saasql.sandbox.backlog.BacklogSandbox;
import io.saasql.sandbox.postgres.DemoPostgres;
import io.saasql.testing.TestSources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The mirror's benchmark (not part of the test suite; run it with
 * {@code mvn -pl saasql-cli test -Dtest=MirrorBenchmark -Dsurefire.failIfNoSpecifiedTests=false}):
 * the first copy of each source's largest table, rows per second against the latency floor
 * (pages × latency), and the cost of a Backlog cycle after 0, 50 and 5,000 changes. Every
 * sandbox answers after {@value #LATENCY_MS} ms; no rate limit. Writes the report to
 * {@code saasql-cli/target/mirror-benchmark.md} and stdout.
 */
class MirrorBenchmark {
  private static final int LATENCY_MS = 50;
  private static final PrintStream QUIET = new PrintStream(new ByteArrayOutputStream(), true,
      StandardCharsets.UTF_8);
  private final List<String> report = new ArrayList<>();

  @TempDir Path dir;

  /** A model of the source's schema and schema {@code pg} (emptied) named {@code name}. */
  private Path model(String name, Object sourceSchema, String pgSchemaName) throws Exception {
    DemoPostgres db = DemoPostgres.shared();
    try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
         Statement st = c.createStatement()) {
      st.execute("DROP SCHEMA IF EXISTS " + pgSchemaName + " CASCADE");
    }
    return MirrorTest.writeModel(dir.resolve(name + ".json"), sourceSchema,
        MirrorTest.pgSchema(pgSchemaName));
  }

  private record Run(long rows, long requests, double seconds, Mirror.TableCycle cycle) {}

  private static Run cycle(Path model, String table, SandboxServer sandbox, Duration deletes)
      throws Exception {
    try (Mirror m = Mirror.open(model, "pg", List.of(table), deletes, QUIET)) {
      sandbox.clearRequests();
      long start = System.nanoTime();
      Mirror.TableCycle c = m.cycle().get(0);
      double seconds = (System.nanoTime() - start) / 1e9;
      if (c.error() != null) {
        throw new AssertionError(table + ": " + c.error());
      }
      long requests = sandbox.requests().stream()
          .filter(r -> !r.path().contains("token")).count();
      return new Run(c.inserted() + c.updated(), requests, seconds, c);
    }
  }

  private void copyRow(String source, String table, Run r, long floorRequests) {
    double floor = floorRequests * LATENCY_MS / 1000.0;
    report.add(String.format(Locale.ROOT, "| %s | %s | %,d | %,d | %.2f | %,.0f | %.2f | %,.0f |"
        + " %.2f |", source, table, r.rows(), r.requests(), r.seconds(), r.rows() / r.seconds(),
        floor, r.rows() / floor, r.seconds() / floor));
  }

  /**
   * The first copy of a shared sandbox's table at the benchmark's latency, floor its requests
   * one after another, as a report row; returns the model, for more cycles.
   */
  private Path firstCopy(SandboxServer sandbox, String source, String schema, String table)
      throws Exception {
    String name = source.toLowerCase(Locale.ROOT);
    Path model = model(name, schema, "bench_mirror_" + name);
    sandbox.faults().latency(Duration.ofMillis(LATENCY_MS));
    try {
      Run r = cycle(model, table, sandbox, Duration.ofHours(1));
      copyRow(source, table.substring(table.indexOf('.') + 1), r, r.requests());
    } finally {
      sandbox.faults().reset();
    }
    return model;
  }

  @Test void run() throws Exception {
    report.add("### First copy");
    report.add("");
    report.add("| source | table | rows | requests | wall s | rows/s | floor s (pages × "
        + LATENCY_MS + " ms) | rows/s at the floor | wall/floor |");
    report.add("|---|---|--:|--:|--:|--:|--:|--:|--:|");
    try (BacklogSandbox generated = BacklogSandbox.withGeneratedIssues(20_000).start()) {
      generated.faults().latency(Duration.ofMillis(LATENCY_MS));
      Run r = cycle(model("b20k", MirrorTest.backlogSchema(generated), "bench_mirror_b20k"),
          "backlog.Issues", generated, Duration.ofHours(1));
      copyRow("Backlog", "Issues (generated)", r, 200);
    }
    firstCopy(TestSources.salesforce(), "Salesforce",
        TestSources.salesforceSchema("salesforce", true, ""), "salesforce.Contact");
    firstCopy(TestSources.bitbucket(), "Bitbucket",
        TestSources.bitbucketSchema("bitbucket", "acme", true, ""), "bitbucket.Issues");
    var pingone = TestSources.pingone();
    Path pingoneModel = firstCopy(pingone, "PingOne", TestSources.pingoneSchema("Administrators",
        "Administrators", true, ""), "Administrators.Users");
    pingone.faults().latency(Duration.ofMillis(LATENCY_MS));
    try {
      Run again = cycle(pingoneModel, "Administrators.Users", pingone, Duration.ofHours(1));
      report.add("");
      report.add(String.format(Locale.ROOT, "PingOne's users have no modstamp the API filters"
          + " on: a cycle with no change reads them whole again (%,d requests, %.2f s) and"
          + " writes nothing (%d rows changed).", again.requests(), again.seconds(),
          again.rows()));
    } finally {
      pingone.faults().reset();
    }

    report.add("");
    report.add("### A Backlog cycle after changes");
    report.add("");
    report.add("Backlog sandbox of 2,650 issues, mirrored; then changes made through the API"
        + " (without latency), then one cycle at " + LATENCY_MS + " ms a request. 5,000 changes:"
        + " every issue of a project that takes writes edited, the rest created. The delete"
        + " check (a listing of the keys) is apart.");
    report.add("");
    report.add("| changes in the API | requests | wall s | rows written | requests with the delete"
        + " check |");
    report.add("|--:|--:|--:|--:|--:|");
    try (BacklogSandbox backlog = new BacklogSandbox().start()) {
      Path model = model("bc", MirrorTest.backlogSchema(backlog), "bench_mirror_bc");
      cycle(model, "backlog.Issues", backlog, Duration.ofHours(1));
      for (int changes : new int[] {0, 50, 5000}) {
        change(model, backlog, changes);
        backlog.faults().latency(Duration.ofMillis(LATENCY_MS));
        Run r = cycle(model, "backlog.Issues", backlog, Duration.ofHours(1));
        Run deletes = cycle(model, "backlog.Issues", backlog, Duration.ZERO);
        backlog.faults().reset();
        report.add(String.format(Locale.ROOT, "| %,d | %,d | %.2f | %,d | %,d |", changes,
            r.requests(), r.seconds(), r.rows(), deletes.requests()));
      }
    }
    String text = String.join("\n", report) + "\n";
    Files.createDirectories(Path.of("target"));
    Files.writeString(Path.of("target", "mirror-benchmark.md"), text);
    System.out.println(text);
  }

  /** Edits {@code n} issues (all of them first), creating more when there are not enough. */
  private static void change(Path model, BacklogSandbox backlog, int n) throws SQLException {
    List<Integer> writable = backlog.issues().stream()
        .filter(i -> i.get("projectId").asInt() != 4).map(i -> i.get("id").asInt()).toList();
    try (Connection c = DriverManager.getConnection(ConnectionUrls.forModel(model));
         PreparedStatement edit = c.prepareStatement(
             "UPDATE backlog.Issues SET Summary = ? WHERE Id = ?");
         PreparedStatement create = c.prepareStatement("INSERT INTO backlog.Issues (ProjectId,"
             + " IssueTypeId, PriorityId, Summary) VALUES (1, 11, 3, ?)")) {
      for (int i = 0; i < n; i++) {
        if (i < writable.size()) {
          edit.setString(1, "Changed " + n + " " + i);
          edit.setInt(2, writable.get(i));
          edit.executeUpdate();
        } else {
          create.setString(1, "Created " + i);
          create.executeUpdate();
        }
      }
    }
  }
}
