package io.saasql.sandbox;

import com.google.common.collect.ListMultimap;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Base class of every sandbox API server: a real HTTP server on 127.0.0.1, the request log tests
 * assert on, and switchable {@link Faults}.
 *
 * <p>Every request is recorded on arrival, before anything else happens, then: the configured
 * latency, an armed fault or the enforced rate limit ({@link #rateLimitedResponse}, {@link
 * #failureResponse}), {@link #authenticate}, the {@link #routes() route table}, and finally
 * {@link #decorate} (e.g. rate-limit headers). Subclasses register their routes in their
 * constructor and supply the API's own error bodies.
 */
public abstract class SandboxServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SandboxServer.class);
  private static final AtomicInteger THREADS = new AtomicInteger();

  static {
    // The JDK server flushes headers and body separately; without TCP_NODELAY a small answer
    // waits ~40 ms for the client's delayed ACK. Read once, when the JDK server's config loads.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  /** A log entry; its status is filled in once the answer is known. */
  private static final class Entry {
    final String method;
    final String path;
    final ListMultimap<String, String> query;
    final String body;
    volatile int status;

    Entry(String method, String path, ListMultimap<String, String> query, String body) {
      this.method = method;
      this.path = path;
      this.query = query;
      this.body = body;
    }

    RecordedRequest toRecord() {
      return new RecordedRequest(method, path, query, body, status);
    }
  }

  private final String name;
  private final Routes routes = new Routes();
  private final Faults faults = new Faults();
  private final List<Entry> log = new ArrayList<>();
  private HttpServer server;
  private ExecutorService executor;

  /** @param name a short name for logs and thread names, e.g. "backlog" */
  protected SandboxServer(String name) {
    this.name = name;
  }

  /** Starts on an ephemeral port of 127.0.0.1; returns this. */
  public SandboxServer start() {
    return start(0);
  }

  /** Starts on the given port of 127.0.0.1 (0 picks a free one); returns this. */
  public synchronized SandboxServer start(int port) {
    if (server != null) {
      throw new IllegalStateException(name + " sandbox already started");
    }
    try {
      HttpServer s =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
      executor =
          Executors.newFixedThreadPool(
              8,
              r -> {
                Thread t = new Thread(r, name + "-sandbox-" + THREADS.incrementAndGet());
                t.setDaemon(true);
                return t;
              });
      s.setExecutor(executor);
      s.createContext("/", this::exchange);
      s.start();
      server = s;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + name + " sandbox on port " + port, e);
    }
    LOG.info("{} sandbox listening on 127.0.0.1:{}", name, port());
    return this;
  }

  /** The port listened on; only valid once started. */
  public synchronized int port() {
    if (server == null) {
      throw new IllegalStateException(name + " sandbox not started");
    }
    return server.getAddress().getPort();
  }

  /** A copy of the request log, in arrival order. */
  public List<RecordedRequest> requests() {
    synchronized (log) {
      return log.stream().map(Entry::toRecord).toList();
    }
  }

  /** Empties the request log. */
  public void clearRequests() {
    synchronized (log) {
      log.clear();
    }
  }

  public Faults faults() {
    return faults;
  }

  /** Stops the server; idempotent. */
  @Override
  public synchronized void close() {
    if (server != null) {
      server.stop(0);
      executor.shutdownNow();
      server = null;
      executor = null;
    }
  }

  /** The route table subclasses fill in their constructor. */
  protected final Routes routes() {
    return routes;
  }

  /** Checks credentials; an answer to send instead of routing, or empty to go on. */
  protected Optional<SandboxResponse> authenticate(SandboxRequest request) {
    return Optional.empty();
  }

  /** The API's "too many requests" answer; {@code retryAfterSeconds < 0} means no Retry-After. */
  protected abstract SandboxResponse rateLimitedResponse(
      SandboxRequest request, int retryAfterSeconds);

  /** The API's answer for a failure with this HTTP status (e.g. 500, 503, 400). */
  protected abstract SandboxResponse failureResponse(SandboxRequest request, int httpStatus);

  /** The API's answer for a path no route has. */
  protected abstract SandboxResponse routeNotFound(SandboxRequest request);

  /** The API's answer for a path that exists only for other methods. */
  protected abstract SandboxResponse methodNotAllowed(SandboxRequest request, List<String> allowed);

  /** Last touch on every answer, e.g. rate-limit headers. The default returns it unchanged. */
  protected SandboxResponse decorate(SandboxRequest request, SandboxResponse response) {
    return response;
  }

  private void exchange(HttpExchange exchange) {
    try (exchange) {
      String body;
      try (InputStream in = exchange.getRequestBody()) {
        body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      Map<String, String> headers = new LinkedHashMap<>();
      exchange
          .getRequestHeaders()
          .forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v.isEmpty() ? "" : v.get(0)));
      SandboxRequest request =
          new SandboxRequest(
              exchange.getRequestMethod().toUpperCase(Locale.ROOT),
              exchange.getRequestURI().getPath(),
              QueryStrings.parse(exchange.getRequestURI().getRawQuery()),
              body,
              headers.get("content-type"),
              headers);
      Entry entry = new Entry(request.method(), request.path(), request.query(), body);
      synchronized (log) {
        log.add(entry);
      }
      SandboxResponse response = decorate(request, answer(request));
      entry.status = response.status();
      send(exchange, request, response);
    } catch (IOException e) {
      LOG.debug("{} sandbox: client went away", name, e);
    } catch (RuntimeException e) {
      LOG.error("{} sandbox: cannot answer", name, e);
    }
  }

  private SandboxResponse answer(SandboxRequest request) {
    try {
      sleep(faults.latency());
      Integer retryAfter = faults.takeRateLimit();
      if (retryAfter != null) {
        return rateLimitedResponse(request, retryAfter);
      }
      Integer overQuota = faults.admit();
      if (overQuota != null) {
        return rateLimitedResponse(request, overQuota);
      }
      Integer failure = faults.takeFailure();
      if (failure != null) {
        int failureRetryAfter = faults.failureRetryAfterSeconds();
        SandboxResponse failed = failureResponse(request, failure);
        return failureRetryAfter < 0 ? failed
            : failed.withHeader("Retry-After", Integer.toString(failureRetryAfter));
      }
      boolean write = isWrite(request);
      if (write) {
        Integer writeFailure = faults.writeFailure();
        if (writeFailure != null) {
          return failureResponse(request, writeFailure);
        }
      }
      boolean malformed = faults.takeMalformed();
      SandboxResponse response = route(request);
      if (write && response.status() < 300) {
        faults.writeSucceeded();
        Duration stall = faults.takeStall();
        if (stall != null) {
          sleep(stall);
        }
      }
      return malformed ? truncate(response) : response;
    } catch (RuntimeException e) {
      LOG.error("{} sandbox: handler failed on {} {}", name, request.method(), request.path(), e);
      return failureResponse(request, 500);
    }
  }

  /** Runs an action holding a lock: a data set's read lock for reads, its write lock for writes. */
  protected static <T> T locked(java.util.concurrent.locks.Lock lock,
      java.util.function.Supplier<T> action) {
    lock.lock();
    try {
      return action.get();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Whether a request writes data (creates, updates, deletes): what the write faults count. By
   * default every method but GET and HEAD; a sandbox with a token endpoint leaves it out.
   */
  protected boolean isWrite(SandboxRequest request) {
    return !request.method().equals("GET") && !request.method().equals("HEAD");
  }

  private SandboxResponse route(SandboxRequest request) {
    try {
      Optional<SandboxResponse> denied = authenticate(request);
      if (denied.isPresent()) {
        return denied.get();
      }
      Routes.Match match = routes.match(request);
      if (match instanceof Routes.Found found) {
        return found.handler().handle(found.request());
      } else if (match instanceof Routes.MethodNotAllowed notAllowed) {
        return methodNotAllowed(request, notAllowed.allowed());
      } else {
        return routeNotFound(request);
      }
    } catch (SandboxResponseException e) {
      return e.response();
    }
  }

  /** Status 200 and the first half of the body: never valid JSON. */
  private static SandboxResponse truncate(SandboxResponse response) {
    byte[] body = response.body();
    byte[] half = Arrays.copyOf(body, Math.max(1, body.length / 2));
    if (body.length < 2) {
      half = "{".getBytes(StandardCharsets.UTF_8);
    }
    return response.withStatus(200).withBody(half);
  }

  private static void sleep(Duration latency) {
    if (latency.isZero()) {
      return;
    }
    try {
      Thread.sleep(latency.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void send(HttpExchange exchange, SandboxRequest request, SandboxResponse response)
      throws IOException {
    response.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
    byte[] body = response.body();
    boolean noBody = body.length == 0 || response.status() == 204
        || "HEAD".equals(request.method());
    exchange.sendResponseHeaders(response.status(), noBody ? -1 : body.length);
    if (!noBody) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }
}
