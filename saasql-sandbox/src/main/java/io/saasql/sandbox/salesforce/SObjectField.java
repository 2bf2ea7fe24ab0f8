package io.saasql.sandbox.salesforce;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * One field of an sObject as the describe call reports it. Built with {@link #builder}; the
 * defaults are those of an ordinary updatable, filterable, sortable custom-less field.
 */
final class SObjectField {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  final String name;
  final String label;
  final FieldType type;
  final int length;
  final int precision;
  final int scale;
  final int digits;
  final boolean nillable;
  final boolean createable;
  final boolean updateable;
  final boolean custom;
  final boolean filterable;
  final boolean sortable;
  final boolean groupable;
  final boolean aggregatable;
  final boolean nameField;
  final boolean unique;
  final boolean autoNumber;
  final boolean calculated;
  final boolean defaultedOnCreate;
  final boolean idLookup;
  final List<String> picklistValues;
  final List<String> referenceTo;
  final String relationshipName;
  final String extraTypeInfo;

  private SObjectField(Builder b) {
    this.name = b.name;
    this.label = b.label;
    this.type = b.type;
    this.length = b.length;
    this.precision = b.precision;
    this.scale = b.scale;
    this.digits = b.digits;
    this.nillable = b.nillable;
    this.createable = b.createable;
    this.updateable = b.updateable;
    this.custom = b.name.endsWith("__c");
    this.filterable = b.filterable;
    this.sortable = b.sortable;
    this.groupable = b.groupable;
    this.aggregatable = b.aggregatable;
    this.nameField = b.nameField;
    this.unique = b.unique;
    this.autoNumber = b.autoNumber;
    this.calculated = b.calculated;
    this.defaultedOnCreate = b.defaultedOnCreate;
    this.idLookup = b.idLookup;
    this.picklistValues = List.copyOf(b.picklistValues);
    this.referenceTo = List.copyOf(b.referenceTo);
    this.relationshipName = b.relationshipName;
    this.extraTypeInfo = b.extraTypeInfo;
  }

  static Builder builder(String name, String label, FieldType type) {
    return new Builder(name, label, type);
  }

  /** The entry of {@code fields[]} in {@code GET /sobjects/{name}/describe}. */
  ObjectNode describe() {
    ObjectNode f = F.objectNode();
    f.put("aggregatable", aggregatable);
    f.put("autoNumber", autoNumber);
    f.put("byteLength", type.kind == FieldType.Kind.TEXT || type.kind == FieldType.Kind.MULTI
        || type.kind == FieldType.Kind.ID ? length * 3 : 0);
    f.put("calculated", calculated);
    f.put("caseSensitive", false);
    f.put("createable", createable);
    f.put("custom", custom);
    f.putNull("defaultValue");
    f.put("defaultedOnCreate", defaultedOnCreate);
    f.put("digits", digits);
    f.put("externalId", false);
    if (extraTypeInfo == null) {
      f.putNull("extraTypeInfo");
    } else {
      f.put("extraTypeInfo", extraTypeInfo);
    }
    f.put("filterable", filterable);
    f.put("groupable", groupable);
    f.put("idLookup", idLookup);
    f.put("label", label);
    f.put("length", length);
    f.put("name", name);
    f.put("nameField", nameField);
    f.put("nillable", nillable);
    ArrayNode picklist = f.putArray("picklistValues");
    for (int i = 0; i < picklistValues.size(); i++) {
      ObjectNode v = picklist.addObject();
      v.put("active", true);
      v.put("defaultValue", false);
      v.put("label", picklistValues.get(i));
      v.putNull("validFor");
      v.put("value", picklistValues.get(i));
    }
    f.put("precision", precision);
    ArrayNode refs = f.putArray("referenceTo");
    referenceTo.forEach(refs::add);
    if (relationshipName == null) {
      f.putNull("relationshipName");
    } else {
      f.put("relationshipName", relationshipName);
    }
    f.put("restrictedPicklist", false);
    f.put("scale", scale);
    f.put("soapType", type.soapType);
    f.put("sortable", sortable);
    f.put("type", type.apiName);
    f.put("unique", unique);
    f.put("updateable", updateable);
    return f;
  }

  /** Collects a field's properties. */
  static final class Builder {
    private final String name;
    private final String label;
    private final FieldType type;
    private int length;
    private int precision;
    private int scale;
    private int digits;
    private boolean nillable = true;
    private boolean createable = true;
    private boolean updateable = true;
    private boolean filterable = true;
    private boolean sortable = true;
    private boolean groupable;
    private boolean aggregatable;
    private boolean nameField;
    private boolean unique;
    private boolean autoNumber;
    private boolean calculated;
    private boolean defaultedOnCreate;
    private boolean idLookup;
    private List<String> picklistValues = List.of();
    private List<String> referenceTo = List.of();
    private String relationshipName;
    private String extraTypeInfo;

    private Builder(String name, String label, FieldType type) {
      this.name = name;
      this.label = label;
      this.type = type;
      if (type == FieldType.BOOLEAN) {
        nillable = false;
        defaultedOnCreate = true;
      }
      this.groupable = groupableType(type);
      this.aggregatable = aggregatableType(type);
      if (type == FieldType.ID || type == FieldType.REFERENCE) {
        length = 18;
      }
    }

    Builder length(int n) {
      this.length = n;
      return this;
    }

    Builder number(int precision, int scale) {
      this.precision = precision;
      this.scale = scale;
      return this;
    }

    Builder digits(int n) {
      this.digits = n;
      return this;
    }

    Builder required() {
      this.nillable = false;
      return this;
    }

    /** Set by the system: neither createable nor updateable, defaulted on create. */
    Builder system() {
      this.createable = false;
      this.updateable = false;
      this.defaultedOnCreate = true;
      this.nillable = type == FieldType.REFERENCE || type == FieldType.STRING ? nillable : false;
      return this;
    }

    Builder defaulted() {
      this.defaultedOnCreate = true;
      return this;
    }

    Builder readOnly() {
      this.createable = false;
      this.updateable = false;
      return this;
    }

    /**
     * Whether GROUP BY takes a field of this type, as describe reports it: ids, references,
     * strings, picklists, e-mail, phone, URL, short text areas, booleans, dates and integers do;
     * double, currency, percent, date-time, time and multi-select picklists do not.
     */
    private static boolean groupableType(FieldType type) {
      return switch (type) {
        case DOUBLE, CURRENCY, PERCENT, DATETIME, TIME, MULTIPICKLIST -> false;
        default -> true;
      };
    }

    /**
     * Whether any aggregate function takes a field of this type ("Support for Field Types in
     * Aggregate Functions"): not booleans, times or multi-select picklists.
     */
    private static boolean aggregatableType(FieldType type) {
      return switch (type) {
        case BOOLEAN, TIME, MULTIPICKLIST -> false;
        default -> true;
      };
    }

    /** A long text area: neither filterable, sortable, groupable nor aggregatable. */
    Builder longText() {
      this.filterable = false;
      this.sortable = false;
      this.groupable = false;
      this.aggregatable = false;
      this.extraTypeInfo = "plaintextarea";
      return this;
    }

    Builder notSortable() {
      this.sortable = false;
      this.groupable = false;
      return this;
    }

    Builder nameField() {
      this.nameField = true;
      return this;
    }

    Builder unique() {
      this.unique = true;
      this.idLookup = true;
      return this;
    }

    Builder idLookup() {
      this.idLookup = true;
      return this;
    }

    /** An auto-number field: read-only, and (as describe reports them) not groupable. */
    Builder autoNumber() {
      this.autoNumber = true;
      this.idLookup = true;
      this.groupable = false;
      return readOnly();
    }

    /** A formula field: read-only; only checkbox and date formulas are groupable. */
    Builder calculated() {
      this.calculated = true;
      this.groupable = type == FieldType.BOOLEAN || type == FieldType.DATE;
      return readOnly();
    }

    Builder picklist(String... values) {
      this.picklistValues = List.of(values);
      return this;
    }

    Builder reference(String target, String relationship) {
      this.referenceTo = List.of(target);
      this.relationshipName = relationship;
      return this;
    }

    Builder extraTypeInfo(String info) {
      this.extraTypeInfo = info;
      return this;
    }

    SObjectField build() {
      return new SObjectField(this);
    }
  }
}
