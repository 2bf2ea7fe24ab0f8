package io.saasql.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.saasql.sandbox.RecordedRequest;
import io.saasql.sandbox.backlog.BacklogSandbox;
import io.saasql.sandbox.postgres.DemoPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two {@code saasql serve} processes on one model share one API quota through Postgres
 * ({@code rateLimitStore}): clients spread over both keep the sandbox, which enforces the limit,
 * from ever refusing a request; when one server is stopped mid-run, the other goes on.
 */
@Timeout(value = 180, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ScaleOutTest {
  private static final Pattern URL = Pattern.compile("JDBC URL: (jdbc:avatica:remote:\\S+)");
  private static final int LIMIT = 10;

  @Test void twoServersShareTheQuotaAndOneGoesOnWhenTheOtherStops(@TempDir Path dir)
      throws Exception {
    try (BacklogSandbox backlog = new BacklogSandbox().start()) {
      Path model = model(dir, backlog);
      Process first = serve(model);
      Process second = serve(model);
      try {
        String[] urls = {url(first).get(60, TimeUnit.SECONDS),
            url(second).get(60, TimeUnit.SECONDS)};
        for (String url : urls) { // each server plans its first query before the clock starts
          try (Connection c = DriverManager.getConnection(url);
               PreparedStatement ps = c.prepareStatement(
                   "SELECT Id, Summary FROM backlog.Issues WHERE Id = ?")) {
            ps.setInt(1, 1);
            ps.executeQuery().close();
          }
        }
        backlog.faults().enforceRateLimit(LIMIT, Duration.ofSeconds(1));
        backlog.clearRequests();
        AtomicInteger[] done = {new AtomicInteger(), new AtomicInteger()};
        AtomicInteger doneAfterStop = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        long stopAt = System.nanoTime() + TimeUnit.SECONDS.toNanos(4);
        long endAt = System.nanoTime() + TimeUnit.SECONDS.toNanos(8);
        List<Thread> clients = new ArrayList<>();
        for (int k = 0; k < 4; k++) {
          int server = k % 2;
          Thread t = new Thread(() -> {
            try (Connection c = DriverManager.getConnection(urls[server]);
                 PreparedStatement ps = c.prepareStatement(
                     "SELECT Id, Summary FROM backlog.Issues WHERE Id = ?")) {
              for (int id = 1 + server; System.nanoTime() < endAt; id += 2) {
                ps.setInt(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                  assertThat(rs.next()).isTrue();
                  assertThat(rs.getInt(1)).isEqualTo(id);
                }
                done[server].incrementAndGet();
                if (server == 1 && System.nanoTime() > stopAt + 1_000_000_000L) {
                  doneAfterStop.incrementAndGet();
                }
              }
            } catch (Throwable e) {
              if (server == 1 || System.nanoTime() < stopAt) {
                failure.compareAndSet(null, e); // the first server's clients may lose it
              }
            }
          });
          t.start();
          clients.add(t);
        }
        Thread.sleep(TimeUnit.NANOSECONDS.toMillis(stopAt - System.nanoTime()));
        first.toHandle().destroy();
        for (Thread t : clients) {
          t.join(60_000);
        }
        assertThat(failure.get()).as("a client of the server that stayed").isNull();
        List<RecordedRequest> sent = backlog.requests();
        assertThat(done[0].get()).isPositive();
        assertThat(doneAfterStop.get()).as("lookups after the first server stopped").isPositive();
        assertThat(sent.size()).as("requests in 8 s at %d a second", LIMIT)
            .isGreaterThan(4 * LIMIT);
        assertThat(sent).noneMatch(r -> r.status() == 429);
      } finally {
        first.destroyForcibly();
        second.destroyForcibly();
      }
    }
  }

  private static Path model(Path dir, BacklogSandbox backlog) throws Exception {
    DemoPostgres pg = DemoPostgres.shared();
    Map<String, Object> operand = Map.of("baseUrl", backlog.baseUrl(), "apiKey",
        backlog.apiKey(), "rateLimit", LIMIT + "/1s", "rateLimitStore", pg.jdbcUrl() + "?user="
            + pg.user() + "&password=" + pg.password(), "maxRetryWaitSeconds", "5");
    Map<String, Object> schema = Map.of("name", "backlog", "type", "custom",
        "factory", "io.saasql.backlog.BacklogSchemaFactory", "operand", operand);
    Path model = dir.resolve("scale-out.json");
    new ObjectMapper().writeValue(model.toFile(),
        Map.of("version", "1.0", "defaultSchema", "backlog", "schemas", List.of(schema)));
    return model;
  }

  private static Process serve(Path model) throws Exception {
    String classpath = System.getProperty("surefire.test.class.path",
        System.getProperty("java.class.path"));
    return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-cp", classpath, Main.class.getName(), "serve", "--model", model.toString(),
        "--port", "0")
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
  }

  /** The JDBC URL the server logs; its error stream is read to the end in the background. */
  private static CompletableFuture<String> url(Process process) {
    CompletableFuture<String> url = new CompletableFuture<>();
    Thread reader = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(
          new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = r.readLine()) != null; ) {
          Matcher m = URL.matcher(line);
          if (m.find()) {
            url.complete(m.group(1));
          }
        }
      } catch (Exception e) {
        url.completeExceptionally(e);
      }
    });
    reader.setDaemon(true);
    reader.start();
    return url;
  }
}
