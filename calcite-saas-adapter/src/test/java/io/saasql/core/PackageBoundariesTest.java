package io.saasql.core;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The core's packages keep their concerns: a connector is written against the declaration API
 * and the HTTP package only, and the pure layers (declarations, pushdown, HTTP) never reach into
 * the JDBC driver or the writers.
 */
class PackageBoundariesTest {
  private static final Path MAIN = Path.of("src/main/java/io/saasql");
  private static final Pattern CORE_IMPORT =
      Pattern.compile("^import (?:static )?io\\.saasql\\.core\\.(\\w+)\\.", Pattern.MULTILINE);

  @Test void connectorsImportOnlyTheDeclarationApiAndHttp() throws IOException {
    for (String connector : List.of("backlog", "salesforce", "bitbucket", "pingone")) {
      assertThat(corePackagesImportedBy(connector))
          .as("core packages imported by %s", connector)
          .isNotEmpty()
          .allMatch(p -> p.equals("declare") || p.equals("http"), "declare or http");
    }
  }

  @Test void httpAndPushdownStayOutOfJdbcAndWrites() throws IOException {
    assertThat(corePackagesImportedBy("core/http")).doesNotContain("jdbc", "write", "plan",
        "pushdown");
    assertThat(corePackagesImportedBy("core/pushdown")).doesNotContain("jdbc", "write", "plan",
        "http");
  }

  private static List<String> corePackagesImportedBy(String folder) throws IOException {
    List<String> packages = new ArrayList<>();
    try (Stream<Path> files = Files.walk(MAIN.resolve(folder))) {
      for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java"))::iterator) {
        Matcher m = CORE_IMPORT.matcher(Files.readString(f));
        while (m.find()) {
          packages.add(m.group(1));
        }
      }
    }
    return packages;
  }
}
