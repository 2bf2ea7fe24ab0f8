package io.saasql.server;

import io.saasql.cli.DemoEnvironment;
import io.saasql.cli.Main;
import org.apache.calcite.avatica.remote.Driver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A bounded load test on loopback: concurrent remote clients, each on its own connection, run a
 * mix of point lookups, filtered scans and cross-source joins against the demo (its model, the
 * Backlog sandbox, the embedded Postgres) through the remote driver. It must end with zero
 * errors, no server connection or statement left open, no request still running, and no thread
 * left behind; it writes the latencies to {@code target/remote-load-report.md}.
 *
 * <p>CI runs 32 clients × 20 queries. The full run, 32 × 200, is the same test with a property:
 * {@code mvn -o -pl calcite-saas-adapter test -Dtest=RemoteLoadTest -Dsaasql.load.queries=200}
 * (also {@code saasql.load.clients}, {@code saasql.load.serialization=json}).
 */
@Timeout(value = 600, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class RemoteLoadTest {
  private static final int CLIENTS = Integer.getInteger("saasql.load.clients", 32);
  private static final int QUERIES = Integer.getInteger("saasql.load.queries", 20);
  private static final Driver.Serialization SERIALIZATION = Driver.Serialization.valueOf(
      System.getProperty("saasql.load.serialization", "protobuf").toUpperCase(Locale.ROOT));

  /** The query shapes of the mix, with their share of it (percent). */
  enum Kind {
    POINT_LOOKUP(40, "SELECT Id, IssueKey, Summary, StatusName FROM backlog.Issues WHERE Id = ?"),
    FILTERED_SCAN(30, "SELECT Id, Summary, StatusName FROM backlog.Issues"
        + " WHERE ProjectId = ? AND StatusId = ?"),
    JOIN_LOOKUP(20, "SELECT a.name, i.IssueKey, i.Summary FROM pg.account a"
        + " JOIN backlog.Issues i ON i.ProjectId = a.backlog_project_id__c WHERE i.Id = ?"),
    JOIN_REPORT(10, "SELECT a.name, p.Name AS project, COUNT(*) AS open_issues FROM pg.account a"
        + " JOIN backlog.Projects p ON p.Id = a.backlog_project_id__c"
        + " JOIN backlog.Issues i ON i.ProjectId = p.Id"
        + " WHERE i.StatusId = ? AND a.isdeleted = false GROUP BY a.name, p.Name");

    final int share;
    final String sql;

    Kind(int share, String sql) {
      this.share = share;
      this.sql = sql;
    }
  }

  /** One query's outcome. */
  record Sample(Kind kind, long nanos) {
  }

  @Test void concurrentClientsRunMixedQueriesWithoutErrorsOrLeaks() throws Exception {
    Path model = demoModel();
    try (DemoEnvironment demo = DemoEnvironment.start()) {
      int issues = 2650;
      assertThat(demo.services()).extracting(DemoEnvironment.Service::name)
          .contains("Backlog sandbox").anyMatch(n -> n.startsWith("Postgres"));
      // One pooled HTTP connection per client thread, as a JDBC tool with many threads would set.
      System.setProperty("avatica.pooled.connections.per.route", Integer.toString(CLIENTS));
      RemoteJdbcServer server = RemoteJdbcServer.start(ServerSettings.builder(model).port(0)
          .serialization(SERIALIZATION).build());
      try {
        // Warm-up: every shape once, so that pools and caches exist before threads are counted.
        runClient(server, 0, Kind.values().length, issues, new ConcurrentLinkedQueue<>(),
            new ConcurrentLinkedQueue<>(), true, null, null);
        List<String> threadsBefore = libraryThreads();

        ConcurrentLinkedQueue<Sample> samples = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        CountDownLatch ready = new CountDownLatch(CLIENTS);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> clients = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
          int seed = c + 1;
          clients.add(pool.submit(() -> {
            runClient(server, seed, QUERIES, issues, samples, errors, false, ready, start);
            return null;
          }));
        }
        // Every client has connected and prepared its statements: the clock starts now.
        assertThat(ready.await(5, TimeUnit.MINUTES)).isTrue();
        long t0 = System.nanoTime();
        start.countDown();
        for (Future<?> f : clients) {
          f.get(10, TimeUnit.MINUTES);
        }
        long wall = System.nanoTime() - t0;
        pool.shutdown();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

        server.reclaimIdle();
        // The threads that ran independent requests at the same time end a second after their
        // last one (waits up to five seconds for them).
        threadsNamed("saasql-fetch-");
        List<String> threadsAfter = libraryThreads();
        String report = report(samples, wall, server, threadsBefore, threadsAfter, errors.size());
        Files.writeString(Path.of("target", "remote-load-report.md"), report);
        System.out.println(report);

        assertThat(errors).as("errors").isEmpty();
        assertThat(samples).hasSize(CLIENTS * QUERIES);
        assertThat(server.openConnections()).as("server connections left open").isZero();
        assertThat(server.openStatements()).as("server statements left open").isZero();
        assertThat(server.activeRequests()).as("requests still running").isZero();
        assertThat(newThreads(threadsBefore, threadsAfter)).as("threads started and not ended")
            .isEmpty();
      } finally {
        server.close();
        System.clearProperty("avatica.pooled.connections.per.route");
      }
      assertThat(threadsNamed(server.name() + "-")).as("server threads after close").isZero();
    }
  }

  /**
   * One client: its own connection and prepared statements, {@code queries} queries drawn from
   * the mix (or each shape once when {@code everyShape}), each result read to the end and checked.
   * With latches, it says when it is ready and waits for the start before its first query.
   */
  private static void runClient(RemoteJdbcServer server, int seed, int queries, int issues,
      ConcurrentLinkedQueue<Sample> samples, ConcurrentLinkedQueue<Throwable> errors,
      boolean everyShape, CountDownLatch ready, CountDownLatch start) throws InterruptedException {
    Random random = new Random(seed);
    try (Connection c = DriverManager.getConnection(server.jdbcUrl())) {
      Map<Kind, PreparedStatement> statements = new EnumMap<>(Kind.class);
      try {
        for (Kind k : Kind.values()) {
          statements.put(k, c.prepareStatement(k.sql));
        }
        if (ready != null) {
          ready.countDown();
          start.await();
        }
        for (int q = 0; q < queries; q++) {
          Kind kind = everyShape ? Kind.values()[q] : pick(random);
          PreparedStatement ps = statements.get(kind);
          int id = 1 + random.nextInt(issues);
          switch (kind) {
          case POINT_LOOKUP, JOIN_LOOKUP -> ps.setInt(1, id);
          case FILTERED_SCAN -> {
            ps.setInt(1, 1 + random.nextInt(4));
            ps.setInt(2, 1 + random.nextInt(4));
          }
          case JOIN_REPORT -> ps.setInt(1, 1 + random.nextInt(4));
          default -> throw new IllegalStateException(kind.name());
          }
          long t = System.nanoTime();
          int rows = 0;
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              rows++;
              if (kind == Kind.POINT_LOOKUP && rs.getInt(1) != id) {
                throw new AssertionError("lookup of " + id + " returned " + rs.getInt(1));
              }
            }
          } catch (SQLException | RuntimeException e) {
            errors.add(e);
            continue;
          }
          samples.add(new Sample(kind, System.nanoTime() - t));
          if (kind == Kind.POINT_LOOKUP && rows != 1) {
            errors.add(new AssertionError("lookup of " + id + " returned " + rows + " rows"));
          }
        }
      } finally {
        for (PreparedStatement ps : statements.values()) {
          ps.close();
        }
      }
    } catch (SQLException | RuntimeException e) {
      errors.add(e);
      if (ready != null && ready.getCount() > 0) {
        ready.countDown();
      }
    }
  }

  private static Kind pick(Random random) {
    int r = random.nextInt(100);
    for (Kind k : Kind.values()) {
      if (r < k.share) {
        return k;
      }
      r -= k.share;
    }
    throw new IllegalStateException();
  }

  private static String report(ConcurrentLinkedQueue<Sample> samples, long wallNanos,
      RemoteJdbcServer server, List<String> threadsBefore, List<String> threadsAfter, int errors) {
    StringBuilder b = new StringBuilder();
    b.append("## Remote JDBC load test\n\n");
    b.append(String.format(Locale.ROOT, "%d clients × %d queries, serialization %s, loopback,"
        + " %d CPUs, %s; wall time %.1f s, %.0f queries/s; errors: %d.%n%n", CLIENTS, QUERIES,
        SERIALIZATION.name().toLowerCase(Locale.ROOT), Runtime.getRuntime().availableProcessors(),
        "Java " + System.getProperty("java.version"), wallNanos / 1e9,
        samples.size() / (wallNanos / 1e9), errors));
    b.append("| query | share | count | p50 ms | p90 ms | p99 ms | max ms |\n");
    b.append("|---|---|---|---|---|---|---|\n");
    b.append(row("all", "100%", samples.stream().mapToLong(Sample::nanos).toArray()));
    Map<Kind, long[]> byKind = samples.stream().collect(Collectors.groupingBy(Sample::kind,
        () -> new EnumMap<>(Kind.class),
        Collectors.collectingAndThen(Collectors.toList(),
            l -> l.stream().mapToLong(Sample::nanos).toArray())));
    byKind.forEach((k, v) -> b.append(row(k.name().toLowerCase(Locale.ROOT), k.share + "%", v)));
    b.append(String.format(Locale.ROOT, "%nAfterwards: %d server connections, %d statements,"
        + " %d requests running; threads outside the server's pool: %d before, %d after.%n",
        server.openConnections(), server.openStatements(), server.activeRequests(),
        threadsBefore.size(), threadsAfter.size()));
    b.append("Before: ").append(threadsBefore).append("\nAfter: ").append(threadsAfter).append('\n');
    return b.toString();
  }

  private static String row(String name, String share, long[] nanos) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    return String.format(Locale.ROOT, "| %s | %s | %d | %.1f | %.1f | %.1f | %.1f |%n", name, share,
        sorted.length, pct(sorted, 50), pct(sorted, 90), pct(sorted, 99),
        sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6);
  }

  /** Nearest-rank percentile, in milliseconds. */
  private static double pct(long[] sorted, int p) {
    if (sorted.length == 0) {
      return 0;
    }
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, rank - 1)] / 1e6;
  }

  /**
   * Threads alive after that were not before, except the extra workers of OkHttp's shared task
   * runner, a bounded pool whose idle threads end by themselves after a minute.
   */
  private static List<String> newThreads(List<String> before, List<String> after) {
    List<String> added = new ArrayList<>(after);
    before.forEach(added::remove);
    added.removeIf(name -> name.equals("OkHttp TaskRunner"));
    return added;
  }

  /** Live threads, except the server's own pool (which grows with load and shrinks when idle). */
  private static List<String> libraryThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> !t.getName().startsWith("saasql-server"))
        .filter(t -> !t.getName().startsWith("pool-")) // this test's client pool
        .map(Thread::getName).sorted().toList();
  }

  /** Live threads whose name starts with {@code prefix}, once they had 5 s to end. */
  private static long threadsNamed(String prefix) {
    AtomicInteger n = new AtomicInteger();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (System.nanoTime() < deadline) {
      n.set((int) Thread.getAllStackTraces().keySet().stream()
          .filter(t -> t.getName().startsWith(prefix)).count());
      if (n.get() == 0) {
        break;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    return n.get();
  }

  /** The demo model of this checkout, {@code model-examples/demo.json}. */
  private static Path demoModel() throws IOException {
    Path model = Path.of("").toAbsolutePath().getParent().resolve(Main.DEMO_MODEL);
    if (!Files.isRegularFile(model)) {
      throw new IOException("demo model not found: " + model);
    }
    return model;
  }
}
