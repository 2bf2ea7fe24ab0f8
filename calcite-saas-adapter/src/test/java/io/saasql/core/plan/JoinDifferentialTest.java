package io.saasql.core.plan;

import io.saasql.testing.GeneratedQueries;
import io.saasql.testing.JoinDifferential;
import io.saasql.testing.JoinDifferential.Pair;
import io.saasql.testing.JoinDifferential.Report;
import io.saasql.testing.JoinDifferential.Shape;
import io.saasql.testing.JoinSources;
import io.saasql.testing.TestSources;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Joins between sources, differentially ({@link JoinDifferential}, sources and pairs in {@link
 * JoinSources}): generated inner, left, semi and anti joins of Backlog issues with PingOne users,
 * Salesforce users with PingOne users, and Postgres tables and VALUES lists with PingOne users,
 * Bitbucket issues, Backlog issues and Salesforce accounts and contacts return the same rows with
 * pushdown, without pushdown and in Postgres over copies of the data.
 *
 * <p>What runs, and why: {@value #JOINS} joins per pair (about a quarter of them the first,
 * literal, execution of a template, the rest prepared executions of it with other values), each
 * with pushdown and in Postgres, and those of every {@value #NAIVE_EVERY}th template also
 * without pushdown (a join that disagrees with Postgres always runs without pushdown too, so that
 * every failure is classified). A join costs Calcite 20–40 ms to plan and run, and the
 * sandboxes 5–30 ms to serve its scans (a PingOne scan is six pages of 200 users), even in union
 * batches and prepared once per template: the class takes about two and a half minutes on a
 * two-core machine. {@code -Dsaasql.differential.queries=N} runs N per pair (query {@code i} of a
 * seed is the same whatever the count), {@code -Dsaasql.differential.naiveEvery=1} runs every
 * join without pushdown as well, and {@code -Dsaasql.differential.seed=N} changes the seed (each pair adds its
 * own number to it).
 *
 * <p>The PingOne sandbox can also read SCIM filters ignoring case, as RFC 7644 does for
 * attributes not marked caseExact and PingOne's documentation does not say; joins on e-mail with
 * keys in another case must be right under either reading
 * ({@link #postgresWithPingOneUsersIgnoringCase}).
 */
class JoinDifferentialTest {
  /** Joins per pair, unless {@code -Dsaasql.differential.queries=N}. */
  static final int JOINS = 500;

  /** Which joins also run without pushdown, unless {@code -Dsaasql.differential.naiveEvery}. */
  static final int NAIVE_EVERY = 5;

  private static JoinSources sources;

  @BeforeAll static void setUp() throws Exception {
    sources = new JoinSources();
  }

  @AfterAll static void tearDown() throws Exception {
    sources.close();
  }

  /**
   * Runs the pair's joins: no failure, and a useful mix: a quarter or more with rows, every shape
   * in 200 joins or more, and for a pair with Postgres tables or VALUES lists a twentieth or more
   * whose sides both have more than 100 keys (more than one request's batch).
   */
  private static void check(Pair pair, int joins, long seed, boolean largeSides)
      throws Exception {
    Report report = JoinDifferential.run(pair, joins,
        GeneratedQueries.naiveEvery(NAIVE_EVERY), GeneratedQueries.seed(20261205) + seed);
    String description = JoinDifferential.describe(List.of(report));
    System.out.println(description);
    assertThat(report.totalFailures()).as(description).isZero();
    assertThat(report.nonEmpty).as("joins with rows: %s", description)
        .isGreaterThan(report.queries / 4);
    for (Shape s : report.queries < 200 ? new Shape[0] : Shape.values()) {
      assertThat(report.shapes.get(s)).as("%s joins: %s", s, description).isPositive();
    }
    if (largeSides) {
      assertThat(report.largeKeySets).as("joins of two large sides: %s", description)
          .isGreaterThan(report.queries / 20);
    }
  }

  private static int joins() {
    return GeneratedQueries.queries(JOINS);
  }

  @Test void backlogIssuesWithPingOneUsers() throws Exception {
    check(sources.backlogPingOne(), joins(), 1, false);
  }

  @Test void salesforceUsersWithPingOneUsers() throws Exception {
    check(sources.salesforcePingOne(), joins(), 2, false);
  }

  @Test void postgresWithPingOneUsers() throws Exception {
    check(sources.postgresPingOne(), joins(), 3, true);
  }

  /** A fifth as many joins, with filters on PingOne ignoring case. */
  @Test void postgresWithPingOneUsersIgnoringCase() throws Exception {
    TestSources.pingone().filtersIgnoreCase(true);
    try {
      check(sources.postgresPingOne(), joins() / 5, 30, false);
    } finally {
      TestSources.pingone().filtersIgnoreCase(false);
    }
  }

  @Test void postgresWithBitbucketIssues() throws Exception {
    check(sources.postgresBitbucket(), joins(), 4, true);
  }

  @Test void postgresWithBacklogIssues() throws Exception {
    check(sources.postgresBacklog(), joins(), 5, true);
  }

  @Test void postgresWithSalesforce() throws Exception {
    check(sources.postgresSalesforce(), joins(), 6, true);
  }
}
