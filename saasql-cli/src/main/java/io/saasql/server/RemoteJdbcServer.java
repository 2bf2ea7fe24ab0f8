package io.saasql.server;

import io.saasql.cli.ConnectionUrls;
import org.apache.calcite.avatica.jdbc.JdbcMeta;
import org.apache.calcite.avatica.remote.LocalService;
import org.apache.calcite.avatica.remote.Service;
import org.apache.calcite.avatica.server.AvaticaHandler;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.security.ConstraintMapping;
import org.eclipse.jetty.security.ConstraintSecurityHandler;
import org.eclipse.jetty.security.HashLoginService;
import org.eclipse.jetty.security.authentication.BasicAuthenticator;
import org.eclipse.jetty.security.authentication.DigestAuthenticator;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.DetectorConnectionFactory;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.server.handler.AbstractHandler;
import org.eclipse.jetty.server.handler.HandlerList;
import org.eclipse.jetty.server.handler.StatisticsHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.security.Constraint;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * The remote JDBC server: Avatica's HTTP protocol over one Calcite model, so that any JDBC client
 * with Avatica's remote driver ({@code jdbc:avatica:remote:url=…;serialization=…}) can query the
 * model's sources.
 *
 * <p>Jetty is assembled here rather than by Avatica's {@code HttpServer}, for what that class
 * cannot do: listen on one address only (loopback by default), take users from anywhere (a file,
 * the environment) with hashed passwords, answer {@code GET /health} without authentication, and
 * stop gracefully. Avatica's protocol is answered in both serializations on the one port
 * ({@link AvaticaProtocolHandler}; {@code --serialization} only chooses the URL advertised), with
 * Avatica's own request and response classes, behind Jetty's BASIC or DIGEST authentication: a
 * request without valid credentials gets 401 before any byte of it is read as Avatica.
 */
public final class RemoteJdbcServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RemoteJdbcServer.class);

  /** Path of the health endpoint. */
  public static final String HEALTH_PATH = "/health";
  /** Realm of BASIC/DIGEST authentication. */
  static final String REALM = "saasql";
  /** How long a stopping server lets requests in flight finish before cancelling their queries. */
  private static final Duration GRACE = Duration.ofSeconds(2);
  private static final AtomicInteger SERVERS = new AtomicInteger();

  private final String name;
  private final ServerSettings settings;
  private final PinnedModelMeta meta;
  private final ScheduledExecutorService timer;
  private final Server jetty;
  private final StatisticsHandler statistics;
  private final String host;
  private int port = -1;
  private boolean closed;

  private RemoteJdbcServer(String name, ServerSettings settings, PinnedModelMeta meta,
      ScheduledExecutorService timer, Server jetty, StatisticsHandler statistics) {
    this.name = name;
    this.settings = settings;
    this.meta = meta;
    this.timer = timer;
    this.jetty = jetty;
    this.statistics = statistics;
    this.host = advertisedHost(settings.bind());
  }

  /**
   * Checks the settings, loads the model once (so that a broken model fails here, not on the
   * first client), starts listening and logs the URL to connect with.
   *
   * @throws IllegalArgumentException when the settings are refused
   *     ({@link ServerSettings#validate})
   * @throws IllegalStateException when the model cannot be loaded or the port cannot be bound
   */
  public static RemoteJdbcServer start(ServerSettings settings) {
    settings.validate();
    if (!Files.isRegularFile(settings.model())) {
      throw new IllegalArgumentException(
          "Model file not found: " + settings.model().toAbsolutePath());
    }
    String calciteUrl = ConnectionUrls.forModel(settings.model());
    checkModelLoads(calciteUrl, settings);

    String name = "saasql-server-" + SERVERS.incrementAndGet();
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, name + "-timer");
      t.setDaemon(true);
      return t;
    });
    PinnedModelMeta meta;
    try {
      meta = new PinnedModelMeta(calciteUrl, cacheSettings(settings),
          new ConnectionPropertyPolicy(settings.queryTimeout()), timer, reclaimPeriod(settings),
          settings.maxConnections());
    } catch (SQLException e) {
      timer.shutdownNow();
      throw new IllegalStateException("Cannot create the JDBC meta: " + e.getMessage(), e);
    }
    Service service = new LocalService(meta);
    AvaticaHandler avatica = new AvaticaProtocolHandler(service);

    QueuedThreadPool threads = new QueuedThreadPool(200, 8, 60_000);
    threads.setName(name);
    Server jetty = new Server(threads);
    ServerConnector connector = connector(jetty, settings);
    jetty.addConnector(connector);

    StatisticsHandler statistics = new StatisticsHandler();
    HandlerList handlers = new HandlerList();
    handlers.setHandlers(new Handler[] {new HealthHandler(), secured(jetty, avatica, settings)});
    statistics.setHandler(handlers);
    jetty.setHandler(statistics);
    jetty.setStopTimeout(GRACE.multipliedBy(3).toMillis());
    jetty.setStopAtShutdown(false);

    RemoteJdbcServer server = new RemoteJdbcServer(name, settings, meta, timer, jetty, statistics);
    try {
      jetty.start();
    } catch (Exception e) {
      server.close();
      throw new IllegalStateException("Cannot listen on " + settings.bind() + ":" + settings.port()
          + ": " + e.getMessage(), e);
    }
    server.port = connector.getLocalPort();
    avatica.setServerRpcMetadata(
        new Service.RpcMetadataResponse(server.host + ":" + server.port()));
    Duration sweep = reclaimPeriod(settings);
    timer.scheduleWithFixedDelay(server::reclaimIdle, sweep.toMillis(), sweep.toMillis(),
        TimeUnit.MILLISECONDS);
    server.logStarted();
    return server;
  }

  /** The port listened on (still known once stopped). */
  public int port() {
    return port;
  }

  /** The JDBC URL clients connect with (without credentials). */
  public String jdbcUrl() {
    return "jdbc:avatica:remote:url=" + baseUri() + ";serialization="
        + settings.serialization().name().toLowerCase(Locale.ROOT)
        + (settings.users() == null ? "" : ";authentication=" + settings.authScheme().name());
  }

  /** The server's base URI, e.g. {@code http://127.0.0.1:8765}. */
  public URI baseUri() {
    String scheme = settings.tlsKeystore() == null ? "http" : "https";
    String h = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
    return URI.create(scheme + "://" + h + ":" + port());
  }

  /** The health endpoint, answered without authentication. */
  public URI healthUri() {
    return baseUri().resolve(HEALTH_PATH);
  }

  public ServerSettings settings() {
    return settings;
  }

  /** Remote connections open now (each one a Calcite connection). */
  public long openConnections() {
    return meta.connectionCount();
  }

  /** Remote statements open now. */
  public long openStatements() {
    return meta.statementCount();
  }

  /** This server's name, {@code saasql-server-N}: the prefix of all its threads' names. */
  public String name() {
    return name;
  }

  /** HTTP requests being handled now. */
  public int activeRequests() {
    return statistics.getRequestsActive();
  }

  /** Closes idle connections and statements now (the server also does it on its own). */
  public void reclaimIdle() {
    try {
      meta.reclaimIdle();
    } catch (RuntimeException e) {
      LOG.warn("reclaiming idle connections failed", e);
    }
  }

  /** Waits until the server stops. */
  public void join() throws InterruptedException {
    jetty.join();
  }

  /**
   * Stops the server: no new requests; requests in flight get two seconds to finish, then their
   * queries are cancelled; every connection is closed. Idempotent.
   */
  @Override public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    LOG.info("saasql server on {} stopping", baseUri());
    timer.schedule(meta::cancelRunning, GRACE.toMillis(), TimeUnit.MILLISECONDS);
    try {
      jetty.stop();
    } catch (Exception e) {
      LOG.warn("stopping Jetty failed", e);
    } finally {
      meta.closeAll();
      timer.shutdownNow();
    }
    LOG.info("saasql server stopped");
  }

  private void logStarted() {
    String auth = settings.users() == null ? "none"
        : settings.authScheme() + " (" + settings.users().names().size() + " user"
            + (settings.users().names().size() == 1 ? "" : "s") + ")";
    LOG.info("saasql server listening on {}:{}, model {}", settings.bind(), port(),
        settings.model().toAbsolutePath().normalize());
    LOG.info("saasql server JDBC URL: {}  (authentication: {}; TLS: {}; health: {})",
        jdbcUrl(), auth, settings.tlsKeystore() == null ? "off" : "on", healthUri());
    if (settings.bindsBeyondLoopback() && settings.users() == null) {
      LOG.warn("saasql server: {} is reachable from other machines and asks for no password"
          + " (--allow-unauthenticated-remote).", settings.bind());
    } else if (settings.bindsBeyondLoopback() && settings.tlsKeystore() == null) {
      LOG.warn("saasql server: passwords and rows cross the network unencrypted;"
          + " add --tls-keystore.");
    }
  }

  /** Loads the model in one Calcite connection, so that a broken model stops the start. */
  private static void checkModelLoads(String calciteUrl, ServerSettings settings) {
    try (Connection c = DriverManager.getConnection(calciteUrl, new Properties())) {
      c.getMetaData().getSchemas().close();
    } catch (SQLException | RuntimeException e) {
      throw new IllegalStateException("Cannot load model " + settings.model().toAbsolutePath()
          + ": " + e.getMessage(), e);
    }
  }

  private static Properties cacheSettings(ServerSettings settings) {
    Properties p = new Properties();
    p.setProperty(JdbcMeta.ConnectionCacheSettings.EXPIRY_DURATION.key(),
        Long.toString(settings.idleConnectionTimeout().toMillis()));
    p.setProperty(JdbcMeta.ConnectionCacheSettings.EXPIRY_UNIT.key(), TimeUnit.MILLISECONDS.name());
    // The meta refuses connections beyond the maximum; the cache must never evict a live one.
    p.setProperty(JdbcMeta.ConnectionCacheSettings.MAX_CAPACITY.key(),
        Integer.toString(settings.maxConnections() * 2));
    p.setProperty(JdbcMeta.StatementCacheSettings.EXPIRY_DURATION.key(),
        Long.toString(settings.idleStatementTimeout().toMillis()));
    p.setProperty(JdbcMeta.StatementCacheSettings.EXPIRY_UNIT.key(), TimeUnit.MILLISECONDS.name());
    return p;
  }

  /**
   * How often idle connections are looked for, and busy ones marked as used: a quarter of the
   * shorter expiry, at most 30 s.
   */
  private static Duration reclaimPeriod(ServerSettings settings) {
    Duration shortest =
        settings.idleConnectionTimeout().compareTo(settings.idleStatementTimeout()) < 0
            ? settings.idleConnectionTimeout() : settings.idleStatementTimeout();
    long millis = Math.max(50, Math.min(30_000, shortest.toMillis() / 4));
    return Duration.ofMillis(millis);
  }

  private static ServerConnector connector(Server jetty, ServerSettings settings) {
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    http.setRequestHeaderSize(64 * 1024);
    HttpConnectionFactory httpFactory = new HttpConnectionFactory(http);
    ServerConnector connector;
    if (settings.tlsKeystore() == null) {
      connector = new ServerConnector(jetty, httpFactory);
    } else {
      SslContextFactory.Server tls = new SslContextFactory.Server();
      tls.setKeyStorePath(settings.tlsKeystore().toAbsolutePath().toString());
      tls.setKeyStorePassword(settings.tlsKeystorePassword());
      SslConnectionFactory ssl = new SslConnectionFactory(tls, HttpVersion.HTTP_1_1.asString());
      connector = new ServerConnector(jetty, new PlainHttpRefusal(ssl), ssl, httpFactory);
    }
    connector.setHost(settings.bind());
    connector.setPort(settings.port());
    connector.setIdleTimeout(60_000);
    return connector;
  }

  /** The Avatica handler, behind BASIC or DIGEST authentication when users are configured. */
  private static Handler secured(Server jetty, AvaticaHandler avatica, ServerSettings settings) {
    if (settings.users() == null) {
      return avatica;
    }
    HashLoginService login = new HashLoginService(REALM);
    login.setUserStore(settings.users().userStore());
    jetty.addBean(login);

    Constraint constraint = new Constraint();
    boolean digest = settings.authScheme() == ServerSettings.AuthScheme.DIGEST;
    constraint.setName(digest ? Constraint.__DIGEST_AUTH : Constraint.__BASIC_AUTH);
    constraint.setRoles(new String[] {Constraint.ANY_AUTH});
    constraint.setAuthenticate(true);
    ConstraintMapping mapping = new ConstraintMapping();
    mapping.setConstraint(constraint);
    mapping.setPathSpec("/*");

    ConstraintSecurityHandler security = new ConstraintSecurityHandler();
    security.setAuthenticator(digest ? new DigestAuthenticator() : new BasicAuthenticator());
    security.setLoginService(login);
    security.setRealmName(REALM);
    security.setConstraintMappings(new ConstraintMapping[] {mapping});
    security.setHandler(avatica);
    return security;
  }

  /** The host name clients should use: the bind address, or this machine's name for a wildcard. */
  private static String advertisedHost(String bind) {
    try {
      InetAddress address = InetAddress.getByName(bind);
      if (address.isAnyLocalAddress()) {
        return InetAddress.getLocalHost().getHostName();
      }
    } catch (UnknownHostException e) {
      // Fall through: show what the user gave.
    }
    return bind;
  }

  /**
   * Answers plain HTTP sent to the TLS port with 400 instead of closing the connection: Avatica's
   * client retries forever when a server closes without an answer.
   */
  private static final class PlainHttpRefusal extends DetectorConnectionFactory {
    private static final byte[] ANSWER = ("HTTP/1.1 400 Bad Request\r\n"
        + "Content-Type: text/plain\r\nContent-Length: 41\r\nConnection: close\r\n\r\n"
        + "This port speaks HTTPS; use an https URL\n").getBytes(StandardCharsets.US_ASCII);

    PlainHttpRefusal(SslConnectionFactory ssl) {
      super(ssl);
    }

    /** Called when the first bytes are not TLS. */
    @Override protected void nextProtocol(Connector connector, EndPoint endPoint,
        ByteBuffer buffer) {
      endPoint.write(Callback.from(endPoint::close, x -> endPoint.close()),
          ByteBuffer.wrap(ANSWER));
    }
  }

  /** {@code GET /health}: 200 and {@code {"status":"UP"}} while the server runs. */
  private static final class HealthHandler extends AbstractHandler {
    private static final byte[] UP = "{\"status\":\"UP\"}\n".getBytes(StandardCharsets.UTF_8);

    @Override public void handle(String target, Request baseRequest, HttpServletRequest request,
        HttpServletResponse response) throws IOException {
      if (!HEALTH_PATH.equals(target)) {
        return;
      }
      baseRequest.setHandled(true);
      if (!"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod())) {
        response.setStatus(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
        return;
      }
      response.setStatus(HttpServletResponse.SC_OK);
      response.setContentType("application/json");
      response.setContentLength(UP.length);
      if ("GET".equals(request.getMethod())) {
        response.getOutputStream().write(UP);
      }
    }
  }
}
