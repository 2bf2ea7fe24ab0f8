package io.saasql.pingone;

import io.saasql.core.declare.Paging;
import io.saasql.core.declare.QueryLanguage;
import io.saasql.core.declare.RestTableDef;
import io.saasql.core.declare.WriteSpec;

import java.util.List;

import static io.saasql.core.declare.QueryField.Op.ENDS_WITH;
import static io.saasql.core.declare.QueryField.Op.EQ;
import static io.saasql.core.declare.QueryField.Op.IN;
import static io.saasql.core.declare.QueryField.Op.STARTS_WITH;
import static org.apache.calcite.sql.type.SqlTypeName.BOOLEAN;
import static org.apache.calcite.sql.type.SqlTypeName.INTEGER;
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

  /** The list route's filter is a SCIM filter, in the {@code filter} parameter. */
  private static final QueryLanguage.Renderer SCIM_IN_FILTER = QueryLanguage.filterParam("filter");

  /**
   * The tables of the environment {@code environmentId}. User writes are JSON POST, PATCH
   * (attributes present change, NULL clears) and DELETE; population and enabled change only
   * through their own routes in PingOne, so UPDATE does not set them.
   */
  public static List<RestTableDef> forEnvironment(String environmentId) {
    String env = "/environments/" + environmentId;
    RestTableDef users = RestTableDef.builder("Users")
        .list(env + "/users", "/_embedded/users", userPages())
        .query(ScimFilterDialect.INSTANCE, SCIM_IN_FILTER)
        .column("Id", VARCHAR, "id", "The user's id (a UUID)").lookup(env + "/users/{}", 1)
        .column("Username", VARCHAR, "username", "Login name, unique in the environment")
            .filter(EQ, IN, STARTS_WITH).required().updatable()
        .column("Email", VARCHAR, "email", "E-mail address")
            .filter(EQ, IN, STARTS_WITH, ENDS_WITH).required().updatable()
        .column("EmailVerified", BOOLEAN, "emailVerified", "Whether the e-mail was verified")
        .column("EmployeeType", VARCHAR, "type", "Employee type (Employee, Contractor, …)")
            .filter(EQ, IN, STARTS_WITH).writable()
        .column("Title", VARCHAR, "title", "Job title").filter(EQ, IN, STARTS_WITH).writable()
        .column("NameGiven", VARCHAR, "name.given", "Given name")
            .filter(EQ, IN, STARTS_WITH, ENDS_WITH).writable()
        .column("NameMiddle", VARCHAR, "name.middle", "Middle name")
            .filter(EQ, IN, STARTS_WITH).writable()
        .column("NameFamily", VARCHAR, "name.family", "Family name")
            .filter(EQ, IN, STARTS_WITH, ENDS_WITH).writable()
        .column("NameFormatted", VARCHAR, "name.formatted", "Full name as displayed")
            .filter(EQ, IN, STARTS_WITH).writable()
        .column("Nickname", VARCHAR, "nickname", "Nickname").filter(EQ, IN, STARTS_WITH)
            .writable()
        .column("PopulationId", VARCHAR, "population.id", "The user's population")
            .filter(EQ, IN).insertable()
        .column("Enabled", BOOLEAN, "enabled", "Whether the user may sign on").filter(EQ)
        .column("LifecycleStatus", VARCHAR, "lifecycle.status",
            "ACCOUNT_OK, VERIFICATION_REQUIRED, …")
        .column("AccountStatus", VARCHAR, "account.status", "OK, LOCKED, …")
        .column("MfaEnabled", BOOLEAN, "mfaEnabled", "Whether multi-factor sign-on is on")
        .column("Locale", VARCHAR, "locale", "Locale, e.g. en-US")
            .filter(EQ, IN, STARTS_WITH).writable()
        .column("PreferredLanguage", VARCHAR, "preferredLanguage", "Preferred language")
            .filter(EQ, IN, STARTS_WITH).writable()
        .column("Timezone", VARCHAR, "timezone", "Time zone, e.g. Europe/Paris")
            .filter(EQ, IN, STARTS_WITH).writable()
        .column("ExternalId", VARCHAR, "externalId", "Id in an external directory")
            .filter(EQ, IN, STARTS_WITH).writable()
        .column("PrimaryPhone", VARCHAR, "primaryPhone", "Primary phone number")
            .filter(EQ, IN, STARTS_WITH).writable()
        .column("MobilePhone", VARCHAR, "mobilePhone", "Mobile phone number")
            .filter(EQ, IN, STARTS_WITH).writable()
        .column("CreatedAt", TIMESTAMP, "createdAt", "When the user was created")
        .column("UpdatedAt", TIMESTAMP, "updatedAt", "When the user last changed")
        .rowCount(5000)
        .key("Id")
        .writes(WriteSpec.builder(WriteSpec.BodyFormat.JSON).create(env + "/users", "/id")
            .update("PATCH", env + "/users/{Id}").delete(env + "/users/{Id}"))
        .build();

    RestTableDef groups = RestTableDef.builder("Groups")
        .list(env + "/groups", "/_embedded/groups", cursor())
        .query(ScimFilterDialect.INSTANCE, SCIM_IN_FILTER)
        .column("Id", VARCHAR, "id", "The group's id (a UUID)").lookup(env + "/groups/{}", 1)
        .column("Name", VARCHAR, "name", "Group name").filter(EQ, IN, STARTS_WITH)
        .column("Description", VARCHAR, "description", "Description text")
        .column("PopulationId", VARCHAR, "population.id", "Population the group is limited to")
            .filter(EQ, IN)
        .column("ExternalId", VARCHAR, "externalId", "Id in an external directory")
            .filter(EQ, IN)
        .column("CreatedAt", TIMESTAMP, "createdAt", "When the group was created")
        .column("UpdatedAt", TIMESTAMP, "updatedAt", "When the group last changed")
        .rowCount(GROUPS_IN_AN_ENVIRONMENT)
        .key("Id")
        .build();

    RestTableDef populations = RestTableDef.builder("Populations")
        .list(env + "/populations", "/_embedded/populations", cursor())
        .query(ScimFilterDialect.INSTANCE, SCIM_IN_FILTER)
        .column("Id", VARCHAR, "id", "The population's id (a UUID)")
            .lookup(env + "/populations/{}", 1)
        .column("Name", VARCHAR, "name", "Population name").filter(STARTS_WITH)
        .column("Description", VARCHAR, "description", "Description text")
        .column("UserCount", INTEGER, "userCount", "Number of users in it")
        .column("CreatedAt", TIMESTAMP, "createdAt", "When the population was created")
        .column("UpdatedAt", TIMESTAMP, "updatedAt", "When the population last changed")
        .rowCount(10)
        .key("Id")
        .build();

    // One listing of users per group: the group id travels in the SCIM filter of the route.
    RestTableDef memberships = RestTableDef.builder("GroupMemberships")
        .list(env + "/users?filter=memberOfGroups%5Bid%20eq%20%22{GroupId}%22%5D",
            "/_embedded/users", userPages())
        .column("GroupId", VARCHAR, "@", "The group")
            // SCIM compares values case-sensitively, so the users are those of exactly this
            // group id; a member states no group to echo.
            .pathVariable("Groups", "Id", GROUPS_IN_AN_ENVIRONMENT)
        .column("UserId", VARCHAR, "id", "A member's user id")
        .column("Username", VARCHAR, "username", "The member's login name")
        .column("Email", VARCHAR, "email", "The member's e-mail address")
        .rowCount(2000)
        .build();

    RestTableDef environments = RestTableDef.builder("Environments")
        .list("/environments", "/_embedded/environments", cursor())
        // No GET by id: an id the credentials cannot see (another spelling of a visible one
        // included) is a 403 there, where the one-page listing simply has no such row.
        .column("Id", VARCHAR, "id", "The environment's id (a UUID)")
        .column("Name", VARCHAR, "name", "Environment name")
        .column("Region", VARCHAR, "region", "Where it is hosted (NA, EU, AP, …)")
        .column("Type", VARCHAR, "type", "PRODUCTION or SANDBOX")
        .column("CreatedAt", TIMESTAMP, "createdAt", "When the environment was created")
        .column("UpdatedAt", TIMESTAMP, "updatedAt", "When the environment last changed")
        .rowCount(5)
        .key("Id")
        .build();

    return List.of(users, groups, populations, memberships, environments);
  }
}
