package io.saasql.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model that cannot load: {@code saasql sqlline}, {@code check} and {@code serve} print its root cause
 * as the first line of stderr, naming the schema and the operand, variable or class, and exit 1
 * (with real sqlline, which is never reached).
 */
class ModelErrorsTest {

  private static String backlogModel(String factory, String operands) {
    return "{\"version\":\"1.0\",\"schemas\":[{\"name\":\"b\",\"type\":\"custom\",\"factory\":\""
        + factory + "\",\"operand\":{" + operands + "}}]}";
  }

  private record Run(int status, String stdout, String stderr) {
    String firstLine() {
      return stderr.lines().findFirst().orElse("");
    }
  }

  private static Run run(Path dir, String command, String model) throws IOException {
    Path file = Files.writeString(dir.resolve("model.json"), model);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = Main.run(new String[] {command, "--model", file.toString(), "-e", "select 1"},
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(status, out.toString(StandardCharsets.UTF_8),
        err.toString(StandardCharsets.UTF_8));
  }

  @Test void unknownOperand(@TempDir Path dir) throws IOException {
    Run run = run(dir, "sqlline", backlogModel("io.saasql.backlog.BacklogSchemaFactory",
        "\"baseUrl\":\"http://127.0.0.1:9/api/v2\",\"apiKey\":\"k\",\"bogus\":\"1\""));
    assertThat(run.status()).isEqualTo(1);
    assertThat(run.firstLine()).startsWith("saasql: Schema 'b': unknown operand(s) [bogus].")
        .contains("Accepted operands: [apiKey");
    assertThat(run.stderr()).doesNotContain("No current connection");
    assertThat(run.stdout()).isEmpty();
  }

  @Test void unsetVariable(@TempDir Path dir) throws IOException {
    Run run = run(dir, "sqlline", backlogModel("io.saasql.backlog.BacklogSchemaFactory",
        "\"baseUrl\":\"http://127.0.0.1:9/api/v2\",\"apiKey\":\"${SAASQL_TEST_UNSET_VARIABLE}\""));
    assertThat(run.status()).isEqualTo(1);
    assertThat(run.firstLine()).startsWith("saasql: Schema 'b': operand 'apiKey'")
        .contains("${SAASQL_TEST_UNSET_VARIABLE}").contains("not set");
  }

  @Test void wrongFactory(@TempDir Path dir) throws IOException {
    Run run = run(dir, "sqlline", backlogModel("io.saasql.nope.NopeSchemaFactory", ""));
    assertThat(run.status()).isEqualTo(1);
    assertThat(run.firstLine())
        .startsWith("saasql: Schema 'b': class io.saasql.nope.NopeSchemaFactory not found");
  }

  @Test void checkReportsTheSameCause(@TempDir Path dir) throws IOException {
    Path file = Files.writeString(dir.resolve("model.json"),
        backlogModel("io.saasql.backlog.BacklogSchemaFactory", "\"bogus\":\"1\""));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = Main.run(new String[] {"check", "--model", file.toString()},
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(status).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8).lines().findFirst().orElse(""))
        .startsWith("saasql: Schema 'b': unknown operand(s) [bogus].");
  }

  @Test void serveReportsTheCauseAndDoesNotStart(@TempDir Path dir) throws IOException {
    Path file = Files.writeString(dir.resolve("model.json"),
        backlogModel("io.saasql.backlog.BacklogSchemaFactory", "\"bogus\":\"1\""));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = Main.run(new String[] {"serve", "--model", file.toString(), "--port", "0"},
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    assertThat(status).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8).lines().findFirst().orElse(""))
        .startsWith("saasql: Schema 'b': unknown operand(s) [bogus].");
    assertThat(err.toString(StandardCharsets.UTF_8)).doesNotContain("\tat ");
  }

  @Test void invalidJson(@TempDir Path dir) throws IOException {
    Run run = run(dir, "sqlline", "{\"version\":\"1.0\", \"schemas\": [");
    assertThat(run.status()).isEqualTo(1);
    assertThat(run.firstLine()).startsWith("saasql: the model is not valid JSON or YAML");
  }
}
