package io.saasql.core.http;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A proactive rate limit: at most {@code requests} requests in each {@code period}, written
 * {@code "N/DURATION"} in a model ({@code "150/1m"}, {@code "1000/1h"}, {@code "180/10s"}).
 *
 * @param requests how many requests a period allows, at least 1
 * @param period   the period, at least a millisecond
 */
public record RateLimit(long requests, Duration period) {
  private static final Pattern TEXT = Pattern.compile(
      "\\s*(\\d+)\\s*/\\s*(\\d*)\\s*(ms|s|m|h|d)\\s*", Pattern.CASE_INSENSITIVE);

  public RateLimit {
    if (requests < 1 || period.toMillis() < 1) {
      throw new IllegalArgumentException("a rate limit needs at least one request per"
          + " millisecond or more: " + requests + "/" + period);
    }
  }

  /**
   * Reads {@code "N/DURATION"}: N requests per DURATION, a whole number and a unit ({@code ms},
   * {@code s}, {@code m}, {@code h}, {@code d}; {@code "600/m"} is 600 a minute). Null for
   * {@code "none"}.
   *
   * @throws IllegalArgumentException naming the operand's owner and an example
   */
  public static RateLimit parse(String schema, String operand, String text) {
    if (text.trim().equalsIgnoreCase("none")) {
      return null;
    }
    Matcher m = TEXT.matcher(text);
    if (m.matches()) {
      try {
        long n = Long.parseLong(m.group(1));
        long amount = m.group(2).isEmpty() ? 1 : Long.parseLong(m.group(2));
        Duration unit = switch (m.group(3).toLowerCase(Locale.ROOT)) {
          case "ms" -> Duration.ofMillis(1);
          case "s" -> Duration.ofSeconds(1);
          case "m" -> Duration.ofMinutes(1);
          case "h" -> Duration.ofHours(1);
          default -> Duration.ofDays(1);
        };
        if (n >= 1 && amount >= 1) {
          return new RateLimit(n, unit.multipliedBy(amount));
        }
      } catch (NumberFormatException | ArithmeticException e) {
        // reported below
      }
    }
    throw new IllegalArgumentException("Schema '" + schema + "': operand '" + operand
        + "' must be requests per period, e.g. \"150/1m\" (150 a minute), \"1000/1h\" or"
        + " \"180/10s\", or \"none\"; not '" + text + "'.");
  }

  @Override public String toString() {
    long ms = period.toMillis();
    String p = ms % 86_400_000 == 0 ? ms / 86_400_000 + "d" : ms % 3_600_000 == 0
        ? ms / 3_600_000 + "h" : ms % 60_000 == 0 ? ms / 60_000 + "m"
        : ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
    return requests + "/" + p;
  }
}
