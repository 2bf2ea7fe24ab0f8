package io.saasql.examples;

import io.saasql.cli.ConnectionUrls;
import io.saasql.cli.DemoEnvironment;
import io.saasql.cli.Main;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

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
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every example model loads against the demo environment (embedded Postgres + sandboxes), and
 * every query the README shows prints exactly what the README says.
 */
class ModelExamplesTest {
  private static DemoEnvironment demo;

  @BeforeAll static void start() {
    demo = DemoEnvironment.start();
  }

  @AfterAll static void stop() {
    demo.close();
  }

  private static Connection connect(String model) throws Exception {
    return DriverManager.getConnection(ConnectionUrls.forModel(Path.of(model)));
  }

  /** The tables each example model must show, by schema. */
  @TestFactory Stream<DynamicTest> everyExampleModelLoads() throws Exception {
    List<Path> models;
    try (Stream<Path> files = Files.list(Path.of("."))) {
      models = files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
    assertThat(models).extracting(p -> p.getFileName().toString())
        .contains("backlog.json", "bitbucket.json", "pingone.json", "salesforce.json",
            "postgres.json", "demo.json");
    return models.stream().map(model -> DynamicTest.dynamicTest(model.getFileName().toString(),
        () -> {
          try (Connection c = connect(model.toString())) {
            Set<String> tables = new TreeSet<>();
            DatabaseMetaData md = c.getMetaData();
            try (ResultSet rs = md.getTables(null, null, "%", null)) {
              while (rs.next()) {
                tables.add(rs.getString("TABLE_SCHEM") + "." + rs.getString("TABLE_NAME"));
              }
            }
            String text = Files.readString(model);
            if (text.contains("BacklogSchemaFactory")) {
              assertThat(tables).contains("backlog.Issues", "backlog.Projects", "backlog.Users",
                  "backlog.Statuses", "backlog.IssueTypes", "backlog.Priorities");
              assertThat(count(c, "SELECT COUNT(*) FROM backlog.Priorities")).isEqualTo(3);
            }
            if (text.contains("BitbucketSchemaFactory")) {
              assertThat(tables).contains("bitbucket.Workspaces", "bitbucket.Repositories",
                  "bitbucket.Issues", "bitbucket.PullRequests", "bitbucket.Members");
              assertThat(count(c, "SELECT COUNT(*) FROM bitbucket.Repositories")).isEqualTo(4);
            }
            if (text.contains("PingOneSchemaFactory")) {
              assertThat(tables).contains("Administrators.Users", "Administrators.Groups",
                  "Administrators.Populations", "Administrators.GroupMemberships",
                  "Administrators.Environments");
              assertThat(count(c, "SELECT COUNT(*) FROM Administrators.Environments")).isEqualTo(1);
            }
            if (text.contains("SalesforceSchemaFactory")) {
              assertThat(tables).contains("salesforce.Account", "salesforce.Contact",
                  "salesforce.Opportunity", "salesforce.Invoice__c");
              assertThat(count(c, "SELECT COUNT(*) FROM salesforce.\"User\"")).isPositive();
            }
            if (text.contains("EnvironmentJdbcSchemaFactory")) {
              assertThat(tables).contains("pg.account", "pg.contact");
              assertThat(count(c, "SELECT COUNT(*) FROM pg.account")).isPositive();
            }
          }
        }));
  }

  private static long count(Connection c, String sql) throws Exception {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** An example in the README: the model it runs on, its SQL, and the output it shows. */
  record Example(String model, String sql, String output) {}

  private static final Pattern EXAMPLE = Pattern.compile(
      "<!-- example: (\\w+) -->\\s*```sql\\n(.*?)```\\s*```text\\n(.*?)```", Pattern.DOTALL);

  static List<Example> readmeExamples() throws Exception {
    String readme = Files.readString(Path.of("..", "README.md"));
    List<Example> out = new ArrayList<>();
    Matcher m = EXAMPLE.matcher(readme);
    while (m.find()) {
      out.add(new Example(m.group(1), m.group(2).strip(), m.group(3).strip()));
    }
    return out;
  }

  @Test void readmeHasCheckedExamples() throws Exception {
    assertThat(readmeExamples()).hasSizeGreaterThanOrEqualTo(5);
  }

  /** Each README query, run by real sqlline through {@code saasql sqlline}, prints the README's text. */
  @TestFactory Stream<DynamicTest> everyReadmeQueryPrintsWhatTheReadmeSays() throws Exception {
    return readmeExamples().stream().map(e -> DynamicTest.dynamicTest(e.sql(), () -> {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      int status = Main.run(new String[] {"sqlline", "--model", e.model() + ".json",
          "-e", e.sql().replace('\n', ' '), "--outputformat=csv", "--showElapsedTime=false"},
          new PrintStream(out, true, StandardCharsets.UTF_8),
          new PrintStream(err, true, StandardCharsets.UTF_8));
      assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
      assertThat(out.toString(StandardCharsets.UTF_8).strip()).isEqualTo(e.output());
    }));
  }
}
