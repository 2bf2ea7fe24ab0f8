package io.saasql.cli;

import io.saasql.server.ServerSettings;
import io.saasql.server.Users;
import org.apache.calcite.avatica.remote.Driver;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The options of the remote JDBC server, shared by {@code saasql serve} and
 * {@code saasql demo --serve}. Passwords are never options: they come from a users file or from
 * environment variables named by options. Defaults are the fields' initial values, so that an
 * instance picocli did not fill (no server option given) holds them too.
 */
final class ServeOptions {

  @Option(names = "--port", paramLabel = "N",
      description = "Port to listen on (default: ${DEFAULT-VALUE}; 0 picks a free one).")
  int port = ServerSettings.DEFAULT_PORT;

  @Option(names = "--bind", paramLabel = "ADDR",
      description = "Address to listen on (default: ${DEFAULT-VALUE}, this machine only). Any other"
          + " address needs authentication, or --allow-unauthenticated-remote.")
  String bind = ServerSettings.DEFAULT_BIND;

  @Option(names = "--serialization", paramLabel = "protobuf|json",
      description = "Avatica wire format of the JDBC URL printed (default: protobuf); the"
          + " server answers both on its port.")
  Driver.Serialization serialization = Driver.Serialization.PROTOBUF;

  @Option(names = "--users", paramLabel = "FILE",
      description = "Users allowed in: one 'name: password' line each (Jetty realm format;"
          + " passwords plain or hashed as MD5:... or CRYPT:...). Turns on authentication.")
  Path usersFile;

  @Option(names = "--user", paramLabel = "NAME",
      description = "One user allowed in, whose password is in the variable of --password-env.")
  String user;

  @Option(names = "--password-env", paramLabel = "VAR",
      description = "Environment variable holding the password of --user.")
  String passwordEnv;

  @Option(names = "--auth", paramLabel = "basic|digest",
      description = "HTTP authentication scheme when users are given (default: basic).")
  ServerSettings.AuthScheme auth = ServerSettings.AuthScheme.BASIC;

  @Option(names = "--tls-keystore", paramLabel = "FILE",
      description = "Key store (PKCS12 or JKS) with the server's key and certificate: serve HTTPS.")
  Path tlsKeystore;

  @Option(names = "--tls-keystore-password-env", paramLabel = "VAR",
      description = "Environment variable holding the key store's password.")
  String tlsKeystorePasswordEnv;

  @Option(names = "--allow-unauthenticated-remote",
      description = "Serve a non-loopback --bind address without authentication"
          + " (trusted networks only).")
  boolean allowUnauthenticatedRemote;

  @Option(names = "--idle-connection-timeout", paramLabel = "DURATION",
      converter = DurationConverter.class,
      description = "Close a client's connection after this long unused (default: 10m).")
  Duration idleConnectionTimeout = ServerSettings.DEFAULT_IDLE_CONNECTION_TIMEOUT;

  @Option(names = "--idle-statement-timeout", paramLabel = "DURATION",
      converter = DurationConverter.class,
      description = "Close a statement and its result after this long unused (default: 5m).")
  Duration idleStatementTimeout = ServerSettings.DEFAULT_IDLE_STATEMENT_TIMEOUT;

  @Option(names = "--query-timeout", paramLabel = "DURATION",
      converter = DurationConverter.class,
      description = "Stop a query (and its API calls) that runs longer than this in one request"
          + " (default: 5m; 0 for no limit). Clients may lower it: queryTimeout=SECONDS.")
  Duration queryTimeout = ServerSettings.DEFAULT_QUERY_TIMEOUT;

  @Option(names = "--max-connections", paramLabel = "N",
      description = "Refuse new connections beyond this many open ones"
          + " (default: ${DEFAULT-VALUE}).")
  int maxConnections = ServerSettings.DEFAULT_MAX_CONNECTIONS;

  /** The server settings for a model; environment variables are read through {@code env}. */
  ServerSettings settings(CommandSpec spec, Path model, Function<String, String> env) {
    try {
      ServerSettings.Builder b = ServerSettings.builder(model)
          .port(port).bind(bind).serialization(serialization)
          .allowUnauthenticatedRemote(allowUnauthenticatedRemote)
          .idleConnectionTimeout(idleConnectionTimeout)
          .idleStatementTimeout(idleStatementTimeout)
          .queryTimeout(queryTimeout)
          .maxConnections(maxConnections);
      Users users = users(spec, env);
      if (users != null) {
        b.users(users, auth);
      }
      if (tlsKeystore != null) {
        if (!Files.isRegularFile(tlsKeystore)) {
          throw new CommandLine.ParameterException(spec.commandLine(),
              "Key store not found: " + tlsKeystore.toAbsolutePath().normalize());
        }
        if (tlsKeystorePasswordEnv == null) {
          throw new CommandLine.ParameterException(spec.commandLine(),
              "--tls-keystore needs --tls-keystore-password-env VAR (the variable holding its"
                  + " password)");
        }
        b.tls(tlsKeystore, variable(spec, env, tlsKeystorePasswordEnv));
      } else if (tlsKeystorePasswordEnv != null) {
        throw new CommandLine.ParameterException(spec.commandLine(),
            "--tls-keystore-password-env needs --tls-keystore FILE");
      }
      return b.build();
    } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
    }
  }

  private Users users(CommandSpec spec, Function<String, String> env) {
    if ((user == null) != (passwordEnv == null)) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--user and --password-env go together");
    }
    Users users = null;
    if (usersFile != null) {
      if (!Files.isRegularFile(usersFile)) {
        throw new CommandLine.ParameterException(spec.commandLine(),
            "Users file not found: " + usersFile.toAbsolutePath().normalize());
      }
      users = Users.fromFile(usersFile);
    }
    if (user != null) {
      Users single = Users.single(user, variable(spec, env, passwordEnv));
      users = users == null ? single : users.and(single);
    }
    return users;
  }

  private static String variable(CommandSpec spec, Function<String, String> env, String name) {
    String value = env.apply(name);
    if (value == null || value.isEmpty()) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "Environment variable " + name + " is not set");
    }
    return value;
  }

  /**
   * Durations as {@code 300} (seconds), {@code 500ms}, {@code 30s}, {@code 10m}, {@code 2h} or
   * ISO-8601.
   */
  static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
    private static final Pattern SHORT = Pattern.compile("(\\d+)\\s*(ms|s|m|h)?");

    @Override public Duration convert(String value) {
      String v = value.strip().toLowerCase(Locale.ROOT);
      Matcher m = SHORT.matcher(v);
      if (m.matches()) {
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        return switch (unit) {
          case "ms" -> Duration.ofMillis(n);
          case "m" -> Duration.ofMinutes(n);
          case "h" -> Duration.ofHours(n);
          default -> Duration.ofSeconds(n);
        };
      }
      try {
        return Duration.parse(value.strip().toUpperCase(Locale.ROOT));
      } catch (java.time.format.DateTimeParseException e) {
        throw new CommandLine.TypeConversionException(
            "'" + value + "' is not a duration (e.g. 300, 30s, 10m, 2h)");
      }
    }
  }
}
