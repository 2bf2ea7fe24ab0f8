package io.saasql.core.plan;

import io.saasql.core.http.SaasApiException;

import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads that run the independent requests of queries at the same time: a fan-out's paths,
 * GETs by key, a bind join's batches. Each query bounds how many of its own run at once
 * ({@code maxConcurrentRequests}); the threads are daemons and idle ones end after a second.
 */
final class Fetches {
  private static final AtomicInteger THREADS = new AtomicInteger();
  private static final ExecutorService POOL = new ThreadPoolExecutor(0, Integer.MAX_VALUE,
      1, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
        Thread t = new Thread(r, "saasql-fetch-" + THREADS.incrementAndGet());
        t.setDaemon(true);
        return t;
      });

  private Fetches() {}

  static <T> Future<T> submit(java.util.concurrent.Callable<T> task) {
    return POOL.submit(task);
  }

  /**
   * The result of a fetch, waiting for it; its failure is rethrown as it was raised (an API error
   * stays an API error).
   */
  static <T> T await(Future<T> future, String source) {
    try {
      return future.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw new SaasApiException(source, 0, source + ": " + e.getCause().getMessage(),
          e.getCause());
    } catch (InterruptedException | CancellationException e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      throw new SaasApiException(source, 0, source + ": the statement was cancelled", null);
    }
  }
}
