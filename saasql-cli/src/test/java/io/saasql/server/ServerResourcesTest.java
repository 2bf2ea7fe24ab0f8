package io.saasql.server;

import io.saasql.testing.TestSources;
import org.apache.calcite.avatica.AvaticaClientRuntimeException;
import org.apache.calcite.avatica.remote.Driver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The server's resources: idle connections and statements are reclaimed, clients that vanish in
 * the middle of a result or of a request leave nothing running for long, the health endpoint
 * answers, and closing the server stops its queries and its threads.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ServerResourcesTest {

  @BeforeEach @AfterEach void quietSandbox() {
    TestSources.backlog().faults().reset();
    TestSources.backlog().clearRequests();
  }

  private static int requestCount() {
    return TestSources.backlog().requests().size();
  }


  @ParameterizedTest @EnumSource(Driver.Serialization.class)
  void abandonedConnectionsAndStatementsAreReclaimed(Driver.Serialization serialization)
      throws Exception {
    try (RemoteJdbcServer server = TestServers.start(b -> b.serialization(serialization)
        .idleConnectionTimeout(Duration.ofSeconds(1)).idleStatementTimeout(Duration.ofSeconds(1)))) {
      // A client reads ten rows of a large result, then vanishes without closing anything.
      Connection c = TestServers.connect(server);
      Statement s = c.createStatement();
      ResultSet rs = s.executeQuery("SELECT Id, Summary FROM backlog.Issues");
      for (int i = 0; i < 10; i++) {
        assertThat(rs.next()).isTrue();
      }
      assertThat(server.openConnections()).isEqualTo(1);
      assertThat(server.openStatements()).isEqualTo(1);
      // The first frame may have read one row past the first page, and with it pages ahead:
      // those, started while the client was there, end; nothing starts once it is gone.
      int requests = TestServers.steadyBacklogRequests();

      try {
        await(() -> server.openConnections() == 0 && server.openStatements() == 0,
            Duration.ofSeconds(5));
      } catch (AssertionError e) {
        throw new AssertionError(e.getMessage() + ": connections " + server.openConnections()
            + ", statements " + server.openStatements());
      }
      assertThat(requestCount()).as("the abandoned result made no more API calls")
          .isEqualTo(requests);
      // The client, should it come back, gets an error rather than a hang.
      assertThatThrownBy(() -> s.executeQuery("SELECT 1")).isInstanceOf(SQLException.class);
    }
  }

  @ParameterizedTest @EnumSource(Driver.Serialization.class)
  void connectionInUseIsNotReclaimed(Driver.Serialization serialization)
      throws Exception {
    try (RemoteJdbcServer server = TestServers.start(b -> b.serialization(serialization)
        .idleConnectionTimeout(Duration.ofMillis(1500)));
         Connection c = TestServers.connect(server);
         Statement s = c.createStatement()) {
      // Only the statement is used for 3 s: its use counts as use of the connection. (The expiry
      // is long enough that a loaded machine's slow query never leaves the connection idle.)
      long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(3000);
      while (System.nanoTime() < end) {
        try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM pg.account")) {
          assertThat(rs.next()).isTrue();
        }
        Thread.sleep(100);
      }
      assertThat(server.openConnections()).isEqualTo(1);
      // One request that lasts longer than the idle expiry keeps its connection and statement.
      TestSources.backlog().faults().latency(Duration.ofMillis(300));
      try (ResultSet rs = s.executeQuery(
          "SELECT COUNT(Summary) FROM backlog.Issues WHERE ProjectId = 1")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getLong(1)).isGreaterThan(500);
      }
      assertThat(requestCount()).isGreaterThan(5);
    }
  }

  @ParameterizedTest @EnumSource(Driver.Serialization.class)
  void clientDisconnectingMidRequestLeavesTheServerHealthy(Driver.Serialization serialization)
      throws Exception {
    TestSources.backlog().faults().latency(Duration.ofMillis(150));
    try (RemoteJdbcServer server = TestServers.start(b -> b.serialization(serialization)
        .queryTimeout(Duration.ofMillis(1500)).idleConnectionTimeout(Duration.ofSeconds(1)))) {
      // The client gives up after 300 ms and closes its socket; the server is still computing.
      String impatient = server.jdbcUrl() + ";http_response_timeout=300";
      Connection c = DriverManager.getConnection(impatient);
      Statement s = c.createStatement();
      assertThatThrownBy(() -> s.executeQuery(TestServers.SLOW_QUERY))
          .hasStackTraceContaining("Timeout");

      // Meanwhile the server answers others.
      HttpResponse<String> health = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(server.healthUri()).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(health.statusCode()).isEqualTo(200);
      TestSources.backlog().faults().reset();
      try (Connection other = TestServers.connect(server); Statement st = other.createStatement();
           ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM pg.account")) {
        assertThat(TestSources.rows(rs)).containsExactly(List.of(40L));
      }

      // The orphaned query stops at the query timeout; nothing is left running or open.
      await(() -> server.activeRequests() == 0 && server.openConnections() == 0, Duration.ofSeconds(5));
      int requests = requestCount();
      Thread.sleep(400);
      assertThat(requestCount()).isEqualTo(requests);
    }
  }

  @Test void connectionsBeyondTheMaximumAreRefused() throws Exception {
    try (RemoteJdbcServer server = TestServers.start(b -> b.maxConnections(2));
         Connection first = TestServers.connect(server);
         Connection second = TestServers.connect(server)) {
      assertThatThrownBy(() -> TestServers.connect(server).close())
          .isInstanceOfSatisfying(AvaticaClientRuntimeException.class, e -> {
            assertThat(e.getSqlState()).isEqualTo(PinnedModelMeta.TOO_MANY_SQL_STATE);
            assertThat(e.getMessage()).contains("too many open connections (2");
          });
      first.close();
      try (Connection third = TestServers.connect(server); Statement s = third.createStatement();
           ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM pg.account")) {
        assertThat(rs.next()).isTrue();
      }
      assertThat(second.isClosed()).isFalse();
    }
  }

  @Test void healthEndpoint() throws Exception {
    RemoteJdbcServer server = TestServers.shared(Driver.Serialization.PROTOBUF);
    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<String> get = http.send(HttpRequest.newBuilder(server.healthUri()).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(get.statusCode()).isEqualTo(200);
    assertThat(get.headers().firstValue("Content-Type")).hasValueSatisfying(
        v -> assertThat(v).startsWith("application/json"));
    assertThat(get.body()).isEqualTo("{\"status\":\"UP\"}\n");
    HttpResponse<String> post = http.send(HttpRequest.newBuilder(server.healthUri())
        .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(post.statusCode()).isEqualTo(405);
  }

  @Test void closingTheServerStopsItsQueriesConnectionsAndThreads() throws Exception {
    RemoteJdbcServer server = TestServers.start(b -> b);
    assertThat(threadsOf(server)).isPositive();
    // 400 ms a request: the query (27 pages, 4 at a time) outlasts the server's 2 s of grace.
    TestSources.backlog().faults().latency(Duration.ofMillis(400));
    Connection c = TestServers.connect(server);
    Statement s = c.createStatement();
    CompletableFuture<Throwable> running = CompletableFuture.supplyAsync(() -> {
      try {
        s.executeQuery(TestServers.SLOW_QUERY).close();
        return null;
      } catch (Throwable t) {
        return t;
      }
    });
    await(() -> requestCount() >= 2, Duration.ofSeconds(5));
    long start = System.nanoTime();
    server.close();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
    assertThat(running.get(5, TimeUnit.SECONDS)).isNotNull();
    assertThat(server.openConnections()).isZero();
    int requests = requestCount();
    assertThat(requests).isLessThan(27);
    Thread.sleep(400);
    assertThat(requestCount()).isEqualTo(requests);
    await(() -> threadsOf(server) == 0, Duration.ofSeconds(5));
    // Closing twice is harmless.
    server.close();
  }

  /** Threads of one server: Jetty's pool and the timer. */
  private static long threadsOf(RemoteJdbcServer server) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().startsWith(server.name() + "-")).count();
  }

  private static void await(BooleanSupplier condition, Duration limit) throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not reached within " + limit);
      }
      Thread.sleep(25);
    }
  }
}
