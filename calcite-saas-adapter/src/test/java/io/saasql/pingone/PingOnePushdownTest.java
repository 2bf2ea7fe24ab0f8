package io.saasql.pingone;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.saasql.sandbox.RecordedRequest;
import io.saasql.sandbox.pingone.PingOneSandbox;
import io.saasql.testing.TestSources;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PingOne pushdown, proven by the sandbox's request log: SCIM filters for what PingOne can say,
 * nothing for what it cannot, the same rows either way.
 */
class PingOnePushdownTest {
  private static Connection connection;
  private static PingOneSandbox sandbox;
  private static List<ObjectNode> users;
  private static String usersPath;

  @BeforeAll static void connect() throws Exception {
    sandbox = TestSources.pingone();
    connection = TestSources.connect(TestSources.pingoneModel());
    users = sandbox.users("Administrators");
    usersPath = "/v1/environments/" + sandbox.environmentId("Administrators") + "/users";
  }

  @AfterAll static void close() throws Exception {
    connection.close();
  }

  @BeforeEach void clearLog() {
    sandbox.faults().reset();
    sandbox.clearRequests();
  }

  /** The API requests (token requests left out). */
  private static List<RecordedRequest> apiRequests() {
    return sandbox.requests().stream().filter(r -> r.path().startsWith("/v1/")).toList();
  }

  private static List<String> ids(String sql) throws Exception {
    List<String> out = new ArrayList<>();
    for (List<Object> row : TestSources.rows(connection, sql)) {
      out.add((String) row.get(0));
    }
    return out;
  }

  private static List<String> expected(Predicate<JsonNode> p) {
    return users.stream().filter(p).map(u -> u.get("id").asText()).sorted().toList();
  }

  private static String text(JsonNode u, String pointer) {
    JsonNode n = u.at(pointer);
    return n.isMissingNode() || n.isNull() ? null : n.asText();
  }

  /** Every request is a page of the users listing with exactly this filter. */
  private static void assertUserPages(String filter) {
    List<RecordedRequest> log = apiRequests();
    assertThat(log).isNotEmpty();
    for (RecordedRequest r : log) {
      assertThat(r.path()).isEqualTo(usersPath);
      if (filter == null) {
        assertThat(r.query().containsKey("filter")).as(r.describe()).isFalse();
      } else {
        assertThat(r.query().get("filter")).as(r.describe()).containsExactly(filter);
      }
    }
  }

  @Test void contractorsByEmployeeTypeAcrossPages() throws Exception {
    List<String> got = ids("SELECT Id, Username FROM Administrators.Users"
        + " WHERE EmployeeType = 'Contractor' ORDER BY Id");
    List<String> want = expected(u -> "Contractor".equals(text(u, "/type")));
    assertThat(want.size()).as("more contractors than one page holds").isGreaterThan(200);
    assertThat(got).isEqualTo(want);
    assertUserPages("type eq \"Contractor\"");
    assertThat(apiRequests()).hasSize((want.size() + 199) / 200);
    RecordedRequest first = apiRequests().get(0);
    assertThat(first.query().keySet()).containsExactlyInAnyOrder("filter", "limit");
  }

  @Test void emailSuffixAndFamilyNamesArePushedWhole() throws Exception {
    List<String> got = ids("SELECT Id FROM Administrators.Users WHERE Email LIKE '%@example.com'"
        + " AND (NameFamily = 'Smith' OR NameFamily = 'Jones') ORDER BY Id");
    List<String> want = expected(u -> text(u, "/email") != null
        && text(u, "/email").endsWith("@example.com")
        && text(u, "/name/family") != null // a user may have no name
        && List.of("Smith", "Jones").contains(text(u, "/name/family")));
    assertThat(got).isNotEmpty().isEqualTo(want);
    RecordedRequest r = apiRequests().get(0);
    String filter = r.query().get("filter").get(0);
    assertThat(filter).contains("email ew \"@example.com\"")
        .contains("name.family eq \"Smith\"").contains("name.family eq \"Jones\"");
    assertThat(filter).matches("\\(.*\\) and \\(.*\\)");
  }

  @Test void createdAtIsNotPushedButAnsweredCorrectly() throws Exception {
    List<String> got = ids("SELECT Id FROM Administrators.Users"
        + " WHERE CreatedAt > TIMESTAMP '2025-01-01 00:00:00' ORDER BY Id");
    List<String> want = expected(u -> text(u, "/createdAt").compareTo("2025-01-01T00:00:00") > 0);
    assertThat(got).isNotEmpty().isEqualTo(want);
    assertUserPages(null);
  }

  @Test void quotesAndBackslashesMatchExactlyTheirRow() throws Exception {
    List<String> nick = ids("SELECT Id FROM Administrators.Users WHERE Nickname = 'Bobby \"Tables\"'");
    assertThat(nick).isEqualTo(expected(u -> "Bobby \"Tables\"".equals(text(u, "/nickname"))))
        .hasSize(1);
    assertThat(apiRequests().get(0).query().get("filter"))
        .containsExactly("nickname eq \"Bobby \\\"Tables\\\"\"");
    sandbox.clearRequests();
    List<String> title = ids("SELECT Id FROM Administrators.Users WHERE Title = 'Sales\\Marketing Liaison'");
    assertThat(title).isEqualTo(expected(u -> "Sales\\Marketing Liaison".equals(text(u, "/title"))))
        .hasSize(1);
    assertThat(apiRequests().get(0).query().get("filter"))
        .containsExactly("title eq \"Sales\\\\Marketing Liaison\"");
    sandbox.clearRequests();
    assertThat(ids("SELECT Id FROM Administrators.Users WHERE Nickname = 'Bobby \" or username sw \"'"))
        .isEmpty();
  }

  @Test void idIsOneGetAndUnknownIdIsNoRow() throws Exception {
    String id = users.get(5).get("id").asText();
    assertThat(ids("SELECT Id FROM Administrators.Users WHERE Id = '" + id + "'")).containsExactly(id);
    assertThat(apiRequests()).extracting(RecordedRequest::path).containsExactly(usersPath + "/" + id);
    sandbox.clearRequests();
    assertThat(ids("SELECT Id FROM Administrators.Users WHERE Id = 'no-such-user'")).isEmpty();
    assertThat(apiRequests()).extracting(RecordedRequest::path).containsExactly(usersPath + "/no-such-user");
  }

  @Test void preparedStatementPushesEachBoundValue() throws Exception {
    try (PreparedStatement ps = connection.prepareStatement(
        "SELECT Id FROM Administrators.Users WHERE EmployeeType = ? AND Enabled = ?")) {
      for (String type : new String[] {"Intern", "Temp"}) {
        sandbox.clearRequests();
        ps.setString(1, type);
        ps.setBoolean(2, true);
        List<String> got = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            got.add(rs.getString(1));
          }
        }
        assertThat(got).containsExactlyInAnyOrderElementsOf(expected(
            u -> type.equals(text(u, "/type")) && u.path("enabled").asBoolean()));
        assertUserPages("(type eq \"" + type + "\") and (enabled eq true)");
      }
    }
  }

  @Test void groupMembershipsUseTheMemberOfGroupsFilter() throws Exception {
    String engineering = sandbox.groups("Administrators").stream()
        .filter(g -> g.get("name").asText().equals("Engineering")).findFirst().get()
        .get("id").asText();
    List<String> got = ids("SELECT UserId FROM Administrators.GroupMemberships WHERE GroupId = '"
        + engineering + "' ORDER BY UserId");
    assertThat(got).isEqualTo(sandbox.groupMembers("Administrators").get(engineering).stream()
        .sorted().toList());
    assertThat(apiRequests()).allSatisfy(r -> assertThat(r.query().get("filter"))
        .containsExactly("memberOfGroups[id eq \"" + engineering + "\"]"));
  }

  @Test void oneTokenServesManyQueriesAndAnExpiredOneIsRenewedOnce() throws Exception {
    ids("SELECT Id FROM Administrators.Users WHERE EmployeeType = 'Employee'");
    int before = sandbox.tokensIssued();
    ids("SELECT Id FROM Administrators.Users WHERE EmployeeType = 'Contractor'");
    ids("SELECT Id FROM Administrators.Users");
    assertThat(sandbox.tokensIssued()).isEqualTo(before);
    sandbox.expireAllTokens();
    sandbox.clearRequests();
    List<String> got = ids("SELECT Id FROM Administrators.Users WHERE EmployeeType = 'Intern'");
    assertThat(got).hasSize(expected(u -> "Intern".equals(text(u, "/type"))).size());
    assertThat(sandbox.tokensIssued()).isEqualTo(before + 1);
    assertThat(apiRequests().get(0).status()).isEqualTo(401);
    assertThat(apiRequests().subList(1, apiRequests().size()))
        .allSatisfy(r -> assertThat(r.status()).isEqualTo(200));
  }

  @Test void limitBecomesThePageLimit() throws Exception {
    assertThat(ids("SELECT Id FROM Administrators.Users LIMIT 3")).hasSize(3);
    assertThat(apiRequests()).hasSize(1);
    assertThat(apiRequests().get(0).query().get("limit")).containsExactly("4");
  }

  @Test void aLimitOverATextFilterReadsPagesUntilEnoughRowsPass() throws Exception {
    // SCIM matches text without case, so Calcite re-checks the filter and the page size stays.
    assertThat(ids("SELECT Id FROM Administrators.Users WHERE EmployeeType = 'Intern' LIMIT 3"))
        .hasSize(3);
    assertThat(apiRequests()).hasSize(1);
    assertThat(apiRequests().get(0).query().get("filter")).containsExactly("type eq \"Intern\"");
    assertThat(apiRequests().get(0).query().get("limit")).doesNotContain("4");
  }

  @Test void rateLimitIsWaitedOut() throws Exception {
    sandbox.faults().rateLimitNext(1, 1);
    List<String> got = ids("SELECT Id FROM Administrators.Users WHERE EmployeeType = 'Temp'");
    assertThat(got).hasSize(expected(u -> "Temp".equals(text(u, "/type"))).size());
    assertThat(apiRequests().get(0).status()).isEqualTo(429);
  }
}
