package io.saasql.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.common.collect.ImmutableMap;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** An answer a sandbox sends: status, headers and body bytes. Immutable. */
public final class SandboxResponse {
  /** The content type of every JSON answer. */
  public static final String JSON_UTF8 = "application/json; charset=utf-8";

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final int status;
  private final ImmutableMap<String, String> headers;
  private final byte[] body;

  public SandboxResponse(int status, Map<String, String> headers, byte[] body) {
    this.status = status;
    this.headers = ImmutableMap.copyOf(headers);
    this.body = body.clone();
  }

  /** A JSON answer. */
  public static SandboxResponse json(int status, JsonNode body) {
    try {
      return new SandboxResponse(
          status, Map.of("Content-Type", JSON_UTF8), MAPPER.writeValueAsBytes(body));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  public int status() {
    return status;
  }

  public ImmutableMap<String, String> headers() {
    return headers;
  }

  public byte[] body() {
    return body.clone();
  }

  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /** A copy with one header added or replaced. */
  public SandboxResponse withHeader(String name, String value) {
    Map<String, String> copy = new LinkedHashMap<>(headers);
    copy.put(name, value);
    return new SandboxResponse(status, copy, body);
  }

  /** A copy with another status, same headers and body. */
  public SandboxResponse withStatus(int newStatus) {
    return new SandboxResponse(newStatus, headers, body);
  }

  /** A copy with another body, same status and headers. */
  public SandboxResponse withBody(byte[] newBody) {
    return new SandboxResponse(status, headers, newBody);
  }
}
