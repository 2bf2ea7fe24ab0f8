package io.saasql.core.http;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The record of the calls a source made: the most recent {@value #CAPACITY} are kept in memory, and
 * each is logged to the {@code io.saasql.calls} logger at INFO (what {@code --verbose} shows).
 */
public final class CallLog {
  /** The logger every call goes to. */
  public static final Logger CALLS = LoggerFactory.getLogger("io.saasql.calls");
  static final int CAPACITY = 1000;

  private final Deque<CallRecord> recent = new ArrayDeque<>();

  synchronized void add(CallRecord record) {
    if (recent.size() == CAPACITY) {
      recent.removeFirst();
    }
    recent.addLast(record);
    CALLS.info("{}", record);
  }

  /** The most recent calls, oldest first. */
  public synchronized List<CallRecord> recent() {
    return new ArrayList<>(recent);
  }

  public synchronized void clear() {
    recent.clear();
  }
}
