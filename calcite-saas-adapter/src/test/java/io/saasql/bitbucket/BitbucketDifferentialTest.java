package io.saasql.bitbucket;

import io.saasql.testing.Differential;
import io.saasql.testing.TestSources;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.util.Random;

import static io.saasql.testing.Differential.literal;
import static io.saasql.testing.Differential.pick;
import static org.assertj.core.api.Assertions.assertThat;

/** Bitbucket Issues: pushdown on and off return the same rows for generated predicates. */
class BitbucketDifferentialTest {
  private static Connection connection;

  @BeforeAll static void connect() throws Exception {
    connection = TestSources.connect(TestSources.bitbucketModel());
  }

  @AfterAll static void close() throws Exception {
    connection.close();
  }

  static String atom(Random r) {
    return switch (r.nextInt(17)) {
      case 0 -> "State = " + literal(pick(r, "new", "open", "resolved", "on hold", "closed", "Open"));
      case 1 -> "State IN ('new', 'open', 'on hold')";
      case 2 -> "State <> 'closed'";
      case 3 -> "Kind = " + literal(pick(r, "bug", "enhancement", "proposal", "task"));
      case 4 -> "Priority IN ('major', 'critical', 'blocker')";
      case 5 -> "AssigneeUuid IS NULL";
      case 6 -> "AssigneeUuid IS NOT NULL";
      case 7 -> "Title LIKE " + literal(pick(r, "%fix%", "%Fix%", "%\"quoted\"%", "%100\\%%",
          "Rocket%", "%log_path"));
      case 8 -> "Title = " + literal(pick(r, "Fix \"quoted\" path C:\\temp", "100% done_now",
          "Escape backslash \\ in log_path"));
      case 9 -> "CreatedOn >= TIMESTAMP '202" + (3 + r.nextInt(3)) + "-0" + (1 + r.nextInt(9))
          + "-1" + r.nextInt(10) + " 0" + r.nextInt(10) + ":00:00'";
      case 10 -> "UpdatedOn < TIMESTAMP '2024-06-01 00:00:00'";
      case 11 -> "Votes > " + r.nextInt(10);
      case 12 -> "Id BETWEEN " + r.nextInt(100) + " AND " + (100 + r.nextInt(200));
      case 13 -> "MilestoneName IS NULL";
      case 14 -> "RepoSlug = " + literal(pick(r, "api", "web", "mobile", "infra", "nope"));
      case 15 -> "ContentRaw LIKE '%the%'";
      default -> "CreatedOn > TIMESTAMP '2024-0" + (1 + r.nextInt(9)) + "-01 00:00:00'";
    };
  }

  @Test void pushdownOnAndOffReturnTheSameRows() throws Exception {
    Differential.Outcome o = Differential.compare(connection, "bitbucket", "bitbucket_nopush",
        "Issues", "RepoSlug, Id, State, CreatedOn", "RepoSlug, Id", 220, 17,
        r -> Differential.predicate(r, 0, BitbucketDifferentialTest::atom)
            + (r.nextBoolean() ? " AND " + atom(r) : ""),
        () -> TestSources.bitbucket().requests().size());
    assertThat(o.nonEmpty()).isGreaterThan(o.predicates() / 3);
    assertThat(o.fewerRequests()).isGreaterThan(o.predicates() / 4);
  }
}
