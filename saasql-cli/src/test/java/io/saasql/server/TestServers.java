package io.saasql.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.saasql.sandbox.backlog.BacklogSandbox;
import io.saasql.sandbox.postgres.DemoPostgres;
import io.saasql.testing.TestSources;
import org.apache.calcite.avatica.remote.Driver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.UnaryOperator;

/**
 * Remote JDBC servers for tests: one per serialization over a model with the shared Backlog
 * sandbox (schema {@code backlog}) and the shared demo Postgres (schema {@code pg}), started on
 * first use and stopped when the JVM exits; and clients through Avatica's real remote driver.
 */
final class TestServers {
  /**
   * A query that reads every page of the Backlog sandbox's issues (COUNT of a column: COUNT(*)
   * is one {@code GET /issues/count}), for tests of what stops a running query.
   */
  static final String SLOW_QUERY = "SELECT COUNT(Summary) FROM backlog.Issues";

  private static final Map<Driver.Serialization, RemoteJdbcServer> SHARED =
      new EnumMap<>(Driver.Serialization.class);
  private static Path model;

  private TestServers() {
  }

  /**
   * The Backlog sandbox's request count once it has not moved for 300 ms: a frame the server was
   * computing when the client left ends, and with it the pages it started reading ahead.
   */
  static int steadyBacklogRequests() throws InterruptedException {
    int last = -1;
    int now = TestSources.backlog().requests().size();
    while (now != last) {
      Thread.sleep(300);
      last = now;
      now = TestSources.backlog().requests().size();
    }
    return now;
  }

  /** The serializations every remote behaviour is tested with. */
  static List<Driver.Serialization> serializations() {
    return List.of(Driver.Serialization.PROTOBUF, Driver.Serialization.JSON);
  }

  /** A model file: backlog (sandbox, literal key) and pg (demo Postgres, literal settings). */
  static synchronized Path model() {
    if (model == null) {
      BacklogSandbox backlog = TestSources.backlog();
      DemoPostgres pg = DemoPostgres.shared();
      Map<String, Object> backlogSchema = new LinkedHashMap<>();
      backlogSchema.put("name", "backlog");
      backlogSchema.put("type", "custom");
      backlogSchema.put("factory", "io.saasql.backlog.BacklogSchemaFactory");
      // No rate limit: the load tests send as fast as the sandbox answers.
      backlogSchema.put("operand", Map.of("baseUrl", backlog.baseUrl(), "apiKey", backlog.apiKey(),
          "maxRetryWaitSeconds", "5", "rateLimit", "none"));
      Map<String, Object> pgSchema = new LinkedHashMap<>();
      pgSchema.put("name", "pg");
      pgSchema.put("type", "jdbc");
      pgSchema.put("jdbcDriver", "org.postgresql.Driver");
      pgSchema.put("jdbcUrl", pg.jdbcUrl());
      pgSchema.put("jdbcUser", pg.user());
      pgSchema.put("jdbcPassword", pg.password());
      pgSchema.put("jdbcSchema", "salesforce");
      try {
        Path file = Files.createTempFile("saasql-server-test-", ".json");
        file.toFile().deleteOnExit();
        new ObjectMapper().writeValue(file.toFile(), Map.of("version", "1.0",
            "defaultSchema", "backlog", "schemas", List.of(backlogSchema, pgSchema)));
        model = file;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return model;
  }

  /** The shared server for a serialization: loopback, free port, no authentication. */
  static synchronized RemoteJdbcServer shared(Driver.Serialization serialization) {
    return SHARED.computeIfAbsent(serialization, s -> {
      RemoteJdbcServer server = start(b -> b.serialization(s));
      Runtime.getRuntime().addShutdownHook(new Thread(server::close));
      return server;
    });
  }

  /** A new server on the test model and a free port; the caller closes it. */
  static RemoteJdbcServer start(UnaryOperator<ServerSettings.Builder> settings) {
    return RemoteJdbcServer.start(settings.apply(ServerSettings.builder(model()).port(0)).build());
  }

  /** A connection through Avatica's remote driver. */
  static Connection connect(RemoteJdbcServer server) throws SQLException {
    return connect(server, new Properties());
  }

  static Connection connect(RemoteJdbcServer server, Properties properties) throws SQLException {
    return DriverManager.getConnection(server.jdbcUrl(), properties);
  }
}
