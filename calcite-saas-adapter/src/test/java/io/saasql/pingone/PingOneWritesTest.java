package io.saasql.pingone;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.saasql.sandbox.pingone.PingOneSandbox;
import io.saasql.testing.TestSources;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Writes to PingOne users, against a sandbox of its own. */
class PingOneWritesTest {
  private static PingOneSandbox sandbox;
  private static Connection connection;
  private static String usersPath;

  @BeforeAll static void start() throws Exception {
    sandbox = new PingOneSandbox().start();
    String env = sandbox.environmentId("Production");
    usersPath = "/v1/environments/" + env + "/users";
    String model = "{\"version\":\"1.0\",\"schemas\":[{\"name\":\"Production\",\"type\":\"custom\","
        + "\"factory\":\"io.saasql.pingone.PingOneSchemaFactory\",\"operand\":{"
        + "\"environmentId\":\"" + env + "\",\"clientId\":\"" + sandbox.clientId("Production")
        + "\",\"clientSecret\":\"" + sandbox.clientSecret("Production") + "\",\"baseUrl\":\""
        + sandbox.baseUrl() + "\",\"tokenUrl\":\"" + sandbox.authBaseUrl() + "/" + env + "/as/token\"}}]}";
    connection = TestSources.connectSaasql(model);
  }

  @AfterAll static void stop() throws Exception {
    connection.close();
    sandbox.close();
  }

  @BeforeEach void reset() {
    sandbox.faults().reset();
    sandbox.clearRequests();
  }

  private static int update(String sql) throws SQLException {
    return TestSources.update(connection, sql);
  }

  @Test void createChangeAndDeleteAUser() throws Exception {
    int before = sandbox.userCount("Production");
    assertThat(update("INSERT INTO Production.Users (Username, Email, EmployeeType, NameGiven,"
        + " NameFamily) VALUES ('zoe.o', 'zoe.o@example.com', 'Contractor', 'Zoë', 'O''Hara')"))
        .isEqualTo(1);
    ObjectNode user = sandbox.userByUsername("Production", "zoe.o").orElseThrow();
    assertThat(user.get("type").asText()).isEqualTo("Contractor");
    assertThat(user.at("/name/family").asText()).isEqualTo("O'Hara");
    assertThat(sandbox.userCount("Production")).isEqualTo(before + 1);
    String id = user.get("id").asText();

    sandbox.clearRequests();
    assertThat(update("UPDATE Production.Users SET EmployeeType = 'Employee', Title = NULL"
        + " WHERE Username = 'zoe.o'")).isEqualTo(1);
    assertThat(sandbox.requests()).extracting(r -> r.method() + " " + r.path())
        .contains("PATCH " + usersPath + "/" + id);
    assertThat(sandbox.user("Production", id).get("type").asText()).isEqualTo("Employee");

    sandbox.clearRequests();
    assertThat(update("DELETE FROM Production.Users WHERE Id = '" + id + "'")).isEqualTo(1);
    assertThat(sandbox.requests()).extracting(r -> r.method() + " " + r.path())
        .containsExactly("DELETE " + usersPath + "/" + id);
    assertThat(sandbox.user("Production", id)).isNull();
  }

  @Test void aTakenUsernameIsTheApisClearError() {
    String taken = sandbox.users("Production").get(0).get("username").asText();
    assertThatThrownBy(() -> update("INSERT INTO Production.Users (Username, Email)"
        + " VALUES ('" + taken + "', 'someone.else@example.com')"))
        .hasMessageContaining("HTTP 409").hasMessageContaining("UNIQUENESS_VIOLATION")
        .hasMessageContaining("No row was written");
  }

  @Test void enabledAndPopulationAreNotUpdatableThroughTheUser() {
    assertThatThrownBy(() -> update("UPDATE Production.Users SET Enabled = false WHERE Username = 'x'"))
        .hasMessageContaining("Column Users.Enabled cannot be updated");
    assertThatThrownBy(() -> update("UPDATE Production.Users SET PopulationId = 'p' WHERE Username = 'x'"))
        .hasMessageContaining("Column Users.PopulationId cannot be updated");
    assertThat(sandbox.requests()).noneMatch(r -> r.path().startsWith("/v1/"));
  }
}
