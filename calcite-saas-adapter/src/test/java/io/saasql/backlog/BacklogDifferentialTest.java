package io.saasql.backlog;

import io.saasql.testing.Differential;
import io.saasql.testing.DifferentialSources;
import io.saasql.testing.GeneratedQueries;
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
 * Correctness of pushdown, differentially: generated queries over Issues, Projects and Users
 * return the same rows with pushdown on and off (every row fetched, Calcite evaluating
 * everything) and in Postgres over a copy, and pushdown costs at most one request more than the
 * naive scan (see {@link Differential#run}).
 */
class BacklogDifferentialTest {
  private static Connection connection;
  private static Connection postgres;
  private static List<Differential.Table> tables;

  @BeforeAll static void connect() throws Exception {
    connection = TestSources.connect(TestSources.backlogModel());
    postgres = GeneratedQueries.postgres();
    tables = DifferentialSources.backlog(connection, "backlog", "backlog_nopush",
        TestSources.backlog(), postgres);
  }

  @AfterAll static void close() throws Exception {
    DifferentialSources.drop(postgres);
    postgres.close();
    connection.close();
  }

  @Test void generatedQueriesAgree() throws Exception {
    // 200, not 220 as for the other sources: a Backlog scan is 27 pages, and the test's time
    // is mostly the scans of predicates Backlog cannot take.
    GeneratedQueries.assertAgreement(Differential.run(tables, GeneratedQueries.queries(200),
        GeneratedQueries.prepared(24), GeneratedQueries.seed(20261121)));
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
