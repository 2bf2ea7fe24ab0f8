package io.saasql.embedding;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.saasql.sandbox.backlog.BacklogSandbox;
import io.saasql.testing.TestSources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The adapter embedded the way an application embeds it: a separate JVM whose class path is only
 * the packaged adapter jar and its runtime dependencies ({@code target/runtime-classpath.txt}) —
 * no sandbox, no test classes, no logging binding — queries a Backlog sandbox that this JVM runs,
 * through {@code jdbc:saasql:model=...}. Runs after {@code package} (maven-failsafe-plugin).
 */
class EmbeddedApplicationIT {

  @Test void applicationOnTheAdapterAloneQueriesThroughTheDriver(@TempDir Path dir)
      throws Exception {
    List<String> classPath = new ArrayList<>();
    classPath.add(existing(System.getProperty("saasql.adapter.jar")).toString());
    String dependencies = Files.readString(
        existing(System.getProperty("saasql.adapter.classpathFile"))).trim();
    classPath.addAll(Arrays.asList(dependencies.split(File.pathSeparator)));
    assertThat(classPath)
        .as("the application's class path: the adapter jar and its runtime dependencies")
        .noneMatch(e -> e.contains("test-classes") || e.endsWith("/classes"))
        .noneMatch(e -> e.contains("saasql-sandbox") || e.contains("saasql-cli"))
        .noneMatch(e -> e.contains("logback") || e.contains("junit") || e.contains("zonky"))
        .anyMatch(e -> e.contains("calcite-core"));

    BacklogSandbox backlog = TestSources.backlog();
    Path model = dir.resolve("model.json");
    writeModel(model);
    Path application = dir.resolve("QueryApplication.java");
    try (InputStream source = getClass().getResourceAsStream("/embedding/QueryApplication.java")) {
      Files.copy(source, application);
    }

    ProcessBuilder builder = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
        "-Dcalcite.model.classes.allowed=io.saasql.,org.apache.calcite.",
        "-cp", String.join(File.pathSeparator, classPath),
        application.toString(), model.toString(),
        "SELECT Id, Summary FROM backlog.Issues WHERE Id = 13")
        .directory(dir.toFile())
        .redirectOutput(dir.resolve("stdout.txt").toFile())
        .redirectError(dir.resolve("stderr.txt").toFile());
    Map<String, String> environment = builder.environment();
    environment.remove("CLASSPATH");
    environment.remove("JAVA_TOOL_OPTIONS");
    // The model reads both from the environment, so the key is neither in the file nor in argv.
    environment.put("BACKLOG_BASE_URL", backlog.baseUrl());
    environment.put("BACKLOG_API_KEY", backlog.apiKey());
    backlog.clearRequests();

    Process process = builder.start();
    boolean exited = process.waitFor(120, TimeUnit.SECONDS);
    if (!exited) {
      process.destroyForcibly();
    }
    String stderr = Files.readString(dir.resolve("stderr.txt"));
    assertThat(exited).as("the application exited within 120 s; stderr:%n%s", stderr).isTrue();
    assertThat(process.exitValue()).as("exit status; stderr:%n%s", stderr).isZero();
    assertThat(Files.readAllLines(dir.resolve("stdout.txt"), StandardCharsets.UTF_8))
        .containsExactly("Id|Summary", "13|Fix \"quoted\" path C:\\temp");
    assertThat(TestSources.backlogRequests()).containsExactly("GET /api/v2/issues/13");
  }

  private static Path existing(String file) {
    assertThat(file).as("system property set by maven-failsafe-plugin").isNotNull();
    Path path = Path.of(file);
    assertThat(path).as("built by mvn package").isRegularFile();
    return path;
  }

  /** The model an application would ship: one Backlog schema, URL and key from the environment. */
  private static void writeModel(Path model) throws IOException {
    ObjectMapper json = new ObjectMapper();
    ObjectNode root = json.createObjectNode().put("version", "1.0").put("defaultSchema", "backlog");
    root.putArray("schemas").addObject()
        .put("name", "backlog")
        .put("type", "custom")
        .put("factory", "io.saasql.backlog.BacklogSchemaFactory")
        .putObject("operand")
        .put("baseUrl", "${BACKLOG_BASE_URL}")
        .put("apiKey", "${BACKLOG_API_KEY}");
    json.writerWithDefaultPrettyPrinter().writeValue(model.toFile(), root);
  }
}
