package io.saasql.core.declare;

import io.saasql.core.pushdown.ValueSet;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.calcite.avatica.util.DateTimeUtils;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.sql.type.SqlTypeName;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;

/**
 * Conversions between the three representations a column value has: the API's JSON, Calcite's
 * internal row value (what a scan returns), and the canonical comparable used in pushdown
 * ({@link ValueSet}).
 *
 * <p>Canonical values: numbers are {@link BigDecimal}, text is {@link String}, TIMESTAMP is a
 * {@link Long} of UTC milliseconds, DATE an {@link Integer} of days since 1970-01-01, BOOLEAN a
 * {@link Boolean}. Internal values follow Calcite: INTEGER is Integer, BIGINT Long, DOUBLE Double,
 * DECIMAL BigDecimal, TIMESTAMP Long millis, DATE Integer days.
 */
public final class SqlValues {
  private SqlValues() {}

  /** The kinds of value the core converts. */
  public enum Family { NUMBER, TEXT, TIMESTAMP, DATE, BOOLEAN }

  /**
   * ISO-8601 date-times as the APIs write them: {@code Z}, {@code +00:00} or {@code +0000} offsets.
   */
  private static final DateTimeFormatter API_DATE_TIME = new DateTimeFormatterBuilder()
      .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
      .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
      .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
      .toFormatter();

  public static Family family(SqlTypeName type) {
    switch (type) {
    case TINYINT: case SMALLINT: case INTEGER: case BIGINT:
    case DECIMAL: case DOUBLE: case FLOAT: case REAL:
      return Family.NUMBER;
    case CHAR: case VARCHAR:
      return Family.TEXT;
    case TIMESTAMP:
      return Family.TIMESTAMP;
    case DATE:
      return Family.DATE;
    case BOOLEAN:
      return Family.BOOLEAN;
    default:
      throw new IllegalArgumentException("unsupported column type " + type);
    }
  }

  /** Whether the type holds whole numbers only. */
  public static boolean isIntegral(SqlTypeName type) {
    return type == SqlTypeName.TINYINT || type == SqlTypeName.SMALLINT
        || type == SqlTypeName.INTEGER || type == SqlTypeName.BIGINT;
  }

  /**
   * The canonical value of a literal for a column of the given type, or null if it does not fit.
   */
  public static Comparable<?> canonical(RexLiteral literal, SqlTypeName columnType) {
    if (literal.isNull()) {
      return null;
    }
    SqlTypeName literalType = literal.getTypeName();
    Family want = family(columnType);
    Family have;
    try {
      have = family(literalType);
    } catch (IllegalArgumentException e) {
      return null;
    }
    if (want != have) {
      return null;
    }
    switch (want) {
    case NUMBER:
      return normalize(literal.getValueAs(BigDecimal.class));
    case TEXT:
      return literal.getValueAs(String.class);
    case TIMESTAMP:
      return literal.getValueAs(Long.class);
    case DATE:
      return literal.getValueAs(Integer.class);
    case BOOLEAN:
      return literal.getValueAs(Boolean.class);
    default:
      return null;
    }
  }

  /**
   * The canonical value of a bound PreparedStatement parameter (as Calcite's DataContext holds it)
   * for a column of the given type, or null if it cannot be converted without guessing.
   */
  public static Comparable<?> canonicalParameter(Object value, SqlTypeName columnType) {
    if (value == null) {
      return null;
    }
    switch (family(columnType)) {
    case NUMBER:
      if (value instanceof BigDecimal b) {
        return normalize(b);
      }
      if (value instanceof Long || value instanceof Integer || value instanceof Short
          || value instanceof Byte) {
        return normalize(BigDecimal.valueOf(((Number) value).longValue()));
      }
      if (value instanceof BigInteger b) {
        return normalize(new BigDecimal(b));
      }
      if (value instanceof Double || value instanceof Float) {
        double d = ((Number) value).doubleValue();
        return Double.isFinite(d) ? normalize(BigDecimal.valueOf(d)) : null;
      }
      if (value instanceof String s) {
        try {
          return normalize(new BigDecimal(s.trim()));
        } catch (NumberFormatException e) {
          return null;
        }
      }
      return null;
    case TEXT:
      return value instanceof String s ? s : null;
    case BOOLEAN:
      return value instanceof Boolean b ? b : null;
    case TIMESTAMP:
      if (value instanceof java.sql.Timestamp t) {
        return t.getTime();
      }
      if (value instanceof java.util.Date d) {
        return d.getTime();
      }
      if (value instanceof Long l) {
        return l;
      }
      if (value instanceof LocalDateTime l) {
        return l.toInstant(ZoneOffset.UTC).toEpochMilli();
      }
      return null;
    case DATE:
      if (value instanceof java.sql.Date d) {
        return (int) Math.floorDiv(d.getTime(), DateTimeUtils.MILLIS_PER_DAY);
      }
      if (value instanceof Integer i) {
        return i;
      }
      if (value instanceof LocalDate l) {
        return (int) l.toEpochDay();
      }
      return null;
    default:
      return null;
    }
  }

  private static BigDecimal normalize(BigDecimal b) {
    if (b == null) {
      return null;
    }
    BigDecimal s = b.stripTrailingZeros();
    return s.scale() < 0 ? s.setScale(0) : s;
  }

  /**
   * Reads a JSON value as Calcite's internal value for the type; JSON null or missing gives null.
   */
  public static Object fromJson(JsonNode node, SqlTypeName type) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return null;
    }
    switch (type) {
    case TINYINT: case SMALLINT: case INTEGER:
      return node.isNumber() ? node.intValue() : Integer.valueOf(node.asText().trim());
    case BIGINT:
      return node.isNumber() ? node.longValue() : Long.valueOf(node.asText().trim());
    case DOUBLE: case FLOAT: case REAL:
      return node.isNumber() ? node.doubleValue() : Double.valueOf(node.asText().trim());
    case DECIMAL:
      return node.isNumber() ? node.decimalValue() : new BigDecimal(node.asText().trim());
    case CHAR: case VARCHAR:
      return node.isValueNode() ? node.asText() : node.toString();
    case BOOLEAN:
      return node.isBoolean() ? node.booleanValue() : Boolean.valueOf(node.asText());
    case TIMESTAMP:
      return parseTimestamp(node.asText());
    case DATE:
      return parseDate(node.asText());
    default:
      throw new IllegalArgumentException("unsupported column type " + type);
    }
  }

  /**
   * UTC milliseconds of an API date-time ({@code 2024-03-05T06:10:15Z}, {@code …+0000}, or a date).
   */
  public static Long parseTimestamp(String text) {
    if (text.isEmpty()) {
      return null;
    }
    try {
      var parsed = API_DATE_TIME.parseBest(text, OffsetDateTime::from, LocalDateTime::from);
      if (parsed instanceof OffsetDateTime o) {
        return o.toInstant().toEpochMilli();
      }
      return ((LocalDateTime) parsed).toInstant(ZoneOffset.UTC).toEpochMilli();
    } catch (DateTimeParseException e) {
      return LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();
    }
  }

  /** Days since 1970-01-01 of an API date ({@code 2024-03-05}) or date-time (its UTC date). */
  public static Integer parseDate(String text) {
    if (text.isEmpty()) {
      return null;
    }
    if (text.length() == 10) {
      return (int) LocalDate.parse(text).toEpochDay();
    }
    return (int) Math.floorDiv(parseTimestamp(text), DateTimeUtils.MILLIS_PER_DAY);
  }

  /** The UTC date of a canonical TIMESTAMP or DATE value. */
  public static LocalDate toLocalDate(Comparable<?> canonical, SqlTypeName type) {
    if (family(type) == Family.DATE) {
      return LocalDate.ofEpochDay((Integer) canonical);
    }
    return Instant.ofEpochMilli((Long) canonical).atZone(ZoneOffset.UTC).toLocalDate();
  }

  /** A canonical TIMESTAMP as ISO-8601 UTC with seconds, e.g. {@code 2024-01-01T00:00:00Z}. */
  public static String isoInstant(long millis) {
    return DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochMilli(millis));
  }

  /** A canonical number as plain text; null if the column is integral and the number is not. */
  public static String renderNumber(Comparable<?> canonical, SqlTypeName type) {
    BigDecimal b = (BigDecimal) canonical;
    if (isIntegral(type)) {
      try {
        return b.toBigIntegerExact().toString();
      } catch (ArithmeticException e) {
        return null;
      }
    }
    return b.toPlainString();
  }
}
