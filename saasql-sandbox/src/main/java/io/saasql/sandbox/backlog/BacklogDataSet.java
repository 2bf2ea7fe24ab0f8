package io.saasql.sandbox.backlog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The data one Backlog sandbox serves, held as the JSON objects the API returns. Readers hold
 * {@link #lock()}'s read lock, writers its write lock; handing data out always goes through a
 * deep copy.
 */
final class BacklogDataSet {
  private static final com.fasterxml.jackson.databind.ObjectMapper MAPPER =
      new com.fasterxml.jackson.databind.ObjectMapper();

  private final ReadWriteLock lock = new ReentrantReadWriteLock();

  final Map<Long, ObjectNode> projects = new LinkedHashMap<>();
  final Map<Long, ObjectNode> users = new LinkedHashMap<>();
  final List<ObjectNode> priorities = new ArrayList<>();
  final List<ObjectNode> resolutions = new ArrayList<>();
  final Map<Long, List<ObjectNode>> statuses = new LinkedHashMap<>();
  final Map<Long, List<ObjectNode>> issueTypes = new LinkedHashMap<>();
  final Map<Long, List<ObjectNode>> categories = new LinkedHashMap<>();
  final Map<Long, List<ObjectNode>> versions = new LinkedHashMap<>();
  /** Issues by id, in id order. */
  final TreeMap<Long, ObjectNode> issues = new TreeMap<>();
  /** The last keyId used per project; never reused, not even after a delete. */
  final Map<Long, Long> lastKeyId = new LinkedHashMap<>();
  /** The last issue id used; never reused, not even after a delete. */
  long lastIssueId;
  /** The comments added with issue updates, by issue id, oldest first. */
  final Map<Long, List<String>> comments = new LinkedHashMap<>();

  ReadWriteLock lock() {
    return lock;
  }

  /** A project by numeric id or project key. */
  Optional<ObjectNode> project(String idOrKey) {
    Long id = parseId(idOrKey);
    if (id != null) {
      return Optional.ofNullable(projects.get(id));
    }
    return projects.values().stream()
        .filter(p -> p.path("projectKey").asText().equals(idOrKey))
        .findFirst();
  }

  /** An issue by numeric id or issue key such as {@code SALES-12}. */
  Optional<ObjectNode> issue(String idOrKey) {
    Long id = parseId(idOrKey);
    if (id != null) {
      return Optional.ofNullable(issues.get(id));
    }
    int dash = idOrKey.lastIndexOf('-');
    if (dash <= 0) {
      return Optional.empty();
    }
    String key = idOrKey.substring(0, dash);
    Long keyId = parseId(idOrKey.substring(dash + 1));
    Optional<ObjectNode> project =
        projects.values().stream().filter(p -> p.path("projectKey").asText().equals(key))
            .findFirst();
    if (keyId == null || project.isEmpty()) {
      return Optional.empty();
    }
    long projectId = project.get().path("id").asLong();
    return issues.values().stream()
        .filter(i -> i.path("projectId").asLong() == projectId && i.path("keyId").asLong() == keyId)
        .findFirst();
  }

  /**
   * The node as a client would parse it from the wire (e.g. small numbers as {@code IntNode},
   * not {@code LongNode}), so that copies handed out compare equal to HTTP answers.
   */
  static ObjectNode normalize(ObjectNode node) {
    try {
      return (ObjectNode) MAPPER.readTree(MAPPER.writeValueAsBytes(node));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Normalizes every node held, see {@link #normalize}. */
  void normalizeAll() {
    projects.replaceAll((k, v) -> normalize(v));
    users.replaceAll((k, v) -> normalize(v));
    priorities.replaceAll(BacklogDataSet::normalize);
    resolutions.replaceAll(BacklogDataSet::normalize);
    for (Map<Long, List<ObjectNode>> byProject : List.of(statuses, issueTypes, categories,
        versions)) {
      byProject.values().forEach(list -> list.replaceAll(BacklogDataSet::normalize));
    }
    issues.replaceAll((k, v) -> normalize(v));
  }

  static Long parseId(String s) {
    if (s == null || s.isEmpty() || s.length() > 18) {
      return null;
    }
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return null;
      }
    }
    return Long.parseLong(s);
  }

  static <T extends JsonNode> List<T> deepCopies(Iterable<T> nodes) {
    List<T> copies = new ArrayList<>();
    for (T node : nodes) {
      @SuppressWarnings("unchecked")
      T copy = (T) node.deepCopy();
      copies.add(copy);
    }
    return copies;
  }
}
