package io.saasql.cli;

import io.saasql.sandbox.backlog.BacklogSandbox;
import io.saasql.sandbox.bitbucket.BitbucketSandbox;
import io.saasql.sandbox.pingone.PingOneSandbox;
import io.saasql.sandbox.postgres.DemoPostgres;
import io.saasql.sandbox.salesforce.SalesforceSandbox;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the demo model ({@code model-examples/demo.json}) connects to: the shared
 * {@link DemoPostgres} and the in-process sandbox APIs. Starting it publishes the connection facts
 * as system properties ({@link #PG_JDBC_URL}, {@link #BACKLOG_BASE_URL}, …), which the model files
 * read through {@code ${NAME}} substitution; closing it stops the sandboxes and restores the
 * properties. Postgres stays up: it is shared by the JVM and stopped by its shutdown hook.
 */
public final class DemoEnvironment implements AutoCloseable {

  /** System property: JDBC URL of the demo Postgres database. */
  public static final String PG_JDBC_URL = "PG_JDBC_URL";
  /** System property: demo Postgres user. */
  public static final String PG_USER = "PG_USER";
  /** System property: demo Postgres password. */
  public static final String PG_PASSWORD = "PG_PASSWORD";
  /**
   * System property: base URL of the Backlog sandbox, e.g. {@code http://127.0.0.1:40123/api/v2}.
   */
  public static final String BACKLOG_BASE_URL = "BACKLOG_BASE_URL";
  /** System property: API key the Backlog sandbox accepts. */
  public static final String BACKLOG_API_KEY = "BACKLOG_API_KEY";
  /** System properties of the Bitbucket sandbox: API root, token URL, OAuth consumer. */
  public static final String BITBUCKET_BASE_URL = "BITBUCKET_BASE_URL";
  public static final String BITBUCKET_TOKEN_URL = "BITBUCKET_TOKEN_URL";
  public static final String BITBUCKET_CLIENT_ID = "BITBUCKET_CLIENT_ID";
  public static final String BITBUCKET_CLIENT_SECRET = "BITBUCKET_CLIENT_SECRET";
  /** System properties of the PingOne sandbox's Administrators environment and its worker app. */
  public static final String PINGONE_BASE_URL = "PINGONE_BASE_URL";
  public static final String PINGONE_TOKEN_URL = "PINGONE_TOKEN_URL";
  public static final String PINGONE_ENVIRONMENT_ID = "PINGONE_ENVIRONMENT_ID";
  public static final String PINGONE_CLIENT_ID = "PINGONE_CLIENT_ID";
  public static final String PINGONE_CLIENT_SECRET = "PINGONE_CLIENT_SECRET";
  /** System properties of the Salesforce sandbox: login URL and connected app. */
  public static final String SALESFORCE_LOGIN_URL = "SALESFORCE_LOGIN_URL";
  public static final String SALESFORCE_CLIENT_ID = "SALESFORCE_CLIENT_ID";
  public static final String SALESFORCE_CLIENT_SECRET = "SALESFORCE_CLIENT_SECRET";

  /** A running service, as shown to the user (no secrets). */
  public record Service(String name, String url) {
  }

  /** A started sandbox: what to show, which properties to publish, how to stop it. */
  private record StartedSandbox(String name, String url, Map<String, String> properties,
      AutoCloseable closer) {
  }

  private final DemoPostgres postgres;
  private final List<StartedSandbox> sandboxes;
  private final Map<String, String> properties;
  private final Map<String, String> previousValues = new HashMap<>();
  private boolean closed;

  private DemoEnvironment(DemoPostgres postgres, List<StartedSandbox> sandboxes) {
    this.postgres = postgres;
    this.sandboxes = sandboxes;
    Map<String, String> props = new LinkedHashMap<>();
    props.put(PG_JDBC_URL, postgres.jdbcUrl());
    props.put(PG_USER, postgres.user());
    props.put(PG_PASSWORD, postgres.password());
    for (StartedSandbox sandbox : sandboxes) {
      props.putAll(sandbox.properties());
    }
    this.properties = Collections.unmodifiableMap(props);
  }

  /** Starts (or reuses) the demo Postgres, starts the sandboxes and sets the system properties. */
  public static DemoEnvironment start() {
    DemoPostgres postgres = DemoPostgres.shared();
    List<StartedSandbox> sandboxes = new ArrayList<>();
    try {
      sandboxes.add(startBacklogSandbox());
      sandboxes.add(startBitbucketSandbox());
      sandboxes.add(startPingOneSandbox());
      sandboxes.add(startSalesforceSandbox());
    } catch (RuntimeException e) {
      stopAll(sandboxes, e);
      throw e;
    }
    DemoEnvironment environment = new DemoEnvironment(postgres, List.copyOf(sandboxes));
    environment.publish();
    return environment;
  }

  /** Starts the Backlog sandbox; the demo model reads its URL and key from the properties. */
  private static StartedSandbox startBacklogSandbox() {
    BacklogSandbox s = new BacklogSandbox().start();
    return new StartedSandbox("Backlog sandbox", s.baseUrl(),
        Map.of(BACKLOG_BASE_URL, s.baseUrl(), BACKLOG_API_KEY, s.apiKey()), s::close);
  }

  private static StartedSandbox startBitbucketSandbox() {
    BitbucketSandbox s = new BitbucketSandbox().start();
    return new StartedSandbox("Bitbucket sandbox", s.baseUrl(), Map.of(
        BITBUCKET_BASE_URL, s.baseUrl(), BITBUCKET_TOKEN_URL, s.tokenUrl(),
        BITBUCKET_CLIENT_ID, s.clientId(), BITBUCKET_CLIENT_SECRET, s.clientSecret()), s::close);
  }

  private static StartedSandbox startPingOneSandbox() {
    PingOneSandbox s = new PingOneSandbox().start();
    String env = s.environmentId("Administrators");
    return new StartedSandbox("PingOne sandbox", s.baseUrl(), Map.of(
        PINGONE_BASE_URL, s.baseUrl(), PINGONE_TOKEN_URL, s.authBaseUrl() + "/" + env + "/as/token",
        PINGONE_ENVIRONMENT_ID, env, PINGONE_CLIENT_ID, s.clientId("Administrators"),
        PINGONE_CLIENT_SECRET, s.clientSecret("Administrators")), s::close);
  }

  private static StartedSandbox startSalesforceSandbox() {
    SalesforceSandbox s = new SalesforceSandbox().start();
    return new StartedSandbox("Salesforce sandbox", s.instanceUrl(), Map.of(
        SALESFORCE_LOGIN_URL, s.loginUrl(), SALESFORCE_CLIENT_ID, s.clientId(),
        SALESFORCE_CLIENT_SECRET, s.clientSecret()), s::close);
  }

  private void publish() {
    properties.forEach((name, value) -> previousValues.put(name, System.setProperty(name, value)));
  }

  /** The demo Postgres. */
  public DemoPostgres postgres() {
    return postgres;
  }

  /** What is running, for the banner: Postgres first, then each sandbox. No secrets. */
  public List<Service> services() {
    List<Service> services = new ArrayList<>();
    services.add(new Service("Postgres (Heroku Connect schema salesforce)", postgres.jdbcUrl()));
    for (StartedSandbox sandbox : sandboxes) {
      services.add(new Service(sandbox.name(), sandbox.url()));
    }
    return services;
  }

  /** The system properties this environment set, by name. Contains secrets: do not print. */
  public Map<String, String> properties() {
    return properties;
  }

  /** Stops the sandboxes and puts the system properties back as they were. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    stopAll(sandboxes, null);
    previousValues.forEach((name, previous) -> {
      if (previous == null) {
        System.clearProperty(name);
      } else {
        System.setProperty(name, previous);
      }
    });
    previousValues.clear();
  }

  private static void stopAll(List<StartedSandbox> sandboxes, RuntimeException failure) {
    for (StartedSandbox sandbox : sandboxes) {
      try {
        sandbox.closer().close();
      } catch (Exception e) {
        if (failure != null) {
          failure.addSuppressed(e);
        }
      }
    }
  }
}
