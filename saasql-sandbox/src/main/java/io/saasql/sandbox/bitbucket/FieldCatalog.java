package io.saasql.sandbox.bitbucket;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The fields of one Bitbucket object type that BBQL can filter ({@code q}) and {@code sort} can
 * order by, with their value types. Paths are dotted ({@code assignee.uuid}); a path through an
 * array ({@code reviewers.uuid}) yields the values of every element. A field whose value is an
 * object ({@code assignee}) can only be compared with {@code null}. Any other path, such as
 * {@code content.html} or {@code links}, does not support filtering.
 */
final class FieldCatalog {

  /** The value type of a field. */
  enum Type {
    STRING("a string"),
    NUMBER("a number"),
    DATETIME("a date-time"),
    BOOLEAN("true or false"),
    OBJECT("null");

    final String expected;

    Type(String expected) {
      this.expected = expected;
    }
  }

  /** One filterable field; {@code many} when it runs through an array. */
  record Field(String path, Type type, boolean many) {
    boolean sortable() {
      return type != Type.OBJECT && !many;
    }
  }

  private final Map<String, Field> fields;
  private final Comparator<JsonNode> tieBreak;

  private FieldCatalog(Map<String, Field> fields, Comparator<JsonNode> tieBreak) {
    this.fields = fields;
    this.tieBreak = tieBreak;
  }

  private static final Comparator<JsonNode> BY_ID =
      Comparator.comparingLong(n -> n.path("id").asLong());
  private static final Comparator<JsonNode> BY_SLUG =
      Comparator.comparing(n -> n.path("slug").asText());
  private static final Comparator<JsonNode> BY_FULL_NAME =
      Comparator.comparing(n -> n.path("full_name").asText());
  private static final Comparator<JsonNode> BY_USER_NAME =
      Comparator.comparing((JsonNode n) -> n.path("user").path("display_name").asText())
          .thenComparing(n -> n.path("user").path("uuid").asText());

  private static final String[] USER_FIELDS = {"uuid", "display_name", "account_id", "nickname"};

  static final FieldCatalog WORKSPACE =
      builder()
          .add("uuid", Type.STRING)
          .add("slug", Type.STRING)
          .add("name", Type.STRING)
          .add("is_private", Type.BOOLEAN)
          .add("created_on", Type.DATETIME)
          .add("forking_mode", Type.STRING)
          .build(BY_SLUG);

  static final FieldCatalog MEMBER =
      builder()
          .user("user")
          .add("workspace.slug", Type.STRING)
          .add("workspace.uuid", Type.STRING)
          .build(BY_USER_NAME);

  static final FieldCatalog REPOSITORY =
      builder()
          .add("uuid", Type.STRING)
          .add("name", Type.STRING)
          .add("slug", Type.STRING)
          .add("full_name", Type.STRING)
          .add("description", Type.STRING)
          .add("scm", Type.STRING)
          .add("is_private", Type.BOOLEAN)
          .add("language", Type.STRING)
          .add("size", Type.NUMBER)
          .add("fork_policy", Type.STRING)
          .add("has_issues", Type.BOOLEAN)
          .add("has_wiki", Type.BOOLEAN)
          .add("created_on", Type.DATETIME)
          .add("updated_on", Type.DATETIME)
          .add("mainbranch", Type.OBJECT)
          .add("mainbranch.name", Type.STRING)
          .add("project", Type.OBJECT)
          .add("project.key", Type.STRING)
          .add("project.name", Type.STRING)
          .add("project.uuid", Type.STRING)
          .add("workspace.slug", Type.STRING)
          .add("workspace.uuid", Type.STRING)
          .add("owner.uuid", Type.STRING)
          .add("owner.display_name", Type.STRING)
          .add("parent", Type.OBJECT)
          .build(BY_FULL_NAME);

  static final FieldCatalog ISSUE =
      builder()
          .add("id", Type.NUMBER)
          .add("title", Type.STRING)
          .add("content.raw", Type.STRING)
          .add("content.markup", Type.STRING)
          .add("state", Type.STRING)
          .add("kind", Type.STRING)
          .add("priority", Type.STRING)
          .user("reporter")
          .user("assignee")
          .add("created_on", Type.DATETIME)
          .add("updated_on", Type.DATETIME)
          .add("edited_on", Type.DATETIME)
          .add("milestone", Type.OBJECT)
          .add("milestone.name", Type.STRING)
          .add("milestone.id", Type.NUMBER)
          .add("version", Type.OBJECT)
          .add("version.name", Type.STRING)
          .add("version.id", Type.NUMBER)
          .add("component", Type.OBJECT)
          .add("component.name", Type.STRING)
          .add("component.id", Type.NUMBER)
          .add("votes", Type.NUMBER)
          .add("watches", Type.NUMBER)
          .add("repository.name", Type.STRING)
          .add("repository.full_name", Type.STRING)
          .add("repository.uuid", Type.STRING)
          .build(BY_ID);

  static final FieldCatalog ISSUE_COMMENT =
      builder()
          .add("id", Type.NUMBER)
          .add("content.raw", Type.STRING)
          .add("created_on", Type.DATETIME)
          .add("updated_on", Type.DATETIME)
          .user("user")
          .add("issue.id", Type.NUMBER)
          .build(BY_ID);

  static final FieldCatalog PULL_REQUEST =
      builder()
          .add("id", Type.NUMBER)
          .add("title", Type.STRING)
          .add("description", Type.STRING)
          .add("summary.raw", Type.STRING)
          .add("state", Type.STRING)
          .add("draft", Type.BOOLEAN)
          .add("reason", Type.STRING)
          .user("author")
          .user("closed_by")
          .add("created_on", Type.DATETIME)
          .add("updated_on", Type.DATETIME)
          .add("comment_count", Type.NUMBER)
          .add("task_count", Type.NUMBER)
          .add("close_source_branch", Type.BOOLEAN)
          .add("source.branch.name", Type.STRING)
          .add("source.commit.hash", Type.STRING)
          .add("source.repository.full_name", Type.STRING)
          .add("source.repository.uuid", Type.STRING)
          .add("destination.branch.name", Type.STRING)
          .add("destination.commit.hash", Type.STRING)
          .add("destination.repository.full_name", Type.STRING)
          .add("destination.repository.uuid", Type.STRING)
          .add("merge_commit", Type.OBJECT)
          .add("merge_commit.hash", Type.STRING)
          .addMany("reviewers.uuid", Type.STRING)
          .addMany("reviewers.display_name", Type.STRING)
          .addMany("reviewers.account_id", Type.STRING)
          .addMany("reviewers.nickname", Type.STRING)
          .build(BY_ID);

  Optional<Field> field(String path) {
    return Optional.ofNullable(fields.get(path));
  }

  /**
   * The non-null values at a path: none when the path is null or absent, several when it runs
   * through an array.
   */
  static List<JsonNode> values(JsonNode object, String path) {
    List<JsonNode> current = List.of(object);
    for (String segment : path.split("\\.")) {
      List<JsonNode> next = new ArrayList<>();
      for (JsonNode node : current) {
        JsonNode child = node.get(segment);
        if (child == null || child.isNull()) {
          continue;
        }
        if (child.isArray()) {
          child.forEach(e -> {
            if (!e.isNull()) {
              next.add(e);
            }
          });
        } else {
          next.add(child);
        }
      }
      current = next;
    }
    return current;
  }

  /**
   * A JSON value as a comparable of the field's type: {@link String}, {@link java.math.BigDecimal},
   * {@link Instant} or {@link Boolean}; null when it is not of that type.
   */
  static Comparable<?> typed(Type type, JsonNode node) {
    return switch (type) {
      case STRING -> node.isTextual() ? node.textValue() : null;
      case NUMBER -> node.isNumber() ? node.decimalValue() : null;
      case DATETIME -> node.isTextual() ? parseInstant(node.textValue()) : null;
      case BOOLEAN -> node.isBoolean() ? node.booleanValue() : null;
      case OBJECT -> null;
    };
  }

  private static Instant parseInstant(String text) {
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (java.time.format.DateTimeParseException e) {
      return null;
    }
  }

  /**
   * The order when no {@code sort} is given, also the tie-break of every sort: id for issues,
   * comments and pull requests, slug for workspaces, full name for repositories, display name
   * then uuid for workspace members.
   */
  Comparator<JsonNode> defaultOrder() {
    return tieBreak;
  }

  /**
   * The order for a {@code sort} parameter: {@code field} ascending or {@code -field}
   * descending. Nulls sort after every value ascending (so first descending), and ties are broken
   * by the default order in the same direction, so the order is total.
   */
  Comparator<JsonNode> order(String sort) {
    if (sort == null || sort.isBlank()) {
      return defaultOrder();
    }
    boolean descending = sort.startsWith("-");
    String path = descending ? sort.substring(1) : sort;
    Field field = fields.get(path);
    if (field == null || !field.sortable()) {
      throw new BbqlException("Field \"" + path + "\" does not support sorting");
    }
    Comparator<JsonNode> byValue =
        Comparator.comparing(
            (JsonNode n) -> sortKey(field, n), Comparator.nullsLast(Comparator.naturalOrder()));
    Comparator<JsonNode> ascending = byValue.thenComparing(tieBreak);
    return descending ? ascending.reversed() : ascending;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Comparable sortKey(Field field, JsonNode object) {
    List<JsonNode> values = values(object, field.path());
    return values.isEmpty() ? null : (Comparable) typed(field.type(), values.get(0));
  }

  private static Builder builder() {
    return new Builder();
  }

  private static final class Builder {
    private final Map<String, Field> fields = new LinkedHashMap<>();

    Builder add(String path, Type type) {
      fields.put(path, new Field(path, type, false));
      return this;
    }

    Builder addMany(String path, Type type) {
      fields.put(path, new Field(path, type, true));
      return this;
    }

    /** A user object and its filterable members. */
    Builder user(String path) {
      add(path, Type.OBJECT);
      for (String member : USER_FIELDS) {
        add(path + "." + member, Type.STRING);
      }
      return this;
    }

    FieldCatalog build(Comparator<JsonNode> tieBreak) {
      return new FieldCatalog(
          java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields)), tieBreak);
    }
  }
}
