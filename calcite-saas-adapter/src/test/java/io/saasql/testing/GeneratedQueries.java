package io.saasql.testing;

import io.saasql.sandbox.postgres.DemoPostgres;
import io.saasql.testing.Differential.Report;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the four sources' differential tests share: how many generated queries they run (system
 * properties {@code saasql.differential.queries}, {@code .prepared} and {@code .seed} override
 * the defaults, to explore or to reproduce a reported seed), the Postgres the copies go to, and
 * the assertions on a run.
 */
public final class GeneratedQueries {
  private GeneratedQueries() {}

  /** Generated queries per source, unless {@code -Dsaasql.differential.queries=N}. */
  public static int queries(int fallback) {
    return Integer.getInteger("saasql.differential.queries", fallback);
  }

  /** Prepared executions per source, unless {@code -Dsaasql.differential.prepared=N}. */
  public static int prepared(int fallback) {
    return Integer.getInteger("saasql.differential.prepared", fallback);
  }

  /**
   * Which generated joins also run without pushdown: every N-th, unless {@code
   * -Dsaasql.differential.naiveEvery=N} (1: all of them).
   */
  public static int naiveEvery(int fallback) {
    return Integer.getInteger("saasql.differential.naiveEvery", fallback);
  }

  /** The seed, unless {@code -Dsaasql.differential.seed=N}. */
  public static long seed(long fallback) {
    return Long.getLong("saasql.differential.seed", fallback);
  }

  /** A connection to the JVM's embedded Postgres, for the copies. */
  public static Connection postgres() throws SQLException {
    return DemoPostgres.shared().dataSource().getConnection();
  }

  /**
   * Every query agreed with pushdown on and off and with Postgres, made at most one request more
   * than the naive scan, and the mix was useful: many queries with rows and, where the naive scan
   * takes several requests, many cheaper pushed.
   */
  public static void assertAgreement(List<Report> reports) {
    String description = Differential.describe(reports);
    System.out.println(description);
    int queries = 0;
    int nonEmpty = 0;
    int failures = 0;
    for (Report r : reports) {
      queries += r.queries;
      nonEmpty += r.nonEmpty;
      failures += r.totalFailures();
    }
    assertThat(failures).as(description).isZero();
    assertThat(nonEmpty).as("queries with rows: %s", description).isGreaterThan(queries / 4);
    Report main = reports.get(0);
    if (main.naiveRequests > main.queries) {
      // The naive scan takes several requests: pushdown must save some often.
      assertThat(main.fewerRequests).as("queries cheaper pushed: %s", description)
          .isGreaterThan(main.queries / 10);
    }
  }
}
