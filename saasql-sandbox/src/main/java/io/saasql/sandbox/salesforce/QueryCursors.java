package io.saasql.sandbox.salesforce;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The query locators behind {@code nextRecordsUrl}: a snapshot of a query's remaining rows,
 * fetched batch by batch with {@code GET /query/<locator>-<offset>}. A locator is released 15
 * minutes after its last use, or when it is the oldest of {@value #MAX_OPEN} and one more opens,
 * and all are lost when the sandbox stops (they live in memory of one
 * instance, and carry a random part so another instance never accepts them).
 */
final class QueryCursors {
  /** How long an unused locator stays valid. */
  static final Duration IDLE_TIMEOUT = Duration.ofMinutes(15);

  /**
   * How many locators a user may have open: opening one more releases the oldest, as Salesforce
   * does (the sandbox has one user's worth).
   */
  static final int MAX_OPEN = 10;

  /** A query's rows and the batch size they were asked for. */
  static final class Cursor {
    final String locator;
    final List<ObjectNode> rows;
    final int batchSize;
    Instant lastUsed;

    Cursor(String locator, List<ObjectNode> rows, int batchSize, Instant now) {
      this.locator = locator;
      this.rows = List.copyOf(rows);
      this.batchSize = batchSize;
      this.lastUsed = now;
    }
  }

  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  private final Map<String, Cursor> cursors = new LinkedHashMap<>();
  private final String instancePart;
  private long counter;

  QueryCursors(Clock clock) {
    this.clock = clock;
    this.instancePart = SalesforceIds.base62(
        Math.floorMod(random.nextLong(), 62L * 62 * 62 * 62 * 62 * 62), 6);
  }

  /** Opens a locator over {@code rows}; the caller has already sent the first batch. */
  synchronized Cursor open(List<ObjectNode> rows, int batchSize) {
    expire();
    counter++;
    String id15 = "01g5g0" + instancePart + SalesforceIds.base62(counter, 3);
    String locator = SalesforceIds.withChecksum(id15);
    Cursor cursor = new Cursor(locator, rows, batchSize, clock.instant());
    Iterator<String> oldest = cursors.keySet().iterator();
    while (cursors.size() >= MAX_OPEN) {
      oldest.next();
      oldest.remove();
    }
    cursors.put(locator, cursor);
    return cursor;
  }

  /** A live locator, marked as used now; empty when unknown or expired. */
  synchronized Optional<Cursor> find(String locator) {
    expire();
    Cursor cursor = cursors.get(locator);
    if (cursor != null) {
      cursor.lastUsed = clock.instant();
    }
    return Optional.ofNullable(cursor);
  }

  /** Releases every locator. */
  synchronized void clear() {
    cursors.clear();
  }

  synchronized int open() {
    expire();
    return cursors.size();
  }

  private void expire() {
    Instant now = clock.instant();
    for (Iterator<Cursor> it = cursors.values().iterator(); it.hasNext(); ) {
      Cursor c = it.next();
      if (!now.isBefore(c.lastUsed.plus(IDLE_TIMEOUT))) {
        it.remove();
      }
    }
  }
}
