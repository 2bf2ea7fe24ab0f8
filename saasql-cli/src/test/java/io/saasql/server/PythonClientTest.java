package io.saasql.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.saasql.sandbox.RecordedRequest;
import io.saasql.sandbox.SandboxServer;
import io.saasql.sandbox.postgres.DemoPostgres;
import io.saasql.testing.TestSources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Python client ({@code clients/python}) tested by a real interpreter: Debian's
 * {@code /usr/bin/python3} installs the package with pip, offline, then runs its pytest suite
 * against a real {@code saasql serve} started with the defaults (protobuf, no flag for Python)
 * over the shared sandboxes (Backlog, Salesforce, Bitbucket, the PingOne environment
 * {@code Administrators}) and the demo Postgres — the demo's schemas — and against a second
 * one with TLS and BASIC authentication.
 *
 * <p>pytest proves pushdown and writes by the sandboxes' own request logs, which this test
 * serves on a loopback port of its own ({@code GET /requests?source=backlog}), with switches
 * for the sandboxes' faults (credentials refused, rate limits, latency, server errors). This
 * test fails, with pytest's output, when any Python test fails; and fails, naming the apt-get
 * command, when the machine lacks Python, SQLAlchemy, pytest, pandas or pip.
 */
@Timeout(value = 180, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class PythonClientTest {
  static final String PYTHON = "/usr/bin/python3";
  static final String PACKAGES = "python3-sqlalchemy python3-pytest python3-pandas python3-pip";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test void pytestPassesAgainstARealServer() throws Exception {
    requirePython();
    Path client = clientDirectory();
    Path site = dir.resolve("site-packages");
    run("pip install", List.of(PYTHON, "-m", "pip", "install", "--quiet", "--no-index",
        "--no-deps", "--disable-pip-version-check", "--target",
        site.toString(), client.toString()), dir, Map.of(), Duration.ofSeconds(90));

    Path keystore = AuthenticationTest.TlsKeys.keystore(dir);
    Path cafile = pem(keystore);
    try (RemoteJdbcServer server = RemoteJdbcServer.start(
            ServerSettings.builder(model()).port(0).build());
         RemoteJdbcServer tls = TestServers.start(b -> b
             .tls(keystore, AuthenticationTest.TlsKeys.PASSWORD)
             .users(Users.single("erin", "erin-secret"), ServerSettings.AuthScheme.BASIC));
         SandboxControl control = new SandboxControl()) {
      Map<String, String> env = new HashMap<>();
      env.put("PYTHONPATH", site.toString());
      env.put("PYTHONDONTWRITEBYTECODE", "1");
      env.put("SAASQL_URL", server.baseUri().toString());
      env.put("SAASQL_SANDBOXES", control.url());
      env.put("SAASQL_TLS_URL", tls.baseUri().toString());
      env.put("SAASQL_TLS_USER", "erin");
      env.put("SAASQL_TLS_PASSWORD", "erin-secret");
      env.put("SAASQL_TLS_CAFILE", cafile.toString());
      // From a directory of its own, so that Python imports the installed package.
      run("pytest", List.of(PYTHON, "-m", "pytest", "-p", "no:cacheprovider", "-q", "-rfE", "--tb=short", "--durations=6",
          "--color=no", client.resolve("tests").toString()), site, env,
          Duration.ofSeconds(150));
    }
  }

  /** Fails, naming what to install, unless the machine's Python has what the tests need. */
  private static void requirePython() throws Exception {
    String install = "apt-get update && apt-get install -y " + PACKAGES;
    if (!Files.isExecutable(Path.of(PYTHON))) {
      throw new AssertionError(PYTHON + " is missing; install Debian's Python and the test"
          + " packages: " + install);
    }
    Process p = new ProcessBuilder(PYTHON, "-c", "import sqlalchemy, pytest, pandas, pip")
        .redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new AssertionError(PYTHON + " lacks SQLAlchemy, pytest, pandas or pip ("
          + output.strip() + "); install them: " + install);
    }
  }

  private static Path clientDirectory() {
    Path client = Path.of("").toAbsolutePath().getParent().resolve("clients").resolve("python");
    assertThat(client.resolve("pyproject.toml")).as("the Python client next to saasql-cli")
        .isRegularFile();
    return client;
  }

  private static void run(String what, List<String> command, Path workingDirectory,
      Map<String, String> env, Duration limit) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile())
        .redirectErrorStream(true);
    builder.environment().putAll(env);
    Process p = builder.start();
    StringBuilder output = new StringBuilder();
    Thread reader = new Thread(() -> {
      try (InputStream in = p.getInputStream()) {
        output.append(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      } catch (IOException e) {
        output.append("(output unreadable: ").append(e.getMessage()).append(')');
      }
    });
    reader.start();
    boolean finished = p.waitFor(limit.toSeconds(), TimeUnit.SECONDS);
    if (!finished) {
      p.destroyForcibly();
    }
    reader.join(5_000);
    if (!finished || p.exitValue() != 0) {
      throw new AssertionError(what + (finished ? " failed (exit " + p.exitValue() + ")"
          : " did not finish within " + limit.toSeconds() + " s") + ":\n" + output);
    }
    System.out.println(what + ":\n" + output);
  }

  /** The model of the demo's schemas over the shared sandboxes and the demo Postgres. */
  private Path model() throws IOException {
    List<Object> schemas = new ArrayList<>();
    schemas.add(JSON.readValue(TestSources.backlogSchema("backlog",
        TestSources.backlog().baseUrl(), true), Map.class));
    System.setProperty("BACKLOG_API_KEY", TestSources.backlog().apiKey());
    schemas.add(JSON.readValue(TestSources.salesforceSchema("salesforce", true, ""), Map.class));
    schemas.add(JSON.readValue(TestSources.bitbucketSchema("bitbucket", "acme", true, ""),
        Map.class));
    schemas.add(JSON.readValue(TestSources.pingoneSchema("Administrators", "Administrators",
        true, ""), Map.class));
    DemoPostgres pg = DemoPostgres.shared();
    // As the demo's model has it: tables and views only.
    Map<String, Object> pgSchema = new LinkedHashMap<>();
    pgSchema.put("name", "pg");
    pgSchema.put("type", "custom");
    pgSchema.put("factory", "io.saasql.core.jdbc.EnvironmentJdbcSchemaFactory");
    pgSchema.put("operand", Map.of("jdbcUrl", pg.jdbcUrl(), "jdbcUser", pg.user(),
        "jdbcPassword", pg.password(), "jdbcSchema", "salesforce"));
    schemas.add(pgSchema);
    Path file = dir.resolve("python-test-model.json");
    JSON.writeValue(file.toFile(), Map.of("version", "1.0", "defaultSchema", "backlog",
        "schemas", schemas));
    return file;
  }

  /** The TLS server's certificate as PEM, for Python's {@code cafile}. */
  private Path pem(Path keystore) throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keystore)) {
      store.load(in, AuthenticationTest.TlsKeys.PASSWORD.toCharArray());
    }
    String base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
        .encodeToString(store.getCertificate("saasql").getEncoded());
    Path file = dir.resolve("server.pem");
    Files.writeString(file, "-----BEGIN CERTIFICATE-----\n" + base64
        + "\n-----END CERTIFICATE-----\n");
    return file;
  }

  /**
   * The sandboxes' request logs and fault switches over HTTP, for pytest (test only, loopback):
   * {@code GET /requests?source=S} lists what sandbox S received ({@code describe}: method,
   * path and query without credentials; {@code status}; {@code body}), {@code POST /reset}
   * clears every log and fault, and {@code POST /fault?source=S&kind=K&…} arms one:
   * {@code fail} ({@code count}, {@code status}), {@code rateLimit} ({@code count},
   * {@code retryAfter}), {@code latency} ({@code ms}).
   */
  static final class SandboxControl implements AutoCloseable {
    private final HttpServer http;

    SandboxControl() throws IOException {
      http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      http.createContext("/", this::handle);
      http.start();
    }

    String url() {
      return "http://127.0.0.1:" + http.getAddress().getPort();
    }

    private static Map<String, SandboxServer> sandboxes() {
      return Map.of("backlog", TestSources.backlog(), "salesforce", TestSources.salesforce(),
          "bitbucket", TestSources.bitbucket(), "pingone", TestSources.pingone());
    }

    private void handle(HttpExchange exchange) throws IOException {
      int status = 200;
      byte[] body;
      try {
        Map<String, String> q = query(exchange.getRequestURI().getRawQuery());
        String path = exchange.getRequestURI().getPath();
        if (path.equals("/requests")) {
          ArrayNode list = JSON.createArrayNode();
          for (RecordedRequest r : sandbox(q).requests()) {
            ObjectNode o = list.addObject();
            o.put("describe", r.describe());
            o.put("method", r.method());
            o.put("path", r.path());
            o.put("status", r.status());
            o.put("body", r.body());
          }
          body = JSON.writeValueAsBytes(list);
        } else if (path.equals("/reset")) {
          for (SandboxServer s : sandboxes().values()) {
            s.faults().reset();
            s.clearRequests();
          }
          body = "{}".getBytes(StandardCharsets.UTF_8);
        } else if (path.equals("/fault")) {
          SandboxServer s = sandbox(q);
          switch (q.get("kind")) {
            case "fail" -> s.faults().failNext(Integer.parseInt(q.get("count")),
                Integer.parseInt(q.get("status")));
            case "rateLimit" -> s.faults().rateLimitNext(Integer.parseInt(q.get("count")),
                Integer.parseInt(q.get("retryAfter")));
            case "latency" -> s.faults().latency(Duration.ofMillis(Long.parseLong(q.get("ms"))));
            default -> throw new IllegalArgumentException("unknown fault " + q.get("kind"));
          }
          body = "{}".getBytes(StandardCharsets.UTF_8);
        } else {
          status = 404;
          body = "{}".getBytes(StandardCharsets.UTF_8);
        }
      } catch (RuntimeException e) {
        status = 400;
        body = JSON.writeValueAsBytes(Map.of("error", String.valueOf(e.getMessage())));
      }
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(status, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    }

    private static SandboxServer sandbox(Map<String, String> q) {
      SandboxServer s = sandboxes().get(q.get("source"));
      if (s == null) {
        throw new IllegalArgumentException("unknown source " + q.get("source"));
      }
      return s;
    }

    private static Map<String, String> query(String raw) {
      Map<String, String> q = new HashMap<>();
      if (raw != null) {
        for (String pair : raw.split("&")) {
          int eq = pair.indexOf('=');
          q.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
              eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
      }
      return q;
    }

    @Override public void close() {
      http.stop(0);
    }
  }
}
