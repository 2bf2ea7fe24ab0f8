package io.saasql.core.jdbc;

import io.saasql.core.declare.Operands;

import org.apache.calcite.schema.Schema;
import org.apache.calcite.schema.SchemaFactory;
import org.apache.calcite.schema.SchemaPlus;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Calcite's JDBC schema (a PostgreSQL database, for instance a Heroku Connect mirror) whose
 * operands may read the environment: {@code "jdbcUrl": "${PG_JDBC_URL}"}. The operands are
 * Calcite's own: {@code jdbcUrl}, {@code jdbcUser}, {@code jdbcPassword}, {@code jdbcSchema},
 * {@code jdbcCatalog}, {@code jdbcDriver}, {@code sqlDialectFactory}. Use Calcite's
 * {@code "type": "jdbc"} instead when the values are literal. Unlike Calcite's, this schema
 * offers tables and views only, not the database's indexes and sequences
 * ({@link RelationsJdbcSchema}).
 */
public class EnvironmentJdbcSchemaFactory implements SchemaFactory {
  public static final EnvironmentJdbcSchemaFactory INSTANCE = new EnvironmentJdbcSchemaFactory();

  private static final Set<String> OPERANDS = Set.of("jdbcUrl", "jdbcUser", "jdbcPassword",
      "jdbcSchema", "jdbcCatalog", "jdbcDriver", "sqlDialectFactory");

  @Override public Schema create(SchemaPlus parentSchema, String name,
      Map<String, Object> operand) {
    Operands operands = new Operands(name, operand, OPERANDS);
    Map<String, Object> resolved = new LinkedHashMap<>();
    operands.required("jdbcUrl", "the JDBC URL, e.g. jdbc:postgresql://host:5432/db");
    for (String key : OPERANDS) {
      String v = operands.string(key);
      if (v != null) {
        resolved.put(key, v);
      }
    }
    return RelationsJdbcSchema.create(parentSchema, name, resolved);
  }
}
