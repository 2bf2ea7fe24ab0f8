package io.saasql.sandbox.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The accounts whose names differ only by case ({@link SalesforceSeed#EDGE_CASE_ACCOUNTS}): SOQL
 * compares text without case in every operator, within Latin-1 and beyond it, as Salesforce does;
 * 18-character Ids compare without case too.
 */
class SoqlEdgeCaseDataTest {
  private static SalesforceSandbox sandbox;
  private static SalesforceClient client;

  @BeforeAll
  static void start() {
    sandbox = new SalesforceSandbox().start();
    client = new SalesforceClient(sandbox);
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  private static List<String> names(String where) {
    List<String> names = new ArrayList<>();
    client.records("SELECT Name FROM Account WHERE " + where + " ORDER BY Name")
        .forEach(r -> names.add(r.get("Name").asText()));
    return names;
  }

  private static int count(String where) {
    return client.query("SELECT COUNT() FROM Account WHERE " + where).json()
        .get("totalSize").asInt();
  }

  @Test
  void everyTextOperatorIgnoresCase() {
    List<String> stark = List.of("Stark 248", "stark 248", "STARK 248");
    assertThat(names("Name = 'sTaRk 248'")).containsExactlyInAnyOrderElementsOf(stark);
    assertThat(names("Name IN ('STARK 248', 'nobody')")).containsExactlyInAnyOrderElementsOf(stark);
    assertThat(names("Name LIKE 'stark 2%'")).containsExactlyInAnyOrderElementsOf(stark);
    assertThat(names("Name >= 'stark 248' AND Name <= 'STARK 248'"))
        .containsExactlyInAnyOrderElementsOf(stark);
    int all = count("Name != null");
    assertThat(count("Name != 'Stark 248'")).isEqualTo(all - 3);
    assertThat(count("Name NOT IN ('stark 248')")).isEqualTo(all - 3);
  }

  @Test
  void caseFoldsBeyondLatin1AndJapaneseAndEmojiMatchExactly() {
    assertThat(names("Name = 'ÆRØ SHIPPING'")).containsExactlyInAnyOrder("Ærø Shipping",
        "ÆRØ SHIPPING");
    assertThat(names("Name = 'ΩMEGA SYSTEMS'")).containsExactlyInAnyOrder("Ωmega Systems",
        "ωmega systems");
    assertThat(names("Name LIKE '%ω%'")).containsExactlyInAnyOrder("Ωmega Systems",
        "ωmega systems");
    assertThat(names("Name = '株式会社さくらテック'")).containsExactly("株式会社さくらテック");
    assertThat(names("Name LIKE '%🚀%'")).containsExactly("Rocket 🚀 Labs");
    assertThat(names("BillingCity = '大阪'")).contains("株式会社さくらテック");
  }

  @Test
  void eighteenCharacterIdsIgnoreCase() {
    String id = null;
    for (JsonNode r : client.records("SELECT Id, Name FROM Account WHERE Name = 'stark 248'")) {
      if (r.get("Name").asText().equals("stark 248")) {
        id = r.get("Id").asText();
      }
    }
    assertThat(client.records("SELECT Name FROM Account WHERE Id = '"
        + id.toUpperCase(Locale.ROOT) + "'").get(0).get("Name").asText()).isEqualTo("stark 248");
  }

  @Test
  void oneEdgeCaseAccountHasNoPhone() {
    assertThat(names("Phone = null AND Name LIKE 'stark 2%'")).containsExactly("stark 248");
  }
}
