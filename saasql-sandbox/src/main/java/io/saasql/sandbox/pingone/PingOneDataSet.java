package io.saasql.sandbox.pingone;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The data one PingOne sandbox serves: environments, and per environment its populations, groups,
 * users and group memberships, held as the JSON objects the API returns (without {@code _links},
 * which depend on the port and are added when answering). Readers hold {@link #lock()}'s read
 * lock, writers its write lock; handing data out always goes through a copy.
 */
final class PingOneDataSet {
  private final ReadWriteLock lock = new ReentrantReadWriteLock();

  final String organizationId;
  /** Environments by name, in creation order. */
  final Map<String, Environment> environments = new LinkedHashMap<>();

  PingOneDataSet(String organizationId) {
    this.organizationId = organizationId;
  }

  ReadWriteLock lock() {
    return lock;
  }

  Optional<Environment> environmentById(String id) {
    return environments.values().stream().filter(e -> e.id.equals(id)).findFirst();
  }

  /** One environment and everything in it. */
  static final class Environment {
    final String id;
    final String name;
    final ObjectNode json;
    /** The client id of the environment's worker app. */
    final String workerClientId;

    final Resources populations = new Resources();
    final Resources groups = new Resources();
    final Resources users = new Resources();
    /** Group id → user ids, in the order added. */
    final Map<String, Set<String>> members = new LinkedHashMap<>();
    /** User id → group ids, in the order added. */
    final Map<String, Set<String>> memberships = new LinkedHashMap<>();
    /** User id → the password last set through the API (write-only: never rendered). */
    final Map<String, String> passwords = new LinkedHashMap<>();

    Environment(String id, String name, ObjectNode json, String workerClientId) {
      this.id = id;
      this.name = name;
      this.json = json;
      this.workerClientId = workerClientId;
    }

    void addMember(String groupId, String userId) {
      members.computeIfAbsent(groupId, k -> new LinkedHashSet<>()).add(userId);
      memberships.computeIfAbsent(userId, k -> new LinkedHashSet<>()).add(groupId);
    }

    /** Deletes a user: it leaves its groups and its password is forgotten. */
    void removeUser(String userId) {
      users.remove(userId);
      for (String groupId : memberships.getOrDefault(userId, Set.of())) {
        Set<String> m = members.get(groupId);
        if (m != null) {
          m.remove(userId);
        }
      }
      memberships.remove(userId);
      passwords.remove(userId);
    }

    /** The environment's default population's id, or null when it has none. */
    String defaultPopulationId() {
      return populations.all().stream()
          .filter(p -> p.path("default").asBoolean(false))
          .map(p -> p.get("id").asText())
          .findFirst()
          .orElse(null);
    }

    /** The ids of the groups a user is a direct member of, in the order joined. */
    List<String> groupIdsOf(String userId) {
      return new ArrayList<>(memberships.getOrDefault(userId, Set.of()));
    }

    long usersInPopulation(String populationId) {
      return users.all().stream()
          .filter(u -> populationId.equals(u.path("population").path("id").asText(null)))
          .count();
    }
  }

  /**
   * The objects of one collection by id, in insertion order, each with a sequence number that
   * never changes and grows with insertion: paging cursors point after a sequence number, so
   * inserts and deletes while paging neither repeat nor skip the objects that stay.
   */
  static final class Resources {
    private final Map<String, ObjectNode> byId = new LinkedHashMap<>();
    private final Map<String, Long> sequence = new LinkedHashMap<>();
    private long lastSequence;

    void add(ObjectNode object) {
      String id = object.get("id").asText();
      if (byId.put(id, object) == null) {
        sequence.put(id, ++lastSequence);
      }
    }

    void remove(String id) {
      byId.remove(id);
      sequence.remove(id);
    }

    ObjectNode get(String id) {
      return byId.get(id);
    }

    Collection<ObjectNode> all() {
      return byId.values();
    }

    long sequenceOf(String id) {
      return sequence.get(id);
    }

    int size() {
      return byId.size();
    }
  }
}
