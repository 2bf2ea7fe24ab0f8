package io.saasql.sandbox.bitbucket;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.saasql.sandbox.SandboxRequest;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The JSON body of an issue create ({@code POST …/issues}) or update ({@code PUT …/issues/{id}}),
 * checked against one repository's tracker and workspace and turned into the issue members to
 * set. Every problem is collected and reported at once as a {@link BitbucketError#invalid 400}
 * naming the fields.
 *
 * <p>Writable: {@code title} (a non-blank string of at most 255 characters; required on create),
 * {@code content} ({@code {raw, markup?}} or null for empty), {@code kind}, {@code priority},
 * {@code state} (one of their values; never null), {@code assignee} ({@code {uuid}} or {@code
 * {account_id}} of a workspace member, or null), {@code milestone}, {@code version}, {@code
 * component} ({@code {name}} from the tracker's lists, or null). Other members of a nested object
 * are ignored, so an object read from the API can be sent back. {@code type} may be given as
 * {@code "issue"}. The other members of an issue are read-only; any other name is unknown.
 */
final class IssueBody {
  /** Whether a body creates an issue (title required) or updates one (absent fields kept). */
  enum Mode {
    CREATE,
    UPDATE
  }

  static final int MAX_TITLE_LENGTH = 255;
  static final String REQUIRED = "This field is required.";
  static final String NOT_NULL = "This field may not be null.";
  static final String READ_ONLY = "This field is read-only.";
  static final String UNKNOWN = "Unknown field.";
  static final String EXPECTED_STRING = "Expected a string.";
  static final String EXPECTED_OBJECT = "Expected an object.";
  static final String NOT_A_DICTIONARY = "expected a dictionary";
  static final String USER_REQUIRED = "Give the user's uuid or account_id.";
  static final String NAME_REQUIRED = "Give the name.";
  static final String USER_NOT_FOUND = "User not found.";
  static final String DIFFERENT_USERS = "uuid and account_id name different users.";
  static final List<String> MARKUPS = List.of("markdown", "creole", "plaintext");

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Set<String> READ_ONLY_FIELDS =
      Set.of(
          "id", "reporter", "created_on", "updated_on", "edited_on", "votes", "watches",
          "repository", "links");

  private final BitbucketDataSet data;
  private final BitbucketDataSet.Tracker tracker;
  private final String workspace;
  private final Map<String, List<String>> errors = new LinkedHashMap<>();
  private final Map<String, JsonNode> changes = new LinkedHashMap<>();

  private IssueBody(BitbucketDataSet data, BitbucketDataSet.Tracker tracker, String workspace) {
    this.data = data;
    this.tracker = tracker;
    this.workspace = workspace;
  }

  /**
   * The issue members the request sets, in body order, each as it is stored ({@link NullNode}
   * clears); throws a {@link BitbucketError} 400 for an invalid body.
   *
   * @param workspace the slug of the repository's workspace, whose members may be assignees
   */
  static Map<String, JsonNode> changes(
      SandboxRequest request,
      Mode mode,
      BitbucketDataSet data,
      BitbucketDataSet.Tracker tracker,
      String workspace) {
    ObjectNode body = parse(request);
    IssueBody b = new IssueBody(data, tracker, workspace);
    if (mode == Mode.CREATE && (!body.has("title") || body.get("title").isNull())) {
      b.error("title", REQUIRED);
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      b.field(e.getKey(), e.getValue());
    }
    if (!b.errors.isEmpty()) {
      throw BitbucketError.invalid(b.errors);
    }
    return b.changes;
  }

  /** The body as a JSON object; a 400 for any other content type or body. */
  private static ObjectNode parse(SandboxRequest request) {
    String type = request.contentType();
    if (type != null && type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
      try {
        JsonNode node = MAPPER.readTree(request.body());
        if (node instanceof ObjectNode object) {
          return object;
        }
      } catch (JsonProcessingException e) {
        // answered below, as any other body that is not an object
      }
    }
    throw BitbucketError.invalid(Map.of("", List.of(NOT_A_DICTIONARY)));
  }

  private void field(String name, JsonNode value) {
    switch (name) {
      case "title" -> title(value);
      case "content" -> content(value);
      case "kind" -> choice(name, value, BitbucketSeed.KINDS);
      case "priority" -> choice(name, value, BitbucketSeed.PRIORITIES);
      case "state" -> choice(name, value, BitbucketSeed.ISSUE_STATES);
      case "assignee" -> assignee(value);
      case "milestone" -> named(name, value, tracker.milestones);
      case "version" -> named(name, value, tracker.versions);
      case "component" -> named(name, value, tracker.components);
      case "type" -> {
        if (!value.isTextual() || !value.asText().equals("issue")) {
          error(name, READ_ONLY);
        }
      }
      default -> error(name, READ_ONLY_FIELDS.contains(name) ? READ_ONLY : UNKNOWN);
    }
  }

  private void title(JsonNode value) {
    if (value.isNull()) {
      if (!errors.containsKey("title")) {
        error("title", REQUIRED);
      }
    } else if (!value.isTextual()) {
      error("title", EXPECTED_STRING);
    } else if (value.asText().isBlank()) {
      error("title", REQUIRED);
    } else {
      int length = value.asText().codePointCount(0, value.asText().length());
      if (length > MAX_TITLE_LENGTH) {
        error(
            "title",
            "Ensure this value has at most " + MAX_TITLE_LENGTH + " characters (it has "
                + length + ").");
      } else {
        changes.put("title", value);
      }
    }
  }

  private void content(JsonNode value) {
    if (value.isNull()) {
      changes.put("content", BitbucketSeed.rendered(""));
      return;
    }
    if (!value.isObject()) {
      error("content", EXPECTED_OBJECT);
      return;
    }
    JsonNode raw = value.path("raw");
    JsonNode markup = value.path("markup");
    boolean ok = true;
    if (!raw.isMissingNode() && !raw.isNull() && !raw.isTextual()) {
      error("content", EXPECTED_STRING);
      ok = false;
    }
    if (!markup.isMissingNode() && !markup.isNull() && !MARKUPS.contains(markup.asText(""))) {
      error("content", notAChoice(markup));
      ok = false;
    }
    if (ok) {
      ObjectNode content = BitbucketSeed.rendered(raw.isTextual() ? raw.asText() : "");
      if (markup.isTextual()) {
        content.put("markup", markup.asText());
      }
      changes.put("content", content);
    }
  }

  private void choice(String name, JsonNode value, List<String> allowed) {
    if (value.isNull()) {
      error(name, NOT_NULL);
    } else if (!value.isTextual() || !allowed.contains(value.asText())) {
      error(name, notAChoice(value));
    } else {
      changes.put(name, value);
    }
  }

  private void assignee(JsonNode value) {
    if (value.isNull()) {
      changes.put("assignee", NullNode.getInstance());
      return;
    }
    if (!value.isObject()) {
      error("assignee", EXPECTED_OBJECT);
      return;
    }
    JsonNode uuid = value.path("uuid");
    JsonNode accountId = value.path("account_id");
    boolean hasUuid = !uuid.isMissingNode() && !uuid.isNull();
    boolean hasAccountId = !accountId.isMissingNode() && !accountId.isNull();
    if (!hasUuid && !hasAccountId) {
      error("assignee", USER_REQUIRED);
      return;
    }
    if ((hasUuid && !uuid.isTextual()) || (hasAccountId && !accountId.isTextual())) {
      error("assignee", EXPECTED_STRING);
      return;
    }
    ObjectNode byUuid = hasUuid ? data.users.get(normalizeUuid(uuid.asText())) : null;
    ObjectNode byAccountId = hasAccountId ? userByAccountId(accountId.asText()) : null;
    if ((hasUuid && byUuid == null) || (hasAccountId && byAccountId == null)) {
      error("assignee", USER_NOT_FOUND);
      return;
    }
    ObjectNode user = byUuid != null ? byUuid : byAccountId;
    if (byUuid != null && byAccountId != null && byUuid != byAccountId) {
      error("assignee", DIFFERENT_USERS);
    } else if (!data.members.get(workspace).contains(user.get("uuid").asText())) {
      error(
          "assignee",
          user.get("display_name").asText() + " is not a member of workspace " + workspace + ".");
    } else {
      changes.put("assignee", user.deepCopy());
    }
  }

  private void named(String name, JsonNode value, Map<String, ObjectNode> choices) {
    if (value.isNull()) {
      changes.put(name, NullNode.getInstance());
      return;
    }
    if (!value.isObject()) {
      error(name, EXPECTED_OBJECT);
      return;
    }
    JsonNode n = value.path("name");
    if (n.isMissingNode() || n.isNull()) {
      error(name, NAME_REQUIRED);
    } else if (!n.isTextual()) {
      error(name, EXPECTED_STRING);
    } else if (!choices.containsKey(n.asText())) {
      error(name, notAChoice(n));
    } else {
      changes.put(name, choices.get(n.asText()).deepCopy());
    }
  }

  /**
   * Django's choice message, e.g.
   * {@code Select a valid choice. urgent is not one of the available choices.}
   */
  static String notAChoice(JsonNode value) {
    String shown = value.isValueNode() ? value.asText() : value.toString();
    return "Select a valid choice. " + shown + " is not one of the available choices.";
  }

  /** {@code {uuid}} with braces, lower case; braces may be left out by the caller. */
  private static String normalizeUuid(String uuid) {
    String u = uuid.trim().toLowerCase(Locale.ROOT);
    return u.startsWith("{") ? u : "{" + u + "}";
  }

  private ObjectNode userByAccountId(String accountId) {
    for (ObjectNode user : data.users.values()) {
      if (user.path("account_id").asText().equals(accountId)) {
        return user;
      }
    }
    return null;
  }

  private void error(String field, String message) {
    errors.computeIfAbsent(field, f -> new ArrayList<>()).add(message);
  }
}
