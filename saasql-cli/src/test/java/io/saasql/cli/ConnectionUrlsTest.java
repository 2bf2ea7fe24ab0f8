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
        "jdbc:saasql:model=/opt/saasql/model-examples/demo.json;"
            + "caseSensitive=false;unquotedCasing=UNCHANGED;quotedCasing=UNCHANGED");
  }

  @Test
  void relativePathBecomesAbsolute() {
    String url = ConnectionUrls.forModel(Path.of("demo.json"));
    assertThat(url).startsWith("jdbc:saasql:model=" + Path.of("").toAbsolutePath() + "/demo.json;");
  }

  @Test
  void awkwardPathsSurviveAvaticaParsing() throws Exception {
    for (String path : new String[] {"/tmp/a;b/it's.json", "/tmp/with space/m.json", "/tmp/\"q\"/m.json"}) {
      String url = ConnectionUrls.forModel(Path.of(path));
      Properties properties = ConnectStringParser.parse(url.substring("jdbc:saasql:".length()));
      assertThat(properties.getProperty("model")).isEqualTo(path);
      assertThat(properties.getProperty("unquotedCasing")).isEqualTo("UNCHANGED");
    }
  }

  @Test
  void awkwardPathsAreQuoted() {
    assertThat(ConnectionUrls.forModel(Path.of("/tmp/a;b/it's.json")))
        .startsWith("jdbc:saasql:model='/tmp/a;b/it''s.json';caseSensitive=false");
    assertThat(ConnectionUrls.forModel(Path.of("/tmp/with space/m.json")))
        .startsWith("jdbc:saasql:model=/tmp/with space/m.json;");
  }
}
