package io.saasql.benchmark;

import io.saasql.testing.TestSources;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What the first query after a pause costs once the API has closed the idle keep-alive
 * connection: run in a child JVM whose sandbox closes connections idle for {@value #IDLE_SECONDS}
 * s (the JDK server's default is 30 s; real APIs and their load balancers close them after 5 to
 * 120 s). A point lookup with a warm connection, then the same after a longer pause.
 */
final class IdleConnectionCheck {
  static final int IDLE_SECONDS = 5;
  static final int PAUSE_SECONDS = 8;
  private static final String RESULT = "IDLE-RESULT ";

  private IdleConnectionCheck() {}

  /** The child's report: values by name, or empty when it failed (then {@code output} says why). */
  record Outcome(int exitCode, Map<String, String> values, List<String> output) {}

  static Outcome run(Duration latency) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child = new ProcessBuilder(java, "-Xmx256m",
        "-Dcalcite.model.classes.allowed=io.saasql.,org.apache.calcite.",
        "-Dsun.net.httpserver.idleInterval=" + IDLE_SECONDS,
        "-Dsun.net.httpserver.clockTick=500",
        "-cp", System.getProperty("java.class.path"), IdleConnectionCheck.class.getName(),
        Long.toString(latency.toMillis())).redirectErrorStream(true).start();
    Map<String, String> values = new LinkedHashMap<>();
    List<String> output = new ArrayList<>();
    try (BufferedReader out = new BufferedReader(
        new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        if (line.startsWith(RESULT)) {
          for (String pair : line.substring(RESULT.length()).split("\t")) {
            int eq = pair.indexOf('=');
            values.put(pair.substring(0, eq), pair.substring(eq + 1));
          }
        } else {
          output.add(line);
        }
      }
    }
    if (!child.waitFor(2, TimeUnit.MINUTES)) {
      child.destroyForcibly();
    }
    return new Outcome(child.exitValue(), values, output);
  }

  /** The child. Argument: the sandbox's latency in milliseconds. */
  public static void main(String[] args) throws Exception {
    CallCapture calls = CallCapture.install();
    TestSources.backlog().faults().latency(Duration.ofMillis(Long.parseLong(args[0])));
    try (Connection c = TestSources.connect(TestSources.backlogModel());
         PreparedStatement ps = c.prepareStatement("SELECT Id, Summary FROM backlog.Issues WHERE Id = ?")) {
      for (int i = 1; i <= 20; i++) {
        lookup(ps, i);
      }
      double warm = lookup(ps, 21);
      Thread.sleep(PAUSE_SECONDS * 1000L);
      TestSources.backlog().clearRequests();
      calls.clear();
      double afterIdle = lookup(ps, 22);
      CallCapture.Totals t = calls.totals();
      System.out.println(RESULT + "warmMs=" + String.format(java.util.Locale.ROOT, "%.1f", warm)
          + "\tafterIdleMs=" + String.format(java.util.Locale.ROOT, "%.1f", afterIdle)
          + "\tattempts=" + t.calls() + "\tretryWaitMs=" + t.retryWait()
          + "\tsandboxRequests=" + TestSources.backlog().requests().size()
          + "\tfirstAttempt=" + calls.first().replace('\t', ' '));
    }
    System.exit(0);
  }

  private static double lookup(PreparedStatement ps, int id) throws Exception {
    long t = System.nanoTime();
    ps.setInt(1, id);
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        rs.getString(2);
      }
    }
    return (System.nanoTime() - t) / 1e6;
  }
}
