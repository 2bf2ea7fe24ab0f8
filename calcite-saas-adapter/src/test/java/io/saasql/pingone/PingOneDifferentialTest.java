package io.saasql.pingone;

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

/**
 * PingOne Users (of the smaller environment, Production): pushdown on and off return the same
 * rows for generated predicates.
 */
class PingOneDifferentialTest {
  private static Connection connection;
  private static List<ObjectNode> users;
  private static List<String> populations;

  @BeforeAll static void connect() throws Exception {
    connection = TestSources.connect(TestSources.pingoneModel());
    users = TestSources.pingone().users("Production");
    populations = TestSources.pingone().populations("Production").stream()
        .map(p -> p.get("id").asText()).toList();
  }

  @AfterAll static void close() throws Exception {
    connection.close();
  }

  private static String value(Random r, String pointer) {
    ObjectNode u = users.get(r.nextInt(users.size()));
    String v = u.at(pointer).asText("");
    return v.isEmpty() ? "x" : v;
  }

  static String atom(Random r) {
    return switch (r.nextInt(16)) {
      case 0 -> "EmployeeType = " + literal(pick(r, "Contractor", "Employee", "Intern", "Temp",
          "External", "Unknown", "contractor"));
      case 1 -> "EmployeeType IN ('Temp', 'Intern', 'Contractor')";
      case 2 -> "Username = " + literal(value(r, "/username"));
      case 3 -> "Email LIKE " + literal(pick(r, "a%", "j%", "%@partner.example.net", "%.com",
          "ana+%", "%smith%", "Mark%"));
      case 4 -> "NameFamily = " + literal(pick(r, "Smith", "Jones", "O'Brien", "smith",
          value(r, "/name/family")));
      case 5 -> "NameGiven LIKE " + literal(value(r, "/name/given").substring(0, 1) + "%");
      case 6 -> "Title = " + literal(value(r, "/title"));
      case 7 -> "PopulationId = " + literal(populations.get(r.nextInt(populations.size())));
      case 8 -> "Enabled = " + pick(r, "true", "false");
      case 9 -> "Locale = " + literal(pick(r, "en-US", "ja-JP", "de-DE", "fr-FR"));
      case 10 -> "LifecycleStatus = 'VERIFICATION_REQUIRED'";
      case 11 -> "CreatedAt > TIMESTAMP '202" + (2 + r.nextInt(4)) + "-0" + (1 + r.nextInt(9))
          + "-01 00:00:00'";
      case 12 -> "EmployeeType <> 'Employee'";
      case 13 -> "Title IS NULL";
      case 14 -> "NameFamily IN (" + literal(value(r, "/name/family")) + ", 'Li', 'Smith-Jones')";
      default -> "Nickname LIKE " + literal(pick(r, "B%", "Bobby \"%", "%s"));
    };
  }

  @Test void pushdownOnAndOffReturnTheSameRows() throws Exception {
    Differential.Outcome o = Differential.compare(connection, "Production",
        "Production_nopush", "Users", "Id, Username, EmployeeType", "Id", 220, 5,
        r -> Differential.predicate(r, 0, PingOneDifferentialTest::atom)
            + (r.nextBoolean() ? " AND " + atom(r) : ""),
        () -> TestSources.pingone().requests().size());
    assertThat(o.nonEmpty()).isGreaterThan(o.predicates() / 3);
    assertThat(o.fewerRequests()).isGreaterThan(o.predicates() / 3);
  }
}
