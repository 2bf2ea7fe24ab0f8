package io.saasql.core;

import com.google.common.collect.ImmutableMap;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A Calcite schema holding the REST tables of one configured source, all sharing the source's
 * {@link SourceClient}.
 */
public class RestSchema extends AbstractSchema {
  private final String name;
  private final SourceClient client;
  private final boolean pushdown;
  private final ImmutableMap<String, Table> tables;

  public RestSchema(String name, SourceClient client, boolean pushdown, List<RestTableDef> defs) {
    this.name = name;
    this.client = client;
    this.pushdown = pushdown;
    ImmutableMap.Builder<String, Table> b = ImmutableMap.builder();
    for (RestTableDef def : defs) {
      b.put(def.name(), new RestTable(def, this));
    }
    this.tables = b.build();
  }

  @Override protected Map<String, Table> getTableMap() {
    return tables;
  }

  public String name() {
    return name;
  }

  public SourceClient client() {
    return client;
  }

  /** False when the schema is configured to push nothing ({@code "pushdown": false}). */
  public boolean pushdownEnabled() {
    return pushdown;
  }

  /** The values of a path variable taken from its parent table (a fan-out listing). */
  List<Object> parentValues(Pushdown.PathVariable variable, AtomicBoolean cancelFlag) {
    Table parent = tables.get(variable.parentTable());
    if (!(parent instanceof RestTable rest)) {
      throw new IllegalStateException(name + ": no parent table " + variable.parentTable());
    }
    return rest.columnValues(variable.parentColumn(), cancelFlag);
  }
}
