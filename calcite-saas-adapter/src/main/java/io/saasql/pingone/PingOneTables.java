package io.saasql.pingone;

import io.saasql.core.Paging;
import io.saasql.core.QueryField;
import io.saasql.core.QueryLanguage;
import io.saasql.core.RestTableDef;
import io.saasql.core.WriteSpec;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.saasql.core.QueryField.Op.ENDS_WITH;
import static io.saasql.core.QueryField.Op.EQ;
import static io.saasql.core.QueryField.Op.IN;
import static io.saasql.core.QueryField.Op.STARTS_WITH;
import static org.apache.calcite.sql.type.SqlTypeName.BOOLEAN;
import static org.apache.calcite.sql.type.SqlTypeName.TIMESTAMP;
import static org.apache.calcite.sql.type.SqlTypeName.VARCHAR;

/**
 * The PingOne Platform API tables of one environment, as declarations. The SCIM {@code filter}
 * takes exactly the attributes and operators PingOne documents (see the README's PingOne pushdown
 * reference); everything else is evaluated by Calcite.
 */
public final class PingOneTables {
  private PingOneTables() {}

  /** The largest {@code limit} PingOne accepts; it may still send smaller pages. */
  public static final int PAGE_LIMIT = 1000;

  /** The most users PingOne sends a page, whatever {@code limit} asks for. */
  static final int USERS_PER_PAGE = 200;

  /** How many groups an environment usually has (the Groups table's row count). */
  static final int GROUPS_IN_AN_ENVIRONMENT = 50;

  private static Paging cursor() {
    return new Paging.NextLink("limit", PAGE_LIMIT, "/_links/next/href");
  }

  private static Paging userPages() {
    return new Paging.NextLink("limit", PAGE_LIMIT, "/_links/next/href", USERS_PER_PAGE);
  }

  private static QueryLanguage scim(QueryField... fields) {
    return new QueryLanguage(ScimFilterDialect.INSTANCE, List.of(fields),
        QueryLanguage.filterParam("filter"));
  }

  /**
   * User writes: JSON POST, PATCH (attributes present change, NULL clears), DELETE. Population
   * and enabled change only through their own routes in PingOne, so UPDATE does not set them.
   */
  private static WriteSpec userWrites(String env) {
    Map<String, String> attributes = new java.util.HashMap<>(Map.ofEntries(
        Map.entry("Username", "username"), Map.entry("Email", "email"),
        Map.entry("EmployeeType", "type"), Map.entry("Title", "title"),
        Map.entry("NameGiven", "name.given"), Map.entry("NameMiddle", "name.middle"),
        Map.entry("NameFamily", "name.family"), Map.entry("NameFormatted", "name.formatted"),
        Map.entry("Nickname", "nickname"), Map.entry("Locale", "locale"),
        Map.entry("PreferredLanguage", "preferredLanguage"), Map.entry("Timezone", "timezone"),
        Map.entry("ExternalId", "externalId"), Map.entry("PrimaryPhone", "primaryPhone"),
        Map.entry("MobilePhone", "mobilePhone")));
    Map<String, String> insertable = new java.util.HashMap<>(attributes);
    insertable.put("PopulationId", "population.id");
    return new WriteSpec(WriteSpec.BodyFormat.JSON, env + "/users", "/id", "PATCH",
        env + "/users/{Id}", env + "/users/{Id}", insertable, Set.of("Username", "Email"),
        attributes, null);
  }

  /** The tables of the environment {@code environmentId}. */
  public static List<RestTableDef> forEnvironment(String environmentId) {
    String env = "/environments/" + environmentId;
    RestTableDef users = RestTableDef.builder("Users")
        .column("Id", VARCHAR, "id")
        .column("Username", VARCHAR, "username")
        .column("Email", VARCHAR, "email")
        .column("EmailVerified", BOOLEAN, "emailVerified")
        .column("EmployeeType", VARCHAR, "type")
        .column("Title", VARCHAR, "title")
        .column("NameGiven", VARCHAR, "name.given")
        .column("NameMiddle", VARCHAR, "name.middle")
        .column("NameFamily", VARCHAR, "name.family")
        .column("NameFormatted", VARCHAR, "name.formatted")
        .column("Nickname", VARCHAR, "nickname")
        .column("PopulationId", VARCHAR, "population.id")
        .column("Enabled", BOOLEAN, "enabled")
        .column("LifecycleStatus", VARCHAR, "lifecycle.status")
        .column("AccountStatus", VARCHAR, "account.status")
        .column("MfaEnabled", BOOLEAN, "mfaEnabled")
        .column("Locale", VARCHAR, "locale")
        .column("PreferredLanguage", VARCHAR, "preferredLanguage")
        .column("Timezone", VARCHAR, "timezone")
        .column("ExternalId", VARCHAR, "externalId")
        .column("PrimaryPhone", VARCHAR, "primaryPhone")
        .column("MobilePhone", VARCHAR, "mobilePhone")
        .column("CreatedAt", TIMESTAMP, "createdAt")
        .column("UpdatedAt", TIMESTAMP, "updatedAt")
        .list(env + "/users", "/_embedded/users", userPages())
        .lookup("Id", env + "/users/{}", 1)
        .query(scim(
            QueryField.of("Username", "username", EQ, IN, STARTS_WITH),
            QueryField.of("Email", "email", EQ, IN, STARTS_WITH, ENDS_WITH),
            QueryField.of("EmployeeType", "type", EQ, IN, STARTS_WITH),
            QueryField.of("Title", "title", EQ, IN, STARTS_WITH),
            QueryField.of("NameGiven", "name.given", EQ, IN, STARTS_WITH, ENDS_WITH),
            QueryField.of("NameMiddle", "name.middle", EQ, IN, STARTS_WITH),
            QueryField.of("NameFamily", "name.family", EQ, IN, STARTS_WITH, ENDS_WITH),
            QueryField.of("NameFormatted", "name.formatted", EQ, IN, STARTS_WITH),
            QueryField.of("Nickname", "nickname", EQ, IN, STARTS_WITH),
            QueryField.of("PopulationId", "population.id", EQ, IN),
            QueryField.of("Enabled", "enabled", EQ),
            QueryField.of("Locale", "locale", EQ, IN, STARTS_WITH),
            QueryField.of("PreferredLanguage", "preferredLanguage", EQ, IN, STARTS_WITH),
            QueryField.of("Timezone", "timezone", EQ, IN, STARTS_WITH),
            QueryField.of("ExternalId", "externalId", EQ, IN, STARTS_WITH),
            QueryField.of("PrimaryPhone", "primaryPhone", EQ, IN, STARTS_WITH),
            QueryField.of("MobilePhone", "mobilePhone", EQ, IN, STARTS_WITH)))
        .rowCount(5000)
        .key("Id")
        .writes(userWrites(env))
        .build();

    RestTableDef groups = RestTableDef.builder("Groups")
        .column("Id", VARCHAR, "id")
        .column("Name", VARCHAR, "name")
        .column("Description", VARCHAR, "description")
        .column("PopulationId", VARCHAR, "population.id")
        .column("ExternalId", VARCHAR, "externalId")
        .column("CreatedAt", TIMESTAMP, "createdAt")
        .column("UpdatedAt", TIMESTAMP, "updatedAt")
        .list(env + "/groups", "/_embedded/groups", cursor())
        .lookup("Id", env + "/groups/{}", 1)
        .query(scim(
            QueryField.of("Name", "name", EQ, IN, STARTS_WITH),
            QueryField.of("PopulationId", "population.id", EQ, IN),
            QueryField.of("ExternalId", "externalId", EQ, IN)))
        .rowCount(GROUPS_IN_AN_ENVIRONMENT)
        .key("Id")
        .build();

    RestTableDef populations = RestTableDef.builder("Populations")
        .column("Id", VARCHAR, "id")
        .column("Name", VARCHAR, "name")
        .column("Description", VARCHAR, "description")
        .column("UserCount", org.apache.calcite.sql.type.SqlTypeName.INTEGER, "userCount")
        .column("CreatedAt", TIMESTAMP, "createdAt")
        .column("UpdatedAt", TIMESTAMP, "updatedAt")
        .list(env + "/populations", "/_embedded/populations", cursor())
        .lookup("Id", env + "/populations/{}", 1)
        .query(scim(QueryField.of("Name", "name", STARTS_WITH)))
        .rowCount(10)
        .key("Id")
        .build();

    // One listing of users per group: the group id travels in the SCIM filter of the route.
    RestTableDef memberships = RestTableDef.builder("GroupMemberships")
        .column("GroupId", VARCHAR, "@")
        .column("UserId", VARCHAR, "id")
        .column("Username", VARCHAR, "username")
        .column("Email", VARCHAR, "email")
        .list(env + "/users?filter=memberOfGroups%5Bid%20eq%20%22{GroupId}%22%5D",
            "/_embedded/users", userPages())
        // SCIM compares values case-sensitively, so the users are those of exactly this group
        // id; a member states no group to echo.
        .pathVariable("GroupId", "Groups", "Id", GROUPS_IN_AN_ENVIRONMENT, null)
        .rowCount(2000)
        .build();

    RestTableDef environments = RestTableDef.builder("Environments")
        .column("Id", VARCHAR, "id")
        .column("Name", VARCHAR, "name")
        .column("Region", VARCHAR, "region")
        .column("Type", VARCHAR, "type")
        .column("CreatedAt", TIMESTAMP, "createdAt")
        .column("UpdatedAt", TIMESTAMP, "updatedAt")
        .list("/environments", "/_embedded/environments", cursor())
        // No GET by id: an id the credentials cannot see (another spelling of a visible one
        // included) is a 403 there, where the one-page listing simply has no such row.
        .rowCount(5)
        .key("Id")
        .build();

    return List.of(users, groups, populations, memberships, environments);
  }
}
