package io.saasql.core.pushdown;

import io.saasql.core.declare.RestTableDef;
import io.saasql.core.declare.SqlValues;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexDynamicParam;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.util.DateString;
import org.apache.calcite.util.NlsString;
import org.apache.calcite.util.TimestampString;

import java.math.BigDecimal;
import java.util.function.IntFunction;

/**
 * Reads the operands of a predicate on a REST table: which column a node reads (through casts
 * that cannot change a comparison) and the canonical value of a literal or bound {@code ?}
 * parameter. Shared by the per-column {@link FilterTranslator} and the query-language
 * {@link ExpressionTranslator}.
 */
final class RexOperands {
  /** A PreparedStatement parameter that is not bound, or bound to something unusable. */
  private static final Object UNUSABLE = new Object();

  private final RestTableDef table;
  private final IntFunction<Object> parameters;

  RexOperands(RestTableDef table, IntFunction<Object> parameters) {
    this.table = table;
    this.parameters = parameters;
  }

  RestTableDef table() {
    return table;
  }

  static boolean fits(Comparable<?> v, SqlValues.Family family) {
    return switch (family) {
      case NUMBER -> v instanceof BigDecimal;
      case TEXT -> v instanceof String;
      case TIMESTAMP -> v instanceof Long;
      case DATE -> v instanceof Integer;
      case BOOLEAN -> v instanceof Boolean;
    };
  }

  static Comparable<?> sargValue(Object v) {
    if (v instanceof BigDecimal b) {
      return SqlValues.canonicalParameter(b, SqlTypeName.DECIMAL);
    }
    if (v instanceof NlsString s) {
      return s.getValue();
    }
    if (v instanceof TimestampString t) {
      return t.getMillisSinceEpoch();
    }
    if (v instanceof DateString d) {
      return d.getDaysSinceEpoch();
    }
    if (v instanceof Boolean b) {
      return b;
    }
    if (v instanceof String s) {
      return s;
    }
    return null;
  }

  /** The canonical value of a literal or parameter (through a cast), or null. */
  Comparable<?> value(RexNode node, SqlTypeName columnType) {
    if (node instanceof RexLiteral literal) {
      return SqlValues.canonical(literal, columnType);
    }
    if (node instanceof RexDynamicParam param) {
      Object v = parameters == null ? UNUSABLE : parameters.apply(param.getIndex());
      return v == UNUSABLE ? null : SqlValues.canonicalParameter(v, columnType);
    }
    if (node.getKind() == SqlKind.CAST) {
      RexNode inner = ((RexCall) node).getOperands().get(0);
      SqlTypeName target = node.getType().getSqlTypeName();
      if (SqlValues.family(columnType) != familyOrNull(target)) {
        return null;
      }
      if (inner instanceof RexLiteral literal && !literal.isNull()
          && SqlValues.family(columnType) == SqlValues.Family.NUMBER
          && familyOrNull(literal.getTypeName()) == SqlValues.Family.TEXT) {
        return SqlValues.canonicalParameter(literal.getValueAs(String.class), columnType);
      }
      if (inner instanceof RexDynamicParam) {
        return value(inner, columnType);
      }
      if (inner instanceof RexLiteral literal
          && familyOrNull(literal.getTypeName()) == SqlValues.family(columnType)) {
        return SqlValues.canonical(literal, columnType);
      }
    }
    return null;
  }

  /** The column a node reads, through casts that cannot change comparisons; else null. */
  Integer column(RexNode node) {
    if (node instanceof RexInputRef ref) {
      return ref.getIndex() < table.columns().size() ? ref.getIndex() : null;
    }
    if (node.getKind() == SqlKind.CAST) {
      RexNode inner = ((RexCall) node).getOperands().get(0);
      Integer col = column(inner);
      if (col != null && losslessCast(inner.getType(), node.getType())) {
        return col;
      }
    }
    return null;
  }

  static SqlValues.Family familyOrNull(SqlTypeName type) {
    try {
      return SqlValues.family(type);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** Whether casting from one type to the other keeps every value and its order. */
  static boolean losslessCast(RelDataType from, RelDataType to) {
    SqlTypeName f = from.getSqlTypeName();
    SqlTypeName t = to.getSqlTypeName();
    if (f == t) {
      if (t == SqlTypeName.CHAR) {
        return from.getPrecision() == to.getPrecision();
      }
      return wider(from.getPrecision(), to.getPrecision()) && from.getScale() <= to.getScale();
    }
    switch (f) {
    case TINYINT: case SMALLINT: case INTEGER:
      return t == SqlTypeName.INTEGER || t == SqlTypeName.BIGINT || t == SqlTypeName.DOUBLE
          || (t == SqlTypeName.DECIMAL && to.getPrecision() - to.getScale() >= 10);
    case BIGINT:
      return t == SqlTypeName.DECIMAL && to.getPrecision() - to.getScale() >= 19;
    case CHAR: case VARCHAR:
      return t == SqlTypeName.VARCHAR && wider(from.getPrecision(), to.getPrecision());
    default:
      return false;
    }
  }

  /** Whether a precision {@code to} holds everything {@code from} does (-1: unlimited). */
  private static boolean wider(int from, int to) {
    if (to == RelDataType.PRECISION_NOT_SPECIFIED) {
      return true;
    }
    return from != RelDataType.PRECISION_NOT_SPECIFIED && from <= to;
  }
}
