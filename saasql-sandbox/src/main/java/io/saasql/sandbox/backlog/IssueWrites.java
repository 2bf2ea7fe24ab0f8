package io.saasql.sandbox.backlog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Adds, updates and deletes issues of a {@link BacklogDataSet} the way {@code POST /issues},
 * {@code PATCH /issues/:idOrKey} and {@code DELETE /issues/:idOrKey} do, checking every parameter
 * first: nothing is changed unless the whole request is valid. The caller holds the data set's
 * write lock. Invalid requests throw a {@link BacklogError}: 400 with code 7 for bad parameters,
 * 403 with code 5 for a write to an archived project.
 *
 * <p>Parameters are checked in this order, and the first problem found is reported: (for an
 * update or delete, the project not being archived,) parameter names (unknown, read-only, not
 * accepted by this route), repeated single-valued parameters, (for an add) missing required
 * parameters and the project, then each parameter in the order of {@link #UPDATE_PARAMETERS}:
 * its format (numbers, dates, hours) and what it refers to (project, issue type, priority,
 * status, resolution, user, category, version, parent issue), and finally the start date against
 * the due date.
 */
final class IssueWrites {
  /** The user the sandbox's API key belongs to: every write is made as this user. */
  static final long API_USER_ID = 1;

  static final int MAX_SUMMARY_LENGTH = 255;
  private static final BigDecimal MAX_HOURS = new BigDecimal("99999.99");

  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("uuuu-MM-dd").withResolverStyle(ResolverStyle.STRICT);

  private static final List<String> REQUIRED =
      List.of("projectId", "summary", "issueTypeId", "priorityId");

  /** What {@code POST /issues} accepts, in the order parameters are checked. */
  static final List<String> CREATE_PARAMETERS =
      List.of(
          "projectId", "summary", "issueTypeId", "priorityId", "parentIssueId", "description",
          "startDate", "dueDate", "estimatedHours", "actualHours", "categoryId[]", "versionId[]",
          "milestoneId[]", "assigneeId", "notifiedUserId[]", "attachmentId[]");

  /** What {@code PATCH /issues/:idOrKey} accepts, in the order parameters are checked. */
  static final List<String> UPDATE_PARAMETERS =
      List.of(
          "summary", "issueTypeId", "priorityId", "statusId", "resolutionId", "parentIssueId",
          "description", "startDate", "dueDate", "estimatedHours", "actualHours",
          "categoryId[]", "versionId[]", "milestoneId[]", "assigneeId", "notifiedUserId[]",
          "attachmentId[]", "comment");

  /** Issue fields no request can set. */
  private static final Set<String> READ_ONLY =
      Set.of(
          "id", "issueKey", "keyId", "created", "updated", "createdUser", "createdUserId",
          "updatedUser", "updatedUserId");

  private final BacklogDataSet data;

  IssueWrites(BacklogDataSet data) {
    this.data = data;
  }

  /** Adds an issue; returns it as stored. */
  ObjectNode create(WriteParameters params, Instant now) {
    checkNames(params, CREATE_PARAMETERS, true);
    for (String name : REQUIRED) {
      String value = params.scalar(name);
      if (value == null || value.isBlank()) {
        throw BacklogError.invalidRequest("Missing required parameter: " + name + ".");
      }
    }
    long projectId = id("projectId", params.scalar("projectId"));
    ObjectNode project = data.projects.get(projectId);
    if (project == null) {
      throw BacklogError.invalidRequest("No such project (projectId: " + projectId + ").");
    }
    checkWritable(project);

    ObjectNode issue = skeleton(project);
    apply(issue, null, project, params);
    checkDates(issue);

    Instant created = now;
    Map.Entry<Long, ObjectNode> newest = data.issues.lastEntry();
    if (newest != null) {
      Instant newestCreated = Instant.parse(newest.getValue().get("created").asText());
      created = created.isBefore(newestCreated) ? newestCreated : created;
    }
    long id = ++data.lastIssueId;
    long keyId = data.lastKeyId.merge(projectId, 1L, Long::sum);
    issue.put("id", id);
    issue.put("issueKey", project.get("projectKey").asText() + "-" + keyId);
    issue.put("keyId", keyId);
    ObjectNode user = BacklogSeed.userSummary(data.users.get(API_USER_ID));
    issue.set("createdUser", user);
    issue.put("created", BacklogSeed.formatDateTime(created));
    issue.set("updatedUser", user.deepCopy());
    issue.put("updated", BacklogSeed.formatDateTime(created));
    ObjectNode stored = BacklogDataSet.normalize(issue);
    data.issues.put(id, stored);
    return stored;
  }

  /**
   * Updates an issue; returns it as stored. A request that changes nothing and carries no comment
   * is refused with "No comment content.", as Backlog does. {@code updated} moves forward by at
   * least a second, so every successful update shows in it.
   */
  ObjectNode update(ObjectNode existing, WriteParameters params, Instant now) {
    ObjectNode project = data.projects.get(existing.get("projectId").asLong());
    checkWritable(project);
    checkNames(params, UPDATE_PARAMETERS, false);
    ObjectNode issue = existing.deepCopy();
    apply(issue, existing, project, params);
    checkDates(issue);
    String comment = params.scalar("comment");
    boolean commented = comment != null && !comment.isBlank();
    issue = BacklogDataSet.normalize(issue);
    if (issue.equals(existing) && !commented) {
      throw BacklogError.invalidRequest("No comment content.");
    }
    Instant previous = Instant.parse(existing.get("updated").asText()).plusSeconds(1);
    Instant updated = now.isBefore(previous) ? previous : now;
    issue.set("updatedUser", BacklogSeed.userSummary(data.users.get(API_USER_ID)));
    issue.put("updated", BacklogSeed.formatDateTime(updated));
    long id = existing.get("id").asLong();
    ObjectNode stored = BacklogDataSet.normalize(issue);
    data.issues.put(id, stored);
    if (commented) {
      data.comments.computeIfAbsent(id, k -> new ArrayList<>()).add(comment);
    }
    return stored;
  }

  /**
   * Deletes an issue; returns it as it was. Its child issues become top-level issues (their
   * {@code parentIssueId} turns null). Its id and keyId are never given out again.
   */
  ObjectNode delete(ObjectNode existing, WriteParameters params) {
    checkWritable(data.projects.get(existing.get("projectId").asLong()));
    checkNames(params, List.of(), false);
    long id = existing.get("id").asLong();
    data.issues.remove(id);
    data.comments.remove(id);
    for (ObjectNode issue : data.issues.values()) {
      if (issue.get("parentIssueId").asLong(-1) == id) {
        issue.putNull("parentIssueId");
      }
    }
    return existing;
  }

  // ---- checks ----

  private static void checkNames(WriteParameters params, List<String> accepted, boolean creating) {
    for (String name : params.names()) {
      if (accepted.contains(name)) {
        continue;
      }
      if (READ_ONLY.contains(name)) {
        throw BacklogError.invalidRequest("Parameter " + name + " is read-only.");
      }
      if (name.startsWith("customField_")) {
        throw BacklogError.invalidRequest("No such custom field: " + name + ".");
      }
      if (creating && UPDATE_PARAMETERS.contains(name)) {
        throw BacklogError.invalidRequest(
            "Parameter " + name + " cannot be set when adding an issue.");
      }
      if (!creating && CREATE_PARAMETERS.contains(name)) {
        throw BacklogError.invalidRequest("Parameter " + name + " cannot be changed.");
      }
      throw BacklogError.invalidRequest("Unknown parameter: " + name + ".");
    }
    for (String name : params.names()) {
      if (!name.endsWith("[]")) {
        params.scalar(name); // refuses a repeated single-valued parameter
      }
    }
  }

  private static void checkWritable(ObjectNode project) {
    if (project.get("archived").asBoolean()) {
      throw BacklogError.operationDenied(
          "Project " + project.get("projectKey").asText() + " is archived.");
    }
  }

  private static void checkDates(ObjectNode issue) {
    JsonNode start = issue.get("startDate");
    JsonNode due = issue.get("dueDate");
    if (!start.isNull() && !due.isNull() && start.asText().compareTo(due.asText()) > 0) {
      throw BacklogError.invalidRequest("startDate must not be after dueDate.");
    }
  }

  // ---- building and changing an issue ----

  /** A new issue of a project before its parameters are applied: every field in API order. */
  private ObjectNode skeleton(ObjectNode project) {
    long projectId = project.get("id").asLong();
    ObjectNode issue = F.objectNode();
    issue.put("id", 0);
    issue.put("projectId", projectId);
    issue.put("issueKey", "");
    issue.put("keyId", 0);
    issue.putNull("issueType");
    issue.put("summary", "");
    issue.put("description", "");
    issue.putNull("resolution");
    issue.putNull("priority");
    issue.set("status", byId(data.statuses.get(projectId), 1).deepCopy());
    issue.putNull("assignee");
    issue.putArray("category");
    issue.putArray("versions");
    issue.putArray("milestone");
    issue.putNull("startDate");
    issue.putNull("dueDate");
    issue.putNull("estimatedHours");
    issue.putNull("actualHours");
    issue.putNull("parentIssueId");
    issue.putNull("createdUser");
    issue.putNull("created");
    issue.putNull("updatedUser");
    issue.putNull("updated");
    issue.putArray("customFields");
    issue.putArray("attachments");
    issue.putArray("sharedFiles");
    issue.putArray("stars");
    return issue;
  }

  /**
   * Checks and applies every parameter present, in the order of {@link #UPDATE_PARAMETERS}.
   * {@code existing} is the issue before the change, null when adding one.
   */
  private void apply(ObjectNode issue, ObjectNode existing, ObjectNode project, WriteParameters p) {
    long projectId = project.get("id").asLong();
    String where = " in project " + project.get("projectKey").asText();
    for (String name : UPDATE_PARAMETERS) {
      if (!p.has(name)) {
        continue;
      }
      if (name.endsWith("[]")) {
        applyArray(issue, name, p.array(name), projectId, where);
        continue;
      }
      String raw = p.scalar(name);
      switch (name) {
        case "summary" -> {
          if (raw.isBlank()) {
            throw BacklogError.invalidRequest("Parameter summary must not be empty.");
          }
          if (raw.length() > MAX_SUMMARY_LENGTH) {
            throw BacklogError.invalidRequest(
                "Parameter summary is too long (at most " + MAX_SUMMARY_LENGTH + " characters).");
          }
          issue.put("summary", raw);
        }
        case "description" -> issue.put("description", raw);
        case "issueTypeId" -> {
          ObjectNode type = find(data.issueTypes.get(projectId), required(name, raw));
          if (type == null) {
            throw noSuch("issue type" + where, name, raw);
          }
          issue.set("issueType", BacklogSeed.issueTypeSummary(type));
        }
        case "priorityId" -> {
          ObjectNode priority = find(data.priorities, required(name, raw));
          if (priority == null) {
            throw noSuch("priority", name, raw);
          }
          issue.set("priority", priority.deepCopy());
        }
        case "statusId" -> {
          ObjectNode status = find(data.statuses.get(projectId), required(name, raw));
          if (status == null) {
            throw noSuch("status" + where, name, raw);
          }
          issue.set("status", status.deepCopy());
        }
        case "resolutionId" -> {
          if (raw.isEmpty()) {
            issue.putNull("resolution");
          } else {
            ObjectNode resolution = find(data.resolutions, id(name, raw));
            if (resolution == null) {
              throw noSuch("resolution", name, raw);
            }
            issue.set("resolution", resolution.deepCopy());
          }
        }
        case "assigneeId" -> {
          if (raw.isEmpty()) {
            issue.putNull("assignee");
          } else {
            ObjectNode user = data.users.get(id(name, raw));
            if (user == null) {
              throw noSuch("user", name, raw);
            }
            issue.set("assignee", BacklogSeed.userSummary(user));
          }
        }
        case "parentIssueId" -> {
          if (raw.isEmpty()) {
            issue.putNull("parentIssueId");
          } else {
            long parentId = id(name, raw);
            checkParent(existing, projectId, parentId);
            issue.put("parentIssueId", parentId);
          }
        }
        case "startDate", "dueDate" -> {
          if (raw.isEmpty()) {
            issue.putNull(name);
          } else {
            issue.put(name, date(name, raw) + "T00:00:00Z");
          }
        }
        case "estimatedHours", "actualHours" -> {
          if (raw.isEmpty()) {
            issue.putNull(name);
          } else {
            issue.put(name, hours(name, raw).doubleValue());
          }
        }
        case "comment" -> {} // kept by update()
        default -> throw new IllegalStateException("unhandled parameter " + name);
      }
    }
  }

  private void applyArray(
      ObjectNode issue, String name, List<String> raw, long projectId, String where) {
    Set<Long> ids = new LinkedHashSet<>();
    for (String value : raw) {
      ids.add(id(name, value));
    }
    List<ObjectNode> categories = data.categories.get(projectId);
    List<ObjectNode> versions = data.versions.get(projectId); // milestones are versions too
    switch (name) {
      case "categoryId[]" ->
          issue.set("category", resolveAll(categories, ids, "category" + where, name));
      case "versionId[]" ->
          issue.set("versions", resolveAll(versions, ids, "version" + where, name));
      case "milestoneId[]" ->
          issue.set("milestone", resolveAll(versions, ids, "milestone" + where, name));
      case "notifiedUserId[]" -> {
        for (long id : ids) {
          if (!data.users.containsKey(id)) {
            throw noSuch("user", name, String.valueOf(id));
          }
        }
      }
      case "attachmentId[]" -> {
        if (!ids.isEmpty()) { // the sandbox holds no attachment files
          throw noSuch("attachment", name, String.valueOf(ids.iterator().next()));
        }
      }
      default -> throw new IllegalStateException("unhandled parameter " + name);
    }
  }

  private static ArrayNode resolveAll(
      List<ObjectNode> candidates, Set<Long> ids, String what, String name) {
    ArrayNode result = F.arrayNode();
    for (long id : ids) {
      ObjectNode node = find(candidates, id);
      if (node == null) {
        throw noSuch(what, name, String.valueOf(id));
      }
      result.add(node.deepCopy());
    }
    return result;
  }

  /** Backlog nests one level only, within one project, and never an issue under itself. */
  private void checkParent(ObjectNode existing, long projectId, long parentId) {
    String at = " (parentIssueId: " + parentId + ").";
    if (existing != null && existing.get("id").asLong() == parentId) {
      throw BacklogError.invalidRequest("An issue cannot be its own parent" + at);
    }
    ObjectNode parent = data.issues.get(parentId);
    if (parent == null) {
      throw BacklogError.invalidRequest("No such issue" + at);
    }
    if (parent.get("projectId").asLong() != projectId) {
      throw BacklogError.invalidRequest("The parent issue must be in the same project" + at);
    }
    if (!parent.get("parentIssueId").isNull()) {
      throw BacklogError.invalidRequest("The parent issue must not be a child issue" + at);
    }
    if (existing != null) {
      long id = existing.get("id").asLong();
      boolean hasChildren =
          data.issues.values().stream().anyMatch(i -> i.get("parentIssueId").asLong(-1) == id);
      if (hasChildren) {
        throw BacklogError.invalidRequest(
            "An issue with child issues cannot become a child issue" + at);
      }
    }
  }

  // ---- values ----

  /** An id for a parameter that cannot be cleared. */
  private static long required(String name, String raw) {
    if (raw.isEmpty()) {
      throw BacklogError.invalidRequest("Parameter " + name + " must not be empty.");
    }
    return id(name, raw);
  }

  private static long id(String name, String raw) {
    Long id = BacklogDataSet.parseId(raw);
    if (id == null) {
      throw invalid(name, raw);
    }
    return id;
  }

  private static LocalDate date(String name, String raw) {
    try {
      return LocalDate.parse(raw, DATE);
    } catch (DateTimeParseException e) {
      throw BacklogError.invalidRequest(
          "Invalid date format for " + name + ": " + raw + " (expected yyyy-MM-dd).");
    }
  }

  /** Hours: a number from 0 to 99999.99 with at most two decimals. */
  private static BigDecimal hours(String name, String raw) {
    BigDecimal value;
    try {
      value = new BigDecimal(raw);
    } catch (NumberFormatException e) {
      throw invalid(name, raw);
    }
    if (value.signum() < 0
        || value.compareTo(MAX_HOURS) > 0
        || value.stripTrailingZeros().scale() > 2
        || !raw.matches("[0-9]+(\\.[0-9]+)?")) {
      throw invalid(name, raw);
    }
    return value;
  }

  private static ObjectNode find(List<ObjectNode> nodes, long id) {
    if (nodes == null) {
      return null;
    }
    return nodes.stream().filter(n -> n.get("id").asLong() == id).findFirst().orElse(null);
  }

  private static ObjectNode byId(List<ObjectNode> nodes, long id) {
    ObjectNode node = find(nodes, id);
    if (node == null) {
      throw new IllegalStateException("no element with id " + id);
    }
    return node;
  }

  private static BacklogError invalid(String name, String raw) {
    return BacklogError.invalidRequest("Invalid value for " + name + ": " + raw);
  }

  private static BacklogError noSuch(String what, String name, String raw) {
    return BacklogError.invalidRequest("No such " + what + " (" + name + ": " + raw + ").");
  }
}
