package io.saasql.core.http;

import io.saasql.core.declare.Pushdown;
import io.saasql.core.declare.SourceConfig;
import io.saasql.core.declare.WriteSpec;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The HTTP client of one configured source: OkHttp with the source's authentication, retries of
 * idempotent requests, and a {@link CallRecord} for every attempt. One per configuration, shared
 * by every connection and query that uses it; all of them share one connection pool.
 */
public final class SourceClient {
  private static final OkHttpClient ROOT = new OkHttpClient();
  private static final ObjectMapper JSON = new ObjectMapper();

  private final SourceConfig config;
  private final SourceUsage usage;
  private final OkHttpClient http;
  private final HttpUrl base;
  /**
   * GET answers by URL (credentials and all: the cache is this client's, one per configuration),
   * as their body text; null when the source has no cache, or for a view without it.
   */
  private final Cache<String, String> cache;
  /** The same client without the cache, for connections that ask for none; made on first use. */
  private volatile SourceClient uncached;

  /** A view of {@code of} that reads and writes past its cache. */
  private SourceClient(SourceClient of) {
    this.config = of.config;
    this.usage = of.usage;
    this.http = of.http;
    this.base = of.base;
    this.cache = null;
    this.uncached = this;
    this.invalidate = of.invalidate;
  }

  /** Drops every cached answer (a write went to the API). */
  private final Runnable invalidate;

  public SourceClient(SourceConfig config) {
    this.config = config;
    this.usage = new SourceUsage();
    if (config.cacheTtl().isZero()) {
      this.cache = null;
    } else {
      this.cache = Caffeine.newBuilder().expireAfterWrite(config.cacheTtl())
          .maximumWeight(config.cacheMaxBytes())
          .<String, String>weigher((url, body) -> 2 * (url.length() + body.length()) + 64)
          .build();
    }
    this.invalidate = () -> {
      if (cache != null) {
        cache.invalidateAll();
      }
    };
    this.base = HttpUrl.parse(config.baseUrl().endsWith("/") ? config.baseUrl()
        : config.baseUrl() + "/");
    if (base == null) {
      throw new IllegalArgumentException(
          config.name() + ": baseUrl '" + config.baseUrl() + "' is not an http(s) URL");
    }
    OkHttpClient.Builder b = ROOT.newBuilder()
        .connectTimeout(config.timeout())
        .readTimeout(config.timeout())
        .writeTimeout(config.timeout())
        .retryOnConnectionFailure(false);
    config.auth().forEach(b::addInterceptor);
    b.addInterceptor(new RetryInterceptor(config));
    if (config.rateLimit() != null) {
      // After the retries: every attempt waits for its token.
      b.addInterceptor(new RateLimiter(config.rateLimit(), config.quota(),
          config.rateLimitStore(), config.name(), usage));
    }
    b.addNetworkInterceptor(new CallRecorder(config, usage));
    b.addNetworkInterceptor(RetryInterceptor.OKHTTP_REPEATS_NOTHING);
    this.http = b.build();
  }

  private static final java.util.concurrent.ConcurrentMap<String, SourceClient> SHARED =
      new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * The client for a configuration, created on first use and shared afterwards: Calcite creates a
   * schema per connection and has no close hook, so clients live per configuration, not per
   * connection. {@code key} must identify the whole configuration (secrets hashed).
   */
  public static SourceClient shared(String key, java.util.function.Supplier<SourceConfig> config) {
    return SHARED.computeIfAbsent(key, k -> new SourceClient(config.get()));
  }

  public SourceConfig config() {
    return config;
  }

  /**
   * This client without its response cache (reads go to the API; writes still drop what the
   * cache holds), for a connection with {@code cache=false}.
   */
  public SourceClient withoutCache() {
    SourceClient view = uncached;
    if (view == null) {
      view = new SourceClient(this);
      uncached = view;
    }
    return view;
  }

  /** What this client has spent of the source's API since the process started. */
  public SourceUsage usage() {
    return usage;
  }

  /** The response of one GET: its JSON and, for a listing, the array of rows in it. */
  public record Page(JsonNode body, JsonNode rows) {}

  /**
   * GETs a count: the number at the JSON pointer {@code pointer} of the answer to
   * {@code GET path?params} (Backlog's {@code /issues/count}, SOQL's {@code totalSize}).
   */
  public long count(String path, List<Pushdown.Param> params, String pointer,
      AtomicBoolean cancelFlag) {
    JsonNode count = get(path, params, null, false, cancelFlag).body().at(pointer);
    if (!count.canConvertToLong()) {
      throw new SaasApiException(config.name(), 200, config.name() + ": GET " + path
          + " returned no count at '" + pointer + "'.", null);
    }
    return count.asLong();
  }

  /**
   * GETs a path (relative to the base URL) or an absolute URL on the same host, with query
   * parameters, and reads the rows at {@code rowsPointer} (null: the body is one object).
   * Returns null on 404 (not found) or 410 (gone) when {@code notFoundIsEmpty}.
   */
  public Page get(String pathOrUrl, List<Pushdown.Param> params, String rowsPointer,
      boolean notFoundIsEmpty, AtomicBoolean cancelFlag) {
    HttpUrl url = resolve(pathOrUrl, params);
    CallContext ctx = new CallContext(cancelFlag);
    Request request = new Request.Builder().url(url).get()
        .header("Accept", "application/json").tag(CallContext.class, ctx).build();
    String shown = config.redactor().url(url);
    String cached = cache == null ? null : cache.getIfPresent(url.toString());
    if (cached != null) {
      usage.cacheHit();
      ctx.last = new CallRecord(config.name(), "GET", shown, 200, -1, 0, 1, "cache hit");
      return page(cached, 200, rowsPointer, shown, ctx);
    }
    try (Response response = http.newCall(request).execute()) {
      String body = response.body() == null ? "" : response.body().string();
      int code = response.code();
      if ((code == 404 || code == 410) && notFoundIsEmpty) {
        finish(ctx, 0);
        return null;
      }
      if (code < 200 || code >= 300) {
        finish(ctx, -1);
        throw failure(request.method(), shown, code, body, ctx);
      }
      Page page = page(body, code, rowsPointer, shown, ctx);
      if (cache != null) {
        cache.put(url.toString(), body);
      }
      return page;
    } catch (IOException e) {
      finish(ctx, -1);
      String why = ctx.cancelled() ? "the statement was cancelled"
          : e.getClass().getSimpleName() + ": " + config.redactor().text(e.getMessage());
      throw new SaasApiException(config.name(), 0, config.name() + ": GET " + shown
          + " failed after " + ctx.attempt + " attempt(s): " + why
          + (ctx.cancelled() ? "" : ". Check that the source's baseUrl is reachable."), e);
    }
  }

  /** A GET's answer read as JSON, its rows at {@code rowsPointer}; logs the call record. */
  private Page page(String body, int code, String rowsPointer, String shown, CallContext ctx) {
    JsonNode json;
    try {
      json = JSON.readTree(body);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      finish(ctx, -1);
      throw new SaasApiException(config.name(), code, config.name() + ": GET " + shown
          + " returned a body that is not valid JSON (" + e.getOriginalMessage()
          + "). The API or a proxy in between sent something unexpected; try again.", e);
    }
    JsonNode rows = rowsPointer == null ? null
        : rowsPointer.isEmpty() ? json : json.at(JsonPointer.compile(rowsPointer));
    if (rowsPointer != null && (rows == null || !rows.isArray())) {
      finish(ctx, -1);
      throw new SaasApiException(config.name(), code, config.name() + ": GET " + shown
          + " returned JSON without the expected list at '" + rowsPointer + "'.", null);
    }
    finish(ctx, rows == null ? 1 : rows.size());
    return new Page(json, rows);
  }

  /** The answer to a write: status, JSON body (empty object when there is none), headers. */
  public record Reply(int status, JsonNode body, okhttp3.Headers headers) {}

  /**
   * Sends a write (POST, PATCH, PUT, DELETE) with a body (null for none). A refusal by the API
   * becomes a {@link SaasApiException} with its message; no answer at all (a timeout, a reset)
   * becomes a {@link WriteOutcomeUnknownException}, because the API may have applied the write.
   * Only a 429 is retried.
   */
  public Reply write(String method, String path, WriteSpec.BodyFormat format, JsonNode body,
      AtomicBoolean cancelFlag) {
    HttpUrl url = resolve(path, List.of());
    CallContext ctx = new CallContext(cancelFlag);
    okhttp3.RequestBody requestBody = body == null ? null : encode(format, body);
    if (requestBody == null && !method.equals("DELETE")) {
      requestBody = okhttp3.RequestBody.create(new byte[0], null);
    }
    Request request = new Request.Builder().url(url).method(method, requestBody)
        .header("Accept", "application/json").tag(CallContext.class, ctx).build();
    String shown = config.redactor().url(url);
    // Whatever the outcome, the cached answers may no longer be what the API would say.
    invalidate.run();
    try (Response response = http.newCall(request).execute()) {
      String text = response.body() == null ? "" : response.body().string();
      int code = response.code();
      finish(ctx, -1);
      if (code < 200 || code >= 300) {
        throw failure(method, shown, code, text, ctx);
      }
      JsonNode json;
      try {
        json = text.isBlank() ? JSON.createObjectNode() : JSON.readTree(text);
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        json = JSON.createObjectNode();
      }
      return new Reply(code, json, response.headers());
    } catch (IOException e) {
      finish(ctx, -1);
      throw new WriteOutcomeUnknownException(config.name(), config.name() + ": " + method + " "
          + shown + " got no answer (" + e.getClass().getSimpleName() + ": "
          + config.redactor().text(e.getMessage()) + "); the API may or may not have applied it,"
          + " so it was not sent again.", e);
    }
  }

  private static okhttp3.RequestBody encode(WriteSpec.BodyFormat format, JsonNode body) {
    if (format == WriteSpec.BodyFormat.JSON) {
      return okhttp3.RequestBody.create(body.toString(),
          okhttp3.MediaType.get("application/json; charset=utf-8"));
    }
    okhttp3.FormBody.Builder form = new okhttp3.FormBody.Builder();
    body.fields().forEachRemaining(e -> {
      if (e.getValue().isArray()) {
        for (JsonNode item : e.getValue()) {
          form.add(e.getKey() + "[]", item.asText());
        }
      } else {
        form.add(e.getKey(), e.getValue().isNull() ? "" : e.getValue().asText());
      }
    });
    return form.build();
  }

  private void finish(CallContext ctx, int rows) {
    if (ctx.last != null) {
      config.log().add(ctx.last.withRows(rows));
      ctx.last = null;
    }
  }

  private SaasApiException failure(String method, String shown, int code, String body,
      CallContext ctx) {
    String apiMessage = config.redactor().text(config.errors().message(code, body));
    String advice = switch (code) {
      case 401, 403 -> " " + config.credentialHint();
      case 429 -> " Rate limit still exceeded after " + ctx.attempt + " attempt(s)"
          + (ctx.note != null ? " (" + ctx.note + ")" : "")
          + "; wait and run the query again, or raise maxRetries / maxRetryWaitSeconds.";
      case 400 -> !"GET".equals(method) ? ""
          : " The API rejected the request; this is likely a bug in the adapter's pushdown:"
              + " run with pushdown disabled (\"pushdown\": false) to confirm, and report it.";
      default -> code >= 500 ? " The service failed after " + ctx.attempt
          + " attempt(s); try again later." : "";
    };
    return new SaasApiException(config.name(), code, config.name() + ": " + method + " " + shown
        + " failed with HTTP " + code + ": " + apiMessage + "." + advice, null);
  }

  private HttpUrl resolve(String pathOrUrl, List<Pushdown.Param> params) {
    HttpUrl url;
    if (pathOrUrl.startsWith("http://") || pathOrUrl.startsWith("https://")) {
      url = HttpUrl.parse(pathOrUrl);
    } else if (pathOrUrl.startsWith(base.encodedPath())) {
      // A server-relative link that already holds the API root's path (a next-page link).
      url = base.resolve(pathOrUrl);
    } else {
      String rel = pathOrUrl.startsWith("/") ? pathOrUrl.substring(1) : pathOrUrl;
      url = base.resolve(rel);
    }
    if (url == null) {
      throw new IllegalArgumentException("bad URL " + pathOrUrl);
    }
    HttpUrl.Builder b = url.newBuilder();
    for (Pushdown.Param p : params) {
      b.addQueryParameter(p.name(), p.value());
    }
    return b.build();
  }
}
