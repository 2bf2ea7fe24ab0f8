package io.saasql.salesforce;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.saasql.testing.Differential;
import io.saasql.testing.TestSources;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.util.List;
import java.util.Random;

import static io.saasql.testing.Differential.literal;
import static io.saasql.testing.Differential.pick;
import static org.assertj.core.api.Assertions.assertThat;

/** Salesforce Account: pushdown on and off return the same rows for generated predicates. */
class SalesforceDifferentialTest {
  private static Connection connection;
  private static List<ObjectNode> accounts;

  @BeforeAll static void connect() throws Exception {
    connection = TestSources.connect(TestSources.salesforceModel());
    accounts = TestSources.salesforce().records("Account");
  }

  @AfterAll static void close() throws Exception {
    connection.close();
  }

  private static String name(Random r) {
    return accounts.get(r.nextInt(accounts.size())).path("Name").asText();
  }

  static String atom(Random r) {
    return switch (r.nextInt(18)) {
      case 0 -> "Industry = " + literal(pick(r, "Energy", "Retail", "Technology", "technology",
          "Banking", "Engineering"));
      case 1 -> "Industry IN ('Energy', 'Retail', 'Food & Beverage')";
      case 2 -> "Industry <> 'Technology'";
      case 3 -> "Industry IS NULL";
      case 4 -> "Name = " + literal(pick(r, name(r), "ACME Widgets", "acme widgets",
          "It's 50% Off_Retail \\ \"Outlet\"", "O'Reilly Media", "Back\\Slash Studios"));
      case 5 -> "Name LIKE " + literal(pick(r, "Ac%", "%Labs", "%Natural%", "100\\%%",
          "Under_score%", "%'%", "_cme%", "O''%"));
      case 6 -> "AnnualRevenue > " + pick(r, "1000000", "50000000", "1000000000");
      case 7 -> "AnnualRevenue BETWEEN 10000000 AND 200000000";
      case 8 -> "AnnualRevenue IS NULL";
      case 9 -> "NumberOfEmployees IN (" + pick(r, "80, 150", "12000, 48000, 45", "320") + ")";
      case 10 -> "NumberOfEmployees >= " + pick(r, "100", "5000");
      case 11 -> "Type = " + literal(pick(r, "Prospect", "Customer - Direct", "Other"));
      case 12 -> "BillingCountry IN ('Japan', 'France', 'USA')";
      case 13 -> "CreatedDate >= TIMESTAMP '202" + r.nextInt(5) + "-0" + (1 + r.nextInt(9))
          + "-15 12:00:00'";
      case 14 -> "CreatedDate < TIMESTAMP '2022-01-01 00:00:00'";
      case 15 -> "Description LIKE '%a%'";
      case 16 -> "Rating = " + literal(pick(r, "Hot", "Warm", "Cold"));
      default -> "NumberOfEmployees <> 1200";
    };
  }

  @Test void pushdownOnAndOffReturnTheSameRows() throws Exception {
    Differential.Outcome o = Differential.compare(connection, "salesforce", "salesforce_nopush",
        "Account", "Id, Name, Industry, AnnualRevenue", "Id", 240, 11,
        r -> Differential.predicate(r, 0, SalesforceDifferentialTest::atom)
            + (r.nextBoolean() ? " AND " + atom(r) : ""),
        () -> TestSources.salesforce().requests().size());
    assertThat(o.nonEmpty()).isGreaterThan(o.predicates() / 3);
  }
}
