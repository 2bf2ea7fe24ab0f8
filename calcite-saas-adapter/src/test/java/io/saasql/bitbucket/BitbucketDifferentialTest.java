package io.saasql.bitbucket;

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
 * Bitbucket Issues, PullRequests, Repositories and Workspaces: generated queries return the same
 * rows with pushdown on and off and in Postgres over a copy, and pushdown costs at most one
 * request more than the naive scan (see {@link Differential#run}).
 */
class BitbucketDifferentialTest {
  private static Connection connection;
  private static Connection postgres;
  private static List<Differential.Table> tables;

  @BeforeAll static void connect() throws Exception {
    connection = TestSources.connect(TestSources.bitbucketModel());
    postgres = GeneratedQueries.postgres();
    tables = DifferentialSources.bitbucket(connection, "bitbucket", "bitbucket_nopush",
        TestSources.bitbucket(), "acme", postgres);
  }

  @AfterAll static void close() throws Exception {
    DifferentialSources.drop(postgres);
    postgres.close();
    connection.close();
  }

  @Test void generatedQueriesAgree() throws Exception {
    GeneratedQueries.assertAgreement(Differential.run(tables, GeneratedQueries.queries(220),
        GeneratedQueries.prepared(30), GeneratedQueries.seed(17)));
  }
}
