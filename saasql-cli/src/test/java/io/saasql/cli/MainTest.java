package io.saasql.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.saasql.sandbox.postgres.DemoPostgres;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/** Argument handling of the command line, without running sqlline. */
class MainTest {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final List<List<String>> launched = new ArrayList<>();
  private final Map<String, String> propertiesSeenBySqlline = new HashMap<>();

  @AfterEach
  void clearProperties() {
    System.clearProperty(Main.VERBOSE_PROPERTY);
    System.clearProperty(Main.CALLS_LEVEL_PROPERTY);
    System.clearProperty(Main.HOME_PROPERTY);
  }

  private CommandLine commandLine() {
    return Main.commandLine(stream(out), stream(err), (args, o, e) -> {
      launched.add(args);
      for (String name : List.of(DemoEnvironment.PG_JDBC_URL, DemoEnvironment.PG_USER,
          DemoEnvironment.PG_PASSWORD, Main.VERBOSE_PROPERTY)) {
        propertiesSeenBySqlline.put(name, System.getProperty(name));
      }
      return 0;
    });
  }

  private static PrintStream stream(ByteArrayOutputStream bytes) {
    return new PrintStream(bytes, true, StandardCharsets.UTF_8);
  }

  private static List<String> passedOn(ParseResult result) {
    Object command = result.subcommand().commandSpec().userObject();
    if (command instanceof Main.DemoCommand demo) {
      return demo.sqllineArgs;
    }
    return ((Main.SqllineCommand) command).sqllineArgs;
  }

  @Test
  void demoHandsEverythingAfterItsOwnOptionsToSqlline() {
    ParseResult result = commandLine().parseArgs("demo", "-e", "x", "--outputformat=csv");
    assertThat(passedOn(result)).containsExactly("-e", "x", "--outputformat=csv");
    assertThat(((Main.DemoCommand) result.subcommand().commandSpec().userObject()).verbose).isFalse();
  }

  @Test
  void verboseBeforeSqllineArgumentsIsSaasqls() {
    ParseResult result = commandLine().parseArgs("demo", "--verbose", "-e", "select 1", "--outputformat=csv");
    assertThat(((Main.DemoCommand) result.subcommand().commandSpec().userObject()).verbose).isTrue();
    assertThat(passedOn(result)).containsExactly("-e", "select 1", "--outputformat=csv");
  }

  @Test
  void argumentsThatLookLikeOursStayWithSqlline() {
    ParseResult result = commandLine().parseArgs(
        "demo", "-e", "--verbose", "-e", "select '@x' from t", "@args.txt", "--", "--model", "-f", "q.sql");
    assertThat(passedOn(result)).containsExactly(
        "-e", "--verbose", "-e", "select '@x' from t", "@args.txt", "--", "--model", "-f", "q.sql");
    assertThat(((Main.DemoCommand) result.subcommand().commandSpec().userObject()).verbose).isFalse();
  }

  @Test
  void sqllineCommandTakesModelThenPassesTheRestOn() {
    ParseResult result = commandLine().parseArgs(
        "sqlline", "--model", "m.json", "--verbose", "-e", "select 1", "--outputformat=json");
    Main.SqllineCommand command = (Main.SqllineCommand) result.subcommand().commandSpec().userObject();
    assertThat(command.modelFile.model).isEqualTo(Path.of("m.json"));
    assertThat(command.modelFile.verbose).isTrue();
    assertThat(command.sqllineArgs).containsExactly("-e", "select 1", "--outputformat=json");
  }

  @Test
  void noArgumentsForSqllineIsFine() {
    assertThat(passedOn(commandLine().parseArgs("demo"))).isEmpty();
  }

  @Test
  void sqllineArgumentsConnectFirstThenUserArguments() {
    assertThat(Main.sqllineArguments("jdbc:calcite:model=/m.json", List.of("-e", "x", "--outputformat=csv")))
        .containsExactly("-d", "io.saasql.core.jdbc.SaasqlDriver", "-u", "jdbc:calcite:model=/m.json",
            "-n", "", "-p", "", "--isolation=TRANSACTION_NONE", "-e", "x", "--outputformat=csv");
  }

  @Test
  void sqllineCommandLaunchesWithTheModelUrl(@TempDir Path dir) throws IOException {
    Path model = Files.writeString(dir.resolve("m.json"), "{\"version\":\"1.0\",\"schemas\":[]}");
    int status = commandLine().execute("sqlline", "--model", model.toString(), "-e", "x", "--outputformat=csv");
    assertThat(status).isZero();
    assertThat(launched).containsExactly(
        Main.sqllineArguments(ConnectionUrls.forModel(model), List.of("-e", "x", "--outputformat=csv")));
    assertThat(System.getProperty(Main.VERBOSE_PROPERTY)).isNull();
  }

  @Test
  void verboseTurnsOnTheCallLog(@TempDir Path dir) throws IOException {
    Path model = Files.writeString(dir.resolve("m.json"), "{\"version\":\"1.0\",\"schemas\":[]}");
    assertThat(commandLine().execute("sqlline", "--model", model.toString(), "--verbose")).isZero();
    assertThat(propertiesSeenBySqlline).containsEntry(Main.VERBOSE_PROPERTY, "true");
    assertThat(System.getProperty(Main.CALLS_LEVEL_PROPERTY)).isEqualTo("INFO");
    assertThat(org.slf4j.LoggerFactory.getLogger(Main.CALLS_LOGGER).isInfoEnabled()).isTrue();
  }

  @Test
  void missingModelIsAUsageError(@TempDir Path dir) {
    int status = commandLine().execute("sqlline", "--model", dir.resolve("nope.json").toString(), "-e", "x");
    assertThat(status).isEqualTo(2);
    assertThat(launched).isEmpty();
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("Model file not found").contains("nope.json");
  }

  @Test
  void demoStartsTheEnvironmentPrintsABannerAndRunsTheDemoModel(@TempDir Path home) throws IOException {
    Path model = home.resolve(Main.DEMO_MODEL);
    Files.createDirectories(model.getParent());
    Files.writeString(model, "{\"version\":\"1.0\",\"schemas\":[]}");
    System.setProperty(Main.HOME_PROPERTY, home.toString());

    int status = commandLine().execute("demo", "-e", "select 1", "--outputformat=csv");

    assertThat(status).isZero();
    assertThat(launched).containsExactly(
        Main.sqllineArguments(ConnectionUrls.forModel(model), List.of("-e", "select 1", "--outputformat=csv")));
    DemoPostgres pg = DemoPostgres.shared();
    assertThat(propertiesSeenBySqlline)
        .containsEntry(DemoEnvironment.PG_JDBC_URL, pg.jdbcUrl())
        .containsEntry(DemoEnvironment.PG_USER, pg.user())
        .containsEntry(DemoEnvironment.PG_PASSWORD, pg.password());
    // Closing the environment puts the properties back.
    assertThat(System.getProperty(DemoEnvironment.PG_JDBC_URL)).isNull();

    String banner = err.toString(StandardCharsets.UTF_8);
    assertThat(banner).contains(pg.jdbcUrl()).contains(model.toString()).contains("select ")
        .doesNotContain(pg.password());
    assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  @Test
  void noSubcommandPrintsUsage() {
    assertThat(commandLine().execute()).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("demo").contains("sqlline");
  }
}
