package io.saasql.sandbox.salesforce;

/**
 * The org's daily API request count against its limit, as reported in {@code Sforce-Limit-Info:
 * api-usage=N/LIMIT}. Every authenticated call under {@code /services/data/vXX.X} counts one; a
 * call over the limit is refused and not counted. The count never resets on its own (a sandbox
 * lives shorter than a day).
 */
final class ApiUsage {
  private int limit = 100_000;
  private int used;

  /** Counts one call; false when the limit is already reached (the call is refused). */
  synchronized boolean tryConsume() {
    if (used >= limit) {
      return false;
    }
    used++;
    return true;
  }

  synchronized void limit(int newLimit) {
    if (newLimit < 0) {
      throw new IllegalArgumentException("negative limit: " + newLimit);
    }
    this.limit = newLimit;
  }

  synchronized int limit() {
    return limit;
  }

  synchronized int used() {
    return used;
  }

  /** The value of the {@code Sforce-Limit-Info} header. */
  synchronized String header() {
    return "api-usage=" + used + "/" + limit;
  }
}
