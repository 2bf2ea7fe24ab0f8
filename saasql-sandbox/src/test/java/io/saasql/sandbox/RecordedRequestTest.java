package io.saasql.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.collect.LinkedListMultimap;
import com.google.common.collect.ListMultimap;
import org.junit.jupiter.api.Test;

class RecordedRequestTest {

  @Test
  void describeKeepsParameterOrderAndLeavesTheApiKeyOut() {
    ListMultimap<String, String> query = LinkedListMultimap.create();
    query.put("projectId[]", "1");
    query.put("apiKey", "secret");
    query.put("count", "100");
    query.put("projectId[]", "2");
    RecordedRequest r = new RecordedRequest("GET", "/api/v2/issues", query, "", 200);

    assertThat(r.describe()).isEqualTo("GET /api/v2/issues?projectId[]=1&count=100&projectId[]=2");
    assertThat(r.query().get("apiKey")).containsExactly("secret");
  }

  @Test
  void describeWithoutParametersIsMethodAndPath() {
    ListMultimap<String, String> query = LinkedListMultimap.create();
    query.put("apiKey", "secret");
    assertThat(new RecordedRequest("GET", "/api/v2/users", query, null, 401).describe())
        .isEqualTo("GET /api/v2/users");
  }

  @Test
  void queryStringsAreDecodedInOrder() {
    ListMultimap<String, String> q =
        QueryStrings.parse("keyword=100%25+done&projectId%5B%5D=1&flag&projectId[]=2");
    assertThat(q.entries().toString())
        .isEqualTo("[keyword=100% done, projectId[]=1, flag=, projectId[]=2]");
  }
}
