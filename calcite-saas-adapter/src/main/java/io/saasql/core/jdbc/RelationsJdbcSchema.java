package io.saasql.core.jdbc;

import org.apache.calcite.adapter.jdbc.JdbcConvention;
import org.apache.calcite.adapter.jdbc.JdbcSchema;
import org.apache.calcite.adapter.jdbc.JdbcTable;
import org.apache.calcite.avatica.AvaticaUtils;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.Schemas;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.lookup.LikePattern;
import org.apache.calcite.schema.lookup.Lookup;
import org.apache.calcite.schema.lookup.Named;
import org.apache.calcite.sql.SqlDialect;
import org.apache.calcite.sql.SqlDialectFactory;
import org.apache.calcite.sql.SqlDialectFactoryImpl;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Calcite's JDBC schema, offering the database's relations only: tables and views (also
 * materialized, foreign, partitioned). Calcite's own lists every row of
 * {@code DatabaseMetaData.getTables}, so a PostgreSQL schema showed its indexes and sequences as
 * tables in {@code getTables} and sqlline's {@code !tables}.
 */
public class RelationsJdbcSchema extends JdbcSchema {
  private final DataSource dataSource;
  private final String catalog;
  private final String schema;

  public RelationsJdbcSchema(DataSource dataSource, SqlDialect dialect,
      JdbcConvention convention, String catalog, String schema) {
    super(dataSource, dialect, convention, catalog, schema);
    this.dataSource = dataSource;
    this.catalog = catalog;
    this.schema = schema;
  }

  /** As {@link JdbcSchema#create(SchemaPlus, String, Map)}, from string operands. */
  public static RelationsJdbcSchema create(SchemaPlus parentSchema, String name,
      Map<String, Object> operand) {
    DataSource dataSource = JdbcSchema.dataSource((String) operand.get("jdbcUrl"),
        (String) operand.get("jdbcDriver"), (String) operand.get("jdbcUser"),
        (String) operand.get("jdbcPassword"));
    String factoryClass = (String) operand.get("sqlDialectFactory");
    SqlDialectFactory factory = factoryClass == null || factoryClass.isEmpty()
        ? SqlDialectFactoryImpl.INSTANCE
        : AvaticaUtils.instantiatePlugin(SqlDialectFactory.class, factoryClass);
    SqlDialect dialect = JdbcSchema.createDialect(factory, dataSource);
    Expression expression = Schemas.subSchemaExpression(parentSchema, name, JdbcSchema.class);
    JdbcConvention convention = JdbcConvention.of(dialect, expression, name);
    return new RelationsJdbcSchema(dataSource, dialect, convention,
        (String) operand.get("jdbcCatalog"), (String) operand.get("jdbcSchema"));
  }

  /** The database schema the tables are in ({@code jdbcSchema}), or null for the default. */
  public String databaseSchema() {
    return schema;
  }

  /**
   * Whether a {@code TABLE_TYPE} of {@code DatabaseMetaData.getTables} is a relation: PostgreSQL's
   * {@code TABLE}, {@code VIEW}, {@code MATERIALIZED VIEW}, {@code FOREIGN TABLE},
   * {@code PARTITIONED TABLE}, other databases' {@code BASE TABLE}; not an index, a sequence or a
   * type.
   */
  static boolean isRelation(String tableType) {
    if (tableType == null) {
      return true;
    }
    String type = tableType.toUpperCase(Locale.ROOT).replace('_', ' ');
    return !type.contains("INDEX") && !type.contains("SEQUENCE") && !type.equals("TYPE");
  }

  @Override public Lookup<Table> tables() {
    Lookup<Table> all = super.tables();
    return new Lookup<>() {
      @Override public Table get(String name) {
        return relation(all.get(name));
      }

      @Override public Named<Table> getIgnoreCase(String name) {
        Named<Table> named = all.getIgnoreCase(name);
        return named == null || relation(named.entity()) == null ? null : named;
      }

      @Override public Set<String> getNames(LikePattern pattern) {
        Set<String> names = new LinkedHashSet<>(all.getNames(pattern));
        names.removeAll(nonRelations(pattern.pattern));
        return names;
      }
    };
  }

  private static Table relation(Table table) {
    if (table instanceof JdbcTable jdbc && jdbc.getJdbcTableType() != null
        && !isRelation(jdbc.getJdbcTableType().jdbcName)) {
      return null;
    }
    return table;
  }

  /** The names, matching {@code pattern}, of this schema's indexes, sequences and types. */
  private Set<String> nonRelations(String pattern) {
    Set<String> names = new HashSet<>();
    try (Connection connection = dataSource.getConnection()) {
      DatabaseMetaData metaData = connection.getMetaData();
      String cat = catalog != null ? catalog : connection.getCatalog();
      String sch = schema != null ? schema : connection.getSchema();
      try (ResultSet rs = metaData.getTables(cat, sch, pattern, null)) {
        while (rs.next()) {
          if (!isRelation(rs.getString("TABLE_TYPE"))) {
            names.add(rs.getString("TABLE_NAME"));
          }
        }
      }
    } catch (SQLException e) {
      throw new RuntimeException("Exception while reading tables", e);
    }
    return names;
  }
}
