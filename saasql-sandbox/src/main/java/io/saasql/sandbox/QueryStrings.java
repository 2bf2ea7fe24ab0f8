package io.saasql.sandbox;

import com.google.common.base.Splitter;
import com.google.common.collect.LinkedListMultimap;
import com.google.common.collect.ListMultimap;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/** Decodes {@code a=1&b[]=2} query strings and form bodies into ordered multimaps. */
final class QueryStrings {
  private QueryStrings() {}

  /** Decodes a raw (still percent-encoded) query string; null or empty gives an empty map. */
  static ListMultimap<String, String> parse(String raw) {
    ListMultimap<String, String> result = LinkedListMultimap.create();
    if (raw == null || raw.isEmpty()) {
      return result;
    }
    for (String pair : Splitter.on('&').omitEmptyStrings().split(raw)) {
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      result.put(decode(name), decode(value));
    }
    return result;
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return s; // a stray '%' is kept as sent rather than failing the whole request
    }
  }
}
