package io.saasql.sandbox.backlog;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.AbstractCollection;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.LongStream;

/**
 * A read-only set of generated issues, each made on demand from its id: nothing is stored, so a
 * sandbox serves a million issues with the memory of one page. For load and streaming tests.
 *
 * <p>Issue {@code n} (1 ≤ n ≤ size) belongs to the three active projects in turn (SALES, SUPPORT,
 * INFRA; keyId {@code (n - 1) / 3 + 1}); ids follow creation time as in the seeded data, issue
 * {@code n} being created a fixed step after issue {@code n - 1} between 2023 and 2025, and never
 * updated afterwards. Type, status, priority and assignee come from the catalogs by arithmetic on
 * {@code n}. Every issue has the fields of a seeded one.
 *
 * <p>Listings without filters sorted by {@code created} or {@code updated} (the default) are
 * computed from the offset alone, whatever the size. Filters and other sorts go through the
 * ordinary {@link IssueSearch} over every generated issue, which is allowed up to {@value
 * #FILTERED_LIMIT} issues.
 */
final class GeneratedIssues {
  /** The largest size for which filtered or otherwise sorted listings are answered. */
  static final int FILTERED_LIMIT = 100_000;

  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final long[] PROJECT_IDS = {1, 2, 3};

  private final int size;
  private final long stepSeconds;
  private final String[] projectKeys = new String[PROJECT_IDS.length];
  private final List<List<ObjectNode>> issueTypes = new ArrayList<>();
  private final List<List<ObjectNode>> statuses = new ArrayList<>();
  private final List<ObjectNode> priorities;
  private final List<ObjectNode> users = new ArrayList<>();

  GeneratedIssues(BacklogDataSet catalogs, int size) {
    if (size < 0) {
      throw new IllegalArgumentException("negative number of issues: " + size);
    }
    this.size = size;
    long span = BacklogSeed.LAST.getEpochSecond() - BacklogSeed.FIRST.getEpochSecond();
    this.stepSeconds = Math.max(1, span / Math.max(1, size));
    for (int p = 0; p < PROJECT_IDS.length; p++) {
      long id = PROJECT_IDS[p];
      projectKeys[p] = catalogs.projects.get(id).get("projectKey").asText();
      issueTypes.add(catalogs.issueTypes.get(id).stream().map(BacklogSeed::issueTypeSummary)
          .toList());
      statuses.add(List.copyOf(catalogs.statuses.get(id)));
    }
    this.priorities = List.copyOf(catalogs.priorities);
    catalogs.users.values().forEach(u -> users.add(BacklogSeed.userSummary(u)));
  }

  int size() {
    return size;
  }

  /** The issue with this id, or null when there is none. */
  ObjectNode issue(long id) {
    if (id < 1 || id > size) {
      return null;
    }
    int p = (int) ((id - 1) % PROJECT_IDS.length);
    long keyId = (id - 1) / PROJECT_IDS.length + 1;
    long mix = (id * 0x9E3779B97F4A7C15L) >>> 33;
    ObjectNode issue = F.objectNode();
    issue.put("id", id);
    issue.put("projectId", PROJECT_IDS[p]);
    issue.put("issueKey", projectKeys[p] + "-" + keyId);
    issue.put("keyId", keyId);
    List<ObjectNode> types = issueTypes.get(p);
    issue.set("issueType", types.get((int) (mix % types.size())).deepCopy());
    issue.put("summary", "Generated issue " + id);
    issue.put("description", "Generated issue " + id + " of " + size + ", for load tests.");
    issue.putNull("resolution");
    issue.set("priority", priorities.get((int) (mix / 7 % priorities.size())).deepCopy());
    List<ObjectNode> projectStatuses = statuses.get(p);
    issue.set("status", projectStatuses.get((int) (mix / 31 % projectStatuses.size())).deepCopy());
    if (id % 7 == 0) {
      issue.putNull("assignee");
    } else {
      issue.set("assignee", users.get((int) (id % users.size())).deepCopy());
    }
    issue.putArray("category");
    issue.putArray("versions");
    issue.putArray("milestone");
    issue.putNull("startDate");
    issue.putNull("dueDate");
    if (id % 2 == 0) {
      issue.putNull("estimatedHours");
    } else {
      issue.put("estimatedHours", (mix % 80 + 1) * 0.5);
    }
    issue.putNull("actualHours");
    issue.putNull("parentIssueId");
    ObjectNode creator = users.get((int) (mix / 131 % users.size()));
    String created = BacklogSeed.formatDateTime(createdAt(id));
    issue.set("createdUser", creator.deepCopy());
    issue.put("created", created);
    issue.set("updatedUser", creator.deepCopy());
    issue.put("updated", created);
    issue.putArray("customFields");
    issue.putArray("attachments");
    issue.putArray("sharedFiles");
    issue.putArray("stars");
    return issue;
  }

  private Instant createdAt(long id) {
    return BacklogSeed.FIRST.plusSeconds(id * stepSeconds);
  }

  /** An issue by numeric id or issue key such as {@code SALES-12}. */
  Optional<ObjectNode> issue(String idOrKey) {
    Long id = BacklogDataSet.parseId(idOrKey);
    if (id != null) {
      return Optional.ofNullable(issue(id));
    }
    int dash = idOrKey.lastIndexOf('-');
    Long keyId = dash <= 0 ? null : BacklogDataSet.parseId(idOrKey.substring(dash + 1));
    if (keyId == null || keyId < 1) {
      return Optional.empty();
    }
    for (int p = 0; p < projectKeys.length; p++) {
      if (projectKeys[p].equals(idOrKey.substring(0, dash))) {
        return Optional.ofNullable(issue((keyId - 1) * PROJECT_IDS.length + p + 1));
      }
    }
    return Optional.empty();
  }

  /** Every issue in id order, generated while iterating. */
  Collection<ObjectNode> all() {
    return new AbstractCollection<>() {
      @Override
      public Iterator<ObjectNode> iterator() {
        return LongStream.rangeClosed(1, size).mapToObj(GeneratedIssues.this::issue).iterator();
      }

      @Override
      public int size() {
        return size;
      }
    };
  }

  /** The page {@code GET /issues} answers. */
  List<ObjectNode> page(IssueSearch search) {
    if (search.unfiltered() && Map.of("created", 1, "updated", 1).containsKey(search.sort())) {
      // Ids follow creation time and nothing is updated later: the page is a range of ids.
      List<ObjectNode> page = new ArrayList<>();
      long end = Math.min(size, (long) search.offset() + search.count());
      for (long k = search.offset(); k < end; k++) {
        page.add(issue(search.ascending() ? k + 1 : size - k));
      }
      return page;
    }
    checkFilterable();
    return search.page(all());
  }

  /** What {@code GET /issues/count} answers. */
  int count(IssueSearch search) {
    if (search.unfiltered()) {
      return size;
    }
    checkFilterable();
    return search.matching(all()).size();
  }

  private void checkFilterable() {
    if (size > FILTERED_LIMIT) {
      throw BacklogError.invalidRequest("This sandbox generates its " + size + " issues on demand:"
          + " only listings without filters, sorted by created or updated, are answered.");
    }
  }
}
