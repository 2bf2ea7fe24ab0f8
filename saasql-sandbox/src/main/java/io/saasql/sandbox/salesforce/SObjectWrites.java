package io.saasql.sandbox.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.saasql.sandbox.salesforce.SalesforceSandbox.RecordOperation;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Creates, updates and deletes records as Salesforce's DML does: field permissions from describe
 * ({@code createable}, {@code updateable}), required fields, lengths, numeric ranges, e-mail
 * addresses and references, then the system fields (Id, owner, audit stamps, auto numbers, the
 * derived fields of Contact and Opportunity) and the recycle bin with cascading deletes.
 *
 * <p>Converting a request's values to the fields' types ({@link #decode}) fails the whole
 * request, as Salesforce's JSON deserializer does; everything else is an error of one record
 * ({@link SaveError}). Every method but {@link #decode} must be called under the data set's write
 * lock; changes go through a {@link Transaction} so that an allOrNone request can undo them.
 */
final class SObjectWrites {
  static final String ROLLED_BACK = "ALL_OR_NONE_OPERATION_ROLLED_BACK";
  static final String ROLLED_BACK_MESSAGE =
      "Record rolled back because not all records were valid and the request was using AllOrNone"
          + " header";

  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
  private static final Pattern DATE_TIME =
      Pattern.compile(
          "(\\d{4}-\\d{2}-\\d{2})T(\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d{1,9})?)?)"
              + "(Z|[+-]\\d{2}:?\\d{2})?");
  private static final Pattern TIME =
      Pattern.compile("(\\d{2}):(\\d{2})(?::(\\d{2})(?:\\.(\\d{1,3}))?)?Z?");
  private static final Pattern EMAIL =
      Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+");
  private static final Pattern AUTO_NUMBER = Pattern.compile("(.*?)(\\d+)");
  /** Record numbers of objects that have no records yet start here (as the seed's do). */
  private static final long FIRST_ID_NUMBER = 62L * 62 * 62 * 62 * 10;

  /** A record's values as sent, converted to the fields' types; the Id apart. */
  static final class Values {
    private final Map<SObjectField, JsonNode> fields = new LinkedHashMap<>();
    private final Map<SObjectField, String> sent = new HashMap<>();
    private boolean hasId;
    private String id;

    /** Whether the body named the Id field (whatever its value). */
    boolean hasId() {
      return hasId;
    }

    /** The Id as sent, or null. */
    String id() {
      return id;
    }

    boolean has(String fieldName) {
      return fields.keySet().stream().anyMatch(f -> f.name.equalsIgnoreCase(fieldName));
    }
  }

  /** The result for one record: its Id, or why it failed. */
  record Outcome(String id, SaveError error) {
    static Outcome saved(String id) {
      return new Outcome(id, null);
    }

    static Outcome failed(SaveError error) {
      return new Outcome(null, error);
    }

    boolean ok() {
      return error == null;
    }

    /**
     * The entry of a collection result: {@code {"id":…,"success":true,"errors":[]}} or the failure.
     */
    ObjectNode toJson() {
      ObjectNode o = F.objectNode();
      if (ok()) {
        o.put("id", id);
        o.put("success", true);
        o.putArray("errors");
      } else {
        o.put("success", false);
        o.putArray("errors").add(error.toJson());
      }
      return o;
    }
  }

  /** The changes of one request, undone in reverse order by {@link #rollback()}. */
  static final class Transaction {
    private final Deque<Runnable> undo = new ArrayDeque<>();

    void rollback() {
      while (!undo.isEmpty()) {
        undo.pop().run();
      }
    }
  }

  /** How an Id given for an update or delete resolved. */
  enum Resolution { FOUND, NOT_AN_ID, OTHER_OBJECT, MISSING, DELETED }

  /** An Id looked up: the record, or why there is none. */
  record Lookup(Resolution resolution, SObjectType type, String id, ObjectNode record) {}

  /** The armed record failure of {@link #failRecordsAfter}. */
  private static final class FailureRule {
    final Set<RecordOperation> operations;
    int before;
    int failures;
    final String statusCode;
    final String message;

    FailureRule(Set<RecordOperation> operations, int before, int failures, String statusCode,
        String message) {
      this.operations = operations;
      this.before = before;
      this.failures = failures;
      this.statusCode = statusCode;
      this.message = message;
    }
  }

  private record AutoNumber(String prefix, int width) {}

  private final SalesforceDataSet data;
  private final Clock clock;
  private final Map<String, Long> lastIdNumber = new HashMap<>();
  private final Map<String, AutoNumber> autoNumberFormats = new HashMap<>();
  private final Map<String, Long> lastAutoNumber = new HashMap<>();
  private final List<String> created = new ArrayList<>();
  private FailureRule failureRule;

  SObjectWrites(SalesforceDataSet data, Clock clock) {
    this.data = data;
    this.clock = clock;
  }

  // ---- request-level conversion ----

  /**
   * Converts the fields of one record body (an object at {@code pointer} of {@code json}) to the
   * object's field types. Names are matched ignoring case; {@code attributes} is skipped.
   *
   * @throws SalesforceError 400 {@code INVALID_FIELD} for a field the object does not have, 400
   *     {@code JSON_PARSER_ERROR} for a value its field cannot hold
   */
  static Values decode(SObjectType type, ObjectNode body, LocatedJson json, String pointer) {
    Values values = new Values();
    Iterator<Map.Entry<String, JsonNode>> it = body.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      String name = e.getKey();
      if (name.equals("attributes")) {
        continue;
      }
      SObjectField field =
          type.field(name)
              .orElseThrow(
                  () ->
                      SalesforceError.api(400, "INVALID_FIELD",
                          "No such column '" + name + "' on sobject of type " + type.name));
      String at = LocatedJson.child(pointer, name);
      JsonNode value = e.getValue();
      if (field.type == FieldType.ID) {
        if (value.isContainerNode()) {
          throw json.cannotDeserialize("id", at);
        }
        values.hasId = true;
        values.id = value.isNull() || value.asText().isEmpty() ? null : value.asText();
        continue;
      }
      JsonNode converted = convert(field, value);
      if (converted == null) {
        throw json.cannotDeserialize(field.type.apiName, at);
      }
      values.fields.put(field, converted);
      values.sent.put(field, json.position(at).text());
    }
    return values;
  }

  /** A value in its field's type (numbers as BigDecimal), or null when it cannot be one. */
  private static JsonNode convert(SObjectField field, JsonNode v) {
    if (v.isNull()) {
      return NullNode.getInstance();
    }
    if (v.isContainerNode()) {
      return null;
    }
    switch (field.type.kind) {
      case TEXT:
      case MULTI:
      case ID: {
        // Salesforce keeps no empty strings: "" is null.
        String s = v.asText();
        return s.isEmpty() ? NullNode.getInstance() : F.textNode(s);
      }
      case BOOLEAN:
        if (v.isBoolean()) {
          return v;
        }
        if (v.isTextual() && (v.textValue().equalsIgnoreCase("true")
            || v.textValue().equalsIgnoreCase("false"))) {
          return BooleanNode.valueOf(Boolean.parseBoolean(v.textValue().toLowerCase(Locale.ROOT)));
        }
        return null;
      case NUMBER: {
        BigDecimal d = null;
        if (v.isNumber()) {
          d = v.decimalValue();
        } else if (v.isTextual()) {
          try {
            d = new BigDecimal(v.textValue().strip());
          } catch (NumberFormatException e) {
            return null;
          }
        }
        if (d == null) {
          return null;
        }
        if (field.type == FieldType.INT && d.stripTrailingZeros().scale() > 0) {
          return null;
        }
        return F.numberNode(d);
      }
      case DATE:
        return v.isTextual() && isDate(v.textValue()) ? v : null;
      case DATETIME: {
        String text = v.isTextual() ? dateTime(v.textValue()) : null;
        return text == null ? null : F.textNode(text);
      }
      case TIME: {
        String text = v.isTextual() ? time(v.textValue()) : null;
        return text == null ? null : F.textNode(text);
      }
      default:
        return null;
    }
  }

  private static boolean isDate(String text) {
    if (!DATE.matcher(text).matches()) {
      return false;
    }
    try {
      LocalDate.parse(text);
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  /** A date-time as the API stores it ({@code 2024-03-05T06:10:15.000+0000}), or null. */
  private static String dateTime(String text) {
    Matcher m = DATE_TIME.matcher(text);
    if (!m.matches()) {
      return null;
    }
    try {
      LocalDateTime local = LocalDateTime.parse(m.group(1) + "T" + m.group(2));
      String zone = m.group(3);
      ZoneOffset offset =
          zone == null || zone.equals("Z")
              ? ZoneOffset.UTC
              : ZoneOffset.of(
                  zone.length() == 5 ? zone.substring(0, 3) + ":" + zone.substring(3) : zone);
      return SalesforceSeed.formatDateTime(local.toInstant(offset));
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** A time as the API stores it ({@code 07:30:00.000Z}), or null. */
  private static String time(String text) {
    Matcher m = TIME.matcher(text);
    if (!m.matches()) {
      return null;
    }
    try {
      LocalTime t =
          LocalTime.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
              m.group(3) == null ? 0 : Integer.parseInt(m.group(3)),
              m.group(4) == null ? 0
                  : Integer.parseInt((m.group(4) + "00").substring(0, 3)) * 1_000_000);
      return String.format(Locale.ROOT, "%02d:%02d:%02d.%03dZ", t.getHour(), t.getMinute(),
          t.getSecond(), t.getNano() / 1_000_000);
    } catch (java.time.DateTimeException e) {
      return null;
    }
  }

  // ---- lookups ----

  /**
   * Resolves an Id for an update or delete; {@code expected} is the object the request names, or
   * null when the Id alone says which (a collection delete).
   */
  Lookup find(SObjectType expected, String text) {
    Optional<String> id = SalesforceIds.normalize(text);
    if (id.isEmpty()) {
      return new Lookup(Resolution.NOT_AN_ID, expected, text, null);
    }
    SObjectType type = data.typeOfId(id.get()).orElse(null);
    if (type == null || (expected != null && type != expected)) {
      return new Lookup(Resolution.OTHER_OBJECT, expected, text, null);
    }
    ObjectNode record = data.records(type).get(id.get());
    if (record == null) {
      return new Lookup(Resolution.MISSING, type, id.get(), null);
    }
    if (isDeleted(record)) {
      return new Lookup(Resolution.DELETED, type, id.get(), record);
    }
    return new Lookup(Resolution.FOUND, type, id.get(), record);
  }

  /** "Account ID" for standard objects, "Record ID" for custom ones, as the API labels Ids. */
  static String idLabel(SObjectType type) {
    return type.custom ? "Record ID" : type.label + " ID";
  }

  // ---- DML ----

  /** Inserts one record; {@code ownerId} is the default owner (the session's user). */
  Outcome create(Transaction tx, SObjectType type, Values values, String ownerId) {
    if (!type.writable) {
      return Outcome.failed(SaveError.of("INVALID_TYPE_FOR_OPERATION",
          "entity type cannot be inserted: " + type.name));
    }
    if (values.hasId) {
      return Outcome.failed(
          SaveError.of("INVALID_FIELD_FOR_INSERT_UPDATE", "cannot specify Id in an insert call",
              "Id"));
    }
    Optional<SaveError> error = notWritable(values, f -> f.createable);
    if (error.isEmpty()) {
      List<String> missing = new ArrayList<>();
      for (SObjectField f : type.fields()) {
        boolean required = !f.nillable && f.createable && !f.defaultedOnCreate
            && f.type != FieldType.BOOLEAN;
        JsonNode v = values.fields.get(f);
        if (required && (v == null || v.isNull())) {
          missing.add(f.name);
        }
      }
      if (!missing.isEmpty()) {
        error = Optional.of(requiredMissing(missing));
      }
    }
    if (error.isEmpty()) {
      error = checkValues(values);
    }
    if (error.isEmpty()) {
      error = injectedFailure(tx, RecordOperation.CREATE);
    }
    if (error.isPresent()) {
      return Outcome.failed(error.get());
    }

    ObjectNode r = F.objectNode();
    for (SObjectField f : type.fields()) {
      r.set(f.name, f.type == FieldType.BOOLEAN ? BooleanNode.FALSE : NullNode.getInstance());
    }
    values.fields.forEach((f, v) -> r.set(f.name, stored(f, v)));
    if (type.hasField("OwnerId") && r.get("OwnerId").isNull()) {
      r.put("OwnerId", ownerId);
    }
    for (SObjectField f : type.fields()) {
      if (f.autoNumber) {
        r.put(f.name, nextAutoNumber(type, f));
      }
    }
    derive(type, r, values);
    String id = nextId(type);
    r.put("Id", id);
    String now = stamp(null);
    r.put("CreatedDate", now);
    r.put("LastModifiedDate", now);
    r.put("SystemModstamp", now);
    if (type.hasField("IsDeleted")) {
      r.put("IsDeleted", false);
    }
    replace(tx, type, id, null, r);
    created.add(id);
    tx.undo.push(() -> created.remove(id));
    return Outcome.saved(id);
  }

  /** Updates the live record {@code current} with the values sent. */
  Outcome update(Transaction tx, SObjectType type, ObjectNode current, Values values) {
    if (!type.writable) {
      return Outcome.failed(SaveError.of("INVALID_TYPE_FOR_OPERATION",
          "entity type cannot be updated: " + type.name));
    }
    Optional<SaveError> error = notWritable(values, f -> f.updateable);
    if (error.isEmpty()) {
      List<String> missing = new ArrayList<>();
      values.fields.forEach(
          (f, v) -> {
            if (v.isNull() && !f.nillable && f.type != FieldType.BOOLEAN) {
              missing.add(f.name);
            }
          });
      if (!missing.isEmpty()) {
        error = Optional.of(requiredMissing(missing));
      }
    }
    if (error.isEmpty()) {
      error = checkValues(values);
    }
    if (error.isEmpty()) {
      error = injectedFailure(tx, RecordOperation.UPDATE);
    }
    if (error.isPresent()) {
      return Outcome.failed(error.get());
    }
    ObjectNode r = current.deepCopy();
    values.fields.forEach(
        (f, v) -> r.set(f.name,
            f.type == FieldType.BOOLEAN && v.isNull() ? BooleanNode.FALSE : stored(f, v)));
    derive(type, r, values);
    String now = stamp(current);
    r.put("LastModifiedDate", now);
    r.put("SystemModstamp", now);
    String id = r.get("Id").asText();
    replace(tx, type, id, current, r);
    return Outcome.saved(id);
  }

  /**
   * Moves the live record {@code current} to the recycle bin, with the records whose
   * cascade-delete references point at it (an account's contacts, opportunities and invoices).
   */
  Outcome delete(Transaction tx, SObjectType type, ObjectNode current) {
    if (!type.writable || !type.hasField("IsDeleted")) {
      return Outcome.failed(SaveError.of("INVALID_TYPE_FOR_OPERATION",
          "entity type cannot be deleted: " + type.name));
    }
    Optional<SaveError> error = injectedFailure(tx, RecordOperation.DELETE);
    if (error.isPresent()) {
      return Outcome.failed(error.get());
    }
    moveToRecycleBin(tx, type, current);
    return Outcome.saved(current.get("Id").asText());
  }

  private void moveToRecycleBin(Transaction tx, SObjectType type, ObjectNode current) {
    String id = current.get("Id").asText();
    ObjectNode r = current.deepCopy();
    r.put("IsDeleted", true);
    String now = stamp(current);
    r.put("LastModifiedDate", now);
    r.put("SystemModstamp", now);
    replace(tx, type, id, current, r);
    for (SObjectType child : data.types()) {
      if (!child.hasField("IsDeleted")) {
        continue;
      }
      for (SObjectField f : child.fields()) {
        if (!cascades(child, f, type)) {
          continue;
        }
        for (ObjectNode c : List.copyOf(data.records(child).values())) {
          if (id.equals(c.path(f.name).textValue()) && !isDeleted(c)) {
            moveToRecycleBin(tx, child, c);
          }
        }
      }
    }
  }

  /**
   * Whether deleting a {@code parent} deletes the child records that reference it by {@code field}.
   */
  private static boolean cascades(SObjectType child, SObjectField field, SObjectType parent) {
    // As the describe's childRelationships[].cascadeDelete says.
    return field.referenceTo.contains(parent.name) && field.relationshipName != null
        && !field.name.equals("OwnerId") && !child.name.equals("User");
  }

  private static Optional<SaveError> notWritable(Values values, Predicate<SObjectField> allowed) {
    List<String> refused = new ArrayList<>();
    values.fields.keySet().stream().filter(allowed.negate()).forEach(f -> refused.add(f.name));
    if (refused.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new SaveError("INVALID_FIELD_FOR_INSERT_UPDATE",
            "Unable to create/update fields: " + String.join(", ", refused) + ". Please check the"
                + " security settings of this field and verify that it is read/write for your"
                + " profile or permission set.",
            refused));
  }

  private static SaveError requiredMissing(List<String> fields) {
    return new SaveError("REQUIRED_FIELD_MISSING",
        "Required fields are missing: [" + String.join(", ", fields) + "]", fields);
  }

  /** Lengths, numeric ranges, e-mail addresses and references of the values sent. */
  private Optional<SaveError> checkValues(Values values) {
    for (Map.Entry<SObjectField, JsonNode> e : values.fields.entrySet()) {
      SObjectField f = e.getKey();
      JsonNode v = e.getValue();
      if (v.isNull()) {
        continue;
      }
      Optional<SaveError> error =
          switch (f.type.kind) {
            case TEXT, MULTI -> checkText(f, v.textValue());
            case NUMBER -> checkNumber(f, v.decimalValue(), values.sent.get(f));
            case ID -> checkReference(f, v.textValue());
            default -> Optional.empty();
          };
      if (error.isPresent()) {
        return error;
      }
    }
    return Optional.empty();
  }

  private static Optional<SaveError> checkText(SObjectField f, String text) {
    if (f.length > 0 && text.codePointCount(0, text.length()) > f.length) {
      return Optional.of(SaveError.of("STRING_TOO_LONG",
          f.label + ": data value too large: " + text + " (max length=" + f.length + ")", f.name));
    }
    if (f.type == FieldType.EMAIL && !EMAIL.matcher(text).matches()) {
      return Optional.of(SaveError.of("INVALID_EMAIL_ADDRESS",
          f.label + ": invalid email address: " + text, f.name));
    }
    return Optional.empty();
  }

  private static Optional<SaveError> checkNumber(SObjectField f, BigDecimal d, String sent) {
    int integerDigits = f.type == FieldType.INT ? f.digits : f.precision - f.scale;
    if (integerDigits > 0 && d.abs().compareTo(BigDecimal.TEN.pow(integerDigits)) >= 0) {
      return Optional.of(SaveError.of("NUMBER_OUTSIDE_VALID_RANGE",
          f.label + ": value outside of valid range on numeric field: " + sent, f.name));
    }
    return Optional.empty();
  }

  private Optional<SaveError> checkReference(SObjectField f, String text) {
    String wrongType = f.label + ": id value of incorrect type: " + text;
    Optional<String> id = SalesforceIds.normalize(text);
    if (id.isEmpty()) {
      return Optional.of(SaveError.of("MALFORMED_ID", wrongType, f.name));
    }
    SObjectType target = data.typeOfId(id.get()).orElse(null);
    if (target == null || !f.referenceTo.contains(target.name)) {
      return Optional.of(SaveError.of("FIELD_INTEGRITY_EXCEPTION", wrongType, f.name));
    }
    ObjectNode record = data.records(target).get(id.get());
    if (record == null) {
      return Optional.of(SaveError.of("INVALID_CROSS_REFERENCE_KEY", "invalid cross reference id"));
    }
    if (isDeleted(record)) {
      return Optional.of(SaveError.of("ENTITY_IS_DELETED", "entity is deleted"));
    }
    return Optional.empty();
  }

  /**
   * A checked value as the record keeps it: numbers rounded to the field's scale, Ids in 18
   * characters.
   */
  private static JsonNode stored(SObjectField f, JsonNode v) {
    if (v.isNull()) {
      return v;
    }
    if (f.type.kind == FieldType.Kind.NUMBER) {
      BigDecimal d = v.decimalValue();
      return f.type == FieldType.INT
          ? F.numberNode(d.intValueExact())
          : F.numberNode(d.setScale(f.scale, RoundingMode.HALF_UP).doubleValue());
    }
    if (f.type == FieldType.REFERENCE) {
      return F.textNode(SalesforceIds.normalize(v.textValue()).orElseThrow());
    }
    return v;
  }

  /**
   * The fields Salesforce computes: Contact.Name, and an opportunity's probability and closed/won
   * flags.
   */
  private static void derive(SObjectType type, ObjectNode r, Values values) {
    if (type.name.equals("Contact")) {
      String first = r.path("FirstName").textValue();
      String last = r.path("LastName").textValue();
      r.put("Name", first == null ? last : last == null ? first : first + " " + last);
    } else if (type.name.equals("Opportunity")) {
      String stage = r.path("StageName").textValue();
      if (values.has("StageName") && !values.has("Probability")) {
        for (String[] s : SalesforceSchema.STAGES) {
          if (s[0].equals(stage)) {
            r.put("Probability", Double.parseDouble(s[1]));
          }
        }
      }
      r.put("IsClosed", stage != null && stage.startsWith("Closed"));
      r.put("IsWon", "Closed Won".equals(stage));
    }
  }

  // ---- system values ----

  /** The next Id of an object, after the highest it has. */
  private String nextId(SObjectType type) {
    long last =
        lastIdNumber.computeIfAbsent(
            type.name,
            k ->
                data.records(type).keySet().stream()
                    .mapToLong(SalesforceIds::number)
                    .max()
                    .orElse(FIRST_ID_NUMBER));
    lastIdNumber.put(type.name, last + 1);
    return SalesforceIds.of(type.keyPrefix, last + 1);
  }

  /** The next value of an auto-number field, in the format of the values it has (INV-00801). */
  private String nextAutoNumber(SObjectType type, SObjectField f) {
    String key = type.name + "." + f.name;
    if (!lastAutoNumber.containsKey(key)) {
      long max = 0;
      AutoNumber format = new AutoNumber("", 1);
      for (ObjectNode r : data.records(type).values()) {
        Matcher m = AUTO_NUMBER.matcher(r.path(f.name).asText(""));
        if (m.matches() && Long.parseLong(m.group(2)) >= max) {
          max = Long.parseLong(m.group(2));
          format = new AutoNumber(m.group(1), m.group(2).length());
        }
      }
      lastAutoNumber.put(key, max);
      autoNumberFormats.put(key, format);
    }
    long next = lastAutoNumber.merge(key, 1L, Long::sum);
    AutoNumber format = autoNumberFormats.get(key);
    return format.prefix() + String.format(Locale.ROOT, "%0" + format.width() + "d", next);
  }

  /** Now, as an audit stamp later than the record's current one. */
  private String stamp(ObjectNode current) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    if (current != null && current.hasNonNull("SystemModstamp")) {
      Instant previous = SalesforceSeed.parseDateTime(current.get("SystemModstamp").asText());
      if (!now.isAfter(previous)) {
        now = previous.plusMillis(1);
      }
    }
    return SalesforceSeed.formatDateTime(now);
  }

  private void replace(Transaction tx, SObjectType type, String id, ObjectNode before,
      ObjectNode after) {
    Map<String, ObjectNode> records = data.records(type);
    records.put(id, after);
    tx.undo.push(
        () -> {
          if (before == null) {
            records.remove(id);
          } else {
            records.put(id, before);
          }
        });
  }

  private static boolean isDeleted(ObjectNode record) {
    return record.path("IsDeleted").asBoolean(false);
  }

  // ---- injected failures and bookkeeping ----

  /**
   * Arms a record failure: after {@code before} more records of the given operations are saved,
   * the next {@code failures} records fail with {@code statusCode} ({@link Integer#MAX_VALUE}: all
   * of them). Replaces any rule armed before.
   */
  void failRecordsAfter(Set<RecordOperation> operations, int before, int failures,
      String statusCode, String message) {
    failureRule =
        new FailureRule(EnumSet.copyOf(operations), before, failures, statusCode, message);
  }

  void clearRecordFailures() {
    failureRule = null;
  }

  /**
   * Called for a record that passed validation: counts it towards the armed rule, or fails it. A
   * rolled-back record gives its count back (it was not saved); a delivered failure stays spent.
   */
  private Optional<SaveError> injectedFailure(Transaction tx, RecordOperation operation) {
    FailureRule rule = failureRule;
    if (rule == null || !rule.operations.contains(operation)) {
      return Optional.empty();
    }
    if (rule.before > 0) {
      rule.before--;
      tx.undo.push(() -> rule.before++);
      return Optional.empty();
    }
    if (rule.failures > 0) {
      if (rule.failures != Integer.MAX_VALUE) {
        rule.failures--;
      }
      return Optional.of(SaveError.of(rule.statusCode, rule.message));
    }
    return Optional.empty();
  }

  /** The Ids of the records created through the API and not rolled back, in creation order. */
  List<String> createdIds() {
    return List.copyOf(created);
  }
}
