package io.saasql.benchmark;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/**
 * Memory of one measured run: the heap's high-water mark above what was in use when it started
 * (sampled every few milliseconds after a full GC, so it includes garbage not yet collected and
 * the in-process sandboxes' allocations), and the bytes the calling thread allocated (the
 * adapter, Calcite and JSON parsing; not the sandboxes, which answer on their own threads).
 */
final class HeapProbe implements AutoCloseable {
  private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();
  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  private final long baseline;
  private final long allocatedAtStart;
  private final Thread sampler;
  private volatile boolean running = true;
  private volatile long peak;
  private long allocated = -1;

  private HeapProbe() {
    System.gc();
    baseline = MEMORY.getHeapMemoryUsage().getUsed();
    peak = baseline;
    sampler = new Thread(this::sample, "heap-sampler");
    sampler.setDaemon(true);
    sampler.start();
    allocatedAtStart = THREADS.getCurrentThreadAllocatedBytes();
  }

  /** Collects garbage, then starts sampling; call {@link #stop()} from the same thread. */
  static HeapProbe start() {
    return new HeapProbe();
  }

  private void sample() {
    while (running) {
      long used = MEMORY.getHeapMemoryUsage().getUsed();
      if (used > peak) {
        peak = used;
      }
      try {
        Thread.sleep(3);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  @Override
  public void close() {
    stop();
  }

  /** Stops measuring (idempotent); the figures are final afterwards. */
  void stop() {
    if (allocated < 0) {
      allocated = THREADS.getCurrentThreadAllocatedBytes() - allocatedAtStart;
      running = false;
      long used = MEMORY.getHeapMemoryUsage().getUsed();
      if (used > peak) {
        peak = used;
      }
      try {
        sampler.join(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** The heap's high-water mark above the baseline, in bytes. */
  long peakAboveBaseline() {
    return Math.max(0, peak - baseline);
  }

  /** The heap's high-water mark, in bytes. */
  long peak() {
    return peak;
  }

  /** Bytes the measuring thread allocated between start and close. */
  long allocated() {
    return allocated;
  }
}
