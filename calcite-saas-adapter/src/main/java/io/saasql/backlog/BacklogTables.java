package io.saasql.backlog;

import io.saasql.core.declare.Paging;
import io.saasql.core.declare.RestTableDef;
import io.saasql.core.declare.Sorting;
import io.saasql.core.declare.WriteSpec;

import java.util.List;

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
      .list("/issues", "", new Paging.OffsetCount("offset", "count", ISSUES_PAGE_SIZE))
      // Counts what the listing with the same filters holds: lets a scan learn, for one request,
      // whether GETs by IssueKey or the listing take fewer requests.
      .count("/issues/count", "/count")
      // ORDER BY one of the columns declared sortable: sort=…&order=asc|desc.
      .sorting(1, false, Sorting.fieldAndDirection("sort", "order"))
      .column("Id", INTEGER, "id", "The issue's id, assigned by Backlog")
          .lookup("/issues/{}", 1).param("id[]", 100)
      .column("IssueKey", VARCHAR, "issueKey", "Project key and number, e.g. SALES-7")
          .lookup("/issues/{}", 20)
      .column("KeyId", INTEGER, "keyId", "The number in IssueKey")
      .column("ProjectId", INTEGER, "projectId", "The project the issue belongs to")
          .param("projectId[]", 100).required()
      .column("IssueTypeId", INTEGER, "issueType.id", "Issue type (per project)")
          .param("issueTypeId[]", 100).insertable("issueTypeId").required()
          .updatable("issueTypeId")
      .column("IssueTypeName", VARCHAR, "issueType.name", "Issue type's name")
      .column("Summary", VARCHAR, "summary", "One-line title").required().updatable()
      .column("Description", VARCHAR, "description", "Body text").writable()
      .column("PriorityId", INTEGER, "priority.id", "Priority (2 high, 3 normal, 4 low)")
          .param("priorityId[]", 100).insertable("priorityId").required()
          .updatable("priorityId")
      .column("PriorityName", VARCHAR, "priority.name", "Priority's name")
      .column("StatusId", INTEGER, "status.id", "Status (1 open … 4 closed, or the project's own)")
          .param("statusId[]", 100).updatable("statusId")
      .column("StatusName", VARCHAR, "status.name", "Status's name")
      .column("ResolutionId", INTEGER, "resolution.id", "Resolution, once resolved")
          .param("resolutionId[]", 100).updatable("resolutionId")
      .column("ResolutionName", VARCHAR, "resolution.name", "Resolution's name")
      .column("AssigneeId", INTEGER, "assignee.id", "Assigned user's id")
          .param("assigneeId[]", 100).insertable("assigneeId").updatable("assigneeId")
      .column("AssigneeName", VARCHAR, "assignee.name", "Assigned user's name")
      .column("AssigneeMail", VARCHAR, "assignee.mailAddress", "Assigned user's e-mail")
      .column("ParentIssueId", INTEGER, "parentIssueId", "Parent issue of a subtask")
          .param("parentIssueId[]", 100).nullness("parentChild", "2", "1").writable()
      .column("StartDate", DATE, "startDate", "Planned start day")
          .dayRange("startDateSince", "startDateUntil").writable()
      .column("DueDate", DATE, "dueDate", "Due day")
          .nullness("hasDueDate", "true", "false").dayRange("dueDateSince", "dueDateUntil")
          .writable()
      .column("EstimatedHours", DOUBLE, "estimatedHours", "Estimated hours").writable()
      .column("ActualHours", DOUBLE, "actualHours", "Hours spent").writable()
      .column("CreatedUserId", INTEGER, "createdUser.id", "Id of the user who created it")
          .param("createdUserId[]", 100)
      .column("CreatedUserName", VARCHAR, "createdUser.name", "Name of the user who created it")
      .column("Created", TIMESTAMP, "created", "When it was created (UTC)")
          .dayRange("createdSince", "createdUntil").sortable("created")
      .column("UpdatedUserId", INTEGER, "updatedUser.id", "Id of the user who last updated it")
      .column("Updated", TIMESTAMP, "updated", "When it was last updated (UTC)")
          .dayRange("updatedSince", "updatedUntil").sortable("updated")
      .rowCount(5000)
      .key("Id")
      .writes(WriteSpec.builder(WriteSpec.BodyFormat.FORM).create("/issues", "/id")
          .update("PATCH", "/issues/{Id}").delete("/issues/{Id}"))
      .build();

  public static final RestTableDef PROJECTS = RestTableDef.builder("Projects")
      .list("/projects", "", new Paging.Unpaged())
      .column("Id", INTEGER, "id", "The project's id").lookup("/projects/{}", 1)
      .column("ProjectKey", VARCHAR, "projectKey", "Key that prefixes its issue keys")
          .lookup("/projects/{}", 1)
      .column("Name", VARCHAR, "name", "Project name")
      .column("ChartEnabled", BOOLEAN, "chartEnabled", "Whether Gantt and burndown charts are on")
      .column("SubtaskingEnabled", BOOLEAN, "subtaskingEnabled", "Whether issues may have subtasks")
      .column("TextFormattingRule", VARCHAR, "textFormattingRule", "markdown or backlog")
      .column("Archived", BOOLEAN, "archived", "Whether the project is archived")
          .singleParam("archived")
      .rowCount(PROJECTS_IN_A_SPACE)
      .key("Id")
      .build();

  public static final RestTableDef USERS = RestTableDef.builder("Users")
      .list("/users", "", new Paging.Unpaged())
      .column("Id", INTEGER, "id", "The user's numeric id").lookup("/users/{}", 1)
      .column("UserId", VARCHAR, "userId", "Login name")
      .column("Name", VARCHAR, "name", "Display name")
      .column("RoleType", INTEGER, "roleType", "1 admin, 2 member, 3 reporter, 4 viewer, …")
      .column("Lang", VARCHAR, "lang", "Language of the user's interface")
      .column("MailAddress", VARCHAR, "mailAddress", "E-mail address")
      .rowCount(50)
      .key("Id")
      .build();

  public static final RestTableDef STATUSES = RestTableDef.builder("Statuses")
      .list("/projects/{ProjectId}/statuses", "", new Paging.Unpaged())
      .column("Id", INTEGER, "id", "The status's id")
      .column("ProjectId", INTEGER, "projectId", "The project it belongs to")
          .pathVariable("Projects", "Id", PROJECTS_IN_A_SPACE)
      .column("Name", VARCHAR, "name", "Status name")
      .column("Color", VARCHAR, "color", "Display colour, #rrggbb")
      .column("DisplayOrder", INTEGER, "displayOrder", "Position in the project's list")
      .rowCount(20)
      .build();

  public static final RestTableDef ISSUE_TYPES = RestTableDef.builder("IssueTypes")
      .list("/projects/{ProjectId}/issueTypes", "", new Paging.Unpaged())
      .column("Id", INTEGER, "id", "The issue type's id")
      .column("ProjectId", INTEGER, "projectId", "The project it belongs to")
          .pathVariable("Projects", "Id", PROJECTS_IN_A_SPACE)
      .column("Name", VARCHAR, "name", "Issue type name")
      .column("Color", VARCHAR, "color", "Display colour, #rrggbb")
      .column("DisplayOrder", INTEGER, "displayOrder", "Position in the project's list")
      .rowCount(20)
      .key("Id")
      .build();

  public static final RestTableDef PRIORITIES = RestTableDef.builder("Priorities")
      .list("/priorities", "", new Paging.Unpaged())
      .column("Id", INTEGER, "id", "The priority's id")
      .column("Name", VARCHAR, "name", "Priority name")
      .rowCount(3)
      .key("Id")
      .build();

  /** Every Backlog table. */
  public static final List<RestTableDef> ALL =
      List.of(ISSUES, PROJECTS, USERS, STATUSES, ISSUE_TYPES, PRIORITIES);
}
