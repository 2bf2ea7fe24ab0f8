package io.saasql.server;

import org.apache.calcite.avatica.remote.Driver;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything {@link RemoteJdbcServer} needs to start: the model it serves, where it listens, how
 * clients authenticate, TLS, and how long idle connections, idle statements and queries may last.
 * Immutable; built with {@link #builder(Path)}. Holds the keystore password but never prints it.
 */
public final class ServerSettings {

  /** Avatica's usual port. */
  public static final int DEFAULT_PORT = 8765;
  public static final String DEFAULT_BIND = "127.0.0.1";
  public static final Duration DEFAULT_IDLE_CONNECTION_TIMEOUT = Duration.ofMinutes(10);
  public static final Duration DEFAULT_IDLE_STATEMENT_TIMEOUT = Duration.ofMinutes(5);
  public static final Duration DEFAULT_QUERY_TIMEOUT = Duration.ofMinutes(5);
  public static final int DEFAULT_MAX_CONNECTIONS = 100;

  /** HTTP authentication scheme, when users are configured. */
  public enum AuthScheme { BASIC, DIGEST }

  private final Path model;
  private final String bind;
  private final int port;
  private final Driver.Serialization serialization;
  private final Users users;
  private final AuthScheme authScheme;
  private final Path tlsKeystore;
  private final String tlsKeystorePassword;
  private final boolean allowUnauthenticatedRemote;
  private final Duration idleConnectionTimeout;
  private final Duration idleStatementTimeout;
  private final Duration queryTimeout;
  private final int maxConnections;

  private ServerSettings(Builder b) {
    this.model = b.model;
    this.bind = b.bind;
    this.port = b.port;
    this.serialization = b.serialization;
    this.users = b.users;
    this.authScheme = b.authScheme;
    this.tlsKeystore = b.tlsKeystore;
    this.tlsKeystorePassword = b.tlsKeystorePassword;
    this.allowUnauthenticatedRemote = b.allowUnauthenticatedRemote;
    this.idleConnectionTimeout = b.idleConnectionTimeout;
    this.idleStatementTimeout = b.idleStatementTimeout;
    this.queryTimeout = b.queryTimeout;
    this.maxConnections = b.maxConnections;
  }

  public static Builder builder(Path model) {
    return new Builder(model);
  }

  public Path model() {
    return model;
  }

  public String bind() {
    return bind;
  }

  public int port() {
    return port;
  }

  public Driver.Serialization serialization() {
    return serialization;
  }

  /** The users allowed in, or null when the server does not authenticate. */
  public Users users() {
    return users;
  }

  public AuthScheme authScheme() {
    return authScheme;
  }

  /** The key store for TLS, or null for plain HTTP. */
  public Path tlsKeystore() {
    return tlsKeystore;
  }

  String tlsKeystorePassword() {
    return tlsKeystorePassword;
  }

  public boolean allowUnauthenticatedRemote() {
    return allowUnauthenticatedRemote;
  }

  public Duration idleConnectionTimeout() {
    return idleConnectionTimeout;
  }

  public Duration idleStatementTimeout() {
    return idleStatementTimeout;
  }

  /** The longest a query may run between two answers to its client; zero means no limit. */
  public Duration queryTimeout() {
    return queryTimeout;
  }

  public int maxConnections() {
    return maxConnections;
  }

  /** Whether the bind address is reachable from other machines (not a loopback address). */
  public boolean bindsBeyondLoopback() {
    try {
      return !InetAddress.getByName(bind).isLoopbackAddress();
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("Unknown bind address: " + bind, e);
    }
  }

  /**
   * Refuses settings that would expose the model without a password: a non-loopback bind address
   * without users, unless explicitly allowed.
   *
   * @throws IllegalArgumentException saying what to do
   */
  public void validate() {
    if (bindsBeyondLoopback() && users == null && !allowUnauthenticatedRemote) {
      throw new IllegalArgumentException("Refusing to serve " + bind + " without authentication:"
          + " anyone who can reach it could query every source of the model with the model's"
          + " credentials. Give --users FILE (or --user NAME --password-env VAR), bind to"
          + " 127.0.0.1, or pass --allow-unauthenticated-remote if the network is trusted.");
    }
    if (tlsKeystore != null && tlsKeystorePassword == null) {
      throw new IllegalArgumentException("The TLS key store needs its password"
          + " (--tls-keystore-password-env NAME).");
    }
  }

  /** Builder of {@link ServerSettings}; every setting has the documented default. */
  public static final class Builder {
    private final Path model;
    private String bind = DEFAULT_BIND;
    private int port = DEFAULT_PORT;
    private Driver.Serialization serialization = Driver.Serialization.PROTOBUF;
    private Users users;
    private AuthScheme authScheme = AuthScheme.BASIC;
    private Path tlsKeystore;
    private String tlsKeystorePassword;
    private boolean allowUnauthenticatedRemote;
    private Duration idleConnectionTimeout = DEFAULT_IDLE_CONNECTION_TIMEOUT;
    private Duration idleStatementTimeout = DEFAULT_IDLE_STATEMENT_TIMEOUT;
    private Duration queryTimeout = DEFAULT_QUERY_TIMEOUT;
    private int maxConnections = DEFAULT_MAX_CONNECTIONS;

    private Builder(Path model) {
      this.model = Objects.requireNonNull(model, "model");
    }

    public Builder bind(String bind) {
      this.bind = Objects.requireNonNull(bind, "bind");
      return this;
    }

    /** The port; 0 picks a free one. */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port out of range: " + port);
      }
      this.port = port;
      return this;
    }

    public Builder serialization(Driver.Serialization serialization) {
      this.serialization = Objects.requireNonNull(serialization, "serialization");
      return this;
    }

    public Builder users(Users users, AuthScheme scheme) {
      this.users = users;
      this.authScheme = Objects.requireNonNull(scheme, "scheme");
      return this;
    }

    public Builder tls(Path keystore, String password) {
      this.tlsKeystore = keystore;
      this.tlsKeystorePassword = password;
      return this;
    }

    public Builder allowUnauthenticatedRemote(boolean allow) {
      this.allowUnauthenticatedRemote = allow;
      return this;
    }

    public Builder idleConnectionTimeout(Duration timeout) {
      this.idleConnectionTimeout = positive(timeout, "idle connection timeout");
      return this;
    }

    public Builder idleStatementTimeout(Duration timeout) {
      this.idleStatementTimeout = positive(timeout, "idle statement timeout");
      return this;
    }

    /** Zero means no limit. */
    public Builder queryTimeout(Duration timeout) {
      if (timeout.isNegative()) {
        throw new IllegalArgumentException("negative query timeout: " + timeout);
      }
      this.queryTimeout = timeout;
      return this;
    }

    public Builder maxConnections(int max) {
      if (max < 1) {
        throw new IllegalArgumentException("max connections must be at least 1: " + max);
      }
      this.maxConnections = max;
      return this;
    }

    public ServerSettings build() {
      ServerSettings settings = new ServerSettings(this);
      settings.validate();
      return settings;
    }

    private static Duration positive(Duration d, String what) {
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(what + " must be positive: " + d);
      }
      return d;
    }
  }
}
