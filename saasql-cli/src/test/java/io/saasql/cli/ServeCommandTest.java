package io.saasql.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.saasql.sandbox.postgres.DemoPostgres;
import io.saasql.server.RemoteJdbcServer;
import io.saasql.server.ServerSettings;
import io.saasql.testing.TestSources;
import org.apache.calcite.avatica.remote.Driver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import sqlline.SqlLine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code saasql serve} and {@code saasql demo --serve}: options, refusals, the printed URL, and
 * clients (Avatica's remote driver, and sqlline) connecting to what was started. The runner
 * given to the command line plays the client, then stops the server.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ServeCommandTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final Map<String, String> env = new HashMap<>();
  private final List<RemoteJdbcServer> served = new ArrayList<>();

  @AfterEach void clearHome() {
    System.clearProperty(Main.HOME_PROPERTY);
  }

  /** Runs the command line; the runner records the server, runs {@code client} on it, stops it. */
  private int run(ServerClient client, String... args) {
    return Main.commandLine(stream(out), stream(err), (a, o, e) -> 0, (server, environment) -> {
      served.add(server);
      try {
        client.use(server);
        return 0;
      } finally {
        server.close();
        if (environment != null) {
          environment.close();
        }
      }
    }, env::get).execute(args);
  }

  @FunctionalInterface
  interface ServerClient {
    void use(RemoteJdbcServer server) throws Exception;
  }

  private static PrintStream stream(ByteArrayOutputStream bytes) {
    return new PrintStream(bytes, true, StandardCharsets.UTF_8);
  }

  private String errText() {
    return err.toString(StandardCharsets.UTF_8);
  }

  /** A model with Postgres only: quick to load. */
  static Path pgModel(Path dir) throws IOException {
    DemoPostgres pg = DemoPostgres.shared();
    Map<String, Object> schema = Map.of("name", "pg", "type", "jdbc",
        "jdbcDriver", "org.postgresql.Driver", "jdbcUrl", pg.jdbcUrl(), "jdbcUser", pg.user(),
        "jdbcPassword", pg.password(), "jdbcSchema", "salesforce");
    Path model = dir.resolve("pg.json");
    new ObjectMapper().writeValue(model.toFile(),
        Map.of("version", "1.0", "defaultSchema", "pg", "schemas", List.of(schema)));
    return model;
  }

  private static long accounts(String url) throws Exception {
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("select count(*) from pg.account")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Test void serveStartsPrintsTheUrlAndAnswersJdbcAndSqlline(@TempDir Path dir) throws Exception {
    Path model = pgModel(dir);
    List<String> sqllineOutput = new ArrayList<>();
    int status = run(server -> {
      assertThat(accounts(server.jdbcUrl())).isEqualTo(40);
      // sqlline, as the README and the banner tell users to run it.
      ByteArrayOutputStream sqlOut = new ByteArrayOutputStream();
      SqlLine sqlline = new SqlLine();
      sqlline.setOutputStream(stream(sqlOut));
      sqlline.setErrorStream(stream(new ByteArrayOutputStream()));
      System.setProperty("org.jline.terminal.dumb", "true");
      SqlLine.Status s = sqlline.begin(new String[] {"-u", server.jdbcUrl(), "-n", "", "-p", "",
          "-e", "select count(*) as n from pg.account", "--outputformat=csv"}, null, false);
      assertThat(s).isEqualTo(SqlLine.Status.OK);
      sqllineOutput.addAll(sqlOut.toString(StandardCharsets.UTF_8).strip().lines().toList());
    }, "serve", "--model", model.toString(), "--port", "0", "--serialization", "json",
        "--query-timeout", "30s", "--idle-connection-timeout", "2m");
    assertThat(status).as(errText()).isZero();
    assertThat(sqllineOutput).containsExactly("'n'", "'40'");
    RemoteJdbcServer server = served.get(0);
    assertThat(server.settings().serialization()).isEqualTo(Driver.Serialization.JSON);
    assertThat(server.settings().queryTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(server.settings().idleConnectionTimeout()).isEqualTo(Duration.ofMinutes(2));
    assertThat(server.settings().bind()).isEqualTo("127.0.0.1");
    assertThat(errText()).contains("JDBC URL  " + server.jdbcUrl())
        .contains("Health    http://127.0.0.1:").contains("sqlline.SqlLine");
    assertThat(server.openConnections()).isZero();
  }

  @Test void serveKeepsAMirrorThatItsClientsQuery(@TempDir Path dir) throws Exception {
    DemoPostgres pg = DemoPostgres.shared();
    try (io.saasql.sandbox.backlog.BacklogSandbox backlog =
             new io.saasql.sandbox.backlog.BacklogSandbox().start();
         Connection admin = DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password());
         Statement st = admin.createStatement()) {
      st.execute("DROP SCHEMA IF EXISTS mirror_serve CASCADE");
      Map<String, Object> backlogSchema = Map.of("name", "backlog", "type", "custom",
          "factory", "io.saasql.backlog.BacklogSchemaFactory", "operand", Map.of("baseUrl",
              backlog.baseUrl(), "apiKey", backlog.apiKey(), "rateLimit", "none"));
      Map<String, Object> pgSchema = Map.of("name", "pg", "type", "custom",
          "factory", "io.saasql.core.jdbc.EnvironmentJdbcSchemaFactory", "operand", Map.of(
              "jdbcUrl", pg.jdbcUrl(), "jdbcUser", pg.user(), "jdbcPassword", pg.password(),
              "jdbcSchema", "mirror_serve"));
      Path model = dir.resolve("mirror.json");
      new ObjectMapper().writeValue(model.toFile(), Map.of("version", "1.0",
          "schemas", List.of(backlogSchema, pgSchema)));
      int status = run(server -> {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        long rows = 0;
        while (rows < backlog.issueCount() && System.nanoTime() < deadline) {
          Thread.sleep(200);
          try (Connection c = DriverManager.getConnection(server.jdbcUrl());
               Statement s = c.createStatement();
               ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM pg.issues"
                   + " WHERE isdeleted = FALSE")) {
            rs.next();
            rows = rs.getLong(1);
          }
        }
        assertThat(rows).isEqualTo(backlog.issueCount());
      }, "serve", "--model", model.toString(), "--port", "0", "--mirror-into", "pg",
          "--mirror", "backlog.Issues", "--mirror-every", "1h");
      assertThat(status).as(errText()).isZero();
      assertThat(errText()).contains("saasql mirror: backlog.Issues: " + backlog.issueCount()
          + " inserted");
    }
  }

  @Test void nonLoopbackAddressWithoutAuthenticationRefusesToStart(@TempDir Path dir)
      throws Exception {
    Path model = pgModel(dir);
    int status = run(server -> {
      throw new AssertionError("must not start");
    }, "serve", "--model", model.toString(), "--port", "0", "--bind", "0.0.0.0");
    assertThat(status).as(errText()).isEqualTo(2);
    assertThat(errText()).contains("Refusing to serve 0.0.0.0 without authentication")
        .contains("--allow-unauthenticated-remote");
    assertThat(served).isEmpty();

    // Said explicitly, it starts (and warns in the log).
    err.reset();
    assertThat(run(server -> assertThat(server.settings().bindsBeyondLoopback()).isTrue(),
        "serve", "--model", model.toString(), "--port", "0", "--bind", "0.0.0.0",
        "--allow-unauthenticated-remote")).as(errText()).isZero();
  }

  @Test void usersFromAFileAndFromTheEnvironment(@TempDir Path dir) throws Exception {
    Path model = pgModel(dir);
    Path users = Files.writeString(dir.resolve("users"), "alice: alice-secret\n");
    env.put("SAASQL_PW", "bob-secret");
    int status = run(server -> {
      assertThat(server.jdbcUrl()).endsWith(";authentication=BASIC");
      assertThat(accounts(server.jdbcUrl() + ";avatica_user=alice;avatica_password=alice-secret"))
          .isEqualTo(40);
      assertThat(accounts(server.jdbcUrl() + ";avatica_user=bob;avatica_password=bob-secret"))
          .isEqualTo(40);
      assertThat(server.settings().users().names()).containsExactlyInAnyOrder("alice", "bob");
    }, "serve", "--model", model.toString(), "--port", "0", "--bind", "0.0.0.0",
        "--users", users.toString(), "--user", "bob", "--password-env", "SAASQL_PW");
    assertThat(status).as(errText()).isZero();
    assertThat(errText()).doesNotContain("secret").contains("avatica_user=NAME");
  }

  @Test void optionErrorsAreUsageErrors(@TempDir Path dir) throws Exception {
    Path model = pgModel(dir);
    ServerClient never = server -> {
      throw new AssertionError("must not start");
    };
    Map<List<String>, String> cases = Map.of(
        List.of("--user", "bob"), "--user and --password-env go together",
        List.of("--user", "bob", "--password-env", "NOPE"), "Environment variable NOPE is not set",
        List.of("--users", dir.resolve("missing").toString()), "Users file not found",
        List.of("--tls-keystore", model.toString()), "--tls-keystore-password-env",
        List.of("--tls-keystore-password-env", "X"), "needs --tls-keystore",
        List.of("--serialization", "xml"), "--serialization",
        List.of("--query-timeout", "soon"), "is not a duration");
    for (Map.Entry<List<String>, String> c : cases.entrySet()) {
      err.reset();
      List<String> args = new ArrayList<>(List.of("serve", "--model", model.toString(), "--port", "0"));
      args.addAll(c.getKey());
      assertThat(run(never, args.toArray(new String[0]))).as(c.getKey().toString()).isEqualTo(2);
      assertThat(errText()).as(c.getKey().toString()).contains(c.getValue());
    }
  }

  @Test void durations() {
    ServeOptions.DurationConverter d = new ServeOptions.DurationConverter();
    assertThat(d.convert("300")).isEqualTo(Duration.ofSeconds(300));
    assertThat(d.convert("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(d.convert("30s")).isEqualTo(Duration.ofSeconds(30));
    assertThat(d.convert("10m")).isEqualTo(Duration.ofMinutes(10));
    assertThat(d.convert("2h")).isEqualTo(Duration.ofHours(2));
    assertThat(d.convert("PT1M30S")).isEqualTo(Duration.ofSeconds(90));
    assertThat(d.convert("0")).isZero();
  }

  @Test void demoServeServesTheDemoModel() throws Exception {
    Path root = Path.of("").toAbsolutePath().getParent();
    System.setProperty(Main.HOME_PROPERTY, root.toString());
    int status = run(server -> {
      assertThat(server.settings().model()).endsWith(Path.of(Main.DEMO_MODEL));
      try (Connection c = DriverManager.getConnection(server.jdbcUrl());
           Statement s = c.createStatement();
           ResultSet rs = s.executeQuery("select a.name, i.IssueKey from pg.account a"
               + " join backlog.Issues i on i.ProjectId = a.backlog_project_id__c"
               + " where i.Id = 13 order by a.name")) {
        assertThat(TestSources.rows(rs)).isNotEmpty().allSatisfy(r -> assertThat(r.get(1)).isEqualTo("SALES-7"));
      }
    }, "demo", "--serve", "--port", "0");
    assertThat(status).as(errText()).isZero();
    assertThat(errText()).contains("saasql demo server").contains("JDBC URL")
        .contains("Backlog sandbox").contains(served.get(0).jdbcUrl());
    // The environment was closed with the server.
    assertThat(System.getProperty(DemoEnvironment.BACKLOG_BASE_URL)).isNull();
  }

  @Test void demoRefusesServeOptionsWithoutServeAndSqllineArgumentsWithServe() {
    System.setProperty(Main.HOME_PROPERTY, Path.of("").toAbsolutePath().getParent().toString());
    assertThat(run(server -> { }, "demo", "--port", "9999")).isEqualTo(2);
    assertThat(errText()).contains("--port needs --serve");
    err.reset();
    assertThat(run(server -> { }, "demo", "--serve", "-e", "select 1")).isEqualTo(2);
    assertThat(errText()).contains("--serve runs no sqlline");
  }

  @Test void settingsDefaults() {
    ServerSettings s = ServerSettings.builder(Path.of("m.json")).build();
    assertThat(s.bind()).isEqualTo("127.0.0.1");
    assertThat(s.port()).isEqualTo(8765);
    assertThat(s.serialization()).isEqualTo(Driver.Serialization.PROTOBUF);
    assertThat(s.queryTimeout()).isEqualTo(Duration.ofMinutes(5));
    assertThat(s.idleConnectionTimeout()).isEqualTo(Duration.ofMinutes(10));
    assertThat(s.idleStatementTimeout()).isEqualTo(Duration.ofMinutes(5));
    assertThat(s.users()).isNull();
    assertThat(s.bindsBeyondLoopback()).isFalse();
  }
}
