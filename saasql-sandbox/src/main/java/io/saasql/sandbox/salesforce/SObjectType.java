package io.saasql.sandbox.salesforce;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** One sObject of the sandbox org: its describe properties and fields, in describe order. */
final class SObjectType {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  final String name;
  final String label;
  final String labelPlural;
  final String keyPrefix;
  final boolean custom;
  final boolean queryable;
  final boolean writable;
  private final Map<String, SObjectField> fields = new LinkedHashMap<>();

  SObjectType(
      String name,
      String label,
      String labelPlural,
      String keyPrefix,
      boolean queryable,
      boolean writable,
      List<SObjectField> fieldList) {
    this.name = name;
    this.label = label;
    this.labelPlural = labelPlural;
    this.keyPrefix = keyPrefix;
    this.custom = name.endsWith("__c");
    this.queryable = queryable;
    this.writable = writable;
    for (SObjectField f : fieldList) {
      if (fields.put(f.name.toLowerCase(Locale.ROOT), f) != null) {
        throw new IllegalArgumentException("duplicate field " + f.name + " on " + name);
      }
    }
  }

  /** The fields in describe order. */
  Collection<SObjectField> fields() {
    return fields.values();
  }

  /** A field by name, ignoring case. */
  Optional<SObjectField> field(String fieldName) {
    return Optional.ofNullable(fields.get(fieldName.toLowerCase(Locale.ROOT)));
  }

  /** The reference field whose relationship name is {@code relationship}, ignoring case. */
  Optional<SObjectField> relationship(String relationship) {
    return fields.values().stream()
        .filter(f -> f.relationshipName != null
            && f.relationshipName.equalsIgnoreCase(relationship))
        .findFirst();
  }

  boolean hasField(String fieldName) {
    return fields.containsKey(fieldName.toLowerCase(Locale.ROOT));
  }

  /** The entry of {@code sobjects[]} in {@code GET /sobjects/}. */
  ObjectNode globalEntry(String versionPath) {
    ObjectNode o = F.objectNode();
    o.put("activateable", false);
    o.put("createable", writable);
    o.put("custom", custom);
    o.put("customSetting", false);
    o.put("deepCloneable", false);
    o.put("deletable", writable);
    o.put("deprecatedAndHidden", false);
    o.put("feedEnabled", false);
    o.put("hasSubtypes", false);
    o.put("isInterface", false);
    o.put("isSubtype", false);
    if (keyPrefix == null) {
      o.putNull("keyPrefix");
    } else {
      o.put("keyPrefix", keyPrefix);
    }
    o.put("label", label);
    o.put("labelPlural", labelPlural);
    o.put("layoutable", writable);
    o.put("mergeable", false);
    o.put("mruEnabled", writable);
    o.put("name", name);
    o.put("queryable", queryable);
    o.put("replicateable", queryable);
    o.put("retrieveable", queryable);
    o.put("searchable", queryable);
    o.put("triggerable", writable);
    o.put("undeletable", writable);
    o.put("updateable", writable);
    ObjectNode urls = o.putObject("urls");
    String base = versionPath + "/sobjects/" + name;
    urls.put("rowTemplate", base + "/{ID}");
    urls.put("describe", base + "/describe");
    urls.put("sobject", base);
    return o;
  }

  /** The body of {@code GET /sobjects/{name}/describe}. */
  ObjectNode describe(String versionPath, Collection<SObjectType> allTypes) {
    ObjectNode o = globalEntry(versionPath);
    ArrayNode children = F.arrayNode();
    for (SObjectType child : allTypes) {
      for (SObjectField f : child.fields()) {
        if (f.referenceTo.contains(name) && f.relationshipName != null
            && !f.name.equals("OwnerId")) {
          ObjectNode c = children.addObject();
          c.put("cascadeDelete", !child.name.equals("User"));
          c.put("childSObject", child.name);
          c.put("deprecatedAndHidden", false);
          c.put("field", f.name);
          c.put("relationshipName", childRelationshipName(child, f));
          c.put("restrictedDelete", false);
        }
      }
    }
    o.set("childRelationships", children);
    ArrayNode fieldArray = o.putArray("fields");
    fields.values().forEach(f -> fieldArray.add(f.describe()));
    o.putArray("recordTypeInfos");
    return o;
  }

  private static String childRelationshipName(SObjectType child, SObjectField field) {
    if (child.custom) {
      return child.labelPlural.replace(' ', '_') + "__r";
    }
    return child.labelPlural.replace(" ", "");
  }
}
