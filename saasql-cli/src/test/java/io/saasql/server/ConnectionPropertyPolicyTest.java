package io.saasql.server;

import org.apache.calcite.avatica.remote.AvaticaRuntimeException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The allow-list itself, without a server. */
class ConnectionPropertyPolicyTest {
  private final ConnectionPropertyPolicy policy = new ConnectionPropertyPolicy(Duration.ofMinutes(5));

  @Test void forwardsAllowedPropertiesInEitherSpellingAndDropsCredentials() {
    ConnectionPropertyPolicy.Accepted a = policy.check(Map.of("fun", "oracle", "TIME_ZONE", "UTC",
        "Conformance", "LENIENT", "user", "u", "password", "p"));
    assertThat(a.calciteProperties()).containsOnlyKeys("fun", "TIME_ZONE", "Conformance");
    assertThat(a.queryTimeout()).isEqualTo(Duration.ofMinutes(5));
    assertThat(policy.check(null).calciteProperties()).isEmpty();
  }

  @Test void cacheFalseReachesTheConnectionAndOtherValuesAreRefused() {
    assertThat(policy.check(Map.of("CACHE", "False")).calciteProperties())
        .containsExactly(Map.entry("cache", "false"));
    assertThatThrownBy(() -> policy.check(Map.of("cache", "off")))
        .isInstanceOfSatisfying(AvaticaRuntimeException.class,
            e -> assertThat(e.getErrorMessage()).contains("'cache' must be true or false"));
  }

  @Test void clientQueryTimeoutCanOnlyLowerTheServers() {
    assertThat(policy.check(Map.of("queryTimeout", "30")).queryTimeout())
        .isEqualTo(Duration.ofSeconds(30));
    assertThat(policy.check(Map.of("queryTimeout", "3600")).queryTimeout())
        .isEqualTo(Duration.ofMinutes(5));
    assertThat(policy.check(Map.of("queryTimeout", "0")).queryTimeout())
        .isEqualTo(Duration.ofMinutes(5));
    assertThat(new ConnectionPropertyPolicy(Duration.ZERO).check(Map.of("queryTimeout", "7"))
        .queryTimeout()).isEqualTo(Duration.ofSeconds(7));
    assertThatThrownBy(() -> policy.check(Map.of("queryTimeout", "soon")))
        .isInstanceOfSatisfying(AvaticaRuntimeException.class,
            e -> assertThat(e.getErrorMessage()).contains("whole number of seconds"));
    assertThat(policy.check(Map.of("queryTimeout", "30")).calciteProperties()).isEmpty();
  }

  @Test void refusesEverythingElseNamingNoValue() {
    assertThatThrownBy(() -> policy.check(Map.of("model", "/etc/secret.json")))
        .isInstanceOfSatisfying(AvaticaRuntimeException.class, e -> {
          assertThat(e.getSqlState()).isEqualTo("08004");
          assertThat(e.getErrorMessage()).contains("'model'").doesNotContain("/etc/secret.json");
        });
    for (String name : new String[] {"schemaFactory", "SCHEMA_FACTORY", "factory", "schema",
        "parserFactory", "typeSystem", "lex", "caseSensitive", "quotedCasing", "unquotedCasing",
        "spark", "avatica_password", "url", "httpclient_impl", "anything"}) {
      assertThatThrownBy(() -> policy.check(Map.of(name, "x"))).as(name)
          .isInstanceOfSatisfying(AvaticaRuntimeException.class,
              e -> assertThat(e.getErrorMessage()).contains("'" + name + "' refused"));
    }
  }
}
