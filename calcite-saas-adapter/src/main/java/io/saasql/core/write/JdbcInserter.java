package io.saasql.core.write;

import org.apache.calcite.adapter.jdbc.JdbcTable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.sql.SqlDialect;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Inserts rows computed by Calcite (from a SaaS table, or from any source Postgres cannot read
 * itself) into a table of a JDBC schema: one prepared INSERT, in batches, inside one transaction of
 * that database, committed at the end — all rows or none. Calcite's own JDBC adapter only inserts
 * rows that the same database computes.
 */
public final class JdbcInserter {
  private static final int BATCH = 500;

  private JdbcInserter() {}

  /** Inserts the rows (all columns of the table, in order); returns how many. */
  public static long insert(JdbcTable table, Enumerable<Object[]> rows) {
    List<RelDataTypeField> fields = table.getRowType(
        new org.apache.calcite.jdbc.JavaTypeFactoryImpl()).getFieldList();
    SqlDialect dialect = table.jdbcSchema.dialect;
    List<String> columns = new ArrayList<>();
    for (RelDataTypeField f : fields) {
      columns.add(dialect.quoteIdentifier(f.getName()));
    }
    String target = (table.jdbcSchemaName == null ? ""
        : dialect.quoteIdentifier(table.jdbcSchemaName) + ".")
        + dialect.quoteIdentifier(table.jdbcTableName);
    String sql = "INSERT INTO " + target + " (" + String.join(", ", columns) + ") VALUES ("
        + String.join(", ", java.util.Collections.nCopies(columns.size(), "?")) + ")";
    long count = 0;
    try (Connection c = table.jdbcSchema.getDataSource().getConnection()) {
      boolean autoCommit = c.getAutoCommit();
      c.setAutoCommit(false);
      try (PreparedStatement ps = c.prepareStatement(sql);
           Enumerator<Object[]> e = rows.enumerator()) {
        int pending = 0;
        while (e.moveNext()) {
          Object[] row = e.current();
          for (int i = 0; i < fields.size(); i++) {
            ps.setObject(i + 1, jdbcValue(row[i], fields.get(i)));
          }
          ps.addBatch();
          count++;
          if (++pending == BATCH) {
            ps.executeBatch();
            pending = 0;
          }
        }
        if (pending > 0) {
          ps.executeBatch();
        }
        c.commit();
      } catch (SQLException | RuntimeException ex) {
        c.rollback();
        throw new IllegalStateException("INSERT INTO " + target + " failed after " + count
            + " row(s) were read; the database transaction was rolled back, so nothing was "
            + "written: " + ex.getMessage(), ex);
      } finally {
        c.setAutoCommit(autoCommit);
      }
    } catch (SQLException ex) {
      throw new IllegalStateException("INSERT INTO " + target + " could not get a connection: "
          + ex.getMessage(), ex);
    }
    return count;
  }

  /** Calcite's internal value as the JDBC value for the column's type. */
  private static Object jdbcValue(Object v, RelDataTypeField field) {
    if (v == null) {
      return null;
    }
    switch (field.getType().getSqlTypeName()) {
    case TIMESTAMP:
      return Timestamp.valueOf(LocalDateTime.ofInstant(
          Instant.ofEpochMilli(((Number) v).longValue()), ZoneOffset.UTC));
    case DATE:
      return java.sql.Date.valueOf(LocalDate.ofEpochDay(((Number) v).longValue()));
    case TIME:
      return java.sql.Time.valueOf(java.time.LocalTime.ofNanoOfDay(
          ((Number) v).longValue() * 1_000_000L));
    default:
      return v;
    }
  }
}
