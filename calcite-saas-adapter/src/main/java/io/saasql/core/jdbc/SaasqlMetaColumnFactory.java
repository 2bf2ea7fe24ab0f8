package io.saasql.core.jdbc;

import io.saasql.core.declare.RestTableDef;
import io.saasql.core.plan.RestTable;

import org.apache.calcite.avatica.MetaImpl;
import org.apache.calcite.jdbc.CalciteMetaColumnFactoryImpl;
import org.apache.calcite.schema.Table;

/**
 * {@code DatabaseMetaData.getColumns} of {@code jdbc:saasql:} connections (Calcite's
 * {@code metaColumnFactory}): a column of a writable SaaS table that writes cannot set (the API
 * computes it: {@code IssueKey}, {@code StatusName}, {@code Created}) has
 * {@code IS_GENERATEDCOLUMN = 'YES'}, and such a table key ({@code Id}, assigned by the API on
 * create) also {@code IS_AUTOINCREMENT = 'YES'}; every other column of a SaaS table says
 * {@code 'NO'} to both. Tools and ORMs leave generated columns out of their INSERTs and read the
 * new key back (see {@link SystemSchema#LAST_INSERT_KEYS}).
 */
public final class SaasqlMetaColumnFactory extends CalciteMetaColumnFactoryImpl {
  /** The instance Calcite's plugin loader takes. */
  public static final SaasqlMetaColumnFactory INSTANCE = new SaasqlMetaColumnFactory();

  private SaasqlMetaColumnFactory() {
  }

  @Override public MetaImpl.MetaColumn createColumn(Table table, String tableCat,
      String tableSchem, String tableName, String columnName, int dataType, String typeName,
      Integer columnSize, Integer decimalDigits, int numPrecRadix, int nullable,
      Integer charOctetLength, int ordinalPosition, String isNullable) {
    if (!(table instanceof RestTable rest)) {
      return super.createColumn(table, tableCat, tableSchem, tableName, columnName, dataType,
          typeName, columnSize, decimalDigits, numPrecRadix, nullable, charOctetLength,
          ordinalPosition, isNullable);
    }
    RestTableDef def = rest.def();
    boolean generated = SystemSchema.isGenerated(def, columnName);
    boolean autoIncrement = generated && columnName.equals(def.keyColumn());
    return new MetaImpl.MetaColumn(tableCat, tableSchem, tableName, columnName, dataType,
        typeName, columnSize, decimalDigits, numPrecRadix, nullable, charOctetLength,
        ordinalPosition, isNullable, autoIncrement ? "YES" : "NO", generated ? "YES" : "NO");
  }
}
