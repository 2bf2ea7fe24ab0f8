package io.saasql.testing;

import java.sql.Connection;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.function.IntSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Differential correctness of pushdown: the same query over a schema with pushdown and over the
 * same source without it (every row fetched, Calcite evaluating everything) must return the same
 * rows, for many generated predicates.
 */
public final class Differential {
  private Differential() {}

  /** What a run saw: how many predicates had rows, and how many made fewer requests when pushed. */
  public record Outcome(int predicates, int nonEmpty, int fewerRequests) {}

  /**
   * Runs {@code count} predicates from {@code generator} as
   * {@code SELECT <columns> FROM <schema>.<table> WHERE <predicate> ORDER BY <order>} on both
   * schemas, asserting equal results.
   *
   * @param requests how many requests the source has received so far (for the request counts)
   */
  public static Outcome compare(Connection c, String pushedSchema, String naiveSchema,
      String table, String columns, String order, int count, long seed,
      Function<Random, String> generator, IntSupplier requests) throws Exception {
    Random r = new Random(seed);
    int nonEmpty = 0;
    int fewer = 0;
    for (int i = 0; i < count; i++) {
      String where = generator.apply(r);
      String sql = "SELECT " + columns + " FROM @SCHEMA@." + table + " WHERE " + where
          + " ORDER BY " + order;
      int before = requests.getAsInt();
      List<List<Object>> pushed = TestSources.rows(c, sql.replace("@SCHEMA@", pushedSchema));
      int middle = requests.getAsInt();
      List<List<Object>> naive = TestSources.rows(c, sql.replace("@SCHEMA@", naiveSchema));
      int after = requests.getAsInt();
      assertThat(pushed).as("WHERE %s", where).isEqualTo(naive);
      if (!pushed.isEmpty()) {
        nonEmpty++;
      }
      if (middle - before < after - middle) {
        fewer++;
      }
    }
    return new Outcome(count, nonEmpty, fewer);
  }

  /**
   * A random predicate: an atom, or (above depth 1, less often) an AND, OR or NOT of smaller
   * predicates, so that nesting stays bounded.
   */
  public static String predicate(Random r, int depth, Function<Random, String> atom) {
    return switch (r.nextInt(depth > 1 ? 3 : 6)) {
      case 3 -> "(" + predicate(r, depth + 1, atom) + " AND " + predicate(r, depth + 1, atom) + ")";
      case 4 -> "(" + predicate(r, depth + 1, atom) + " OR " + predicate(r, depth + 1, atom) + ")";
      case 5 -> "NOT (" + predicate(r, depth + 1, atom) + ")";
      default -> atom.apply(r);
    };
  }

  /** One of the values, picked by the random source. */
  @SafeVarargs
  public static <T> T pick(Random r, T... values) {
    return values[r.nextInt(values.length)];
  }

  /** A SQL string literal. */
  public static String literal(String s) {
    return "'" + s.replace("'", "''") + "'";
  }
}
