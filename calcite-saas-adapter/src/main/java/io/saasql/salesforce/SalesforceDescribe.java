package io.saasql.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import io.saasql.core.declare.ColumnDef;
import io.saasql.core.declare.Grouping;
import io.saasql.core.declare.Paging;
import io.saasql.core.declare.Pushdown;
import io.saasql.core.declare.QueryField;
import io.saasql.core.declare.RestTableDef;
import io.saasql.core.declare.Sorting;
import io.saasql.core.http.SourceClient;
import io.saasql.core.declare.WriteSpec;
import org.apache.calcite.sql.type.SqlTypeName;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static io.saasql.core.declare.QueryField.Op.CONTAINS;
import static io.saasql.core.declare.QueryField.Op.ENDS_WITH;
import static io.saasql.core.declare.QueryField.Op.EQ;
import static io.saasql.core.declare.QueryField.Op.IN;
import static io.saasql.core.declare.QueryField.Op.LIKE;
import static io.saasql.core.declare.QueryField.Op.NE;
import static io.saasql.core.declare.QueryField.Op.NOT_IN;
import static io.saasql.core.declare.QueryField.Op.NULL;
import static io.saasql.core.declare.QueryField.Op.RANGE;
import static io.saasql.core.declare.QueryField.Op.STARTS_WITH;

/**
 * Turns Salesforce's describe results into table declarations: {@code GET /sobjects/} lists the
 * queryable objects (one call), {@code GET /sobjects/X/describe} gives an object's fields (one
 * call, made only when a query uses the object). SOQL gets exactly the columns a query needs and
 * the predicates on {@code filterable} fields.
 */
final class SalesforceDescribe {
  /** SOQL's limit on the length of a WHERE clause. */
  static final int MAX_WHERE = 4000;
  /** ORDER BY keys sent in one query (SOQL documents no limit; a query rarely needs more). */
  static final int MAX_ORDER_KEYS = 8;
  /** Groups one aggregate query returns (there is no next page). */
  static final int MAX_GROUPS = 2000;
  /** Field types SOQL orders as SQL does (numbers and times; not text, not booleans). */
  private static final Set<String> SORTED_AS_SQL =
      Set.of("int", "double", "percent", "currency", "date", "datetime");
  /** Salesforce's largest query batch. */
  static final int BATCH = 2000;

  private SalesforceDescribe() {}

  /** The queryable objects, restricted to {@code only} when it is not empty, by API name. */
  static List<String> queryableObjects(SourceClient client, Set<String> only) {
    JsonNode body = client.get("/sobjects/", List.of(), null, false, null).body();
    List<String> names = new ArrayList<>();
    Set<String> missing = new TreeSet<>(only);
    for (JsonNode o : body.path("sobjects")) {
      String name = o.path("name").asText();
      if (o.path("queryable").asBoolean() && (only.isEmpty() || only.contains(name))) {
        names.add(name);
        missing.remove(name);
      }
    }
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException(client.config().name() + ": operand 'objects' names "
          + missing + ", which the org does not have as queryable objects.");
    }
    return names;
  }

  /** The rows a table is taken to have when the org does not say. */
  static final long UNKNOWN_ROWS = 10_000;

  /**
   * The live records of every object, by name, from {@code GET /limits/recordCount} (one request
   * for the whole org; Salesforce refreshes these counts now and then, so they are estimates for
   * planning, never answers). Empty when the org does not answer it.
   */
  static java.util.Map<String, Long> recordCounts(SourceClient client) {
    java.util.Map<String, Long> counts = new java.util.HashMap<>();
    try {
      for (JsonNode o : client.get("/limits/recordCount", List.of(), null, false, null).body()
          .path("sObjects")) {
        counts.put(o.path("name").asText(), o.path("count").asLong());
      }
    } catch (RuntimeException e) {
      io.saasql.core.http.CallLog.CALLS.info("{}: no record counts ({}); tables are taken to"
          + " have about {} rows", client.config().name(), e.getMessage(), UNKNOWN_ROWS);
    }
    return counts;
  }

  /** The table declaration of one object, from its describe; {@code rows}: its estimated rows. */
  static RestTableDef describe(SourceClient client, String object, long rows) {
    JsonNode body = client.get("/sobjects/" + object + "/describe", List.of(), null, false, null)
        .body();
    RestTableDef.Builder b = RestTableDef.builder(object)
        .list("/query", "/records", new Paging.NextLink(null, BATCH, "/nextRecordsUrl"));
    Map<String, SqlTypeName> seen = new LinkedHashMap<>();
    Set<String> idFields = new HashSet<>();
    // Records are updated and deleted by Id: an object without one is read-only.
    boolean hasId = false;
    for (JsonNode f : body.path("fields")) {
      hasId |= f.path("name").asText().equals("Id") && sqlType(f.path("type").asText()) != null;
    }
    boolean writable = false;
    boolean createable = false;
    for (JsonNode f : body.path("fields")) {
      String name = f.path("name").asText();
      String type = f.path("type").asText();
      SqlTypeName sql = sqlType(type);
      if (sql == null || seen.containsKey(name)) {
        continue;
      }
      seen.put(name, sql);
      b.column(name, sql, name, f.path("label").asText(name));
      if (hasId && f.path("createable").asBoolean()) {
        b.insertable();
        createable = true;
        if (!f.path("nillable").asBoolean(true) && !f.path("defaultedOnCreate").asBoolean(false)
            && !type.equals("boolean")) {
          b.required();
        }
      }
      if (hasId && f.path("updateable").asBoolean()) {
        b.updatable();
        writable = true;
      }
      if (type.equals("id") || type.equals("reference")) {
        idFields.add(name);
      }
      if (f.path("filterable").asBoolean()) {
        b.filter(operations(type));
      }
      if (f.path("sortable").asBoolean() && SORTED_AS_SQL.contains(type)) {
        b.sortable();
      }
      // Grouping merges text that differs only in case: only fields of known values group.
      if (f.path("groupable").asBoolean() && type.equals("picklist")) {
        b.groupable(f.path("picklistValues").size());
      } else if (f.path("groupable").asBoolean() && type.equals("boolean")) {
        b.groupable(2);
      }
      if (f.path("aggregatable").asBoolean(true) && SORTED_AS_SQL.contains(type)) {
        b.aggregatable();
      }
    }
    writable |= createable;
    WriteSpec.Builder writes = WriteSpec.builder(WriteSpec.BodyFormat.JSON)
        .update("PATCH", "/sobjects/" + object + "/{Id}")
        .delete("/sobjects/" + object + "/{Id}");
    if (createable) {
      writes.create("/sobjects/" + object + "/", "/id").batch(new SalesforceCollections(object));
    }
    return b.query(SoqlDialect.withIdFields(idFields),
            (filter, columns, order, limit) ->
                List.of(new Pushdown.Param("q", soql(object, filter, columns, order, limit))),
            MAX_WHERE)
        .sorting(MAX_ORDER_KEYS, true, null)
        .grouping(MAX_GROUPS, (filter, groupBy, calls) ->
            List.of(new Pushdown.Param("q", aggregateSoql(object, filter, groupBy, calls))))
        // COUNT(*) with what the WHERE pushes: SELECT COUNT() answers in totalSize.
        .count("/query", "/totalSize", filter -> List.of(new Pushdown.Param("q",
            "SELECT COUNT() FROM " + object + (filter == null ? "" : " WHERE " + filter))))
        .rowCount(Math.max(1, rows))
        .key(seen.containsKey("Id") ? "Id" : null)
        .writes(writable ? writes : null)
        .build();
  }

  /**
   * {@code SELECT <needed fields> FROM object [WHERE filter] [ORDER BY …] [LIMIT n]}; never every
   * field of a wide object. Each ORDER BY key states where NULLs go (SOQL puts them first by
   * default, in both directions).
   */
  static String soql(String object, String filter, List<ColumnDef> columns,
      List<Sorting.Key> order, Long limit) {
    List<String> names = new ArrayList<>();
    for (ColumnDef c : columns) {
      names.add(c.jsonPath());
    }
    if (names.isEmpty()) {
      names.add("Id");
    }
    List<String> keys = new ArrayList<>();
    for (Sorting.Key k : order) {
      keys.add(k.field() + (k.descending() ? " DESC" : " ASC")
          + (k.nullsFirst() ? " NULLS FIRST" : " NULLS LAST"));
    }
    return "SELECT " + String.join(", ", names) + " FROM " + object
        + (filter == null ? "" : " WHERE " + filter)
        + (keys.isEmpty() ? "" : " ORDER BY " + String.join(", ", keys))
        + (limit == null ? "" : " LIMIT " + limit);
  }

  /**
   * {@code SELECT g…, FN(f) alias… FROM object [WHERE filter] GROUP BY g…}: COUNT(*) is
   * {@code COUNT(Id)} (SOQL's COUNT() takes no GROUP BY), COUNT(DISTINCT f) is
   * {@code COUNT_DISTINCT(f)}.
   */
  static String aggregateSoql(String object, String filter, List<ColumnDef> groupBy,
      List<Grouping.Call> calls) {
    List<String> items = new ArrayList<>();
    groupBy.forEach(c -> items.add(c.jsonPath()));
    for (Grouping.Call call : calls) {
      String arg = call.column() == null ? "Id" : call.column().jsonPath();
      items.add(call.function().name() + "(" + arg + ") " + call.name());
    }
    return "SELECT " + String.join(", ", items) + " FROM " + object
        + (filter == null ? "" : " WHERE " + filter) + " GROUP BY "
        + String.join(", ", groupBy.stream().map(ColumnDef::jsonPath).toList());
  }

  /** The SQL type of a Salesforce field type, or null for types not offered as columns. */
  static SqlTypeName sqlType(String type) {
    return switch (type) {
      case "id", "reference", "string", "picklist", "multipicklist", "textarea", "email", "url",
          "phone", "combobox", "encryptedstring", "time" -> SqlTypeName.VARCHAR;
      case "boolean" -> SqlTypeName.BOOLEAN;
      case "int" -> SqlTypeName.INTEGER;
      case "double", "percent", "currency" -> SqlTypeName.DOUBLE;
      case "date" -> SqlTypeName.DATE;
      case "datetime" -> SqlTypeName.TIMESTAMP;
      default -> null; // base64, address, location, anyType: not offered
    };
  }

  /** What SOQL accepts on a filterable field of a type. */
  static Set<QueryField.Op> operations(String type) {
    return switch (type) {
      case "id", "reference", "picklist", "combobox" -> EnumSet.of(EQ, NE, IN, NOT_IN, NULL);
      case "string", "textarea", "email", "url", "phone" ->
          EnumSet.of(EQ, NE, IN, NOT_IN, NULL, LIKE, STARTS_WITH, ENDS_WITH, CONTAINS);
      // Booleans are never null in Salesforce, and `IsDeleted != null` selects nothing there.
      case "boolean" -> EnumSet.of(EQ, NE);
      case "int", "double", "percent", "currency", "date", "datetime" ->
          EnumSet.of(EQ, NE, RANGE, IN, NOT_IN, NULL);
      default -> EnumSet.noneOf(QueryField.Op.class);
    };
  }
}
