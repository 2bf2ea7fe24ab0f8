package io.saasql.core.declare;

/** Reads a source's error body into the sentence the API meant ({@code No issue. (code 6)}). */
@FunctionalInterface
public interface ErrorDecoder {
  /** The API's message for a failed response; the raw body (shortened) when it cannot be read. */
  String message(int status, String body);

  /**
   * A body shown as it is, for bodies that are not the API's error JSON: trimmed, at most 300
   * characters.
   */
  static String raw(String body) {
    String text = body == null ? "" : body.strip();
    return text.isEmpty() ? "(empty body)" : text.length() > 300 ? text.substring(0, 300) + "…"
        : text;
  }
}
