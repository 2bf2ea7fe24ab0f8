package io.saasql.core;

/** Reads a source's error body into the sentence the API meant ({@code No issue. (code 6)}). */
@FunctionalInterface
public interface ErrorDecoder {
  /** The API's message for a failed response; the raw body (shortened) when it cannot be read. */
  String message(int status, String body);
}
