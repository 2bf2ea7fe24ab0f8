package io.saasql.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code saasql serve} as a real process: it logs where it listens, answers a JDBC client, and
 * on SIGTERM stops cleanly (the shutdown hook closes the server) and exits.
 */
@Timeout(value = 90, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ServeProcessTest {
  private static final Pattern URL = Pattern.compile("JDBC URL: (jdbc:avatica:remote:\\S+)");

  @Test void servesUntilSigtermThenStopsCleanly(@TempDir Path dir) throws Exception {
    Path model = ServeCommandTest.pgModel(dir);
    String classpath = System.getProperty("surefire.test.class.path",
        System.getProperty("java.class.path"));
    Process process = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
        "-cp", classpath, Main.class.getName(), "serve", "--model", model.toString(), "--port", "0")
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .start();
    List<String> stderr = Collections.synchronizedList(new ArrayList<>());
    CompletableFuture<String> url = new CompletableFuture<>();
    Thread reader = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(
          new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = r.readLine()) != null; ) {
          stderr.add(line);
          Matcher m = URL.matcher(line);
          if (m.find()) {
            url.complete(m.group(1));
          }
        }
      } catch (Exception e) {
        url.completeExceptionally(e);
      }
    });
    reader.start();
    try {
      String jdbcUrl = url.get(60, TimeUnit.SECONDS);
      try (Connection c = DriverManager.getConnection(jdbcUrl); Statement s = c.createStatement();
           ResultSet rs = s.executeQuery("select count(*) from pg.account")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getLong(1)).isEqualTo(40);
      }

      // SIGTERM. (Process.destroy() would also close our end of its stderr.)
      assertThat(process.toHandle().destroy()).isTrue();
      assertThat(process.waitFor(20, TimeUnit.SECONDS)).as("exited after SIGTERM").isTrue();
      reader.join(5_000);
      // 143 = 128 + SIGTERM: the JVM ran its shutdown hooks and exited.
      assertThat(process.exitValue()).as(String.join("\n", stderr)).isEqualTo(143);
      assertThat(stderr).anyMatch(l -> l.contains("saasql server listening on 127.0.0.1:"))
          .anyMatch(l -> l.contains("stopping"))
          .anyMatch(l -> l.contains("saasql server stopped"))
          .noneMatch(l -> l.contains("Exception"));
    } finally {
      process.destroyForcibly();
    }
  }
}
