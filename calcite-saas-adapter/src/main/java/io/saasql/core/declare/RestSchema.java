package io.saasql.core.declare;

import io.saasql.core.http.SourceClient;
import io.saasql.core.plan.RestTable;

import com.google.common.base.Suppliers;
import com.google.common.collect.ImmutableMap;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * A Calcite schema holding the REST tables of one configured source, all sharing the source's
 * {@link SourceClient}.
 */
public class RestSchema extends AbstractSchema {
  private final String name;
  private final SourceClient client;
  private final RestSourceOptions options;
  private final Supplier<Map<String, Table>> tables;
  private volatile boolean cacheOff;

  public RestSchema(String name, SourceClient client, RestSourceOptions options,
      List<RestTableDef> defs) {
    this.name = name;
    this.client = client;
    this.options = options;
    Map<String, Table> built = build(defs.stream()
        .collect(ImmutableMap.toImmutableMap(RestTableDef::name, d -> () -> d)));
    this.tables = () -> built;
  }

  /**
   * A schema whose table list is read on first use and whose tables are declared on first use
   * (Salesforce: one call lists the objects; an object is described only when a query needs it).
   */
  public RestSchema(String name, SourceClient client, RestSourceOptions options,
      Supplier<Map<String, Supplier<RestTableDef>>> declarations) {
    this.name = name;
    this.client = client;
    this.options = options;
    this.tables = Suppliers.memoize(() -> build(declarations.get()))::get;
  }

  private Map<String, Table> build(Map<String, Supplier<RestTableDef>> declarations) {
    ImmutableMap.Builder<String, Table> b = ImmutableMap.builder();
    declarations.forEach((table, declaration) -> b.put(table, new RestTable(declaration, this)));
    return b.build();
  }

  @Override protected Map<String, Table> getTableMap() {
    return tables.get();
  }

  public String name() {
    return name;
  }

  public SourceClient client() {
    return cacheOff ? client.withoutCache() : client;
  }

  /**
   * Reads of this schema (this connection's) go to the API, past the response cache: the
   * connection property {@code cache=false}.
   */
  public void bypassCache() {
    cacheOff = true;
  }

  /** False when the schema is configured to push nothing ({@code "pushdown": false}). */
  public boolean pushdownEnabled() {
    return options.pushdown();
  }

  /** How many independent requests of one query may run at the same time (1: in turn). */
  public int maxConcurrentRequests() {
    return options.maxConcurrentRequests();
  }

  /** The values of a path variable taken from its parent table (a fan-out listing). */
  public List<Object> parentValues(Pushdown.PathVariable variable, AtomicBoolean cancelFlag) {
    Table parent = tables.get().get(variable.parentTable());
    if (!(parent instanceof RestTable rest)) {
      throw new IllegalStateException(name + ": no parent table " + variable.parentTable());
    }
    return rest.columnValues(variable.parentColumn(), variable.parentFlag(), cancelFlag);
  }
}
