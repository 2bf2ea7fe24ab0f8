package io.saasql.bitbucket;

import io.saasql.core.Paging;
import io.saasql.core.QueryField;
import io.saasql.core.QueryLanguage;
import io.saasql.core.RestTableDef;
import io.saasql.core.WriteSpec;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.saasql.core.QueryField.Op.CONTAINS;
import static io.saasql.core.QueryField.Op.EQ;
import static io.saasql.core.QueryField.Op.IN;
import static io.saasql.core.QueryField.Op.NE;
import static io.saasql.core.QueryField.Op.NULL;
import static io.saasql.core.QueryField.Op.RANGE;
import static org.apache.calcite.sql.type.SqlTypeName.BOOLEAN;
import static org.apache.calcite.sql.type.SqlTypeName.INTEGER;
import static org.apache.calcite.sql.type.SqlTypeName.TIMESTAMP;
import static org.apache.calcite.sql.type.SqlTypeName.VARCHAR;

/**
 * The Bitbucket Cloud tables of one workspace, as declarations. Predicates travel in BBQL
 * ({@code q}); {@code RepoSlug} travels in the path; {@code Id} (with {@code RepoSlug}) reads one
 * issue or pull request.
 */
public final class BitbucketTables {
  private BitbucketTables() {}

  /** How many repositories a workspace usually has (the Repositories table's row count). */
  static final int REPOSITORIES_IN_A_WORKSPACE = 50;
  /** How many issues a repository's tracker usually holds. */
  static final int ISSUES_PER_REPOSITORY = 40;
  /** How many pull requests a repository usually has. */
  static final int PULL_REQUESTS_PER_REPOSITORY = 20;

  /**
   * Where an issue or pull request states its repository: {@code full_name} is
   * {@code workspace/repo_slug}, the slug as Bitbucket has it, whatever spelling of the
   * repository (another case, its {@code {UUID}}) the path was given.
   */
  static final String ISSUE_REPOSITORY = "repository.full_name";
  static final String PULL_REQUEST_REPOSITORY = "destination.repository.full_name";

  /** Pull request states: Bitbucket lists only OPEN ones unless asked for each. */
  static final List<String> PULL_REQUEST_STATES = List.of("OPEN", "MERGED", "DECLINED",
      "SUPERSEDED");

  private static Paging pages(int pageSize) {
    return new Paging.NextLink("pagelen", pageSize, "/next");
  }

  private static QueryLanguage bbql(QueryField... fields) {
    return new QueryLanguage(BbqlDialect.INSTANCE, List.of(fields), QueryLanguage.filterParam("q"));
  }

  /** The Workspaces table: every workspace the credentials can see. */
  public static RestTableDef workspaces() {
    return RestTableDef.builder("Workspaces")
        .column("Uuid", VARCHAR, "uuid")
        .column("Slug", VARCHAR, "slug")
        .column("Name", VARCHAR, "name")
        .column("IsPrivate", BOOLEAN, "is_private")
        .column("CreatedOn", TIMESTAMP, "created_on")
        .list("/workspaces", "/values", pages(100))
        .lookup("Slug", "/workspaces/{}", 1)
        .query(bbql(
            QueryField.of("Slug", "slug", EQ, NE, IN),
            QueryField.of("Name", "name", EQ, NE, IN, CONTAINS)))
        .rowCount(5)
        .key("Slug")
        .build();
  }

  /** Issue writes: JSON POST / PUT / DELETE under the issue's repository. */
  private static WriteSpec issueWrites(String ws) {
    Map<String, String> fields = Map.of("Title", "title", "ContentRaw", "content.raw",
        "State", "state", "Kind", "kind", "Priority", "priority", "AssigneeUuid", "assignee.uuid",
        "MilestoneName", "milestone.name", "ComponentName", "component.name",
        "VersionName", "version.name");
    return new WriteSpec(WriteSpec.BodyFormat.JSON, ws + "/{RepoSlug}/issues", "/id", "PUT",
        ws + "/{RepoSlug}/issues/{Id}", ws + "/{RepoSlug}/issues/{Id}", fields, Set.of("Title"),
        fields, null, true);
  }

  /**
   * The tables of one workspace; with a repository, issues and pull requests are read from that
   * repository only.
   */
  public static List<RestTableDef> forWorkspace(String workspace, String repository) {
    String ws = "/repositories/" + workspace;
    RestTableDef repositories = RestTableDef.builder("Repositories")
        .column("Uuid", VARCHAR, "uuid")
        .column("Slug", VARCHAR, "slug")
        .column("Name", VARCHAR, "name")
        .column("FullName", VARCHAR, "full_name")
        .column("Description", VARCHAR, "description")
        .column("IsPrivate", BOOLEAN, "is_private")
        .column("Language", VARCHAR, "language")
        .column("HasIssues", BOOLEAN, "has_issues")
        .column("MainBranch", VARCHAR, "mainbranch.name")
        .column("ProjectKey", VARCHAR, "project.key")
        .column("ProjectName", VARCHAR, "project.name")
        .column("CreatedOn", TIMESTAMP, "created_on")
        .column("UpdatedOn", TIMESTAMP, "updated_on")
        .list(ws, "/values", pages(100))
        .lookup("Slug", ws + "/{}", 1)
        .query(bbql(
            QueryField.of("Slug", "slug", EQ, NE, IN),
            QueryField.of("Name", "name", EQ, NE, IN, CONTAINS),
            QueryField.of("IsPrivate", "is_private", EQ),
            QueryField.of("Language", "language", EQ, NE, IN, NULL),
            QueryField.of("HasIssues", "has_issues", EQ),
            QueryField.of("ProjectKey", "project.key", EQ, NE, IN),
            QueryField.of("CreatedOn", "created_on", EQ, RANGE, IN, NULL),
            QueryField.of("UpdatedOn", "updated_on", EQ, RANGE, IN, NULL)))
        .rowCount(REPOSITORIES_IN_A_WORKSPACE)
        .key("Slug")
        .build();

    // Read under one repository or under each of the workspace's.
    int repositoryCount = repository == null ? REPOSITORIES_IN_A_WORKSPACE : 1;
    RestTableDef.Builder issues = RestTableDef.builder("Issues")
        .column("Id", INTEGER, "id")
        .column("RepoSlug", VARCHAR, "@")
        .column("Title", VARCHAR, "title")
        .column("ContentRaw", VARCHAR, "content.raw")
        .column("State", VARCHAR, "state")
        .column("Kind", VARCHAR, "kind")
        .column("Priority", VARCHAR, "priority")
        .column("ReporterUuid", VARCHAR, "reporter.uuid")
        .column("ReporterDisplayName", VARCHAR, "reporter.display_name")
        .column("AssigneeUuid", VARCHAR, "assignee.uuid")
        .column("AssigneeDisplayName", VARCHAR, "assignee.display_name")
        .column("MilestoneName", VARCHAR, "milestone.name")
        .column("ComponentName", VARCHAR, "component.name")
        .column("VersionName", VARCHAR, "version.name")
        .column("Votes", INTEGER, "votes")
        .column("CreatedOn", TIMESTAMP, "created_on")
        .column("UpdatedOn", TIMESTAMP, "updated_on")
        .column("EditedOn", TIMESTAMP, "edited_on")
        .list(ws + "/{RepoSlug}/issues", "/values", pages(100))
        .lookup("Id", ws + "/{RepoSlug}/issues/{}", 20)
        .query(bbql(
            QueryField.of("Id", "id", EQ, NE, RANGE, IN),
            QueryField.of("Title", "title", EQ, NE, IN, CONTAINS),
            QueryField.of("ContentRaw", "content.raw", CONTAINS),
            QueryField.of("State", "state", EQ, NE, IN),
            QueryField.of("Kind", "kind", EQ, NE, IN),
            QueryField.of("Priority", "priority", EQ, NE, IN),
            QueryField.of("ReporterUuid", "reporter.uuid", EQ, NE, IN, NULL),
            QueryField.of("ReporterDisplayName", "reporter.display_name", EQ, IN, CONTAINS),
            QueryField.of("AssigneeUuid", "assignee.uuid", EQ, NE, IN, NULL),
            QueryField.of("AssigneeDisplayName", "assignee.display_name", EQ, IN, CONTAINS),
            QueryField.of("MilestoneName", "milestone.name", EQ, NE, IN, NULL),
            QueryField.of("ComponentName", "component.name", EQ, NE, IN, NULL),
            QueryField.of("VersionName", "version.name", EQ, NE, IN, NULL),
            QueryField.of("Votes", "votes", EQ, NE, RANGE, IN),
            QueryField.of("CreatedOn", "created_on", EQ, RANGE, IN),
            QueryField.of("UpdatedOn", "updated_on", EQ, RANGE, IN)))
        .rowCount(ISSUES_PER_REPOSITORY * repositoryCount)
        .key("Id")
        .writes(issueWrites(ws));

    RestTableDef.Builder pullRequests = RestTableDef.builder("PullRequests")
        .column("Id", INTEGER, "id")
        .column("RepoSlug", VARCHAR, "@")
        .column("Title", VARCHAR, "title")
        .column("Description", VARCHAR, "description")
        .column("State", VARCHAR, "state")
        .column("AuthorUuid", VARCHAR, "author.uuid")
        .column("AuthorDisplayName", VARCHAR, "author.display_name")
        .column("SourceBranch", VARCHAR, "source.branch.name")
        .column("DestinationBranch", VARCHAR, "destination.branch.name")
        .column("CommentCount", INTEGER, "comment_count")
        .column("TaskCount", INTEGER, "task_count")
        .column("CloseSourceBranch", BOOLEAN, "close_source_branch")
        .column("CreatedOn", TIMESTAMP, "created_on")
        .column("UpdatedOn", TIMESTAMP, "updated_on")
        .list(ws + "/{RepoSlug}/pullrequests", "/values", pages(50))
        .lookup("Id", ws + "/{RepoSlug}/pullrequests/{}", 20)
        // Every state is asked for: Bitbucket lists only OPEN pull requests by default.
        .multiValue("State", "state", 0, false, PULL_REQUEST_STATES)
        .query(bbql(
            QueryField.of("Id", "id", EQ, NE, RANGE, IN),
            QueryField.of("Title", "title", EQ, NE, IN, CONTAINS),
            QueryField.of("State", "state", EQ, NE, IN),
            QueryField.of("AuthorUuid", "author.uuid", EQ, NE, IN),
            QueryField.of("SourceBranch", "source.branch.name", EQ, NE, IN),
            QueryField.of("DestinationBranch", "destination.branch.name", EQ, NE, IN),
            QueryField.of("CreatedOn", "created_on", EQ, RANGE, IN),
            QueryField.of("UpdatedOn", "updated_on", EQ, RANGE, IN)))
        .rowCount(PULL_REQUESTS_PER_REPOSITORY * repositoryCount)
        .key("Id");

    // RepoSlug is read from each row, never from the path (see ISSUE_REPOSITORY).
    if (repository == null) {
      issues.pathVariable("RepoSlug", "Repositories", "Slug", repositoryCount, ISSUE_REPOSITORY);
      pullRequests.pathVariable("RepoSlug", "Repositories", "Slug", repositoryCount,
          PULL_REQUEST_REPOSITORY);
    } else {
      issues.pathVariable("RepoSlug", List.of(repository), repositoryCount, ISSUE_REPOSITORY);
      pullRequests.pathVariable("RepoSlug", List.of(repository), repositoryCount,
          PULL_REQUEST_REPOSITORY);
    }

    RestTableDef members = RestTableDef.builder("Members")
        .column("UserUuid", VARCHAR, "user.uuid")
        .column("DisplayName", VARCHAR, "user.display_name")
        .column("AccountId", VARCHAR, "user.account_id")
        .column("Nickname", VARCHAR, "user.nickname")
        .list("/workspaces/" + workspace + "/members", "/values", pages(100))
        .rowCount(50)
        .key("UserUuid")
        .build();

    return List.of(workspaces(), repositories, issues.build(), pullRequests.build(), members);
  }
}
