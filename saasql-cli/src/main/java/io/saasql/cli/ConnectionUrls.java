package io.saasql.cli;

import java.nio.file.Path;

/**
 * Builds the Calcite JDBC URLs that the command line, the demo and the tests connect with, so that
 * all of them resolve names the same way.
 */
public final class ConnectionUrls {

  /**
   * Name resolution for SaaS names and Postgres names alike: unquoted and quoted identifiers keep
   * their case, and matching ignores case, so both {@code WHERE EmployeeType = 'x'} and
   * {@code FROM pg.account} work unquoted.
   */
  static final String NAME_MATCHING =
      "caseSensitive=false;unquotedCasing=UNCHANGED;quotedCasing=UNCHANGED";

  private ConnectionUrls() {
  }

  /**
   * The URL for a model file: {@code jdbc:saasql:model=<absolute path>;} followed by
   * {@value #NAME_MATCHING}
   * (the {@link io.saasql.core.jdbc.SaasqlDriver}: Calcite with honest transaction semantics).
   * A path containing {@code ;}, a quote or surrounding blanks is single-quoted as Avatica's
   * connect-string syntax requires.
   */
  public static String forModel(Path model) {
    return io.saasql.core.jdbc.SaasqlDriver.PREFIX + "model="
        + connectStringValue(model.toAbsolutePath().normalize().toString())
        + ";" + NAME_MATCHING;
  }

  private static String connectStringValue(String value) {
    boolean needsQuotes = value.indexOf(';') >= 0 || value.indexOf('\'') >= 0
        || value.indexOf('"') >= 0 || !value.equals(value.strip());
    return needsQuotes ? "'" + value.replace("'", "''") + "'" : value;
  }
}
