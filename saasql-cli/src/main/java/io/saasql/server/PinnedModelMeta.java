package io.saasql.server;

import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaPreparedStatement;
import org.apache.calcite.avatica.AvaticaSeverity;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.AvaticaUtils;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.MissingResultsException;
import org.apache.calcite.avatica.NoSuchConnectionException;
import org.apache.calcite.avatica.NoSuchStatementException;
import org.apache.calcite.avatica.QueryState;
import org.apache.calcite.avatica.jdbc.JdbcMeta;
import org.apache.calcite.avatica.jdbc.StatementInfo;
import org.apache.calcite.avatica.remote.AvaticaRuntimeException;
import org.apache.calcite.avatica.remote.TypedValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Avatica's {@link JdbcMeta} over one pinned Calcite model: every remote connection is a Calcite
 * connection on the server's URL (model and name matching fixed), opened only after the client's
 * properties passed the {@link ConnectionPropertyPolicy}.
 *
 * <p>On top of {@code JdbcMeta} it stops queries: each execution and each fetch runs under the
 * connection's query timeout, after which the Calcite statement's cancel flag is set (the REST
 * scans check it between pages and abort retry waits); closing a statement or a connection sets
 * the flags of what still runs on it. While a request runs, its connection and statement are
 * marked as used every {@code keepAlive}, so that a request longer than the idle expiry does not
 * lose them; between requests, {@code JdbcMeta}'s caches expire what clients leave idle.
 */
final class PinnedModelMeta extends JdbcMeta {
  private static final Logger LOG = LoggerFactory.getLogger(PinnedModelMeta.class);

  /** SQL state of a query stopped by the timeout: "query canceled" (as Postgres uses it). */
  static final String TIMEOUT_SQL_STATE = "57014";
  static final int TIMEOUT_ERROR_CODE = 4002;
  /** SQL state of a connection refused for lack of room: "too many connections". */
  static final String TOO_MANY_SQL_STATE = "53300";
  static final int TOO_MANY_ERROR_CODE = 4003;

  /**
   * A statement this meta created: its connection, the JDBC statement, and the cancel flag
   * Calcite hands its scans.
   */
  private record Tracked(String connectionId, Statement statement, AtomicBoolean cancelFlag) {
  }

  private final String calciteUrl;
  private final ConnectionPropertyPolicy policy;
  private final ScheduledExecutorService scheduler;
  private final Duration keepAlive;
  private final int maxConnections;
  private final ConcurrentMap<Integer, Tracked> statements = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, Duration> timeouts = new ConcurrentHashMap<>();

  /**
   * @param cacheSettings {@code JdbcMeta}'s cache settings: idle expiry of connections and
   *     statements
   * @param keepAlive how often a connection and statement busy with a request are marked as used,
   *     so that a request longer than the idle expiry does not lose them; shorter than the expiry
   * @param maxConnections open connections beyond which new ones are refused
   */
  PinnedModelMeta(String calciteUrl, Properties cacheSettings, ConnectionPropertyPolicy policy,
      ScheduledExecutorService scheduler, Duration keepAlive, int maxConnections)
      throws SQLException {
    super(calciteUrl, cacheSettings);
    this.calciteUrl = calciteUrl;
    this.policy = policy;
    this.scheduler = scheduler;
    this.keepAlive = keepAlive;
    this.maxConnections = maxConnections;
  }

  /** Open remote connections (each a Calcite connection). */
  long connectionCount() {
    return getConnectionCache().size();
  }

  /** Open remote statements. */
  long statementCount() {
    return getStatementCache().size();
  }

  /** Closes what has been idle longer than the configured expiry; the server calls it regularly. */
  void reclaimIdle() {
    getStatementCache().cleanUp();
    getConnectionCache().cleanUp();
    statements.keySet().removeIf(id -> !getStatementCache().asMap().containsKey(id));
    timeouts.keySet().removeIf(id -> !getConnectionCache().asMap().containsKey(id));
  }

  /** Sets the cancel flag of every statement: running scans stop at their next page. */
  void cancelRunning() {
    statements.values().forEach(t -> t.cancelFlag().set(true));
  }

  /** Stops every running query and closes every connection (server shutdown). */
  void closeAll() {
    cancelRunning();
    getStatementCache().invalidateAll();
    getConnectionCache().invalidateAll();
    getStatementCache().cleanUp();
    getConnectionCache().cleanUp();
    statements.clear();
    timeouts.clear();
  }

  // Connections

  @Override public void openConnection(ConnectionHandle ch, Map<String, String> info) {
    // Checked before anything is loaded: a refused client never reaches DriverManager.
    ConnectionPropertyPolicy.Accepted accepted;
    try {
      accepted = policy.check(info);
    } catch (AvaticaRuntimeException e) {
      // Names only: the message never carries a property's value.
      LOG.warn("refused a connection: {}", e.getErrorMessage());
      throw e;
    }
    Properties properties = new Properties();
    properties.putAll(accepted.calciteProperties());
    ConcurrentMap<String, Connection> cache = getConnectionCache().asMap();
    if (cache.size() >= maxConnections) {
      getConnectionCache().cleanUp();
      if (cache.size() >= maxConnections) {
        throw new AvaticaRuntimeException("saasql server: too many open connections ("
            + maxConnections + ", server option --max-connections); close unused ones or try"
            + " again later.", TOO_MANY_ERROR_CODE, TOO_MANY_SQL_STATE, AvaticaSeverity.ERROR);
      }
    }
    if (cache.containsKey(ch.id)) {
      throw new IllegalStateException("Connection already exists: " + ch.id);
    }
    try {
      Connection connection = createConnection(calciteUrl, properties);
      if (cache.putIfAbsent(ch.id, connection) != null) {
        connection.close();
        throw new IllegalStateException("Connection already exists: " + ch.id);
      }
    } catch (SQLException e) {
      throw clientError(e);
    }
    timeouts.put(ch.id, accepted.queryTimeout());
  }

  @Override public void closeConnection(ConnectionHandle ch) {
    statements.values().stream().filter(t -> t.connectionId().equals(ch.id))
        .forEach(t -> t.cancelFlag().set(true));
    try {
      super.closeConnection(ch);
    } finally {
      statements.values().removeIf(t -> t.connectionId().equals(ch.id));
      timeouts.remove(ch.id);
    }
  }

  // Statements

  @Override public StatementHandle createStatement(ConnectionHandle ch) {
    try {
      Connection connection = getConnection(ch.id);
      Statement statement = connection.createStatement();
      int id = getStatementIdGenerator().getAndIncrement();
      track(ch.id, id, statement);
      getStatementCache().put(id, new StatementInfo(statement));
      return new StatementHandle(ch.id, id, null);
    } catch (SQLException e) {
      throw clientError(e);
    }
  }

  @Override public StatementHandle prepare(ConnectionHandle ch, String sql, long maxRowCount) {
    try {
      Connection connection = getConnection(ch.id);
      PreparedStatement statement = connection.prepareStatement(sql);
      int id = getStatementIdGenerator().getAndIncrement();
      Meta.StatementType type = statement.isWrapperFor(AvaticaPreparedStatement.class)
          ? statement.unwrap(AvaticaPreparedStatement.class).getStatementType() : null;
      if (maxRowCount > 0) {
        AvaticaUtils.setLargeMaxRows(statement, maxRowCount);
      } else if (maxRowCount < 0) {
        statement.setMaxRows(0);
      }
      track(ch.id, id, statement);
      getStatementCache().put(id, new StatementInfo(statement));
      return new StatementHandle(ch.id, id,
          signature(statement.getMetaData(), statement.getParameterMetaData(), sql, type));
    } catch (SQLException e) {
      throw clientError(e);
    }
  }

  private void track(String connectionId, int id, Statement statement) throws SQLException {
    AvaticaStatement avatica = statement.unwrap(AvaticaStatement.class);
    AtomicBoolean flag;
    try {
      flag = statement.getConnection().unwrap(AvaticaConnection.class)
          .getCancelFlag(avatica.handle);
    } catch (NoSuchStatementException e) {
      throw new SQLException("statement vanished while being created", e);
    }
    statements.put(id, new Tracked(connectionId, statement, flag));
  }

  @Override public void closeStatement(StatementHandle h) {
    Tracked tracked = statements.remove(h.id);
    if (tracked != null) {
      tracked.cancelFlag().set(true);
    }
    super.closeStatement(h);
  }

  // Execution: every call that runs the query is bounded by the connection's timeout.

  @Override public ExecuteResult prepareAndExecute(StatementHandle h, String sql, long maxRowCount,
      int maxRowsInFirstFrame, PrepareCallback callback) throws NoSuchStatementException {
    plainStatement(h);
    return executing(h, () -> super.prepareAndExecute(h, sql, maxRowCount, maxRowsInFirstFrame,
        callback));
  }

  /**
   * SQL text sent to a statement that was prepared (a client re-using its statement for an
   * unbound {@code execute}) runs on a new plain statement under the same id: JDBC forbids
   * {@code execute(String)} on a prepared one.
   */
  private void plainStatement(StatementHandle h) throws NoSuchStatementException {
    Tracked tracked = statements.get(h.id);
    if (tracked == null || !(tracked.statement() instanceof PreparedStatement)
        || getStatementCache().getIfPresent(h.id) == null) {
      return;
    }
    try {
      Statement plain = getConnection(h.connectionId).createStatement();
      track(h.connectionId, h.id, plain);
      getStatementCache().put(h.id, new StatementInfo(plain));
      tracked.statement().close();
    } catch (SQLException e) {
      throw clientError(e);
    }
  }

  @Override public ExecuteResult execute(StatementHandle h, List<TypedValue> parameterValues,
      int maxRowsInFirstFrame) throws NoSuchStatementException {
    return executing(h, () -> super.execute(h, parameterValues, maxRowsInFirstFrame));
  }

  @Override public Frame fetch(StatementHandle h, long offset, int fetchMaxRowCount)
      throws NoSuchStatementException, MissingResultsException {
    return guarded(h, false, () -> super.fetch(h, offset, fetchMaxRowCount));
  }

  @Override public boolean syncResults(StatementHandle sh, QueryState state, long offset)
      throws NoSuchStatementException {
    return executing(sh, () -> super.syncResults(sh, state, offset));
  }

  @Override public ExecuteBatchResult executeBatch(StatementHandle h,
      List<List<TypedValue>> updateBatches) throws NoSuchStatementException {
    return executing(h, () -> super.executeBatch(h, updateBatches));
  }

  @Override public ExecuteBatchResult prepareAndExecuteBatch(StatementHandle h,
      List<String> sqlCommands) throws NoSuchStatementException {
    plainStatement(h);
    return executing(h, () -> super.prepareAndExecuteBatch(h, sqlCommands));
  }

  /** Work on a statement that may throw Avatica's checked exceptions. */
  @FunctionalInterface
  private interface Work<T> {
    T run() throws NoSuchStatementException, MissingResultsException;
  }

  /** A new execution: starts with a cleared cancel flag. */
  private <T> T executing(StatementHandle h, Work<T> work) throws NoSuchStatementException {
    try {
      return guarded(h, true, work);
    } catch (MissingResultsException e) {
      throw new IllegalStateException("only a fetch can miss its results", e);
    }
  }

  private <T> T guarded(StatementHandle h, boolean newExecution, Work<T> work)
      throws NoSuchStatementException, MissingResultsException {
    // Using a statement is using its connection: keeps a streaming connection from expiring.
    getConnectionCache().getIfPresent(h.connectionId);
    Tracked tracked = statements.get(h.id);
    Duration limit = timeouts.getOrDefault(h.connectionId, Duration.ZERO);
    if (tracked != null && newExecution) {
      // Calcite never clears a statement's cancel flag; a new execution starts afresh.
      tracked.cancelFlag().set(false);
    }
    AtomicBoolean timedOut = new AtomicBoolean();
    // JdbcMeta's caches expire what has not been used for a while; a long request is use.
    ScheduledFuture<?> heartbeat = scheduler.scheduleAtFixedRate(() -> {
      getConnectionCache().getIfPresent(h.connectionId);
      getStatementCache().getIfPresent(h.id);
    }, keepAlive.toMillis(), keepAlive.toMillis(), TimeUnit.MILLISECONDS);
    ScheduledFuture<?> alarm = null;
    if (tracked != null && !limit.isZero()) {
      alarm = scheduler.schedule(() -> {
        timedOut.set(true);
        tracked.cancelFlag().set(true);
        LOG.info("statement {} of connection {} stopped: it ran longer than the query timeout"
            + " of {} s", h.id, h.connectionId, limit.toSeconds());
      }, limit.toMillis(), TimeUnit.MILLISECONDS);
    }
    try {
      return work.run();
    } catch (RuntimeException | Error e) {
      if (timedOut.get()) {
        throw withoutStackTrace(new AvaticaRuntimeException("saasql server: the query was"
            + " stopped after the query timeout of " + limit.toSeconds() + " s (server option"
            + " --query-timeout, or the connection property queryTimeout). " + rootMessage(e),
            TIMEOUT_ERROR_CODE, TIMEOUT_SQL_STATE, AvaticaSeverity.ERROR));
      }
      if (tracked != null && tracked.cancelFlag().get()
          && !(e instanceof AvaticaRuntimeException)) {
        // The statement or its connection was closed, or the server is stopping.
        throw withoutStackTrace(new AvaticaRuntimeException("saasql server: the query was"
            + " cancelled. " + rootMessage(e), TIMEOUT_ERROR_CODE, SqlStates.CANCELLED,
            AvaticaSeverity.ERROR));
      }
      throw clientError(e);
    } finally {
      heartbeat.cancel(false);
      if (alarm != null) {
        alarm.cancel(false);
      }
    }
  }

  // Transactions: SaaS writes are applied by each statement; see SaasqlDriver.

  @Override public void commit(ConnectionHandle ch) {
    try {
      getConnection(ch.id).commit();
    } catch (SQLException | RuntimeException e) {
      throw clientError(e);
    }
  }

  /** Fails (SQL state 25000, with the writes it cannot undo) only after a SaaS write. */
  @Override public void rollback(ConnectionHandle ch) {
    try {
      getConnection(ch.id).rollback();
    } catch (SQLException | RuntimeException e) {
      throw clientError(e);
    }
  }

  /**
   * The error a client receives: the message of the SQL exception (Calcite's "Error while
   * executing SQL …: " followed by what the API said), the SQL state that says what happened
   * ({@link SqlStates}), its code, and no server stack trace.
   */
  static RuntimeException clientError(Throwable e) {
    if (e instanceof AvaticaRuntimeException are) {
      return are;
    }
    if (e instanceof NoSuchConnectionException missing) {
      // The client knows this one (an expired or closed connection) by its type.
      return missing;
    }
    SQLException sql = firstSqlException(e);
    if (sql == null) {
      return withoutStackTrace(new AvaticaRuntimeException(rootMessage(e), -1, SqlStates.of(e),
          AvaticaSeverity.ERROR));
    }
    // Calcite's "Error while preparing statement [...]" leaves the reason to its causes.
    String message = withoutParserExpectations(sql.getMessage() == null ? "" : sql.getMessage());
    String root = withoutParserExpectations(rootMessage(sql));
    if (!message.contains(root)) {
      message = message.isEmpty() ? root : message + ": " + root;
    }
    return withoutStackTrace(new AvaticaRuntimeException(message, sql.getErrorCode(),
        SqlStates.of(e), AvaticaSeverity.ERROR));
  }

  /**
   * Avatica sends the "stack trace" of the exception a Meta method throws; without frames that is
   * one line, the message, which is also where Avatica's driver looks for the server's reason
   * (its {@code AvaticaSqlException.getStackTraces()}) — and no server code is shown to clients.
   */
  private static AvaticaRuntimeException withoutStackTrace(AvaticaRuntimeException e) {
    e.setStackTrace(new StackTraceElement[0]);
    return e;
  }

  /** A parse error's message without the parser's list of every token it could have taken. */
  private static String withoutParserExpectations(String message) {
    int list = message.indexOf("\nWas expecting");
    return list < 0 ? message : message.substring(0, list);
  }

  private static SQLException firstSqlException(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql) {
        return sql;
      }
    }
    return null;
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    String message = e.getMessage();
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
      if (t.getMessage() != null) {
        message = t.getMessage();
      }
    }
    return message == null ? e.getClass().getSimpleName() : message;
  }
}
