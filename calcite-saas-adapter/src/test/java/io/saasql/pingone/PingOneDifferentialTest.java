package io.saasql.pingone;

import io.saasql.testing.Differential;
import io.saasql.testing.DifferentialSources;
import io.saasql.testing.GeneratedQueries;
import io.saasql.testing.TestSources;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.util.List;

/**
 * PingOne Users, Groups and Populations (of the smaller environment, Production): generated
 * queries return the same rows with pushdown on and off and in Postgres over a copy, and
 * pushdown costs at most one request more than the naive scan (see {@link Differential#run}).
 */
class PingOneDifferentialTest {
  private static Connection connection;
  private static Connection postgres;
  private static List<Differential.Table> tables;

  @BeforeAll static void connect() throws Exception {
    connection = TestSources.connect(TestSources.pingoneModel());
    postgres = GeneratedQueries.postgres();
    tables = DifferentialSources.pingone(connection, "Production", "Production_nopush",
        TestSources.pingone(), "Production", postgres);
  }

  @AfterAll static void close() throws Exception {
    DifferentialSources.drop(postgres);
    postgres.close();
    connection.close();
  }

  @Test void generatedQueriesAgree() throws Exception {
    GeneratedQueries.assertAgreement(Differential.run(tables, GeneratedQueries.queries(220),
        GeneratedQueries.prepared(30), GeneratedQueries.seed(5)));
  }

  /**
   * The same with the sandbox's filters reading SCIM as RFC 7644 does for attributes that are
   * not caseExact (ignoring case), which PingOne's documentation does not: pushdown must be right
   * under either reading.
   */
  @Test void generatedQueriesAgreeWhenFiltersIgnoreCase() throws Exception {
    TestSources.pingone().filtersIgnoreCase(true);
    try {
      GeneratedQueries.assertAgreement(Differential.run(List.of(tables.get(0)),
          GeneratedQueries.queries(220) / 4, GeneratedQueries.prepared(30) / 5,
          GeneratedQueries.seed(5) + 100));
    } finally {
      TestSources.pingone().filtersIgnoreCase(false);
    }
  }
}
