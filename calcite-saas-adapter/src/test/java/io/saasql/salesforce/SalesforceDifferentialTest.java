package io.saasql.salesforce;

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
 * Salesforce Account, Opportunity and Contact: generated queries return the same rows with
 * pushdown on and off and in Postgres over a copy, and pushdown costs at most one request more
 * than the naive scan (see {@link Differential#run}).
 */
class SalesforceDifferentialTest {
  private static Connection connection;
  private static Connection postgres;
  private static List<Differential.Table> tables;

  @BeforeAll static void connect() throws Exception {
    connection = TestSources.connect(TestSources.salesforceModel());
    postgres = GeneratedQueries.postgres();
    tables = DifferentialSources.salesforce(connection, "salesforce", "salesforce_nopush",
        TestSources.salesforce(), postgres);
  }

  @AfterAll static void close() throws Exception {
    DifferentialSources.drop(postgres);
    postgres.close();
    connection.close();
  }

  @Test void generatedQueriesAgree() throws Exception {
    GeneratedQueries.assertAgreement(Differential.run(tables, GeneratedQueries.queries(220),
        GeneratedQueries.prepared(30), GeneratedQueries.seed(11)));
  }
}
