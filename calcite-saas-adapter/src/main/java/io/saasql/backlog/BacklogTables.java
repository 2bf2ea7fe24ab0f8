package io.saasql.backlog;

import io.saasql.core.Paging;
import io.saasql.core.RestTableDef;
import io.saasql.core.WriteSpec;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.apache.calcite.sql.type.SqlTypeName.BOOLEAN;
import static org.apache.calcite.sql.type.SqlTypeName.DATE;
import static org.apache.calcite.sql.type.SqlTypeName.DOUBLE;
import static org.apache.calcite.sql.type.SqlTypeName.INTEGER;
import static org.apache.calcite.sql.type.SqlTypeName.TIMESTAMP;
import static org.apache.calcite.sql.type.SqlTypeName.VARCHAR;

/**
 * The Backlog API v2 tables, as declarations: columns with their JSON paths, and which predicates
 * go into which request parameter (see the README's Backlog pushdown reference).
 */
public final class BacklogTables {
  private BacklogTables() {}

  /** The most rows {@code GET /issues} returns per request. */
  public static final int ISSUES_PAGE_SIZE = 100;

  /** How many projects a Backlog space usually has (the Projects table's row count). */
  static final int PROJECTS_IN_A_SPACE = 20;

  public static final RestTableDef ISSUES = RestTableDef.builder("Issues")
      .column("Id", INTEGER, "id")
      .column("IssueKey", VARCHAR, "issueKey")
      .column("KeyId", INTEGER, "keyId")
      .column("ProjectId", INTEGER, "projectId")
      .column("IssueTypeId", INTEGER, "issueType.id")
      .column("IssueTypeName", VARCHAR, "issueType.name")
      .column("Summary", VARCHAR, "summary")
      .column("Description", VARCHAR, "description")
      .column("PriorityId", INTEGER, "priority.id")
      .column("PriorityName", VARCHAR, "priority.name")
      .column("StatusId", INTEGER, "status.id")
      .column("StatusName", VARCHAR, "status.name")
      .column("ResolutionId", INTEGER, "resolution.id")
      .column("ResolutionName", VARCHAR, "resolution.name")
      .column("AssigneeId", INTEGER, "assignee.id")
      .column("AssigneeName", VARCHAR, "assignee.name")
      .column("AssigneeMail", VARCHAR, "assignee.mailAddress")
      .column("ParentIssueId", INTEGER, "parentIssueId")
      .column("StartDate", DATE, "startDate")
      .column("DueDate", DATE, "dueDate")
      .column("EstimatedHours", DOUBLE, "estimatedHours")
      .column("ActualHours", DOUBLE, "actualHours")
      .column("CreatedUserId", INTEGER, "createdUser.id")
      .column("CreatedUserName", VARCHAR, "createdUser.name")
      .column("Created", TIMESTAMP, "created")
      .column("UpdatedUserId", INTEGER, "updatedUser.id")
      .column("Updated", TIMESTAMP, "updated")
      .list("/issues", "", new Paging.OffsetCount("offset", "count", ISSUES_PAGE_SIZE))
      // Counts what the listing with the same filters holds: lets a scan learn, for one request,
      // whether GETs by IssueKey or the listing take fewer requests.
      .count("/issues/count", "/count")
      .lookup("Id", "/issues/{}", 1)
      .lookup("IssueKey", "/issues/{}", 20)
      .multiValue("Id", "id[]", 100)
      .multiValue("ProjectId", "projectId[]", 100)
      .multiValue("IssueTypeId", "issueTypeId[]", 100)
      .multiValue("PriorityId", "priorityId[]", 100)
      .multiValue("StatusId", "statusId[]", 100)
      .multiValue("AssigneeId", "assigneeId[]", 100)
      .multiValue("CreatedUserId", "createdUserId[]", 100)
      .multiValue("ResolutionId", "resolutionId[]", 100)
      .multiValue("ParentIssueId", "parentIssueId[]", 100)
      .nullness("ParentIssueId", "parentChild", "2", "1")
      .nullness("DueDate", "hasDueDate", "true", "false")
      .dayRange("Created", "createdSince", "createdUntil")
      .dayRange("Updated", "updatedSince", "updatedUntil")
      .dayRange("StartDate", "startDateSince", "startDateUntil")
      .dayRange("DueDate", "dueDateSince", "dueDateUntil")
      .rowCount(5000)
      .key("Id")
      .writes(new WriteSpec(WriteSpec.BodyFormat.FORM, "/issues", "/id", "PATCH",
          "/issues/{Id}", "/issues/{Id}",
          Map.ofEntries(
              Map.entry("ProjectId", "projectId"), Map.entry("Summary", "summary"),
              Map.entry("IssueTypeId", "issueTypeId"), Map.entry("PriorityId", "priorityId"),
              Map.entry("Description", "description"), Map.entry("StartDate", "startDate"),
              Map.entry("DueDate", "dueDate"), Map.entry("EstimatedHours", "estimatedHours"),
              Map.entry("ActualHours", "actualHours"), Map.entry("AssigneeId", "assigneeId"),
              Map.entry("ParentIssueId", "parentIssueId")),
          Set.of("ProjectId", "Summary", "IssueTypeId", "PriorityId"),
          Map.ofEntries(
              Map.entry("Summary", "summary"), Map.entry("IssueTypeId", "issueTypeId"),
              Map.entry("PriorityId", "priorityId"), Map.entry("StatusId", "statusId"),
              Map.entry("ResolutionId", "resolutionId"), Map.entry("Description", "description"),
              Map.entry("StartDate", "startDate"), Map.entry("DueDate", "dueDate"),
              Map.entry("EstimatedHours", "estimatedHours"),
              Map.entry("ActualHours", "actualHours"), Map.entry("AssigneeId", "assigneeId"),
              Map.entry("ParentIssueId", "parentIssueId")),
          null))
      .build();

  public static final RestTableDef PROJECTS = RestTableDef.builder("Projects")
      .column("Id", INTEGER, "id")
      .column("ProjectKey", VARCHAR, "projectKey")
      .column("Name", VARCHAR, "name")
      .column("ChartEnabled", BOOLEAN, "chartEnabled")
      .column("SubtaskingEnabled", BOOLEAN, "subtaskingEnabled")
      .column("TextFormattingRule", VARCHAR, "textFormattingRule")
      .column("Archived", BOOLEAN, "archived")
      .list("/projects", "", new Paging.Unpaged())
      .lookup("Id", "/projects/{}", 1)
      .lookup("ProjectKey", "/projects/{}", 1)
      .singleValue("Archived", "archived")
      .rowCount(PROJECTS_IN_A_SPACE)
      .key("Id")
      .build();

  public static final RestTableDef USERS = RestTableDef.builder("Users")
      .column("Id", INTEGER, "id")
      .column("UserId", VARCHAR, "userId")
      .column("Name", VARCHAR, "name")
      .column("RoleType", INTEGER, "roleType")
      .column("Lang", VARCHAR, "lang")
      .column("MailAddress", VARCHAR, "mailAddress")
      .list("/users", "", new Paging.Unpaged())
      .lookup("Id", "/users/{}", 1)
      .rowCount(50)
      .key("Id")
      .build();

  public static final RestTableDef STATUSES = RestTableDef.builder("Statuses")
      .column("Id", INTEGER, "id")
      .column("ProjectId", INTEGER, "projectId")
      .column("Name", VARCHAR, "name")
      .column("Color", VARCHAR, "color")
      .column("DisplayOrder", INTEGER, "displayOrder")
      .list("/projects/{ProjectId}/statuses", "", new Paging.Unpaged())
      .pathVariable("ProjectId", "Projects", "Id", PROJECTS_IN_A_SPACE, null)
      .rowCount(20)
      .build();

  public static final RestTableDef ISSUE_TYPES = RestTableDef.builder("IssueTypes")
      .column("Id", INTEGER, "id")
      .column("ProjectId", INTEGER, "projectId")
      .column("Name", VARCHAR, "name")
      .column("Color", VARCHAR, "color")
      .column("DisplayOrder", INTEGER, "displayOrder")
      .list("/projects/{ProjectId}/issueTypes", "", new Paging.Unpaged())
      .pathVariable("ProjectId", "Projects", "Id", PROJECTS_IN_A_SPACE, null)
      .rowCount(20)
      .key("Id")
      .build();

  public static final RestTableDef PRIORITIES = RestTableDef.builder("Priorities")
      .column("Id", INTEGER, "id")
      .column("Name", VARCHAR, "name")
      .list("/priorities", "", new Paging.Unpaged())
      .rowCount(3)
      .key("Id")
      .build();

  /** Every Backlog table. */
  public static final List<RestTableDef> ALL =
      List.of(ISSUES, PROJECTS, USERS, STATUSES, ISSUE_TYPES, PRIORITIES);
}
