package io.saasql.backlog;

import io.saasql.testing.TestSources;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Correctness of pushdown, differentially: for generated predicates over Issues, the schema with
 * pushdown returns exactly the rows of the schema without it (every row fetched, Calcite
 * evaluating everything).
 */
class BacklogDifferentialTest {
  private static final int PREDICATES = 240;
  private static Connection connection;

  @BeforeAll static void connect() throws Exception {
    connection = TestSources.connect(TestSources.backlogModel());
  }

  @AfterAll static void close() throws Exception {
    connection.close();
  }

  private static final String[] INT_COLUMNS = {"Id", "ProjectId", "StatusId", "IssueTypeId",
      "PriorityId", "AssigneeId", "CreatedUserId", "ParentIssueId", "KeyId", "ResolutionId"};
  private static final String[] TS_COLUMNS = {"Created", "Updated"};
  private static final String[] DATE_COLUMNS = {"StartDate", "DueDate"};

  /** A random single-column or mixed predicate, deterministic for a seed. */
  static String predicate(Random r, int depth) {
    int kind = r.nextInt(depth > 1 ? 10 : 8);
    switch (kind) {
    case 8:
      return "(" + predicate(r, depth + 1) + (r.nextBoolean() ? " AND " : " OR ")
          + predicate(r, depth + 1) + ")";
    case 9:
      return "NOT (" + predicate(r, depth + 1) + ")";
    default:
      break;
    }
    int which = r.nextInt(10);
    if (which < 6) {
      String c = INT_COLUMNS[r.nextInt(INT_COLUMNS.length)];
      int v = intValue(r, c);
      return switch (r.nextInt(9)) {
        case 0 -> c + " = " + v;
        case 1 -> c + " = '" + v + "'";
        case 2 -> c + " <> " + v;
        case 3 -> c + (r.nextBoolean() ? " < " : " >= ") + v;
        case 4 -> c + " IN (" + v + ", " + intValue(r, c) + ", " + intValue(r, c) + ")";
        case 5 -> c + " NOT IN (" + v + ", " + intValue(r, c) + ")";
        case 6 -> c + " BETWEEN " + v + " AND " + (v + r.nextInt(5));
        case 7 -> c + (r.nextBoolean() ? " IS NULL" : " IS NOT NULL");
        default -> "(" + c + " = " + v + " OR " + c + " = " + intValue(r, c) + ")";
      };
    }
    if (which < 8) {
      boolean ts = r.nextBoolean();
      String c = ts ? TS_COLUMNS[r.nextInt(2)] : DATE_COLUMNS[r.nextInt(2)];
      String lit = ts
          ? "TIMESTAMP '" + (2023 + r.nextInt(3)) + "-" + two(1 + r.nextInt(12)) + "-"
              + two(1 + r.nextInt(28)) + " " + two(r.nextInt(24)) + ":" + two(r.nextInt(60)) + ":00'"
          : "DATE '" + (2023 + r.nextInt(3)) + "-" + two(1 + r.nextInt(12)) + "-"
              + two(1 + r.nextInt(28)) + "'";
      return switch (r.nextInt(6)) {
        case 0 -> c + " >= " + lit;
        case 1 -> c + " < " + lit;
        case 2 -> c + " > " + lit;
        case 3 -> c + " <= " + lit;
        case 4 -> c + (r.nextBoolean() ? " IS NULL" : " IS NOT NULL");
        default -> c + " = " + lit;
      };
    }
    return switch (r.nextInt(4)) {
      case 0 -> "IssueKey = '" + (r.nextBoolean() ? "SALES" : "SUPPORT") + "-" + (1 + r.nextInt(40)) + "'";
      case 1 -> "IssueKey IN ('SALES-1', 'INFRA-" + (1 + r.nextInt(20)) + "')";
      case 2 -> "Summary LIKE '%" + (char) ('a' + r.nextInt(26)) + "%'";
      default -> "StatusName = 'Open'";
    };
  }

  private static int intValue(Random r, String column) {
    return switch (column) {
      case "Id", "ParentIssueId" -> 1 + r.nextInt(2700);
      case "KeyId" -> 1 + r.nextInt(900);
      case "ProjectId" -> 1 + r.nextInt(5);
      case "StatusId" -> 1 + r.nextInt(4);
      case "IssueTypeId" -> 10 * (1 + r.nextInt(4)) + 1 + r.nextInt(4);
      case "PriorityId" -> 2 + r.nextInt(3);
      case "ResolutionId" -> r.nextInt(5);
      default -> 1 + r.nextInt(13);
    };
  }

  private static String two(int v) {
    return v < 10 ? "0" + v : Integer.toString(v);
  }

  private static List<List<Object>> rows(String schema, String where) throws Exception {
    return TestSources.rows(connection, "SELECT Id, StatusId, Created, DueDate FROM " + schema
        + ".Issues WHERE " + where + " ORDER BY Id");
  }

  @Test void pushdownOnAndOffReturnTheSameRows() throws Exception {
    Random r = new Random(20261121);
    int nonEmpty = 0;
    int fewerRequests = 0;
    for (int i = 0; i < PREDICATES; i++) {
      String where = predicate(r, 0) + (r.nextInt(3) == 0 ? " AND " + predicate(r, 0) : "");
      TestSources.backlog().clearRequests();
      List<List<Object>> pushed = rows("backlog", where);
      int pushedRequests = TestSources.backlog().requests().size();
      TestSources.backlog().clearRequests();
      List<List<Object>> naive = rows("backlog_nopush", where);
      int naiveRequests = TestSources.backlog().requests().size();
      assertThat(pushed).as("WHERE %s", where).isEqualTo(naive);
      if (!pushed.isEmpty()) {
        nonEmpty++;
      }
      if (pushedRequests < naiveRequests) {
        fewerRequests++;
      }
    }
    // The generator must produce a useful mix: many predicates with rows, many pushed.
    assertThat(nonEmpty).isGreaterThan(PREDICATES / 3);
    assertThat(fewerRequests).isGreaterThan(PREDICATES / 3);
  }

  @Test void preparedStatementsAgreeToo() throws Exception {
    String sql = "SELECT Id, StatusId FROM %s.Issues WHERE ProjectId = ? AND AssigneeId IN (?, ?)"
        + " AND Created >= ? ORDER BY Id";
    Random r = new Random(7);
    try (PreparedStatement on = connection.prepareStatement(sql.formatted("backlog"));
         PreparedStatement off = connection.prepareStatement(sql.formatted("backlog_nopush"))) {
      for (int i = 0; i < 10; i++) {
        Object[] values = {1 + r.nextInt(4), 1 + r.nextInt(12), 1 + r.nextInt(12),
            java.sql.Timestamp.valueOf("202" + (3 + r.nextInt(3)) + "-0" + (1 + r.nextInt(9))
                + "-1" + r.nextInt(10) + " 1" + r.nextInt(10) + ":30:00")};
        assertThat(run(on, values)).as("values %s", List.of(values)).isEqualTo(run(off, values));
      }
    }
  }

  private static List<List<Object>> run(PreparedStatement ps, Object[] values) throws Exception {
    for (int i = 0; i < values.length; i++) {
      ps.setObject(i + 1, values[i]);
    }
    try (ResultSet rs = ps.executeQuery()) {
      return new ArrayList<>(TestSources.rows(rs));
    }
  }
}
