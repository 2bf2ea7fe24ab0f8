package io.saasql.core.http;

import okhttp3.HttpUrl;

import java.util.List;
import java.util.Set;

/**
 * Masks secrets before a URL or a message leaves the HTTP layer: the values of secret query
 * parameters ({@code apiKey}, …) and any occurrence of a configured secret value in free text
 * (APIs sometimes echo what they were sent).
 */
public final class Redactor {
  static final String MASK = "****";
  private final Set<String> secretParams;
  private final List<String> secretValues;

  public Redactor(Set<String> secretParams, List<String> secretValues) {
    this.secretParams = Set.copyOf(secretParams);
    this.secretValues = secretValues.stream().filter(s -> s != null && s.length() >= 4).toList();
  }

  public String url(HttpUrl url) {
    HttpUrl.Builder b = url.newBuilder();
    for (String name : url.queryParameterNames()) {
      if (secretParams.contains(name)) {
        b.setQueryParameter(name, MASK);
      }
    }
    return text(b.build().toString());
  }

  public String text(String s) {
    if (s == null) {
      return null;
    }
    String out = s;
    for (String secret : secretValues) {
      out = out.replace(secret, MASK);
    }
    return out;
  }
}
