package io.saasql.sandbox.bitbucket;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The data one Bitbucket sandbox serves, held as the JSON objects the API returns. Readers hold
 * {@link #lock()}'s read lock, writers its write lock; handing data out always goes through a
 * deep copy. Every map keeps insertion order, so iteration is deterministic.
 */
final class BitbucketDataSet {
  /**
   * The issue tracker of one repository: its issues, deleted ids, comments, id counter, and the
   * milestones, versions and components an issue may name.
   */
  static final class Tracker {
    /** Live issues by id, in id order. */
    final TreeMap<Long, ObjectNode> issues = new TreeMap<>();
    /** Ids of deleted issues: {@code GET …/issues/{id}} answers 410 for them. */
    final TreeSet<Long> deleted = new TreeSet<>();
    /** Comments by issue id, each list in id order. */
    final Map<Long, List<ObjectNode>> comments = new LinkedHashMap<>();
    /** The highest issue id ever given, deleted ones included; the next issue gets one more. */
    long lastId;
    /** Milestones by name, as embedded in issues ({@code {type, id, name}}), in seed order. */
    final Map<String, ObjectNode> milestones = new LinkedHashMap<>();
    /** Versions by name, as embedded in issues. */
    final Map<String, ObjectNode> versions = new LinkedHashMap<>();
    /** Components by name, as embedded in issues. */
    final Map<String, ObjectNode> components = new LinkedHashMap<>();
  }

  private final ReadWriteLock lock = new ReentrantReadWriteLock();

  /** Users by uuid (with braces), as embedded in other objects. */
  final Map<String, ObjectNode> users = new LinkedHashMap<>();
  /** Workspaces by slug. */
  final Map<String, ObjectNode> workspaces = new LinkedHashMap<>();
  /** Member user uuids by workspace slug, in seed order. */
  final Map<String, List<String>> members = new LinkedHashMap<>();
  /** Repositories by full name ({@code workspace/slug}). */
  final Map<String, ObjectNode> repositories = new LinkedHashMap<>();
  /** Issue trackers by repository full name; absent for a repository without a tracker. */
  final Map<String, Tracker> trackers = new LinkedHashMap<>();
  /** Pull requests by repository full name, then id. */
  final Map<String, TreeMap<Long, ObjectNode>> pullRequests = new LinkedHashMap<>();
  /** The last issue-comment id given (comment ids are global, like Bitbucket's). */
  long lastCommentId;

  ReadWriteLock lock() {
    return lock;
  }

  /** A workspace by slug or by {@code {uuid}}. */
  Optional<ObjectNode> workspace(String slugOrUuid) {
    ObjectNode bySlug = workspaces.get(slugOrUuid);
    if (bySlug != null) {
      return Optional.of(bySlug);
    }
    return workspaces.values().stream()
        .filter(w -> w.path("uuid").asText().equalsIgnoreCase(slugOrUuid))
        .findFirst();
  }

  /** The repositories of a workspace (given by slug), in seed order. */
  List<ObjectNode> repositoriesOf(String workspaceSlug) {
    List<ObjectNode> result = new ArrayList<>();
    for (ObjectNode repo : repositories.values()) {
      if (repo.path("workspace").path("slug").asText().equals(workspaceSlug)) {
        result.add(repo);
      }
    }
    return result;
  }

  /** A repository of a workspace (given by slug) by slug or by {@code {uuid}}. */
  Optional<ObjectNode> repository(String workspaceSlug, String slugOrUuid) {
    ObjectNode bySlug = repositories.get(workspaceSlug + "/" + slugOrUuid);
    if (bySlug != null) {
      return Optional.of(bySlug);
    }
    return repositoriesOf(workspaceSlug).stream()
        .filter(r -> r.path("uuid").asText().equalsIgnoreCase(slugOrUuid))
        .findFirst();
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

  /** A positive decimal id such as {@code 42}; null for anything else. */
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
}
