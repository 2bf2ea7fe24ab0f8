package io.saasql.sandbox.salesforce;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The org's metadata and records. Records are kept per sObject in Id order, each an {@link
 * ObjectNode} with every field of the object under its describe name, values already in the
 * REST API's JSON form (date-times as {@code 2024-03-05T06:10:15.000+0000}). Readers hold {@link
 * #lock()}'s read lock, writers its write lock.
 */
final class SalesforceDataSet {
  private final ReadWriteLock lock = new ReentrantReadWriteLock();
  private final Map<String, SObjectType> types = new LinkedHashMap<>();
  private final Map<String, SObjectType> byKeyPrefix = new LinkedHashMap<>();
  private final Map<String, Map<String, ObjectNode>> records = new LinkedHashMap<>();

  SalesforceDataSet(List<SObjectType> typeList) {
    typeList.stream()
        .sorted(Comparator.comparing(t -> t.name.toLowerCase(Locale.ROOT)))
        .forEach(
            t -> {
              types.put(t.name.toLowerCase(Locale.ROOT), t);
              if (t.keyPrefix != null) {
                byKeyPrefix.put(t.keyPrefix, t);
              }
              records.put(t.name, new LinkedHashMap<>());
            });
  }

  /** A copy with the same (immutable) metadata and deep copies of every record. */
  SalesforceDataSet copy() {
    SalesforceDataSet copy = new SalesforceDataSet(List.copyOf(types.values()));
    records.forEach(
        (typeName, byId) -> {
          Map<String, ObjectNode> target = copy.records.get(typeName);
          byId.forEach((id, r) -> target.put(id, r.deepCopy()));
        });
    return copy;
  }

  ReadWriteLock lock() {
    return lock;
  }

  /** Every sObject, sorted by name as the global describe lists them. */
  Collection<SObjectType> types() {
    return types.values();
  }

  /** An sObject by name, ignoring case. */
  Optional<SObjectType> type(String name) {
    return Optional.ofNullable(types.get(name.toLowerCase(Locale.ROOT)));
  }

  /** The records of an sObject by 18-character Id, in Id order (live view). */
  Map<String, ObjectNode> records(SObjectType type) {
    return records.get(type.name);
  }

  /** A record by Id (15 or 18 characters) of any object, deleted ones included. */
  Optional<ObjectNode> find(String id) {
    Optional<String> canonical = SalesforceIds.normalize(id);
    if (canonical.isEmpty()) {
      return Optional.empty();
    }
    SObjectType type = byKeyPrefix.get(canonical.get().substring(0, 3));
    return type == null
        ? Optional.empty()
        : Optional.ofNullable(records(type).get(canonical.get()));
  }

  /** The sObject an Id belongs to, by its key prefix. */
  Optional<SObjectType> typeOfId(String id) {
    return id.length() < 3 ? Optional.empty()
        : Optional.ofNullable(byKeyPrefix.get(id.substring(0, 3)));
  }

  /** Adds a record; its {@code Id} must be new. Callers hold the write lock (or own the set). */
  void add(SObjectType type, ObjectNode record) {
    String id = record.get("Id").asText();
    if (records(type).putIfAbsent(id, record) != null) {
      throw new IllegalArgumentException("duplicate Id " + id);
    }
  }
}
