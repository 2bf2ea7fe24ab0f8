package io.saasql.benchmark;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import io.saasql.core.http.CallLog;
import io.saasql.core.http.CallRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Collects the {@link CallRecord}s every source logs to {@code io.saasql.calls}: how many rows
 * each response carried, how long it took, and the waits before retries. The sandboxes' request
 * logs stay the source of truth for how many requests were made; these records add what only the
 * client knows.
 */
final class CallCapture extends AppenderBase<ILoggingEvent> {
  private static final Pattern RETRY_WAIT = Pattern.compile("retry in (\\d+) ms");

  private final List<CallRecord> records = new ArrayList<>();

  /** Routes the call logger to a new capture only (nothing on the console), and returns it. */
  static CallCapture install() {
    Logger logger = (Logger) org.slf4j.LoggerFactory.getLogger(CallLog.CALLS.getName());
    CallCapture capture = new CallCapture();
    capture.setContext(logger.getLoggerContext());
    capture.setName("benchmark-calls");
    capture.start();
    logger.detachAndStopAllAppenders();
    logger.setAdditive(false);
    logger.setLevel(Level.INFO);
    logger.addAppender(capture);
    return capture;
  }

  @Override
  protected void append(ILoggingEvent event) {
    Object[] args = event.getArgumentArray();
    if (args != null && args.length == 1 && args[0] instanceof CallRecord r) {
      synchronized (records) {
        records.add(r);
      }
    }
  }

  void clear() {
    synchronized (records) {
      records.clear();
    }
  }

  /** The first call recorded since the last {@link #clear()}, as the log shows it. */
  String first() {
    synchronized (records) {
      return records.isEmpty() ? "" : records.get(0).toString();
    }
  }

  /** What the calls since the last {@link #clear()} add up to. */
  Totals totals() {
    synchronized (records) {
      long rows = 0;
      long millis = 0;
      long retryWait = 0;
      for (CallRecord r : records) {
        rows += Math.max(0, r.rows());
        millis += r.millis();
        if (r.note() != null) {
          Matcher m = RETRY_WAIT.matcher(r.note());
          if (m.find()) {
            retryWait += Long.parseLong(m.group(1));
          }
        }
      }
      return new Totals(records.size(), rows, millis, retryWait);
    }
  }

  /**
   * @param calls      attempts the client recorded
   * @param rows       rows the responses carried (a lookup's object counts as one)
   * @param millis     time spent waiting for responses
   * @param retryWait  time slept before retries (rate limits)
   */
  record Totals(long calls, long rows, long millis, long retryWait) {}
}
