package io.saasql.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Properties;
import org.apache.calcite.avatica.ConnectStringParser;
import org.junit.jupiter.api.Test;

class ConnectionUrlsTest {

  @Test
  void absoluteModelPathAndNameMatching() {
    Path model = Path.of("/opt/saasql/model-examples/../model-examples/demo.json");
    assertThat(ConnectionUrls.forModel(model)).isEqualTo(
        "jdbc:calcite:model=/opt/saasql/model-examples/demo.json;"
            + "caseSensitive=false;unquotedCasing=UNCHANGED;quotedCasing=UNCHANGED");
  }

  @Test
  void relativePathBecomesAbsolute() {
    String url = ConnectionUrls.forModel(Path.of("demo.json"));
    assertThat(url).startsWith("jdbc:calcite:model=" + Path.of("").toAbsolutePath() + "/demo.json;");
  }

  @Test
  void awkwardPathsSurviveAvaticaParsing() throws Exception {
    for (String path : new String[] {"/tmp/a;b/it's.json", "/tmp/with space/m.json", "/tmp/\"q\"/m.json"}) {
      String url = ConnectionUrls.forModel(Path.of(path));
      Properties properties = ConnectStringParser.parse(url.substring("jdbc:calcite:".length()));
      assertThat(properties.getProperty("model")).isEqualTo(path);
      assertThat(properties.getProperty("unquotedCasing")).isEqualTo("UNCHANGED");
    }
  }

  @Test
  void awkwardPathsAreQuoted() {
    assertThat(ConnectionUrls.forModel(Path.of("/tmp/a;b/it's.json")))
        .startsWith("jdbc:calcite:model='/tmp/a;b/it''s.json';caseSensitive=false");
    assertThat(ConnectionUrls.forModel(Path.of("/tmp/with space/m.json")))
        .startsWith("jdbc:calcite:model=/tmp/with space/m.json;");
  }
}
