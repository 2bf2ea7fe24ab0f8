package io.saasql.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * sqlline's default table format without a terminal (jline's dumb terminal has width 0): the
 * rows are printed in full, not cut to an empty box.
 */
class NoTerminalTableTest {

  @Test void widthIsGenerousUnlessTheUserOrColumnsSaysOtherwise() {
    assertThat(Main.withWidthForNoTerminal(List.of("-e", "x"), null))
        .containsExactly("--maxWidth=" + Main.NO_TERMINAL_WIDTH, "-e", "x");
    assertThat(Main.withWidthForNoTerminal(List.of("-e", "x"), "132"))
        .containsExactly("--maxWidth=132", "-e", "x");
    assertThat(Main.withWidthForNoTerminal(List.of("-e", "x"), "wide"))
        .containsExactly("--maxWidth=" + Main.NO_TERMINAL_WIDTH, "-e", "x");
    assertThat(Main.withWidthForNoTerminal(List.of("--maxWidth=40", "-e", "x"), "132"))
        .containsExactly("--maxWidth=40", "-e", "x");
  }

  /** A real process, stdin and stdout not a terminal, as in a script or a pipe. */
  @Test void tableOutputHoldsTheRowWithoutATerminal(@TempDir Path dir) throws Exception {
    Path model = ServeCommandTest.pgModel(dir);
    String classpath = System.getProperty("surefire.test.class.path",
        System.getProperty("java.class.path"));
    Path out = dir.resolve("stdout.txt");
    Path err = dir.resolve("stderr.txt");
    ProcessBuilder builder = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
        "-cp", classpath, Main.class.getName(), "sqlline", "--model", model.toString(),
        "-e", "select count(*) as accounts from pg.account where isdeleted = false")
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
        .redirectOutput(out.toFile()).redirectError(err.toFile());
    builder.environment().remove("COLUMNS");
    Process process = builder.start();
    boolean exited = process.waitFor(120, TimeUnit.SECONDS);
    if (!exited) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    String stderr = Files.readString(err, StandardCharsets.UTF_8);
    assertThat(exited).as("exited; stderr:%n%s", stderr).isTrue();
    assertThat(process.exitValue()).as(stderr).isZero();
    List<String> lines = Files.readString(out, StandardCharsets.UTF_8).lines().toList();
    assertThat(lines).as("stdout; stderr:%n%s", stderr)
        .anyMatch(l -> l.matches("\\| *ACCOUNTS *\\|") || l.matches("\\| *accounts *\\|"))
        .anyMatch(l -> l.matches("\\| *39 *\\|"));
  }
}
