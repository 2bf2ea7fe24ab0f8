package io.saasql.benchmark;

import io.saasql.benchmark.Benchmark.Result;
import io.saasql.benchmark.Benchmark.Settings;
import io.saasql.benchmark.BenchmarkQuery.Mode;
import io.saasql.benchmark.Runner.Run;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Writes the benchmark's raw results as markdown. */
final class ReportWriter {
  private static final double MB = 1024.0 * 1024.0;

  private final Settings settings;
  private final List<Result> results;
  private final StreamingCheck.Outcome streaming;
  private final IdleConnectionCheck.Outcome idle;
  private final Duration total;
  private final Duration setup;
  private final String postgresVersion;
  /** The generated queries' section, or null. */
  private final String generated;
  private final StringBuilder out = new StringBuilder();

  ReportWriter(Settings settings, List<Result> results, StreamingCheck.Outcome streaming,
      IdleConnectionCheck.Outcome idle, Duration total, Duration setup, String postgresVersion,
      String generated) {
    this.settings = settings;
    this.results = results;
    this.streaming = streaming;
    this.idle = idle;
    this.total = total;
    this.setup = setup;
    this.postgresVersion = postgresVersion;
    this.generated = generated;
  }

  String write() {
    header();
    if (settings.generatedOnly()) {
      if (generated != null) {
        out.append(generated);
      }
      return out.toString();
    }
    for (String source : sources()) {
      perSource(source);
    }
    bindJoins();
    prepared();
    exceeding();
    timeBreakdown();
    scaledScans();
    streaming();
    idle();
    lowerBounds();
    sql();
    if (generated != null) {
      out.append(generated);
    }
    return out.toString();
  }

  private List<String> sources() {
    List<String> sources = new ArrayList<>();
    for (Result r : results) {
      if (!sources.contains(r.query().source())) {
        sources.add(r.query().source());
      }
    }
    return sources;
  }

  // ---- sections ----

  private void header() {
    line("# saasql benchmark: raw results");
    line("");
    line("Written by `io.saasql.benchmark.Benchmark` on %s; the whole run took **%d min %d s**"
            + " (start-up, Postgres copies and warm-up %d s).",
        ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME).substring(0, 19),
        total.toMinutes(), total.toSecondsPart(), setup.toSeconds());
    line("");
    line("| | |");
    line("|---|---|");
    line("| machine | %s, %d CPUs, %.1f GB RAM, %s %s |", cpuModel(),
        Runtime.getRuntime().availableProcessors(), totalMemoryGb(),
        System.getProperty("os.name"), System.getProperty("os.version"));
    line("| Java | %s %s, heap max %d MB |", System.getProperty("java.vm.name"),
        System.getProperty("java.version"), Runtime.getRuntime().maxMemory() / (1024 * 1024));
    line("| Postgres | %s (embedded, same machine) |", postgresVersion);
    line("| latency | %d ms per request, every sandbox (in-process HTTP servers on loopback) |",
        settings.latency().toMillis());
    line("| rate limit | %s; over it: 429 with `Retry-After` until the window ends |",
        settings.rateLimitText());
    line("| prepared statements | %,d executions (naive adapter: %d, extrapolated) |",
        settings.executions(), settings.naiveExecutions());
    line("| large data set | %,d generated Backlog issues |", settings.largeIssues());
    line("| generated queries | %s |", settings.generated() <= 0 ? "none"
        : String.format(Locale.ROOT, "%,d per source, seed %d, no latency or rate limit%s",
            settings.generated(), settings.generatedSeed(), settings.generatedOnly()
                ? "; only these ran (`-Dbenchmark.generatedOnly=true`): no fixed query set, no"
                    + " checks, the settings above unused" : ""));
    line("");
    if (settings.generatedOnly()) {
      return;
    }
    line("Columns: *requests* counted by the sandboxes (429 answers in brackets, not counted"
        + " against the bound); *LB* the lower bound (fewest requests that answer the query with"
        + " that API, see below); *rows sent* rows the API responses carried, *returned* rows"
        + " of the result; *plan* preparing the statement; *wall* plan + execution + reading every"
        + " row; *requests* and *wall* are at `maxConcurrentRequests` 4 (the default: up to four"
        + " independent requests of a query at the same time), *at 1* the same query with"
        + " `maxConcurrentRequests` 1 (one request at a time; not run for prepared lookups, which"
        + " make one request per execution anyway), *1 → 4* wall at 1 ÷ wall at 4;"
        + " *floor* the lower bound's requests on the critical path (at 4 at a time) × latency;"
        + " *heap* the"
        + " heap high-water mark above the start of the query (after a full GC; includes garbage"
        + " and the in-process sandboxes); *alloc* bytes allocated by the query's thread.");
    line("");
  }

  private void perSource(String source) {
    line("## %s", title(source));
    line("");
    line("| # | query | requests | requests at 1 | LB | req/LB | rows sent / returned | plan ms"
        + " | wall ms | wall ms at 1 | 1 → 4 | floor ms | wall/floor | heap MB | alloc MB |");
    line("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
    for (Result r : results) {
      if (!r.query().source().equals(source)) {
        continue;
      }
      Run o = r.ours();
      if (o.failed()) {
        line("| %s | %s | ERROR: %s |%s", r.query().id(), r.query().kind(), cell(o.error()),
            "|".repeat(12));
        continue;
      }
      Run s = r.serial();
      String serialRequests = s == null ? "—" : s.failed() ? "ERROR: " + cell(s.error())
          : requests(s);
      String serialWall = s == null || s.failed() ? "—"
          : String.format(Locale.ROOT, "%,.1f", s.wallMs());
      String speedUp = s == null || s.failed() ? "—" : ratio(s.wallMs(), o.wallMs());
      double floor = r.bound().criticalPath() * (double) settings.latency().toMillis();
      line("| %s | %s | %s | %s | %,d | %s | %,d / %,d | %,.1f | %,.1f | %s | %s | %,.0f | %s"
              + " | %.1f | %.1f |",
          r.query().id(), r.query().kind(), requests(o), serialRequests, r.bound().requests(),
          ratio(effective(o), r.bound().requests()), o.transferred(), o.returned(), o.planMs(),
          o.wallMs(), serialWall, speedUp, floor, ratio(o.wallMs(), floor), o.heapPeak() / MB,
          o.allocated() / MB);
    }
    line("");
    line("Naive adapter (pushdown off) and Postgres alone, same run:");
    line("");
    line("| # | requests ours / naive | naive/ours requests | rows sent naive | wall ms ours"
        + " / naive | naive/ours time | Postgres ms | answers agree |");
    line("|---|--:|--:|--:|--:|--:|--:|---|");
    for (Result r : results) {
      if (!r.query().source().equals(source)) {
        continue;
      }
      Run o = r.ours();
      Run n = r.naive();
      String pg = r.postgres() == null ? "—" : r.postgres().failed() ? "error"
          : String.format(Locale.ROOT, "%,.1f", r.postgres().wallMs());
      if (n.failed() || o.failed()) {
        line("| %s | %s | | | | | %s | %s |", r.query().id(),
            n.failed() ? "naive ERROR: " + cell(n.error()) : "", pg, cell(r.agreement()));
        continue;
      }
      double scale = 1;
      String note = "";
      if (r.query().prepared() != null && n.executions() > 0) {
        scale = (double) o.executions() / n.executions();
        note = String.format(Locale.ROOT, " (×%,d extrapolated from %d)", o.executions(),
            n.executions());
      }
      double naiveRequests = effective(n) * scale;
      double naiveWall = n.wallMs() * scale;
      line("| %s | %,d / %,.0f%s | %s | %,.0f | %,.1f / %,.1f | %s | %s | %s |", r.query().id(),
          effective(o), naiveRequests, note, ratio(naiveRequests, effective(o)),
          n.transferred() * scale, o.wallMs(), naiveWall, ratio(naiveWall, o.wallMs()), pg,
          cell(r.agreement()));
    }
    line("");
  }

  private void bindJoins() {
    List<Result> rows = results.stream().filter(r -> r.query().bind() != null).toList();
    if (rows.isEmpty()) {
      return;
    }
    line("## Bind joins");
    line("");
    line("Keys from Postgres (`bench.bind_keys`: 1, 100 and 1,000 per source, among them keys"
        + " that find nothing, a few repeated and, for PingOne, a few NULL) joined with a REST"
        + " table. The lower bound is the fewer of the keys' batches, as many keys per request"
        + " as the API takes (Backlog 100 `id[]`; SOQL WHERE ≤ 4,000 characters; BBQL and SCIM"
        + " filters ≤ 8,000 characters URL-encoded), and the table's whole listing; *floor* its"
        + " critical path at %d requests at a time × latency. *requests* and *wall ms* at"
        + " `maxConcurrentRequests` 4 (the default) and 1. *bind join*: whether the plan (EXPLAIN,"
        + " with pushdown) reads the REST table for the keys (`RestBindJoin`), and the batch it"
        + " planned.", QuerySet.CONCURRENT_REQUESTS);
    line("");
    line("| # | pair | keys | requests | LB | requests at 1 | wall ms at 4 | wall ms at 1"
        + " | floor ms | wall/floor | bind join |");
    line("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|---|");
    for (Result r : rows) {
      Run o = r.ours();
      Run s = r.serial();
      double floor = r.bound().criticalPath() * (double) settings.latency().toMillis();
      line("| %s | %s | %,d | %s | %,d | %s | %s | %s | %,.0f | %s | %s |", r.query().id(),
          r.query().bind().pair(), r.query().bind().keys(),
          o.failed() ? "ERROR: " + cell(o.error()) : requests(o), r.bound().requests(),
          s == null ? "—" : s.failed() ? "ERROR: " + cell(s.error()) : requests(s),
          o.failed() ? "—" : String.format(Locale.ROOT, "%,.1f", o.wallMs()),
          s == null || s.failed() ? "—" : String.format(Locale.ROOT, "%,.1f", s.wallMs()),
          floor, o.failed() ? "—" : ratio(o.wallMs(), floor),
          r.plan() == null ? "—" : r.plan().startsWith("EXPLAIN failed") ? cell(r.plan())
              : r.bindJoin() ? "yes" + plannedBatch(r.plan()) : "no");
    }
    line("");
    List<String> others = new ArrayList<>();
    for (Result r : results) {
      if (r.query().bind() == null && r.bindJoin()) {
        others.add(r.query().id());
      }
    }
    line("Other queries of the set planned as bind joins: %s.",
        others.isEmpty() ? "none" : String.join(", ", others));
    line("");
  }

  /** The batch a bind join's plan shows ({@code batch=[up to 222 keys]}), as " (…)", or "". */
  private static String plannedBatch(String plan) {
    Matcher m = Pattern.compile("RestBindJoin\\(.*?batch=\\[([^\\]]*)]").matcher(plan);
    return m.find() ? " (" + m.group(1) + ")" : "";
  }

  private void prepared() {
    line("## Prepared statements");
    line("");
    line("One `PreparedStatement`, prepared once and executed with a new `?` value each time."
        + " The floor is one request per execution, one after another.");
    line("");
    line("| # | executions | requests | plan ms | wall s | per execution p50 / p90 / p99 / max ms"
        + " | floor s | wall/floor | 429 wait s | naive per execution | Postgres per"
        + " execution |");
    line("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|");
    for (Result r : results) {
      if (r.query().prepared() == null || r.ours().failed()) {
        continue;
      }
      Run o = r.ours();
      Run n = r.naive();
      double floor = r.bound().criticalPath() * (double) settings.latency().toMillis();
      String naive = n.failed() || n.executions() == 0 ? "error"
          : String.format(Locale.ROOT, "%.0f req, %,.0f ms", effective(n) / (double) n.executions(),
              n.execMs() / n.executions());
      String pg = r.postgres() == null || r.postgres().failed() ? "—"
          : String.format(Locale.ROOT, "%.2f ms",
              r.postgres().execMs() / r.postgres().executions());
      line("| %s | %,d | %s | %,.1f | %,.1f | %s | %,.1f | %s | %,.1f | %s | %s |",
          r.query().id(), o.executions(), requests(o), o.planMs(), o.wallMs() / 1000,
          percentiles(o.latencies()), floor / 1000, ratio(o.wallMs(), floor),
          o.retryWaitMs() / 1000, naive, pg);
    }
    line("");
    if (results.stream().noneMatch(r -> r.limited() != null)) {
      return;
    }
    line("The same loops with `rateLimit` set to the sandboxes' enforced limit (%s): each request"
        + " waits for its turn instead of earning a 429. The quota's floor is the time the quota"
        + " itself needs, executions ÷ limit × window, or the latency floor when that is longer.",
        settings.rateLimitOperand());
    line("");
    line("| # | executions | requests (429) | wall s | quota floor s | wall/quota floor | waited for"
        + " 429s s | without rateLimit: requests (429), wall s |");
    line("|---|--:|--:|--:|--:|--:|--:|--:|");
    for (Result r : results) {
      Run l = r.limited();
      if (l == null) {
        continue;
      }
      if (l.failed()) {
        line("| %s | ERROR: %s |||||| |", r.query().id(), cell(l.error()));
        continue;
      }
      double quota = Math.max(l.executions() * (double) settings.latency().toMillis(),
          l.executions() / (double) settings.rateLimit() * settings.rateWindow().toMillis());
      line("| %s | %,d | %s | %,.1f | %,.1f | %s | %,.1f | %s, %,.1f |", r.query().id(),
          l.executions(), requests(l), l.wallMs() / 1000, quota / 1000, ratio(l.wallMs(), quota),
          l.retryWaitMs() / 1000, requests(r.ours()), r.ours().wallMs() / 1000);
    }
    line("");
  }

  private void exceeding() {
    line("## Queries whose requests exceed the lower bound");
    line("");
    List<String> met = new ArrayList<>();
    for (Result r : results) {
      Run o = r.ours();
      if (o.failed()) {
        line("- **%s** %s: failed (%s).", r.query().id(), r.query().kind(), o.error());
        continue;
      }
      long made = effective(o);
      long bound = r.bound().requests();
      if (made > bound) {
        line("- **%s** %s: %,d requests, lower bound %,d (+%,d). %s", r.query().id(),
            r.query().kind(), made, bound, made - bound, r.query().excess() == null
                ? "No reason recorded: investigate." : r.query().excess());
      } else if (made < bound) {
        line("- **%s** %s: %,d requests, *below* the computed lower bound %,d: either the bound"
            + " is wrong or a request carries more than the bound lets one request carry (see"
            + " how it was computed).", r.query().id(), r.query().kind(), made, bound);
      } else {
        met.add(r.query().id());
      }
    }
    line("");
    line("At their lower bound: %s.", String.join(", ", met));
    line("");
  }

  private void timeBreakdown() {
    line("## Where the time goes (with pushdown)");
    line("");
    line("Sums over each source's queries (prepared statements apart). *API wait*: time from"
        + " sending each request to its response (the %d ms latency included); *429"
        + " wait*: sleeping before retries after 429 (`Retry-After`); *Calcite + adapter*: the rest of the"
        + " execution (reading JSON into rows, joins, aggregation, JDBC).",
        settings.latency().toMillis());
    line("");
    line("| source | queries | requests | wall ms | plan ms | API wait ms | 429 wait ms"
        + " | Calcite + adapter ms | floor ms |");
    line("|---|--:|--:|--:|--:|--:|--:|--:|--:|");
    Map<String, double[]> sums = new LinkedHashMap<>();
    for (Result r : results) {
      Run o = r.ours();
      if (o.failed()) {
        continue;
      }
      String key = r.query().source() + (r.query().prepared() != null ? " (prepared)" : "");
      double[] s = sums.computeIfAbsent(key, k -> new double[8]);
      s[0]++;
      s[1] += o.requests();
      s[2] += o.wallMs();
      s[3] += o.planMs();
      s[4] += o.apiMs();
      s[5] += o.retryWaitMs();
      s[6] += Math.max(0, o.execMs() - o.apiMs() - o.retryWaitMs());
      s[7] += r.bound().criticalPath() * (double) settings.latency().toMillis();
    }
    sums.forEach((k, s) -> line("| %s | %.0f | %,.0f | %,.0f | %,.0f (%s) | %,.0f (%s) | %,.0f (%s)"
            + " | %,.0f (%s) | %,.0f |", k, s[0], s[1], s[2], s[3], pct(s[3], s[2]), s[4],
        pct(s[4], s[2]), s[5], pct(s[5], s[2]), s[6], pct(s[6], s[2]), s[7]));
    line("");
  }

  private void scaledScans() {
    line("## Full scans, scaled to 10,000 rows");
    line("");
    line("Only Backlog has a generated table of 10,000+ rows; the other sandboxes' largest tables"
        + " are smaller. The requests a 10,000-row scan needs follow from the page size; the"
        + " time is the measured time per row times 10,000, and the floor at %d ms per"
        + " request.", settings.latency().toMillis());
    line("");
    line("| # | rows | requests | page size | requests for 10,000 rows | wall ms | ms per 1,000"
        + " rows | est. wall for 10,000 rows | floor for 10,000 rows |");
    line("|---|--:|--:|--:|--:|--:|--:|--:|--:|");
    Map<String, Integer> pages = Map.of("backlog", QuerySet.BACKLOG_PAGE, "bitbucket",
        QuerySet.BITBUCKET_PAGE, "pingone", QuerySet.PINGONE_PAGE, "salesforce",
        QuerySet.SALESFORCE_BATCH);
    for (Result r : results) {
      if (!r.query().kind().startsWith("full scan") || r.ours().failed()) {
        continue;
      }
      Run o = r.ours();
      int page = pages.get(r.query().source());
      long needed = (10_000 + page - 1) / page + (r.query().source().equals("bitbucket") ? 1 : 0);
      double perRow = o.wallMs() / Math.max(1, o.returned());
      line("| %s | %,d | %,d | %,d | %,d | %,.0f | %,.1f | %,.1f s | %,.1f s |", r.query().id(),
          o.returned(), effective(o), page, needed, o.wallMs(), perRow * 1000,
          perRow * 10_000 / 1000, needed * settings.latency().toMillis() / 1000.0);
    }
    line("");
  }

  private void streaming() {
    line("## Streaming check");
    line("");
    if (streaming == null) {
      line("Skipped.");
      line("");
      return;
    }
    Map<String, String> v = streaming.values();
    line("`SELECT Id, Summary, StatusName FROM big.Issues` over %,d generated Backlog issues,"
            + " read row by row through JDBC in a separate JVM started with `%s` (the sandbox"
            + " runs in the benchmark's JVM and generates each page on demand; no latency, no"
            + " rate limit).", settings.streamRows(), StreamingCheck.MAX_HEAP);
    line("");
    line("| result | rows | requests | wall s | max heap MB | heap peak MB | max live heap"
        + " after GC MB | allocated MB | GCs (ms) |");
    line("|---|--:|--:|--:|--:|--:|--:|--:|--:|");
    line("| %s | %s | %,d | %s | %s | %s | %s | %s | %s (%s) |",
        streaming.passed() ? "**passed**" : "**FAILED** (exit " + streaming.exitCode() + ")",
        v.containsKey("rows") ? String.format(Locale.ROOT, "%,d", Long.parseLong(v.get("rows")))
            : "—", streaming.requests(), v.getOrDefault("seconds", "—"),
        v.getOrDefault("maxHeapMb", "—"), v.getOrDefault("peakHeapMb", "—"),
        v.getOrDefault("maxAfterGcMb", "—"), v.getOrDefault("allocatedMb", "—"),
        v.getOrDefault("gcCount", "—"), v.getOrDefault("gcMillis", "—"));
    line("");
    long pages = (settings.streamRows() + QuerySet.BACKLOG_PAGE - 1) / QuerySet.BACKLOG_PAGE;
    line("Lower bound ⌈%,d / 100⌉ = %,d requests; at %d ms per request the latency floor alone"
        + " would be %,d s.", settings.streamRows(), pages, settings.latency().toMillis(),
        pages * settings.latency().toMillis() / 1000);
    if (!streaming.passed()) {
      line("");
      line("Last lines of the child JVM:");
      line("");
      line("```");
      streaming.output().forEach(this::line);
      line("```");
    }
    line("");
  }

  private void idle() {
    line("## Idle connection check");
    line("");
    line("A point lookup (`WHERE Id = ?`, one request, %d ms latency) with a warm connection,"
            + " then the same after a pause of %d s, in a JVM whose sandbox closes connections"
            + " idle for %d s (the benchmark's own sandboxes keep them for the whole run).",
        settings.latency().toMillis(), IdleConnectionCheck.PAUSE_SECONDS,
        IdleConnectionCheck.IDLE_SECONDS);
    line("");
    if (idle == null || idle.values().isEmpty()) {
      line("Failed: %s", idle == null ? "not run" : String.join(" / ", idle.output()));
      line("");
      return;
    }
    Map<String, String> v = idle.values();
    line("| warm connection ms | after the pause ms | attempts | wait before the retry ms |"
        + " requests the sandbox saw |");
    line("|--:|--:|--:|--:|--:|");
    line("| %s | %s | %s | %s | %s |", v.get("warmMs"), v.get("afterIdleMs"), v.get("attempts"),
        v.get("retryWaitMs"), v.get("sandboxRequests"));
    line("");
    line("First attempt after the pause, as the call log shows it: `%s`",
        v.getOrDefault("firstAttempt", ""));
    line("");
  }

  private void lowerBounds() {
    line("## Lower bounds: how each was computed");
    line("");
    line("Row counts come from the Postgres copies of the sandboxes' data. Pages: Backlog 100,"
        + " Bitbucket 100, PingOne 200, Salesforce 2,000; a listing that finds nothing still"
        + " costs one request. Critical path: requests that must wait for one another (pages of"
        + " one listing; a filter that needs another source's answer).");
    line("");
    for (Result r : results) {
      line("- **%s** %s — %s. Lower bound %,d, critical path %,d.", r.query().id(),
          r.query().kind(), r.bound().how(), r.bound().requests(), r.bound().criticalPath());
    }
    line("");
  }

  private void sql() {
    line("## The queries");
    line("");
    line("As run with pushdown; the naive run reads the `…_nopush` schemas, Postgres the copies"
        + " in schema `bench` (and the Heroku Connect tables in `salesforce`).");
    line("");
    for (Result r : results) {
      line("- **%s** `%s`", r.query().id(), r.query().sql(Mode.OURS));
    }
    line("");
  }

  // ---- helpers ----

  private static long effective(Run r) {
    return r.requests() - r.rateLimited();
  }

  private static String requests(Run r) {
    return r.rateLimited() == 0 ? String.format(Locale.ROOT, "%,d", r.requests())
        : String.format(Locale.ROOT, "%,d (+%,d)", effective(r), r.rateLimited());
  }

  private static String ratio(double a, double b) {
    if (b == 0) {
      return "—";
    }
    double x = a / b;
    return x >= 100 ? String.format(Locale.ROOT, "%,.0f", x)
        : String.format(Locale.ROOT, "%.2f", x);
  }

  private static String pct(double part, double whole) {
    return whole == 0 ? "—" : String.format(Locale.ROOT, "%.0f %%", 100 * part / whole);
  }

  private static String percentiles(List<Double> values) {
    if (values.isEmpty()) {
      return "—";
    }
    List<Double> sorted = new ArrayList<>(values);
    sorted.sort(null);
    return String.format(Locale.ROOT, "%.1f / %.1f / %.1f / %.1f", at(sorted, 0.5),
        at(sorted, 0.9), at(sorted, 0.99), sorted.get(sorted.size() - 1));
  }

  private static double at(List<Double> sorted, double q) {
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(q * sorted.size()) - 1));
  }

  private static String cell(String text) {
    return text == null ? "" : text.replace("|", "\\|").replace("\n", " ");
  }

  private static String title(String source) {
    return switch (source) {
      case "backlog" -> "Backlog";
      case "bitbucket" -> "Bitbucket Cloud";
      case "pingone" -> "PingOne";
      case "salesforce" -> "Salesforce";
      default -> source;
    };
  }

  private static String cpuModel() {
    try {
      for (String l : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (l.startsWith("model name")) {
          return l.substring(l.indexOf(':') + 1).trim();
        }
      }
    } catch (Exception e) {
      // not Linux
    }
    return System.getProperty("os.arch");
  }

  private static double totalMemoryGb() {
    var os = ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
      return sun.getTotalMemorySize() / (1024.0 * 1024 * 1024);
    }
    return 0;
  }

  private void line(String format, Object... args) {
    out.append(args.length == 0 ? format : String.format(Locale.ROOT, format, args)).append('\n');
  }
}
