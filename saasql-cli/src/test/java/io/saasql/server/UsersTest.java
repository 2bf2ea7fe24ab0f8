package io.saasql.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Users files in Jetty's realm format, and users from the environment. */
class UsersTest {

  @Test void readsNamesAndPasswordsIgnoringRoles(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("users"),
        "# comment\nalice: a-secret\nbob=MD5:33e1b232a4e6fa0028a6670753749a17\ncarol: c, admin\n");
    Users users = Users.fromFile(file);
    assertThat(users.names()).containsExactlyInAnyOrder("alice", "bob", "carol");
    assertThat(users.userStore().getUserIdentity("carol")).isNotNull();
    assertThat(users.toString()).doesNotContain("a-secret").doesNotContain("MD5");
  }

  @Test void refusesEmptyFilesAndPasswords(@TempDir Path dir) throws Exception {
    assertThatThrownBy(() -> Users.fromFile(Files.writeString(dir.resolve("empty"), "# none\n")))
        .hasMessageContaining("has no users");
    assertThatThrownBy(() -> Users.fromFile(Files.writeString(dir.resolve("nopw"), "alice:\n")))
        .hasMessageContaining("'alice' has no password");
    assertThatThrownBy(() -> Users.single("bob", "")).hasMessageContaining("empty password");
  }

  @Test void combinedUsersLetTheLaterPasswordWin() {
    Users users = Users.single("a", "1").and(Users.single("b", "2")).and(Users.single("a", "3"));
    assertThat(users.names()).containsExactly("a", "b");
  }
}
