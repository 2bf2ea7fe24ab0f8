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
  private final SourceConfig config;

  CallRecorder(SourceConfig config) {
    this.config = config;
  }

  @Override public Response intercept(Chain chain) throws IOException {
    var request = chain.request();
    CallContext ctx = request.tag(CallContext.class);
    long start = System.nanoTime();
    String url = config.redactor().url(request.url());
    try {
      Response response = chain.proceed(request);
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
      if (ctx != null) {
        ctx.last = new CallRecord(config.name(), request.method(), url, 0, -1,
            (System.nanoTime() - start) / 1_000_000, ctx.attempt,
            e.getClass().getSimpleName() + ": " + config.redactor().text(e.getMessage()));
      }
      throw e;
    }
  }
}
