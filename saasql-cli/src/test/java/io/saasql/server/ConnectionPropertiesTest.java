package io.saasql.server;

import io.saasql.testing.TestSources;
import org.apache.calcite.avatica.AvaticaClientRuntimeException;
import org.apache.calcite.avatica.remote.Driver;
import org.apache.calcite.avatica.remote.JsonService;
import org.apache.calcite.avatica.remote.ProtobufTranslationImpl;
import org.apache.calcite.avatica.remote.Service;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A remote client cannot choose the model, load a class or read a file through connection
 * properties: such properties are refused before anything is loaded, with an error naming them.
 * Harmless ones keep working. "Nothing is loaded" is proven by {@link ProbeSchemaFactory}, whose
 * static initializer flips a flag; the last test shows that the flag does flip when Calcite is
 * given the same property directly.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConnectionPropertiesTest {
  private static final String PROBE = ProbeSchemaFactory.class.getName();

  @TempDir static Path dir;

  /** A model of its own, whose only schema is made by the probe. */
  private static Path otherModel() throws IOException {
    Path file = dir.resolve("other.json");
    Files.writeString(file, probeModel());
    return file;
  }

  private static String probeModel() {
    return "{\"version\":\"1.0\",\"defaultSchema\":\"x\",\"schemas\":[{\"name\":\"x\","
        + "\"type\":\"custom\",\"factory\":\"" + PROBE + "\"}]}";
  }

  static Stream<Arguments> refusedProperties() throws IOException {
    Path other = otherModel();
    List<Map.Entry<String, String>> properties = List.of(
        Map.entry("model", other.toString()),
        Map.entry("model", "inline:" + probeModel()),
        Map.entry("MODEL", other.toString()),
        Map.entry("schemaFactory", PROBE),
        Map.entry("SCHEMA_FACTORY", PROBE),
        Map.entry("schemafactory", PROBE),
        Map.entry("schemaType", "CUSTOM"),
        Map.entry("parserFactory", PROBE + "#INSTANCE"),
        Map.entry("typeSystem", PROBE),
        Map.entry("metaTableFactory", PROBE),
        Map.entry("metaColumnFactory", PROBE),
        Map.entry("spark", "true"),
        Map.entry("lex", "JAVA"),
        Map.entry("caseSensitive", "true"),
        Map.entry("unquotedCasing", "TO_UPPER"),
        Map.entry("someFutureCalciteProperty", "secret-value"));
    return TestServers.serializations().stream()
        .flatMap(s -> properties.stream().map(p -> Arguments.of(s, p.getKey(), p.getValue())));
  }

  @Order(1)
  @ParameterizedTest(name = "{0} {1}={2}") @MethodSource("refusedProperties")
  void propertyIsRefusedBeforeAnythingIsLoaded(Driver.Serialization serialization, String name,
      String value) {
    RemoteJdbcServer server = TestServers.shared(serialization);
    long connections = server.openConnections();
    Properties p = new Properties();
    p.setProperty(name, value);
    assertThatThrownBy(() -> DriverManager.getConnection(server.jdbcUrl(), p).close())
        // Avatica's Driver.connect rethrows the server's error unwrapped: an unchecked exception
        // carrying the server's message and SQL state.
        .isInstanceOfSatisfying(AvaticaClientRuntimeException.class, e -> {
          assertThat(e.getSqlState()).isEqualTo(ConnectionPropertyPolicy.REFUSED_SQL_STATE);
          assertThat(e.getErrorCode()).isEqualTo(ConnectionPropertyPolicy.REFUSED_ERROR_CODE);
          assertThat(e.getMessage()).contains("'" + name + "' refused")
              .doesNotContain(value);
        });
    assertThat(ProbeSchemaFactory.Probe.LOADED).as("probe class loaded").isFalse();
    assertThat(server.openConnections()).isEqualTo(connections);
  }

  @Order(1)
  @ParameterizedTest @EnumSource(Driver.Serialization.class)
  void refusalNamesEveryRefusedPropertyAndWhy(Driver.Serialization serialization) throws Exception {
    Properties p = new Properties();
    p.setProperty("model", otherModel().toString());
    p.setProperty("schemaFactory", PROBE);
    p.setProperty("lex", "MYSQL");
    assertThatThrownBy(() -> TestServers.connect(TestServers.shared(serialization), p))
        .hasMessageContaining("'model'").hasMessageContaining("'schemaFactory'")
        .hasMessageContaining("'lex'")
        .hasMessageContaining("the server serves one model")
        .hasMessageContaining("names a class to load")
        .hasMessageContaining("fixes name matching")
        .hasMessageContaining("A client may set: ");
    assertThat(ProbeSchemaFactory.Probe.LOADED).isFalse();
  }

  /**
   * Avatica's driver keeps {@code factory}, {@code schema} and {@code timeZone} to itself; a
   * hand-made client can still send them. The server refuses the first two all the same.
   */
  @Order(1)
  @ParameterizedTest @EnumSource(Driver.Serialization.class)
  void handMadeRequestsAreCheckedToo(Driver.Serialization serialization) throws Exception {
    RemoteJdbcServer server = TestServers.shared(serialization);
    for (Map<String, String> info : List.of(Map.of("factory", PROBE), Map.of("schema", "pg"),
        Map.of("model", "inline:" + probeModel()), Map.of("schemaFactory", PROBE))) {
      Service.Response response = openConnection(server, info);
      assertThat(response).isInstanceOfSatisfying(Service.ErrorResponse.class, e -> {
        assertThat(e.sqlState).isEqualTo(ConnectionPropertyPolicy.REFUSED_SQL_STATE);
        assertThat(e.errorMessage).contains("'" + info.keySet().iterator().next() + "' refused");
      });
    }
    assertThat(ProbeSchemaFactory.Probe.LOADED).isFalse();
    // The same hand-made request without them opens a connection.
    assertThat(openConnection(server, Map.of("timeZone", "UTC")))
        .isInstanceOf(Service.OpenConnectionResponse.class);
  }

  @Order(1)
  @ParameterizedTest @EnumSource(Driver.Serialization.class)
  void harmlessPropertiesKeepWorking(Driver.Serialization serialization) throws Exception {
    RemoteJdbcServer server = TestServers.shared(serialization);
    Properties p = new Properties();
    p.setProperty("fun", "oracle");
    p.setProperty("conformance", "LENIENT");
    p.setProperty("quoting", "BACK_TICK");
    p.setProperty("timeZone", "UTC");
    p.setProperty("user", "someone");
    p.setProperty("password", "whatever");
    p.setProperty(ConnectionPropertyPolicy.QUERY_TIMEOUT, "30");
    // fetch_size is the driver's own: it is never sent, and it works.
    try (Connection c = DriverManager.getConnection(server.jdbcUrl() + ";fetch_size=50", p);
         Statement s = c.createStatement()) {
      assertThat(s.getFetchSize()).isEqualTo(50);
      try (ResultSet rs = s.executeQuery(
          "SELECT NVL(CAST(NULL AS VARCHAR(5)), 'fun'), `IssueKey` FROM backlog.Issues WHERE Id = 13")) {
        assertThat(TestSources.rows(rs)).containsExactly(List.of("fun", "SALES-7"));
      }
    }
  }

  @Order(2)
  @Test void withoutTheServerTheSamePropertyLoadsTheClass() throws Exception {
    // The probe works: Calcite itself, given the property, loads the class.
    assertThat(ProbeSchemaFactory.Probe.LOADED).isFalse();
    Properties p = new Properties();
    p.setProperty("schemaFactory", PROBE);
    DriverManager.getConnection("jdbc:calcite:", p).close();
    assertThat(ProbeSchemaFactory.Probe.LOADED).isTrue();
  }

  /** An open-connection request sent without Avatica's driver, in the server's serialization. */
  private static Service.Response openConnection(RemoteJdbcServer server, Map<String, String> info)
      throws Exception {
    Service.OpenConnectionRequest request =
        new Service.OpenConnectionRequest(UUID.randomUUID().toString(), info);
    HttpClient http = HttpClient.newHttpClient();
    if (server.settings().serialization() == Driver.Serialization.JSON) {
      String body = JsonService.MAPPER.writeValueAsString(request);
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(server.baseUri())
          .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
          HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return JsonService.MAPPER.readValue(response.body(), Service.Response.class);
    }
    ProtobufTranslationImpl translation = new ProtobufTranslationImpl();
    HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(
        server.baseUri().toString()))
        .POST(HttpRequest.BodyPublishers.ofByteArray(translation.serializeRequest(request)))
        .build(), HttpResponse.BodyHandlers.ofByteArray());
    return translation.parseResponse(response.body());
  }
}
