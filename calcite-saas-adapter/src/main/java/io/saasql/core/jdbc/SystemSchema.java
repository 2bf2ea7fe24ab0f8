package io.saasql.core.jdbc;

import io.saasql.core.declare.RestTableDef;
import io.saasql.core.plan.RestTable;
import io.saasql.core.write.WriteJournal;

import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexDynamicParam;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.schema.FilterableTable;
import org.apache.calcite.schema.ScannableTable;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.SqlTypeName;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The schema {@value #NAME} that every {@code jdbc:saasql:} connection (and so every
 * {@code saasql serve} client) can query, for what Avatica's protocol has no call for:
 * <ul>
 *   <li>{@value #PRIMARY_KEYS}: each SaaS table's key, in the columns of
 *   {@code DatabaseMetaData.getPrimaryKeys} (which answers from it);</li>
 *   <li>{@value #LAST_INSERT_KEYS}: the keys the connection's last INSERT into a SaaS table
 *   created, one row per row written ({@code STATEMENT_ROW} is its position in the statement);</li>
 *   <li>{@value #API_USAGE}: per SaaS schema, what this process has spent of its API since it
 *   started: requests (every attempt), 429 answers, time waited for the rate limit, cache hits,
 *   and the requests left as the API last reported them.</li>
 * </ul>
 * Not added when the model has a schema of that name.
 */
public final class SystemSchema extends AbstractSchema {
  /** The schema's name. */
  public static final String NAME = "saasql";
  public static final String PRIMARY_KEYS = "PRIMARY_KEYS";
  public static final String LAST_INSERT_KEYS = "LAST_INSERT_KEYS";
  public static final String API_USAGE = "API_USAGE";

  private static final int SCHEMA_COLUMN = 1;
  private static final int TABLE_COLUMN = 2;

  private final Map<String, Table> tables = Map.of(PRIMARY_KEYS, new PrimaryKeys(),
      LAST_INSERT_KEYS, new LastInsertKeys(), API_USAGE, new ApiUsage());

  /** Adds the schema to a connection's root schema, unless the model has one of that name. */
  static void addTo(SchemaPlus root) {
    if (root.subSchemas().get(NAME) == null) {
      root.add(NAME, new SystemSchema());
    }
  }

  /** Whether a schema of a root is this one (a model may have a schema of the same name). */
  public static boolean is(SchemaPlus schema) {
    try {
      return schema != null && schema.unwrap(SystemSchema.class) != null;
    } catch (RuntimeException e) {
      return false; // unwrap throws for other schemas (ClassCastException, or the schema's own)
    }
  }

  @Override protected Map<String, Table> getTableMap() {
    return tables;
  }

  /** Whether writes cannot set a column of a table: it has writes, and they cannot set it. */
  static boolean isGenerated(RestTableDef def, String column) {
    if (def.writes() == null) {
      return false;
    }
    String create = def.writes().createPath();
    return !def.writes().insertable().containsKey(column)
        && !def.writes().updatable().containsKey(column)
        && !(create != null && create.contains("{" + column + "}"));
  }

  /** {@code TABLE_CAT, TABLE_SCHEM, TABLE_NAME, COLUMN_NAME, KEY_SEQ, PK_NAME}. */
  private static final class PrimaryKeys extends AbstractTable implements FilterableTable {
    @Override public RelDataType getRowType(RelDataTypeFactory f) {
      return f.builder()
          .add("TABLE_CAT", SqlTypeName.VARCHAR).nullable(true)
          .add("TABLE_SCHEM", SqlTypeName.VARCHAR)
          .add("TABLE_NAME", SqlTypeName.VARCHAR)
          .add("COLUMN_NAME", SqlTypeName.VARCHAR)
          .add("KEY_SEQ", SqlTypeName.SMALLINT)
          .add("PK_NAME", SqlTypeName.VARCHAR)
          .build();
    }

    /**
     * Reads only the schemas and tables that {@code TABLE_SCHEM = …} and {@code TABLE_NAME = …}
     * name (Calcite checks every filter again): a table's declaration may cost an API call
     * (Salesforce describes an object on first use).
     */
    @Override public Enumerable<Object[]> scan(DataContext root, List<RexNode> filters) {
      String schemaName = equalsValue(root, filters, SCHEMA_COLUMN);
      String tableName = equalsValue(root, filters, TABLE_COLUMN);
      SchemaPlus rootSchema = root.getRootSchema();
      List<Object[]> rows = new ArrayList<>();
      for (String s : new java.util.TreeSet<>(rootSchema.subSchemas().getNames(
          org.apache.calcite.schema.lookup.LikePattern.any()))) {
        SchemaPlus schema = rootSchema.subSchemas().get(s);
        if (schema == null || (schemaName != null && !schemaName.equals(s))) {
          continue;
        }
        for (String t : new java.util.TreeSet<>(schema.tables().getNames(
            org.apache.calcite.schema.lookup.LikePattern.any()))) {
          if (tableName != null && !tableName.equals(t)) {
            continue;
          }
          Table table = schema.tables().get(t);
          if (table instanceof RestTable rest) {
            List<String> key = rest.def().keyColumns();
            for (int i = 0; i < key.size(); i++) {
              rows.add(new Object[] {null, s, t, key.get(i), (short) (i + 1), "PK_" + t});
            }
          }
        }
      }
      return Linq4j.asEnumerable(rows);
    }
  }

  /**
   * {@code SOURCE, REQUESTS, RATE_LIMITED, RATE_LIMIT_WAIT_MS, CACHE_HITS, QUOTA_LEFT,
   * RATE_LIMIT}, one row per SaaS schema of the connection.
   */
  private static final class ApiUsage extends AbstractTable implements ScannableTable {
    @Override public RelDataType getRowType(RelDataTypeFactory f) {
      return f.builder()
          .add("SOURCE", SqlTypeName.VARCHAR)
          .add("REQUESTS", SqlTypeName.BIGINT)
          .add("RATE_LIMITED", SqlTypeName.BIGINT)
          .add("RATE_LIMIT_WAIT_MS", SqlTypeName.BIGINT)
          .add("CACHE_HITS", SqlTypeName.BIGINT)
          .add("QUOTA_LEFT", SqlTypeName.BIGINT).nullable(true)
          .add("RATE_LIMIT", SqlTypeName.VARCHAR).nullable(true)
          .build();
    }

    @Override public Enumerable<Object[]> scan(DataContext root) {
      SchemaPlus rootSchema = root.getRootSchema();
      List<Object[]> rows = new ArrayList<>();
      for (String s : new java.util.TreeSet<>(rootSchema.subSchemas().getNames(
          org.apache.calcite.schema.lookup.LikePattern.any()))) {
        io.saasql.core.declare.RestSchema rest =
            SaasqlDriver.restSchema(rootSchema.subSchemas().get(s));
        if (rest == null) {
          continue;
        }
        io.saasql.core.http.SourceUsage u = rest.client().usage();
        var limit = rest.client().config().rateLimit();
        rows.add(new Object[] {s, u.requests(), u.rateLimited(), u.waitedMillis(),
            u.cacheHits(), u.quotaLeft(), limit == null ? null : limit.toString()});
      }
      return Linq4j.asEnumerable(rows);
    }

  }

  /** {@code STATEMENT_ROW, TABLE_SCHEM, TABLE_NAME, COLUMN_NAME, KEY_VALUE}. */
  private static final class LastInsertKeys extends AbstractTable implements ScannableTable {
    @Override public RelDataType getRowType(RelDataTypeFactory f) {
      return f.builder()
          .add("STATEMENT_ROW", SqlTypeName.INTEGER)
          .add("TABLE_SCHEM", SqlTypeName.VARCHAR)
          .add("TABLE_NAME", SqlTypeName.VARCHAR)
          .add("COLUMN_NAME", SqlTypeName.VARCHAR).nullable(true)
          .add("KEY_VALUE", SqlTypeName.VARCHAR).nullable(true)
          .build();
    }

    @Override public Enumerable<Object[]> scan(DataContext root) {
      WriteJournal.InsertedKeys last = WriteJournal.lastInsert(root.getQueryProvider());
      List<Object[]> rows = new ArrayList<>();
      if (last != null) {
        last.keys().forEach((row, key) -> rows.add(
            new Object[] {row, last.schema(), last.table(), last.column(), key}));
      }
      return Linq4j.asEnumerable(rows);
    }
  }

  /** The value of a {@code column = 'literal'} or {@code column = ?} filter, or null. */
  private static String equalsValue(DataContext root, List<RexNode> filters, int column) {
    for (RexNode filter : filters) {
      if (!filter.isA(SqlKind.EQUALS)) {
        continue;
      }
      List<RexNode> operands = ((RexCall) filter).getOperands();
      RexNode left = strip(operands.get(0));
      RexNode right = strip(operands.get(1));
      if (right instanceof RexInputRef) {
        RexNode swap = left;
        left = right;
        right = swap;
      }
      if (left instanceof RexInputRef ref && ref.getIndex() == column) {
        if (right instanceof RexLiteral literal) {
          return literal.getValueAs(String.class);
        }
        if (right instanceof RexDynamicParam param) {
          Object value = root.get("?" + param.getIndex());
          return value == null ? null : value.toString();
        }
      }
    }
    return null;
  }

  private static RexNode strip(RexNode e) {
    return e.isA(SqlKind.CAST) ? ((RexCall) e).getOperands().get(0) : e;
  }
}
