package io.saasql.cli;

import java.nio.file.Path;
import java.util.List;

/**
 * The few lines {@code saasql demo} prints to stderr before sqlline starts (or, with
 * {@code --serve}, once the server listens): what is running where, and queries to try. Never
 * prints passwords or API keys.
 */
final class DemoBanner {

  /**
   * Queries to try; they must match the schema and column names of
   * {@code model-examples/demo.json}.
   */
  static final List<String> SAMPLE_QUERIES = List.of(
      "select Id, IssueKey, Summary, StatusName from backlog.Issues where Id = 13;",
      "select StatusName, count(*) as issues from backlog.Issues where ProjectId = 2"
          + " and Created >= timestamp '2025-01-01 00:00:00' group by StatusName;",
      "select a.name, i.IssueKey, i.Summary from pg.account a"
          + " join backlog.Issues i on i.ProjectId = a.backlog_project_id__c limit 10;");

  private DemoBanner() {
  }

  static String render(DemoEnvironment environment, Path model) {
    StringBuilder b = new StringBuilder();
    b.append("saasql demo\n");
    List<DemoEnvironment.Service> services = environment.services();
    int width = services.stream().mapToInt(s -> s.name().length()).max().orElse(0);
    for (DemoEnvironment.Service service : services) {
      b.append("  ").append(pad(service.name(), width)).append("  ").append(service.url())
          .append('\n');
    }
    b.append("  ").append(pad("Model", width)).append("  ").append(model).append('\n');
    b.append("Try:\n");
    for (String query : SAMPLE_QUERIES) {
      b.append("  ").append(query).append('\n');
    }
    b.append("Run with --verbose to see every API call a query makes.\n");
    return b.toString();
  }

  /** What {@code saasql demo --serve} prints once listening: services, URL, queries to try. */
  static String renderServe(DemoEnvironment environment, Path model, String jdbcUrl,
      String health) {
    StringBuilder b = new StringBuilder();
    b.append("saasql demo server\n");
    List<DemoEnvironment.Service> services = environment.services();
    int width = Math.max("JDBC URL".length(),
        services.stream().mapToInt(s -> s.name().length()).max().orElse(0));
    for (DemoEnvironment.Service service : services) {
      b.append("  ").append(pad(service.name(), width)).append("  ").append(service.url())
          .append('\n');
    }
    b.append("  ").append(pad("Model", width)).append("  ").append(model).append('\n');
    b.append("  ").append(pad("JDBC URL", width)).append("  ").append(jdbcUrl).append('\n');
    b.append("  ").append(pad("Health", width)).append("  ").append(health).append('\n');
    b.append("Try:\n");
    for (String query : SAMPLE_QUERIES) {
      b.append("  ").append(query).append('\n');
    }
    return b.toString();
  }

  private static String pad(String s, int width) {
    return s + " ".repeat(Math.max(0, width - s.length()));
  }
}
