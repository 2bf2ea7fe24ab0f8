package io.saasql.mirror;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A {@link Mirror}'s cycles on a schedule, on a thread of their own ({@code saasql mirror
 * --every}, {@code saasql serve --mirror-into}): the next cycle starts {@code every} after the
 * last one ended, so cycles never overlap; a cycle that fails is reported and the next one runs.
 * Closing it lets a running cycle end (each batch is its own transaction, each change sent is
 * recorded first) and stops the rest.
 */
public final class MirrorSchedule implements AutoCloseable {
  private final Mirror mirror;
  private final ScheduledExecutorService timer;

  private MirrorSchedule(Mirror mirror, Duration every, PrintStream out) {
    this.mirror = mirror;
    this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "saasql-mirror");
      t.setDaemon(true);
      return t;
    });
    timer.scheduleWithFixedDelay(() -> {
      try {
        for (Mirror.TableCycle c : mirror.cycle()) {
          out.println("saasql mirror: " + c);
        }
      } catch (Exception e) {
        out.println("saasql mirror: cycle failed: " + e.getMessage());
      }
      out.flush();
    }, 0, every.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Opens the mirror (creating what Postgres lacks) and starts its first cycle now. */
  public static MirrorSchedule start(Path model, String into, List<String> tables,
      Duration every, Duration deletesEvery, PrintStream out) throws java.sql.SQLException {
    if (every.isZero() || every.isNegative()) {
      throw new IllegalArgumentException("The mirror's interval must be positive, not " + every);
    }
    return new MirrorSchedule(Mirror.open(model, into, tables, deletesEvery, out), every, out);
  }

  /** Waits until the thread running the cycles is interrupted or the schedule closed. */
  public void join() throws InterruptedException {
    timer.awaitTermination(Long.MAX_VALUE, TimeUnit.DAYS);
  }

  @Override public void close() throws Exception {
    timer.shutdown();
    timer.awaitTermination(30, TimeUnit.SECONDS);
    mirror.close();
  }
}
