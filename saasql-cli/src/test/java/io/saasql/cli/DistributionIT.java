package io.saasql.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The binary distribution, {@code target/saasql-VERSION.tar.gz}, as a user gets it: unpacked in an
 * empty folder outside the source tree, {@code bin/saasql demo} runs one query with Java alone
 * (an {@code mvn} on the PATH fails if called). Runs after {@code package}
 * (maven-failsafe-plugin).
 */
class DistributionIT {
  private static final String VERSION = "0.1.0-SNAPSHOT";

  @Test void unpackedDistributionRunsTheDemoWithJavaAlone(@TempDir Path dir) throws Exception {
    String tarball = System.getProperty("saasql.distribution");
    assertThat(tarball).as("system property set by maven-failsafe-plugin").isNotNull();
    assertThat(Path.of(tarball)).as("built by mvn package").isRegularFile();

    Path unpacked = dir.resolve("unpacked");
    Files.createDirectories(unpacked);
    run(List.of("tar", "-xzf", tarball, "-C", unpacked.toString()), dir, null);
    Path home = unpacked.resolve("saasql-" + VERSION);
    Path launcher = home.resolve("bin/saasql");
    assertThat(launcher).isExecutable();
    assertThat(home.resolve("README.md")).isRegularFile();
    assertThat(home.resolve("model-examples/demo.json")).isRegularFile();
    try (Stream<Path> lib = Files.list(home.resolve("lib"))) {
      assertThat(lib.map(p -> p.getFileName().toString()).toList())
          .contains("saasql-cli-" + VERSION + ".jar", "calcite-saas-adapter-" + VERSION + ".jar",
              "saasql-sandbox-" + VERSION + ".jar")
          .noneMatch(name -> name.endsWith("-tests.jar") || name.startsWith("junit"));
    }

    // A clean environment: JAVA_HOME says which Java; the PATH is the system's (embedded Postgres
    // runs sh and its own binaries) behind an mvn that fails loudly if anything calls it.
    Path stubs = dir.resolve("stubs");
    Files.createDirectories(stubs);
    Path mvn = Files.writeString(stubs.resolve("mvn"),
        "#!/bin/sh\necho 'saasql: mvn was called' >&2\nexit 97\n");
    assertThat(mvn.toFile().setExecutable(true)).isTrue();
    Path work = dir.resolve("work");
    Files.createDirectories(work);
    Map<String, String> environment = Map.of(
        "PATH", stubs + File.pathSeparator + System.getenv().getOrDefault("PATH", "/usr/bin:/bin"),
        "JAVA_HOME", System.getProperty("java.home"));
    Result result = run(List.of(launcher.toString(), "demo",
        "-e", "SELECT Id, Summary FROM backlog.Issues WHERE Id = 13", "--outputformat=csv"),
        work, environment);

    assertThat(result.stderr()).doesNotContain("mvn was called");
    assertThat(result.stdout().lines().toList())
        .as("stdout; stderr:%n%s", result.stderr())
        .containsSubsequence("'Id','Summary'", "'13','Fix \"quoted\" path C:\\temp'");

    // sqlline's default table format, with no terminal (jline's dumb terminal has width 0): the
    // row is there, not cut to an empty box. No LANG or LC_ALL (the C locale): the launcher
    // switches to UTF-8, so the non-ASCII argument reaches Java and comes back intact.
    Result table = run(List.of(launcher.toString(), "demo",
        "-e", "SELECT Id, Summary, '日本' AS J FROM backlog.Issues WHERE Id = 13"),
        work, environment);
    assertThat(table.stdout().lines().toList())
        .as("stdout; stderr:%n%s", table.stderr())
        .anyMatch(l -> l.matches(
            "\\| *13 *\\| *Fix \"quoted\" path C:\\\\temp *\\| *日本 *\\|"));
  }

  private record Result(int status, String stdout, String stderr) {
  }

  /** Runs a command in {@code directory}; {@code environment} null keeps this JVM's. */
  private static Result run(List<String> command, Path directory, Map<String, String> environment)
      throws IOException, InterruptedException {
    Path out = Files.createTempFile(directory, "stdout", ".txt");
    Path err = Files.createTempFile(directory, "stderr", ".txt");
    ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
        .redirectOutput(out.toFile()).redirectError(err.toFile());
    if (environment != null) {
      builder.environment().clear();
      builder.environment().putAll(environment);
    }
    Process process = builder.start();
    if (!process.waitFor(180, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    String stderr = Files.readString(err, StandardCharsets.UTF_8);
    assertThat(process.isAlive()).as("%s still running after 180 s; stderr:%n%s", command, stderr)
        .isFalse();
    Result result = new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
        stderr);
    assertThat(result.status()).as("%s; stderr:%n%s", command, stderr).isZero();
    return result;
  }
}
