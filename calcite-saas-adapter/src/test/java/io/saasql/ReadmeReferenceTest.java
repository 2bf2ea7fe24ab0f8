package io.saasql;

import io.saasql.backlog.BacklogTables;
import io.saasql.bitbucket.BitbucketTables;
import io.saasql.core.declare.RestTableDef;
import io.saasql.core.declare.TableReference;
import io.saasql.pingone.PingOneTables;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's per-table reference is what the declarations say: each source's block between
 * {@code <!-- tables:SOURCE -->} and {@code <!-- /tables:SOURCE -->} must equal
 * {@link TableReference#markdown}. Run with {@code -Dreadme.write=true} to rewrite the blocks
 * after changing a declaration.
 */
class ReadmeReferenceTest {
  private static final Path README = Path.of("../README.md");

  private static List<RestTableDef> tables(String source) {
    return switch (source) {
      case "backlog" -> BacklogTables.ALL;
      case "bitbucket" -> BitbucketTables.forWorkspace("{workspace}", null);
      case "pingone" -> PingOneTables.forEnvironment("{environmentId}");
      default -> throw new IllegalArgumentException(source);
    };
  }

  @ParameterizedTest
  @ValueSource(strings = {"backlog", "bitbucket", "pingone"})
  void readmeReferenceMatchesTheDeclarations(String source) throws IOException {
    String readme = Files.readString(README, StandardCharsets.UTF_8);
    String begin = "<!-- tables:" + source + " -->\n";
    String end = "<!-- /tables:" + source + " -->";
    int from = readme.indexOf(begin);
    int to = readme.indexOf(end);
    assertThat(from).as("README.md has a %s block", begin.trim()).isNotNegative();
    assertThat(to).as("README.md has a %s block", end).isGreaterThan(from);
    String expected = TableReference.markdown(tables(source));
    String actual = readme.substring(from + begin.length(), to);
    if (!actual.equals(expected) && Boolean.getBoolean("readme.write")) {
      Files.writeString(README, readme.substring(0, from + begin.length()) + expected
          + readme.substring(to), StandardCharsets.UTF_8);
      return;
    }
    assertThat(actual)
        .as("README.md's %s table reference differs from the declarations; rerun this test with"
            + " -Dreadme.write=true to regenerate it", source)
        .isEqualTo(expected);
  }
}
