package io.saasql.server;

import org.eclipse.jetty.security.UserStore;
import org.eclipse.jetty.util.security.Credential;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * The users the server lets in, with their passwords as Jetty reads them: plain text, or hashed
 * as {@code MD5:…} or {@code CRYPT:…} (or obfuscated as {@code OBF:…}). Comes from a users file
 * in Jetty's realm format — one {@code name: password} line per user (a {@code ,role} suffix is
 * accepted and ignored; {@code name=password} works too) — or from one user whose password is in
 * an environment variable. Never prints a password.
 */
public final class Users {
  private static final Logger LOG = LoggerFactory.getLogger(Users.class);

  private final Map<String, String> credentials;

  private Users(Map<String, String> credentials) {
    if (credentials.isEmpty()) {
      throw new IllegalArgumentException("no users");
    }
    this.credentials = Collections.unmodifiableMap(credentials);
  }

  /** Reads a users file; warns when other users of the machine can read it. */
  public static Users fromFile(Path file) {
    Properties p = new Properties();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(reader);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read users file " + file, e);
    }
    warnIfReadableByOthers(file);
    Map<String, String> users = new LinkedHashMap<>();
    for (String name : p.stringPropertyNames()) {
      String value = p.getProperty(name).strip();
      // Jetty's realm format: "password[,role ...]"; roles play no part here.
      int comma = value.indexOf(',');
      String password = (comma >= 0 ? value.substring(0, comma) : value).strip();
      if (name.isBlank() || password.isEmpty()) {
        throw new IllegalArgumentException("Users file " + file + ": user '" + name.strip()
            + "' has no password (lines are name: password)");
      }
      users.put(name.strip(), password);
    }
    if (users.isEmpty()) {
      throw new IllegalArgumentException("Users file " + file + " has no users"
          + " (one 'name: password' line per user)");
    }
    return new Users(users);
  }

  /** One user whose password (plain or hashed as in a users file) is given. */
  public static Users single(String name, String password) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("empty user name");
    }
    if (password == null || password.isEmpty()) {
      throw new IllegalArgumentException("empty password for user '" + name + "'");
    }
    Map<String, String> users = new LinkedHashMap<>();
    users.put(name, password);
    return new Users(users);
  }

  /** These users and those of {@code other}; {@code other}'s password wins for a shared name. */
  public Users and(Users other) {
    Map<String, String> all = new LinkedHashMap<>(credentials);
    all.putAll(other.credentials);
    return new Users(all);
  }

  /** The user names, for logs. */
  public Set<String> names() {
    return credentials.keySet();
  }

  /** A Jetty user store holding these users, none with a role. */
  UserStore userStore() {
    UserStore store = new UserStore();
    credentials.forEach((name, password) ->
        store.addUser(name, Credential.getCredential(password), new String[0]));
    return store;
  }

  @Override public String toString() {
    return "Users" + names();
  }

  private static void warnIfReadableByOthers(Path file) {
    try {
      Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
      if (permissions.contains(PosixFilePermission.OTHERS_READ)
          || permissions.contains(PosixFilePermission.GROUP_READ)) {
        LOG.warn("Users file {} is readable by other users of this machine; chmod 600 it.", file);
      }
    } catch (UnsupportedOperationException | IOException e) {
      // Not a POSIX file system: nothing to check.
    }
  }
}
