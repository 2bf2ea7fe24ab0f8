package io.saasql.benchmark;

import com.sun.management.GarbageCollectionNotificationInfo;
import io.saasql.sandbox.backlog.BacklogSandbox;
import io.saasql.testing.TestSources;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * The streaming check: a scan of a million generated Backlog issues must complete in a JVM with a
 * 256 MB heap. The sandbox runs in the benchmark's JVM (it generates each page on demand); the
 * query runs in a child JVM started with {@code -Xmx256m}, which reports rows, time and heap.
 */
final class StreamingCheck {
  static final String MAX_HEAP = "-Xmx256m";
  private static final String RESULT = "STREAMING-RESULT ";

  /**
   * What the check measured.
   *
   * @param exitCode       the child JVM's exit code
   * @param values         what the child reported (rows, seconds, heap figures), by name
   * @param requests       requests the sandbox received
   * @param rateLimited    of those, answered 429 (none expected: no limit is enforced)
   * @param output         the child's last lines of output, for failures
   */
  record Outcome(int exitCode, Map<String, String> values, long requests, long rateLimited,
      List<String> output) {
    boolean passed() {
      return exitCode == 0 && "true".equals(values.get("complete"));
    }
  }

  private StreamingCheck() {}

  /** Starts a sandbox of {@code rows} generated issues and the child JVM that scans them. */
  static Outcome run(int rows) throws Exception {
    try (BacklogSandbox sandbox = BacklogSandbox.withGeneratedIssues(rows).start()) {
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      List<String> command = new ArrayList<>(List.of(java, MAX_HEAP,
          "-Dcalcite.model.classes.allowed=io.saasql.,org.apache.calcite.",
          "-cp", System.getProperty("java.class.path"), StreamingCheck.class.getName(),
          sandbox.baseUrl(), sandbox.apiKey(), Integer.toString(rows)));
      Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
      Map<String, String> values = new LinkedHashMap<>();
      Deque<String> tail = new ArrayDeque<>();
      try (BufferedReader out = new BufferedReader(
          new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = out.readLine()) != null) {
          if (line.startsWith(RESULT)) {
            for (String pair : line.substring(RESULT.length()).split(" ")) {
              int eq = pair.indexOf('=');
              values.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
          } else {
            tail.addLast(line);
            if (tail.size() > 20) {
              tail.removeFirst();
            }
          }
        }
      }
      if (!child.waitFor(15, TimeUnit.MINUTES)) {
        child.destroyForcibly();
      }
      long limited = sandbox.requests().stream().filter(r -> r.status() == 429).count();
      return new Outcome(child.exitValue(), values, sandbox.requests().size(), limited,
          List.copyOf(tail));
    }
  }

  /** The child: scans every issue and prints one result line. Arguments: base URL, key, rows. */
  public static void main(String[] args) throws Exception {
    String baseUrl = args[0];
    String apiKey = args[1];
    long expected = Long.parseLong(args[2]);
    Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
        .filter(p -> p.getType() == MemoryType.HEAP).map(MemoryPoolMXBean::getName)
        .collect(Collectors.toSet());
    AtomicLong maxAfterGc = new AtomicLong();
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      ((NotificationEmitter) gc).addNotificationListener((n, handback) -> {
        if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
          GarbageCollectionNotificationInfo info =
              GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
          long used = 0;
          for (Map.Entry<String, MemoryUsage> e
              : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
            if (heapPools.contains(e.getKey())) {
              used += e.getValue().getUsed();
            }
          }
          maxAfterGc.accumulateAndGet(used, Math::max);
        }
      }, null, null);
    }
    String model = "{\"version\":\"1.0\",\"defaultSchema\":\"big\",\"schemas\":[{\"name\":\"big\","
        + "\"type\":\"custom\",\"factory\":\"io.saasql.backlog.BacklogSchemaFactory\","
        + "\"operand\":{\"baseUrl\":\"" + baseUrl + "\",\"apiKey\":\"" + apiKey + "\","
        + "\"rateLimit\":\"none\"}}]}";
    long rows = 0;
    long idSum = 0;
    long start = System.nanoTime();
    try (Connection c = TestSources.connect(model); Statement s = c.createStatement();
         HeapProbe heap = HeapProbe.start()) {
      try (ResultSet rs = s.executeQuery("SELECT Id, Summary, StatusName FROM big.Issues")) {
        while (rs.next()) {
          rows++;
          idSum += rs.getLong(1);
          rs.getString(2);
          rs.getString(3);
        }
      }
      heap.stop();
      double seconds = (System.nanoTime() - start) / 1e9;
      long gcCount = 0;
      long gcMillis = 0;
      for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
        gcCount += gc.getCollectionCount();
        gcMillis += gc.getCollectionTime();
      }
      boolean complete = rows == expected && idSum == expected * (expected + 1) / 2;
      System.out.println(RESULT + "rows=" + rows + " complete=" + complete
          + " seconds=" + String.format(java.util.Locale.ROOT, "%.1f", seconds)
          + " maxHeapMb=" + Runtime.getRuntime().maxMemory() / (1024 * 1024)
          + " peakHeapMb=" + heap.peak() / (1024 * 1024)
          + " maxAfterGcMb=" + maxAfterGc.get() / (1024 * 1024)
          + " allocatedMb=" + heap.allocated() / (1024 * 1024)
          + " gcCount=" + gcCount + " gcMillis=" + gcMillis);
    }
    System.exit(0);
  }
}
