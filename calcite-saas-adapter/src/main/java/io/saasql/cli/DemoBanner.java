package io.saasql.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The few lines {@code saasql demo} prints to stderr before sqlline starts: what is running where,
 * and queries to try. Never prints passwords or API keys.
 */
final class DemoBanner {

  /** Queries on the Postgres schema alone; they need nothing but the seed. */
  static final List<String> POSTGRES_QUERIES = List.of(
      "select name, industry, backlog_project_id__c from pg.account where backlog_project_id__c is not null;",
      "select a.name, count(*) as contacts from pg.account a join pg.contact c on c.accountid = a.sfid"
          + " group by a.name order by contacts desc limit 5;");

  /** A federated query; must match the schema and column names of {@code model-examples/demo.json}. */
  static final String BACKLOG_QUERY =
      "select a.name, i.issueKey, i.summary from pg.account a"
          + " join backlog.issues i on i.projectId = a.backlog_project_id__c limit 10;";

  private DemoBanner() {
  }

  static String render(DemoEnvironment environment, Path model) {
    StringBuilder b = new StringBuilder();
    b.append("saasql demo\n");
    List<DemoEnvironment.Service> services = environment.services();
    int width = services.stream().mapToInt(s -> s.name().length()).max().orElse(0);
    for (DemoEnvironment.Service service : services) {
      b.append("  ").append(pad(service.name(), width)).append("  ").append(service.url()).append('\n');
    }
    b.append("  ").append(pad("Model", width)).append("  ").append(model).append('\n');
    b.append("Try:\n");
    for (String query : sampleQueries(environment.hasBacklog())) {
      b.append("  ").append(query).append('\n');
    }
    return b.toString();
  }

  static List<String> sampleQueries(boolean backlog) {
    List<String> queries = new ArrayList<>(POSTGRES_QUERIES);
    queries.add(backlog
        ? BACKLOG_QUERY
        : "select sfid, name, _hc_lastop, _hc_err from pg.account where _hc_lastop <> 'SYNCED';");
    return queries;
  }

  private static String pad(String s, int width) {
    return s + " ".repeat(Math.max(0, width - s.length()));
  }
}
