package io.saasql.bitbucket;

import com.fasterxml.jackson.databind.JsonNode;
import io.saasql.sandbox.RecordedRequest;
import io.saasql.sandbox.bitbucket.BitbucketSandbox;
import io.saasql.testing.TestSources;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A pushdown never costs more requests than no pushdown (every repository's issues listed):
 * {@code Id IN (…)} is one BBQL listing per repository, not one GET per id and repository; and
 * {@code RepoSlug} is what the API says, whatever spelling of the repository the query used.
 */
class BitbucketRequestCountTest {
  private static Connection connection;
  private static BitbucketSandbox sandbox;

  @BeforeAll static void connect() throws Exception {
    sandbox = TestSources.bitbucket();
    String model = TestSources.bitbucketModel();
    // The workspace narrowed to the repository mobile (180 issues, 2 pages), with and without
    // pushdown.
    model = model.substring(0, model.length() - 2) + ","
        + TestSources.bitbucketSchema("bitbucket_mobile", "acme", true,
            ",\"repository\":\"mobile\"") + ","
        + TestSources.bitbucketSchema("bitbucket_mobile_nopush", "acme", false,
            ",\"repository\":\"mobile\"") + "]}";
    connection = TestSources.connect(model);
  }

  @AfterAll static void close() throws Exception {
    connection.close();
  }

  @BeforeEach void clearLog() {
    sandbox.faults().reset();
    sandbox.clearRequests();
  }

  /**
   * The API requests (token requests left out), as {@code GET /2.0/…?q=…&pagelen=100}, with the
   * parentheses of {@code q} left out (how BBQL is parenthesised is the dialect's business).
   */
  private static List<String> api() {
    return sandbox.requests().stream().filter(r -> r.path().startsWith("/2.0/"))
        .map(r -> r.describe().replaceAll("[()]", "")).toList();
  }

  /**
   * Runs the query on {@code schema} and on {@code schema_nopush}: equal rows, and the pushed
   * one at most one request more. Returns the requests of the pushed one.
   */
  private static List<String> pushedVersusNaive(String schema, String sqlWithSchema)
      throws Exception {
    sandbox.clearRequests();
    List<List<Object>> pushed = TestSources.rows(connection, sqlWithSchema.formatted(schema));
    List<String> pushedRequests = api();
    sandbox.clearRequests();
    List<List<Object>> naive =
        TestSources.rows(connection, sqlWithSchema.formatted(schema + "_nopush"));
    int naiveRequests = api().size();
    assertThat(pushed).as(sqlWithSchema).isEqualTo(naive);
    assertThat(pushedRequests.size()).as("requests of %s: %s, naive %s", sqlWithSchema,
        pushedRequests, naiveRequests).isLessThanOrEqualTo(naiveRequests + 1);
    return pushedRequests;
  }

  @Test void idsInTwoRepositoriesAreOneListingEach() throws Exception {
    List<String> sent = pushedVersusNaive("bitbucket",
        "SELECT RepoSlug, Id, Title FROM %s.Issues"
            + " WHERE RepoSlug IN ('api', 'web') AND Id IN (58, 1, 5) ORDER BY RepoSlug, Id");
    String filter = "id = 1 OR id = 5 OR id = 58";
    // The two repositories are read at the same time (maxConcurrentRequests): in either order.
    assertThat(sent).containsExactlyInAnyOrder(
        "GET /2.0/repositories/acme/api/issues?q=" + filter + "&pagelen=100",
        "GET /2.0/repositories/acme/web/issues?q=" + filter + "&pagelen=100");
    assertThat(TestSources.rows(connection, "SELECT RepoSlug, Id FROM bitbucket.Issues"
        + " WHERE RepoSlug IN ('api', 'web') AND Id IN (58, 1, 5) ORDER BY RepoSlug, Id"))
        .isEqualTo(expected(List.of("api", "web"), List.of(1, 5, 58)));
  }

  @Test void idsInOneRepositoryAreOneListing() throws Exception {
    // Benchmark T3: five GETs one after another before.
    List<String> sent = pushedVersusNaive("bitbucket", "SELECT Id, Title FROM %s.Issues"
        + " WHERE RepoSlug = 'api' AND Id IN (3, 5, 8, 13, 21) ORDER BY Id");
    assertThat(sent).containsExactly("GET /2.0/repositories/acme/api/issues"
        + "?q=id = 3 OR id = 5 OR id = 8 OR id = 13 OR id = 21&sort=id&pagelen=100");
  }

  @Test void idsInTheRepositoryOfANarrowedSchemaAreOneListing() throws Exception {
    // The naive adapter reads mobile's 2 pages; five GETs were 5.
    List<String> sent = pushedVersusNaive("bitbucket_mobile",
        "SELECT RepoSlug, Id, State FROM %s.Issues WHERE Id IN (3, 5, 8, 13, 21) ORDER BY Id");
    assertThat(sent).containsExactly("GET /2.0/repositories/acme/mobile/issues"
        + "?q=id = 3 OR id = 5 OR id = 8 OR id = 13 OR id = 21&sort=id&pagelen=100");
    assertThat(TestSources.rows(connection,
        "SELECT RepoSlug, Id FROM bitbucket_mobile.Issues WHERE Id IN (3, 5, 8, 13, 21) ORDER BY Id"))
        .isEqualTo(expected(List.of("mobile"), List.of(3, 5, 8, 13, 21)));
  }

  @Test void oneIdIsStillOneGet() throws Exception {
    assertThat(pushedVersusNaive("bitbucket",
        "SELECT Id, Title FROM %s.Issues WHERE RepoSlug = 'api' AND Id = 7"))
        .containsExactly("GET /2.0/repositories/acme/api/issues/7");
    assertThat(pushedVersusNaive("bitbucket_mobile",
        "SELECT RepoSlug, Id FROM %s.Issues WHERE Id = 3"))
        .containsExactly("GET /2.0/repositories/acme/mobile/issues/3");
  }

  @Test void everyIdListCostsAtMostOneRequestMoreThanTheFullListing() throws Exception {
    Random r = new Random(5);
    String[] repos = {"api", "web", "mobile", "infra", "nope"};
    for (int i = 0; i < 20; i++) {
      String ids = IntStream.range(0, 1 + r.nextInt(8)).mapToObj(k -> "" + (1 + r.nextInt(330)))
          .collect(Collectors.joining(", ", "(", ")"));
      String slugs = IntStream.range(0, r.nextInt(3))
          .mapToObj(k -> "'" + repos[r.nextInt(repos.length)] + "'")
          .collect(Collectors.joining(", ", "(", ")"));
      boolean narrowed = i % 4 == 0;
      String where = "Id IN " + ids + (slugs.equals("()") || narrowed ? ""
          : " AND RepoSlug IN " + slugs) + (r.nextBoolean() ? " AND State <> 'closed'" : "");
      pushedVersusNaive(narrowed ? "bitbucket_mobile" : "bitbucket",
          "SELECT RepoSlug, Id, State FROM %s.Issues WHERE " + where + " ORDER BY RepoSlug, Id");
    }
  }

  // ---- RepoSlug is the repository the API says the rows belong to ----

  private static String uuid(String repo) {
    return sandbox.repositories("acme").stream()
        .filter(x -> x.get("slug").asText().equals(repo)).findFirst().orElseThrow()
        .get("uuid").asText();
  }

  @Test void repoSlugInAnotherCaseIsNoRepository() throws Exception {
    // The sandbox matches slugs exactly (404); an API that matched them without case would list
    // api's issues, which state repository acme/api: no row of RepoSlug = 'API' either way.
    assertThat(TestSources.rows(connection,
        "SELECT RepoSlug, Id FROM bitbucket.Issues WHERE RepoSlug = 'API'")).isEmpty();
    assertThat(api()).containsExactly("GET /2.0/repositories/acme/API/issues?pagelen=100");
    sandbox.clearRequests();
    assertThat(TestSources.rows(connection,
        "SELECT RepoSlug, Id FROM bitbucket.Issues WHERE RepoSlug = 'API' AND Id = 7")).isEmpty();
    assertThat(api()).containsExactly("GET /2.0/repositories/acme/API/issues/7");
  }

  @Test void aRepositoryUuidInThePathGivesNoRowsOfThatSlug() throws Exception {
    // Bitbucket takes {UUID} wherever a repository slug goes, and so does the sandbox: the
    // issues listed under it are api's, and say so. No row carries the UUID as its RepoSlug.
    String uuid = uuid("api");
    assertThat(TestSources.rows(connection,
        "SELECT RepoSlug, Id FROM bitbucket.Issues WHERE RepoSlug = '" + uuid + "'")).isEmpty();
    assertThat(api()).hasSize(1).allMatch(r -> r.startsWith("GET /2.0/repositories/acme/"
        + uuid + "/issues"));
    sandbox.clearRequests();
    assertThat(TestSources.rows(connection, "SELECT RepoSlug, Id FROM bitbucket.Issues"
        + " WHERE RepoSlug = '" + uuid + "' AND Id = 7")).isEmpty();
    assertThat(api()).containsExactly("GET /2.0/repositories/acme/" + uuid + "/issues/7");
    assertThat(TestSources.rows(connection, "SELECT RepoSlug, Id FROM bitbucket_nopush.Issues"
        + " WHERE RepoSlug = '" + uuid + "'")).isEmpty();
  }

  @Test void aRepositoryUuidIsNoSlug() throws Exception {
    String uuid = uuid("web");
    assertThat(TestSources.rows(connection,
        "SELECT Slug FROM bitbucket.Repositories WHERE Slug = '" + uuid + "'")).isEmpty();
    assertThat(api()).containsExactly("GET /2.0/repositories/acme/" + uuid);
    assertThat(TestSources.rows(connection,
        "SELECT Slug FROM bitbucket.Repositories WHERE Slug = 'web'"))
        .containsExactly(List.of("web"));
  }

  @Test void repoSlugIsReadFromEachRow() throws Exception {
    assertThat(TestSources.rows(connection,
        "SELECT DISTINCT RepoSlug FROM bitbucket.Issues ORDER BY RepoSlug"))
        .containsExactly(List.of("api"), List.of("mobile"), List.of("web"));
    assertThat(TestSources.rows(connection,
        "SELECT DISTINCT RepoSlug FROM bitbucket.PullRequests ORDER BY RepoSlug"))
        .isEqualTo(TestSources.rows(connection,
            "SELECT DISTINCT RepoSlug FROM bitbucket_nopush.PullRequests ORDER BY RepoSlug"))
        .isNotEmpty();
    assertThat(TestSources.rows(connection,
        "SELECT DISTINCT RepoSlug FROM bitbucket_mobile.Issues"))
        .containsExactly(List.of("mobile"));
  }

  /** {@code [repo, id]} of the live issues with these ids in these repositories, sorted. */
  private static List<List<Object>> expected(List<String> repos, List<Integer> ids) {
    return repos.stream().sorted().flatMap(repo -> sandbox.issues("acme", repo).stream()
            .map(JsonNode.class::cast)
            .filter(i -> ids.contains(i.get("id").asInt()))
            .sorted(java.util.Comparator.comparingInt(i -> i.get("id").asInt()))
            .map(i -> List.<Object>of(repo, i.get("id").asInt())))
        .toList();
  }
}
