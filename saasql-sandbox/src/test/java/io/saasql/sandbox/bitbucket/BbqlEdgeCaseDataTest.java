package io.saasql.sandbox.bitbucket;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The issues of {@link BitbucketSeed#EDGE_CASE_ISSUES} and {@link BitbucketSeed#EDGE_CASE_MICROS}:
 * BBQL {@code =} is exact and {@code ~} ignores case, also beyond Latin-1; date-times keep and
 * compare microseconds, so a millisecond bound is not the time SQL sees.
 */
class BbqlEdgeCaseDataTest {
  private static BitbucketSandbox sandbox;
  private static BitbucketClient client;

  @BeforeAll
  static void start() {
    sandbox = new BitbucketSandbox().start();
    client = new BitbucketClient(sandbox);
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  private static List<Integer> ids(String repo, String q) {
    List<Integer> ids = new ArrayList<>();
    for (JsonNode issue : client.all("/repositories/acme/" + repo + "/issues", "q", q,
        "pagelen", "100")) {
      ids.add(issue.get("id").asInt());
    }
    return ids;
  }

  @Test
  void equalsIsExactAndContainsIgnoresCase() {
    assertThat(ids("api", "title = \"timeout when calling billing service\"")).containsExactly(21);
    assertThat(ids("api", "title ~ \"TIMEOUT WHEN CALLING BILLING\"")).contains(20, 21, 22);
    assertThat(ids("api", "title = \"Document orders response fields\"")).doesNotContain(23);
    assertThat(ids("web", "title ~ \"ΩMEGA\"")).containsExactlyInAnyOrder(21, 22);
    assertThat(ids("web", "title ~ \"ログイン\"")).containsExactly(20);
  }

  @Test
  void microsecondsAreKeptAndCompared() {
    String created = sandbox.issue("acme", "api", 10).get("created_on").asText();
    assertThat(created).endsWith(".029833+00:00");
    String second = created.substring(0, created.indexOf('.'));
    assertThat(ids("api", "created_on = " + second + ".029833+00:00")).containsExactly(10);
    assertThat(ids("api", "created_on <= " + second + ".029+00:00")).doesNotContain(10);
    assertThat(ids("api", "created_on > " + second + ".029+00:00 AND created_on < " + second
        + ".030+00:00")).containsExactly(10);
    String whole = sandbox.issue("acme", "api", 11).get("created_on").asText();
    assertThat(whole).endsWith(".000000+00:00");
    assertThat(ids("api", "created_on = " + whole)).containsExactly(11);
  }
}
