package io.saasql.sandbox.backlog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A Backlog sandbox serving generated issues: a million of them, paged from the offset alone. */
class GeneratedIssuesTest {
  private static BacklogSandbox million;
  private static BacklogSandbox thousand;

  @BeforeAll
  static void start() {
    million = BacklogSandbox.withGeneratedIssues(1_000_000).start();
    thousand = BacklogSandbox.withGeneratedIssues(1_000).start();
  }

  @AfterAll
  static void stop() {
    million.close();
    thousand.close();
  }

  private static List<Long> ids(JsonNode page) {
    List<Long> ids = new ArrayList<>();
    page.forEach(i -> ids.add(i.get("id").asLong()));
    return ids;
  }

  @Test
  void pagesOfAMillionNewestFirstByDefault() {
    BacklogClient client = new BacklogClient(million);
    JsonNode first = client.get("/issues", "count", "100", "offset", "0").json();
    assertThat(first).hasSize(100);
    assertThat(ids(first).get(0)).isEqualTo(1_000_000L);
    assertThat(ids(first).get(99)).isEqualTo(999_901L);

    JsonNode last = client.get("/issues", "count", "100", "offset", "999950").json();
    assertThat(ids(last)).hasSize(50).endsWith(1L);
    assertThat(client.get("/issues", "count", "100", "offset", "1000000").json()).isEmpty();

    JsonNode ascending =
        client.get("/issues", "count", "3", "offset", "10", "order", "asc").json();
    assertThat(ids(ascending)).containsExactly(11L, 12L, 13L);
    assertThat(client.get("/issues/count").json().get("count").asInt()).isEqualTo(1_000_000);
    assertThat(million.issueCount()).isEqualTo(1_000_000);
  }

  @Test
  void issuesHaveEveryFieldOfASeededOneAndFollowCreationTime() {
    BacklogClient client = new BacklogClient(million);
    try (BacklogSandbox seeded = new BacklogSandbox()) {
      List<String> seededFields = new ArrayList<>();
      seeded.issue(1).fieldNames().forEachRemaining(seededFields::add);
      List<String> fields = new ArrayList<>();
      million.issue(1).fieldNames().forEachRemaining(fields::add);
      assertThat(fields).containsExactlyElementsOf(seededFields);
    }
    JsonNode one = client.get("/issues/500000").json();
    assertThat(one.get("issueKey").asText()).isEqualTo("SUPPORT-166667");
    assertThat(one.get("projectId").asInt()).isEqualTo(2);
    assertThat(client.get("/issues/SUPPORT-166667").json()).isEqualTo(one);
    assertThat(client.get("/issues/SALES-1").json().get("id").asLong()).isEqualTo(1L);
    assertThat(client.get("/issues/1000001").status()).isEqualTo(404);
    assertThat(client.get("/issues/LEGACY-1").status()).isEqualTo(404);
    String created1 = million.issue(1).get("created").asText();
    String created2 = million.issue(2).get("created").asText();
    assertThat(created1).isLessThan(created2).startsWith("2023-01-01T");
    assertThat(million.issue(1_000_000).get("created").asText()).startsWith("2025-");
  }

  @Test
  void filtersAreRefusedAtAMillionAndAnsweredAtAThousand() {
    BacklogClient big = new BacklogClient(million);
    BacklogClient.Answer refused = big.get("/issues", "projectId[]", "1");
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.json().at("/errors/0/code").asInt()).isEqualTo(7);

    BacklogClient small = new BacklogClient(thousand);
    assertThat(small.get("/issues/count", "projectId[]", "1").json().get("count").asInt())
        .isEqualTo(334);
    JsonNode page = small.get("/issues", "projectId[]", "3", "count", "100", "order", "asc").json();
    assertThat(ids(page)).hasSize(100).startsWith(3L, 6L, 9L);
    assertThat(small.get("/issues", "sort", "summary", "count", "1").status()).isEqualTo(200);
  }

  @Test
  void writesAreRefused() {
    BacklogClient client = new BacklogClient(thousand);
    BacklogClient.Answer created =
        client.send("POST", "/issues", "projectId", "1", "summary", "x", "issueTypeId", "11",
            "priorityId", "3");
    assertThat(created.status()).isEqualTo(400);
    assertThat(client.send("DELETE", "/issues/1").status()).isEqualTo(400);
    assertThat(thousand.issueCount()).isEqualTo(1_000);
  }
}
