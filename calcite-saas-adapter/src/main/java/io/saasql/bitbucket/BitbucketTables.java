package io.saasql.bitbucket;

import io.saasql.core.declare.Paging;
import io.saasql.core.declare.QueryLanguage;
import io.saasql.core.declare.RestTableDef;
import io.saasql.core.declare.Sorting;
import io.saasql.core.declare.WriteSpec;

import java.util.List;

import static io.saasql.core.declare.QueryField.Op.CONTAINS;
import static io.saasql.core.declare.QueryField.Op.EQ;
import static io.saasql.core.declare.QueryField.Op.IN;
import static io.saasql.core.declare.QueryField.Op.NE;
import static io.saasql.core.declare.QueryField.Op.NULL;
import static io.saasql.core.declare.QueryField.Op.RANGE;
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

  /** The list route's filter is BBQL, in the {@code q} parameter. */
  private static final QueryLanguage.Renderer BBQL_IN_Q = QueryLanguage.filterParam("q");

  /** The Workspaces table: every workspace the credentials can see. */
  public static RestTableDef workspaces() {
    return RestTableDef.builder("Workspaces")
        .list("/workspaces", "/values", pages(100))
        .query(BbqlDialect.INSTANCE, BBQL_IN_Q)
        .column("Uuid", VARCHAR, "uuid", "The workspace's {UUID}")
        .column("Slug", VARCHAR, "slug", "URL name of the workspace")
            .lookup("/workspaces/{}", 1).filter(EQ, NE, IN)
        .column("Name", VARCHAR, "name", "Display name").filter(EQ, NE, IN, CONTAINS)
        .column("IsPrivate", BOOLEAN, "is_private", "Whether only members see it")
        .column("CreatedOn", TIMESTAMP, "created_on", "When it was created")
        .rowCount(5)
        .key("Slug")
        .build();
  }

  /**
   * The tables of one workspace; with a repository, issues and pull requests are read from that
   * repository only.
   */
  public static List<RestTableDef> forWorkspace(String workspace, String repository) {
    String ws = "/repositories/" + workspace;
    RestTableDef repositories = RestTableDef.builder("Repositories")
        .list(ws, "/values", pages(100))
        .query(BbqlDialect.INSTANCE, BBQL_IN_Q)
        .column("Uuid", VARCHAR, "uuid", "The repository's {UUID}")
        .column("Slug", VARCHAR, "slug", "URL name of the repository")
            .lookup(ws + "/{}", 1).filter(EQ, NE, IN)
        .column("Name", VARCHAR, "name", "Display name").filter(EQ, NE, IN, CONTAINS)
        .column("FullName", VARCHAR, "full_name", "workspace/slug")
        .column("Description", VARCHAR, "description", "Description text")
        .column("IsPrivate", BOOLEAN, "is_private", "Whether it is private").filter(EQ)
        .column("Language", VARCHAR, "language", "Main programming language")
            .filter(EQ, NE, IN, NULL)
        .column("HasIssues", BOOLEAN, "has_issues", "Whether its issue tracker is on").filter(EQ)
        .column("MainBranch", VARCHAR, "mainbranch.name", "Name of the main branch")
        .column("ProjectKey", VARCHAR, "project.key", "Key of its project").filter(EQ, NE, IN)
        .column("ProjectName", VARCHAR, "project.name", "Name of its project")
        .column("CreatedOn", TIMESTAMP, "created_on", "When it was created")
            .filter(EQ, RANGE, IN, NULL)
        .column("UpdatedOn", TIMESTAMP, "updated_on", "When it last changed")
            .filter(EQ, RANGE, IN, NULL)
        .rowCount(REPOSITORIES_IN_A_WORKSPACE)
        .key("Slug")
        .build();

    // Read under one repository or under each of the workspace's; RepoSlug is read from each
    // row, never from the path (see ISSUE_REPOSITORY).
    int repositoryCount = repository == null ? REPOSITORIES_IN_A_WORKSPACE : 1;
    List<String> onlyRepository = repository == null ? List.of() : List.of(repository);
    RestTableDef issues = RestTableDef.builder("Issues")
        .list(ws + "/{RepoSlug}/issues", "/values", pages(100))
        .query(BbqlDialect.INSTANCE, BBQL_IN_Q)
        .sorting(1, false, Sorting.signedParam("sort"))
        .column("Id", INTEGER, "id", "The issue's number in its repository")
            .lookup(ws + "/{RepoSlug}/issues/{}", 20).filter(EQ, NE, RANGE, IN).sortable()
        .column("RepoSlug", VARCHAR, "@", "Slug of the issue's repository")
            .pathVariable("Repositories", "Slug", onlyRepository, repositoryCount,
                ISSUE_REPOSITORY).onlyWhereParent("HasIssues")
        .column("Title", VARCHAR, "title", "One-line title")
            .filter(EQ, NE, IN, CONTAINS).required().updatable()
        .column("ContentRaw", VARCHAR, "content.raw", "Body text (markup source)")
            .filter(CONTAINS).writable()
        .column("State", VARCHAR, "state", "new, open, resolved, on hold, invalid, …")
            .filter(EQ, NE, IN).writable()
        .column("Kind", VARCHAR, "kind", "bug, enhancement, proposal or task")
            .filter(EQ, NE, IN).writable()
        .column("Priority", VARCHAR, "priority", "trivial, minor, major, critical or blocker")
            .filter(EQ, NE, IN).writable()
        .column("ReporterUuid", VARCHAR, "reporter.uuid", "{UUID} of the reporter")
            .filter(EQ, NE, IN, NULL)
        .column("ReporterDisplayName", VARCHAR, "reporter.display_name", "Reporter's name")
            .filter(EQ, IN, CONTAINS)
        .column("AssigneeUuid", VARCHAR, "assignee.uuid", "{UUID} of the assignee")
            .filter(EQ, NE, IN, NULL).writable()
        .column("AssigneeDisplayName", VARCHAR, "assignee.display_name", "Assignee's name")
            .filter(EQ, IN, CONTAINS)
        .column("MilestoneName", VARCHAR, "milestone.name", "Milestone")
            .filter(EQ, NE, IN, NULL).writable()
        .column("ComponentName", VARCHAR, "component.name", "Component")
            .filter(EQ, NE, IN, NULL).writable()
        .column("VersionName", VARCHAR, "version.name", "Version")
            .filter(EQ, NE, IN, NULL).writable()
        .column("Votes", INTEGER, "votes", "Number of votes").filter(EQ, NE, RANGE, IN)
        .column("CreatedOn", TIMESTAMP, "created_on", "When it was reported")
            .filter(EQ, RANGE, IN).sortable()
        .column("UpdatedOn", TIMESTAMP, "updated_on", "When it last changed")
            .filter(EQ, RANGE, IN).sortable()
        .column("EditedOn", TIMESTAMP, "edited_on", "When its text was last edited")
        .rowCount(ISSUES_PER_REPOSITORY * repositoryCount)
        .key("Id")
        .writes(WriteSpec.builder(WriteSpec.BodyFormat.JSON)
            .create(ws + "/{RepoSlug}/issues", "/id")
            .update("PUT", ws + "/{RepoSlug}/issues/{Id}")
            .delete(ws + "/{RepoSlug}/issues/{Id}")
            .nullClearsParent())
        .build();

    RestTableDef pullRequests = RestTableDef.builder("PullRequests")
        .list(ws + "/{RepoSlug}/pullrequests", "/values", pages(50))
        .query(BbqlDialect.INSTANCE, BBQL_IN_Q)
        .column("Id", INTEGER, "id", "The pull request's number in its repository")
            .lookup(ws + "/{RepoSlug}/pullrequests/{}", 20).filter(EQ, NE, RANGE, IN)
        .column("RepoSlug", VARCHAR, "@", "Slug of the destination repository")
            .pathVariable("Repositories", "Slug", onlyRepository, repositoryCount,
                PULL_REQUEST_REPOSITORY)
        .column("Title", VARCHAR, "title", "One-line title").filter(EQ, NE, IN, CONTAINS)
        .column("Description", VARCHAR, "description", "Description text")
        .column("State", VARCHAR, "state", "OPEN, MERGED, DECLINED or SUPERSEDED")
            // Every state is asked for: Bitbucket lists only OPEN pull requests by default.
            .param("state", 0, false, PULL_REQUEST_STATES)
            .filter(EQ, NE, IN)
        .column("AuthorUuid", VARCHAR, "author.uuid", "{UUID} of the author")
            .filter(EQ, NE, IN)
        .column("AuthorDisplayName", VARCHAR, "author.display_name", "Author's name")
        .column("SourceBranch", VARCHAR, "source.branch.name", "Branch to merge")
            .filter(EQ, NE, IN)
        .column("DestinationBranch", VARCHAR, "destination.branch.name", "Branch merged into")
            .filter(EQ, NE, IN)
        .column("CommentCount", INTEGER, "comment_count", "Number of comments")
        .column("TaskCount", INTEGER, "task_count", "Number of tasks")
        .column("CloseSourceBranch", BOOLEAN, "close_source_branch",
            "Whether the source branch is deleted on merge")
        .column("CreatedOn", TIMESTAMP, "created_on", "When it was opened").filter(EQ, RANGE, IN)
        .column("UpdatedOn", TIMESTAMP, "updated_on", "When it last changed")
            .filter(EQ, RANGE, IN)
        .rowCount(PULL_REQUESTS_PER_REPOSITORY * repositoryCount)
        .key("Id")
        .build();

    RestTableDef members = RestTableDef.builder("Members")
        .list("/workspaces/" + workspace + "/members", "/values", pages(100))
        .column("UserUuid", VARCHAR, "user.uuid", "{UUID} of the member")
        .column("DisplayName", VARCHAR, "user.display_name", "Member's name")
        .column("AccountId", VARCHAR, "user.account_id", "Atlassian account id")
        .column("Nickname", VARCHAR, "user.nickname", "Nickname")
        .rowCount(50)
        .key("UserUuid")
        .build();

    return List.of(workspaces(), repositories, issues, pullRequests, members);
  }
}
