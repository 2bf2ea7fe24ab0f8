package io.saasql.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.saasql.sandbox.postgres.DemoPostgres;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code saasql sqlline} for real: sqlline, Calcite and the demo Postgres behind a JDBC schema. */
class SqllineEndToEndTest {

  @Test
  void countsAccountsThroughCalcite(@TempDir Path dir) throws IOException {
    DemoPostgres pg = DemoPostgres.shared();
    Map<String, Object> pgSchema = Map.of(
        "name", "pg",
        "type", "jdbc",
        "jdbcDriver", "org.postgresql.Driver",
        "jdbcUrl", pg.jdbcUrl(),
        "jdbcUser", pg.user(),
        "jdbcPassword", pg.password(),
        "jdbcSchema", "salesforce");
    Path model = dir.resolve("pg-only.json");
    new ObjectMapper().writeValue(model.toFile(),
        Map.of("version", "1.0", "defaultSchema", "pg", "schemas", List.of(pgSchema)));

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = Main.run(
        new String[] {"sqlline", "--model", model.toString(),
            "-e", "select count(*) as n from pg.account where isdeleted = false", "--outputformat=csv"},
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

    String stdout = out.toString(StandardCharsets.UTF_8);
    assertThat(status).as("stderr: %s", err.toString(StandardCharsets.UTF_8)).isZero();
    assertThat(stdout.strip().lines()).containsExactly("'n'", "'39'");
  }
}
