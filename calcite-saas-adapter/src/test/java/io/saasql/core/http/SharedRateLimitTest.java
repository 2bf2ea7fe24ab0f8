package io.saasql.core.http;

import io.saasql.sandbox.RecordedRequest;
import io.saasql.sandbox.postgres.DemoPostgres;
import io.saasql.testing.TestSources;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One API quota, two processes: this JVM and a second one run the same scan at the same time
 * against a sandbox that enforces the limit. With {@code rateLimitStore} naming one Postgres, they
 * draw from one budget and the API refuses nothing; each with its own budget, they spend twice
 * the quota and are refused.
 */
class SharedRateLimitTest {
  private static final int LIMIT = 8;
  private static final String SQL = "SELECT Id, Summary FROM backlog.Issues";

  @AfterEach void reset() {
    TestSources.backlog().faults().reset();
    TestSources.backlog().clearRequests();
  }

  private static String model(String store) {
    DemoPostgres pg = DemoPostgres.shared();
    String storeOperand = store == null ? "" : ",\"rateLimitStore\":\"" + pg.jdbcUrl()
        + "?user=" + pg.user() + "&password=" + pg.password() + "\"";
    return "{\"version\":\"1.0\",\"schemas\":[" + TestSources.backlogSchema("backlog",
        TestSources.backlog().baseUrl(), "BACKLOG_API_KEY", true, ",\"rateLimit\":\"" + LIMIT
            + "/1s\",\"maxRetries\":\"10\"" + storeOperand) + "]}";
  }

  /** The requests the sandbox saw while both processes scanned, each checked for every row. */
  private static List<RecordedRequest> scanInTwoProcesses(String model) throws Exception {
    System.setProperty("BACKLOG_API_KEY", TestSources.backlog().apiKey());
    Path file = Files.createTempFile("saasql-model", ".json");
    Files.writeString(file, model);
    int n = TestSources.backlog().issues().size();
    try (Connection c = TestSources.connect(model)) {
      TestSources.rows(c, "SELECT Id FROM backlog.Issues WHERE Id = 1"); // the store's table
      TestSources.backlog().faults().enforceRateLimit(LIMIT, Duration.ofSeconds(1));
      TestSources.backlog().clearRequests();
      Process other = new ProcessBuilder(List.of(
          Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-cp", System.getProperty("java.class.path"),
          "-DBACKLOG_API_KEY=" + TestSources.backlog().apiKey(),
          OtherProcess.class.getName(), file.toString(), SQL))
          .redirectErrorStream(true).start();
      // Both scans start together, however long the other JVM took to start and connect.
      java.io.BufferedReader fromOther = new java.io.BufferedReader(
          new java.io.InputStreamReader(other.getInputStream(), StandardCharsets.UTF_8));
      StringBuilder output = new StringBuilder();
      for (String line = fromOther.readLine(); line != null && !line.equals("ready");
          line = fromOther.readLine()) {
        output.append(line).append('\n');
      }
      other.getOutputStream().write('\n');
      other.getOutputStream().flush();
      List<List<Object>> rows = TestSources.rows(c, SQL);
      assertThat(other.waitFor(120, TimeUnit.SECONDS)).isTrue();
      fromOther.lines().forEach(l -> output.append(l).append('\n'));
      assertThat(other.exitValue()).as(output.toString()).isZero();
      assertThat(output.toString()).as("rows of the other process").contains("rows=" + n);
      assertThat(rows).hasSize(n);
      return TestSources.backlog().requests();
    } finally {
      new File(file.toString()).delete();
    }
  }

  @Test void twoProcessesWithOneStoreStayWithinTheQuota() throws Exception {
    List<RecordedRequest> sent = scanInTwoProcesses(model("store"));
    assertThat(sent).hasSizeGreaterThan(4 * LIMIT).noneMatch(r -> r.status() == 429);
  }

  @Test void twoProcessesEachWithItsOwnBudgetAreRefused() throws Exception {
    List<RecordedRequest> sent = scanInTwoProcesses(model(null));
    assertThat(sent).anyMatch(r -> r.status() == 429);
  }

  /** The second process: runs a query over a model file and prints how many rows it read. */
  public static final class OtherProcess {
    public static void main(String[] args) throws Exception {
      try (Connection c = TestSources.connect(Files.readString(Path.of(args[0])))) {
        System.out.println("ready");
        System.out.flush();
        System.in.read(); // the test's go
        List<List<Object>> rows = new ArrayList<>(TestSources.rows(c, args[1]));
        System.out.println("rows=" + rows.size());
      }
      System.exit(0);
    }
  }
}
