package io.saasql.server;

import io.saasql.testing.TestSources;
import org.apache.calcite.avatica.remote.Driver;
import org.eclipse.jetty.util.security.Credential;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * HTTP BASIC and DIGEST authentication with users from a file (plain and hashed passwords) and
 * TLS with a key store. Wrong credentials get 401 and run nothing: no Calcite connection, no API
 * call.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class AuthenticationTest {
  private static final String QUERY = "SELECT IssueKey FROM backlog.Issues WHERE Id = 13";

  @TempDir static Path dir;
  private static Path usersFile;

  @BeforeAll static void writeUsers() throws Exception {
    usersFile = dir.resolve("users.properties");
    Files.writeString(usersFile, String.join("\n",
        "# name: password (plain, or hashed as Jetty reads it)",
        "alice: alice-secret",
        "bob: " + Credential.MD5.digest("bob-secret"),
        "carol: carol-secret, some-role", ""));
    Files.setPosixFilePermissions(usersFile, PosixFilePermissions.fromString("rw-------"));
  }

  @BeforeEach void clearLog() {
    TestSources.backlog().clearRequests();
  }

  private static String credentials(String user, String password) {
    return ";avatica_user=" + user + ";avatica_password=" + password;
  }

  private static String issueKey(String url) throws Exception {
    try (Connection c = DriverManager.getConnection(url);
         Statement s = c.createStatement(); ResultSet rs = s.executeQuery(QUERY)) {
      assertThat(rs.next()).isTrue();
      return rs.getString(1);
    }
  }

  @ParameterizedTest @EnumSource(Driver.Serialization.class)
  void basicAuthenticationLetsFileUsersInAndNobodyElse(Driver.Serialization serialization)
      throws Exception {
    try (RemoteJdbcServer server = TestServers.start(b -> b.serialization(serialization)
        .users(Users.fromFile(usersFile), ServerSettings.AuthScheme.BASIC))) {
      assertThat(server.jdbcUrl()).endsWith(";authentication=BASIC");
      assertThat(issueKey(server.jdbcUrl() + credentials("alice", "alice-secret"))).isEqualTo("SALES-7");
      assertThat(issueKey(server.jdbcUrl() + credentials("bob", "bob-secret"))).isEqualTo("SALES-7");
      assertThat(issueKey(server.jdbcUrl() + credentials("carol", "carol-secret"))).isEqualTo("SALES-7");
      assertThat(TestSources.backlogRequests()).hasSize(3);

      TestSources.backlog().clearRequests();
      for (String url : List.of(server.jdbcUrl() + credentials("alice", "wrong"),
          server.jdbcUrl() + credentials("mallory", "alice-secret"),
          server.jdbcUrl(),
          server.jdbcUrl().replace(";authentication=BASIC", ""))) {
        assertThatThrownBy(() -> issueKey(url)).hasMessageContaining("401");
      }
      assertThat(server.openConnections()).as("no Calcite connection for strangers").isZero();
      assertThat(TestSources.backlogRequests()).as("no API call for strangers").isEmpty();
    }
  }

  @Test void wrongCredentialsGet401BeforeAvaticaReadsTheRequest() throws Exception {
    try (RemoteJdbcServer server = TestServers.start(b -> b
        .users(Users.fromFile(usersFile), ServerSettings.AuthScheme.BASIC))) {
      HttpClient http = HttpClient.newHttpClient();
      byte[] anything = "{\"request\":\"openConnection\",\"connectionId\":\"x\"}"
          .getBytes(StandardCharsets.UTF_8);
      HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(server.baseUri())
          .POST(HttpRequest.BodyPublishers.ofByteArray(anything)).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(anonymous.statusCode()).isEqualTo(401);
      assertThat(anonymous.headers().firstValue("WWW-Authenticate"))
          .hasValueSatisfying(v -> assertThat(v).containsIgnoringCase("basic").contains("realm=\"saasql\""));
      HttpResponse<String> wrong = http.send(HttpRequest.newBuilder(server.baseUri())
          .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
              "alice:nope".getBytes(StandardCharsets.UTF_8)))
          .POST(HttpRequest.BodyPublishers.ofByteArray(anything)).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(wrong.statusCode()).isEqualTo(401);
      // The health endpoint answers without credentials.
      HttpResponse<String> health = http.send(HttpRequest.newBuilder(server.healthUri()).GET()
          .build(), HttpResponse.BodyHandlers.ofString());
      assertThat(health.statusCode()).isEqualTo(200);
      assertThat(health.body()).contains("\"status\":\"UP\"");
      assertThat(server.openConnections()).isZero();
    }
  }

  @ParameterizedTest @EnumSource(Driver.Serialization.class)
  void digestAuthentication(Driver.Serialization serialization) throws Exception {
    try (RemoteJdbcServer server = TestServers.start(b -> b.serialization(serialization)
        .users(Users.single("dave", "dave-secret"), ServerSettings.AuthScheme.DIGEST))) {
      assertThat(server.jdbcUrl()).endsWith(";authentication=DIGEST");
      assertThat(issueKey(server.jdbcUrl() + credentials("dave", "dave-secret"))).isEqualTo("SALES-7");
      assertThatThrownBy(() -> issueKey(server.jdbcUrl() + credentials("dave", "nope")))
          .hasMessageContaining("401");
      assertThat(TestSources.backlogRequests()).hasSize(1);
    }
  }

  @ParameterizedTest @EnumSource(Driver.Serialization.class)
  void tlsWithAKeyStore(Driver.Serialization serialization) throws Exception {
    Path keystore = TlsKeys.keystore(dir);
    try (RemoteJdbcServer server = TestServers.start(b -> b.serialization(serialization)
        .tls(keystore, TlsKeys.PASSWORD)
        .users(Users.single("erin", "erin-secret"), ServerSettings.AuthScheme.BASIC))) {
      assertThat(server.baseUri().getScheme()).isEqualTo("https");
      String trust = ";truststore=" + keystore + ";truststore_password=" + TlsKeys.PASSWORD;
      assertThat(issueKey(server.jdbcUrl() + trust + credentials("erin", "erin-secret")))
          .isEqualTo("SALES-7");
      // Without trusting the server's certificate, or over plain HTTP, nothing gets through.
      assertThatThrownBy(() -> issueKey(server.jdbcUrl() + credentials("erin", "erin-secret")))
          .isNotNull();
      String plain = server.jdbcUrl().replace("https://", "http://");
      // (Plain HTTP gets an answer, 400, rather than a closed connection: Avatica's client would
      // retry that forever.)
      assertThatThrownBy(() -> issueKey(plain + credentials("erin", "erin-secret")))
          .hasMessageContaining("HTTP/400");
      assertThat(TestSources.backlogRequests()).hasSize(1);
    }
  }

  /** A self-signed key store for 127.0.0.1, made once per test JVM with the JDK's keytool. */
  static final class TlsKeys {
    static final String PASSWORD = "changeit";
    private static Path keystore;

    static synchronized Path keystore(Path dir) throws Exception {
      if (keystore == null || !Files.exists(keystore)) {
        Path file = dir.resolve("server.p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process p = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "saasql",
            "-keyalg", "RSA", "-keysize", "2048", "-validity", "2", "-dname", "CN=localhost",
            "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-storetype", "PKCS12",
            "-keystore", file.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD)
            .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
          throw new IllegalStateException("keytool failed: " + output);
        }
        keystore = file;
      }
      return keystore;
    }
  }
}
