package io.saasql.sandbox.pingone;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What one PingOne resource lets {@code filter} use: each attribute with its type and the
 * operators allowed on it, plus multi-valued attributes that take a {@code [ ]} value filter.
 * Attribute names are matched case-insensitively (as SCIM says); values never are.
 */
final class FilterSchema {
  enum Type {
    STRING,
    BOOLEAN
  }

  record Attribute(String name, Type type, Set<String> operators) {}

  private record Complex(String name, FilterSchema schema) {}

  private static final Set<String> EQ = Set.of("eq");
  private static final Set<String> EQ_SW = Set.of("eq", "sw");
  private static final Set<String> EQ_SW_EW = Set.of("eq", "sw", "ew");

  /**
   * Users: {@code eq} on every filterable attribute, {@code sw} on the string ones, {@code ew}
   * only on email, name.family and name.given; group membership as {@code memberOfGroups.id} or
   * {@code memberOfGroups[id eq "…"]}.
   */
  static final FilterSchema USERS;

  /** Groups: {@code eq} on id, name, population.id and externalId; {@code sw} on name. */
  static final FilterSchema GROUPS;

  /** Populations: {@code name sw} and {@code id eq} only. */
  static final FilterSchema POPULATIONS;

  static {
    FilterSchema users = new FilterSchema("users");
    for (String name :
        List.of(
            "accountId",
            "address.streetAddress",
            "address.locality",
            "address.region",
            "address.postalCode",
            "address.countryCode",
            "endDate",
            "externalId",
            "locale",
            "mobilePhone",
            "name.formatted",
            "name.middle",
            "name.honorificPrefix",
            "name.honorificSuffix",
            "nickname",
            "population.id",
            "photo.href",
            "preferredLanguage",
            "primaryPhone",
            "startDate",
            "timezone",
            "title",
            "type",
            "username",
            "memberOfGroups.id")) {
      users.add(name, Type.STRING, EQ_SW);
    }
    for (String name : List.of("email", "name.family", "name.given")) {
      users.add(name, Type.STRING, EQ_SW_EW);
    }
    users.add("enabled", Type.BOOLEAN, EQ);
    FilterSchema membership = new FilterSchema("memberOfGroups");
    membership.add("id", Type.STRING, EQ_SW);
    users.complex.put("memberofgroups", new Complex("memberOfGroups", membership));
    USERS = users;

    FilterSchema groups = new FilterSchema("groups");
    groups.add("id", Type.STRING, EQ);
    groups.add("name", Type.STRING, EQ_SW);
    groups.add("population.id", Type.STRING, EQ);
    groups.add("externalId", Type.STRING, EQ);
    GROUPS = groups;

    FilterSchema populations = new FilterSchema("populations");
    populations.add("id", Type.STRING, EQ);
    populations.add("name", Type.STRING, Set.of("sw"));
    POPULATIONS = populations;
  }

  private final String resource;
  private final Map<String, Attribute> attributes = new LinkedHashMap<>();
  private final Map<String, Complex> complex = new LinkedHashMap<>();

  private FilterSchema(String resource) {
    this.resource = resource;
  }

  private void add(String name, Type type, Set<String> operators) {
    attributes.put(name.toLowerCase(Locale.ROOT), new Attribute(name, type, operators));
  }

  /** The resource these attributes belong to, e.g. "users". */
  String resource() {
    return resource;
  }

  /** A filterable simple attribute by name (any case), or null. */
  Attribute attribute(String name) {
    return attributes.get(name.toLowerCase(Locale.ROOT));
  }

  /** The sub-schema of a multi-valued attribute that takes {@code [ ]}, or null. */
  FilterSchema complex(String name) {
    Complex c = complex.get(name.toLowerCase(Locale.ROOT));
    return c == null ? null : c.schema();
  }

  /** The canonical spelling of a multi-valued attribute. */
  String complexName(String name) {
    return complex.get(name.toLowerCase(Locale.ROOT)).name();
  }
}
