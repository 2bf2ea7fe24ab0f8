package io.saasql.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.saasql.sandbox.postgres.DemoPostgres;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code saasql check} on the demo model, against the demo environment (embedded Postgres and
 * the sandbox APIs); and what the demo's database schema lists as tables.
 */
class CheckCommandTest {
  private static DemoEnvironment environment;
  private static Path model;

  @BeforeAll static void start() throws Exception {
    model = Path.of("").toAbsolutePath().getParent().resolve(Main.DEMO_MODEL);
    assertThat(model).isRegularFile();
    environment = DemoEnvironment.start();
  }

  @AfterAll static void stop() {
    if (environment != null) {
      environment.close();
    }
  }

  private record Run(int status, String stdout, String stderr) {
  }

  private static Run check() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = Main.run(new String[] {"check", "--model", model.toString()},
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(status, out.toString(StandardCharsets.UTF_8),
        err.toString(StandardCharsets.UTF_8));
  }

  @Test void everySourceOfTheDemoAnswers() {
    Run run = check();
    assertThat(run.status()).as("stdout:%n%s%nstderr:%n%s", run.stdout(), run.stderr()).isZero();
    List<String> lines = run.stdout().lines().toList();
    for (String schema : List.of("Administrators", "backlog", "bitbucket", "pg", "salesforce")) {
      assertThat(lines).as(run.stdout())
          .anyMatch(l -> l.matches("OK +" + schema + " +\\d+ ms +\\d+ tables"));
    }
    assertThat(lines).last().isEqualTo("5 source(s) OK");
    assertSecretsAbsent(run);
  }

  @Test void aWrongApiKeyFailsNamingTheSource() {
    String key = System.getProperty(DemoEnvironment.BACKLOG_API_KEY);
    String wrong = "wrong-" + key.hashCode();
    System.setProperty(DemoEnvironment.BACKLOG_API_KEY, wrong);
    Run run;
    try {
      run = check();
    } finally {
      System.setProperty(DemoEnvironment.BACKLOG_API_KEY, key);
    }
    assertThat(run.status()).as(run.stdout()).isEqualTo(1);
    List<String> lines = run.stdout().lines().toList();
    assertThat(lines).as(run.stdout())
        .anyMatch(l -> l.matches("FAILED +backlog +\\d+ ms +\\d+ tables +.*401.*"))
        .anyMatch(l -> l.startsWith("OK") && l.contains("salesforce"));
    assertThat(lines).last().isEqualTo("1 of 5 source(s) FAILED");
    assertThat(run.stdout() + run.stderr()).doesNotContain(wrong);
    assertSecretsAbsent(run);
  }

  private static void assertSecretsAbsent(Run run) {
    for (String name : List.of(DemoEnvironment.BACKLOG_API_KEY,
        DemoEnvironment.BITBUCKET_CLIENT_SECRET, DemoEnvironment.PINGONE_CLIENT_SECRET,
        DemoEnvironment.SALESFORCE_CLIENT_SECRET, DemoEnvironment.PG_PASSWORD)) {
      assertThat(run.stdout() + run.stderr()).doesNotContain(System.getProperty(name));
    }
  }

  /** getTables of the demo's pg schema: its tables and views, none of its indexes or sequences. */
  @Test void databaseSchemaListsTablesAndViewsOnly() throws Exception {
    DemoPostgres pg = DemoPostgres.shared();
    List<String> relations = new ArrayList<>();
    String index;
    try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password());
         Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("select table_name from information_schema.tables"
          + " where table_schema = 'salesforce' order by 1")) {
        while (rs.next()) {
          relations.add(rs.getString(1));
        }
      }
      try (ResultSet rs = s.executeQuery("select min(indexname) from pg_indexes"
          + " where schemaname = 'salesforce'")) {
        rs.next();
        index = rs.getString(1);
      }
    }
    assertThat(relations).isNotEmpty();
    assertThat(index).as("the demo database has indexes").isNotNull();

    List<String> listed = new ArrayList<>();
    List<String> types = new ArrayList<>();
    try (Connection c = ModelCheck.connect(ConnectionUrls.forModel(model))) {
      DatabaseMetaData metaData = c.getMetaData();
      try (ResultSet rs = metaData.getTables(null, "pg", "%", null)) {
        while (rs.next()) {
          listed.add(rs.getString("TABLE_NAME"));
          types.add(rs.getString("TABLE_TYPE"));
        }
      }
      // A name Postgres has, but as an index, is no table of the schema.
      assertThat(c.unwrap(org.apache.calcite.jdbc.CalciteConnection.class).getRootSchema()
          .subSchemas().get("pg").tables().get(index)).isNull();
    }
    assertThat(listed).containsExactlyInAnyOrderElementsOf(relations);
    assertThat(types).allMatch(t -> t.equals("TABLE") || t.equals("VIEW"), "TABLE or VIEW");
  }
}
