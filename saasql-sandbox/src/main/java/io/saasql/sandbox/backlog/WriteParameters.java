package io.saasql.sandbox.backlog;

import com.google.common.collect.LinkedListMultimap;
import com.google.common.collect.ListMultimap;
import io.saasql.sandbox.SandboxRequest;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The parameters of one write request: the form body ({@code application/x-www-form-urlencoded},
 * arrays as repeated {@code name[]}) plus any query parameters other than {@code apiKey}, in the
 * order sent. Checks the body's content type and that single-valued parameters are given once.
 */
final class WriteParameters {
  static final String FORM = "application/x-www-form-urlencoded";

  private final ListMultimap<String, String> values;

  private WriteParameters(ListMultimap<String, String> values) {
    this.values = values;
  }

  /** The parameters of a request; a non-empty body that is not a form is refused (400). */
  static WriteParameters of(SandboxRequest request) {
    ListMultimap<String, String> values = LinkedListMultimap.create();
    request.query().entries().stream()
        .filter(e -> !e.getKey().equals("apiKey"))
        .forEach(e -> values.put(e.getKey(), e.getValue()));
    if (!request.body().isEmpty()) {
      String type = request.contentType();
      if (type == null || !type.toLowerCase(Locale.ROOT).startsWith(FORM)) {
        throw BacklogError.invalidRequest(
            "Unsupported Content-Type: " + (type == null ? "none" : type)
                + " (expected " + FORM + ").");
      }
      values.putAll(request.form());
    }
    return new WriteParameters(values);
  }

  /** The parameter names sent, in the order first sent. */
  Set<String> names() {
    return new LinkedHashSet<>(values.keySet());
  }

  boolean has(String name) {
    return values.containsKey(name);
  }

  /** The value of a single-valued parameter, "" when sent empty, null when absent. */
  String scalar(String name) {
    List<String> all = values.get(name);
    if (all.isEmpty()) {
      return null;
    }
    if (all.size() > 1) {
      throw BacklogError.invalidRequest("Parameter " + name + " must be given only once.");
    }
    return all.get(0);
  }

  /**
   * The non-empty values of an array parameter such as {@code categoryId[]}, in the order sent;
   * empty when absent or when only empty values were sent (which clears the field).
   */
  List<String> array(String name) {
    List<String> result = new ArrayList<>();
    for (String value : values.get(name)) {
      if (!value.isEmpty()) {
        result.add(value);
      }
    }
    return result;
  }
}
