package io.saasql.core.http;

import io.saasql.core.declare.SourceConfig;

import okhttp3.Interceptor;
import okhttp3.Response;

import java.io.IOException;

/**
 * Network interceptor that times each attempt and prepares its {@link CallRecord} (secrets
 * masked, chosen rate-limit headers in the note). The record is logged by whoever knows how the
 * attempt ended: {@link RetryInterceptor} for a retried attempt, {@link SourceClient} for the last.
 */
final class CallRecorder implements Interceptor {
  private static final java.util.regex.Pattern SFORCE_USAGE =
      java.util.regex.Pattern.compile("api-usage=(\\d+)/(\\d+)");

  private final SourceConfig config;
  private final SourceUsage usage;

  CallRecorder(SourceConfig config, SourceUsage usage) {
    this.config = config;
    this.usage = usage;
  }

  /**
   * The requests left that a response reports ({@code X-RateLimit-Remaining}, Salesforce's
   * {@code Sforce-Limit-Info: api-usage=used/limit}), or -1.
   */
  static long quotaLeft(okhttp3.Headers headers) {
    String usage = headers.get("Sforce-Limit-Info");
    if (usage != null) {
      java.util.regex.Matcher m = SFORCE_USAGE.matcher(usage);
      if (m.find()) {
        return Long.parseLong(m.group(2)) - Long.parseLong(m.group(1));
      }
    }
    String remaining = headers.get("X-RateLimit-Remaining");
    if (remaining != null) {
      try {
        return Long.parseLong(remaining.trim());
      } catch (NumberFormatException e) {
        return -1;
      }
    }
    return -1;
  }

  @Override public Response intercept(Chain chain) throws IOException {
    var request = chain.request();
    CallContext ctx = request.tag(CallContext.class);
    long start = System.nanoTime();
    String url = config.redactor().url(request.url());
    try {
      Response response = chain.proceed(request);
      usage.sent(response.code());
      long left = quotaLeft(response.headers());
      if (left >= 0) {
        usage.quotaLeft(left);
      }
      if (ctx != null) {
        StringBuilder note = new StringBuilder(ctx.note == null ? "" : ctx.note);
        for (String h : config.surfacedHeaders()) {
          String v = response.header(h);
          if (v != null) {
            note.append(note.length() == 0 ? "" : ", ").append(h).append(": ").append(v);
          }
        }
        ctx.last = new CallRecord(config.name(), request.method(), url, response.code(), -1,
            (System.nanoTime() - start) / 1_000_000, ctx.attempt, note.toString());
      }
      return response;
    } catch (IOException e) {
      usage.sent(0);
      if (ctx != null) {
        ctx.last = new CallRecord(config.name(), request.method(), url, 0, -1,
            (System.nanoTime() - start) / 1_000_000, ctx.attempt,
            e.getClass().getSimpleName() + ": " + config.redactor().text(e.getMessage()));
      }
      throw e;
    }
  }
}
