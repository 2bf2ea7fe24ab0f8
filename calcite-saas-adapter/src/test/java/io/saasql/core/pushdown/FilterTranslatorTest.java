package io.saasql.core.pushdown;

import io.saasql.core.declare.Paging;
import io.saasql.core.declare.RestTableDef;

import io.saasql.backlog.BacklogTables;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.util.TimestampString;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pushdown function on plain inputs: which request each predicate shape becomes and which
 * filters Calcite no longer needs to check.
 */
class FilterTranslatorTest {
  private final RelDataTypeFactory types = new JavaTypeFactoryImpl();
  private final RexBuilder rex = new RexBuilder(types);
  private final RestTableDef issues = BacklogTables.ISSUES;

  private RexNode col(RestTableDef table, String name) {
    int i = table.columnIndex(name);
    RelDataType t = types.createTypeWithNullability(
        types.createSqlType(table.columns().get(i).type()), true);
    return rex.makeInputRef(t, i);
  }

  private RexNode col(String name) {
    return col(issues, name);
  }

  private RexNode integer(long v) {
    return rex.makeExactLiteral(BigDecimal.valueOf(v), types.createSqlType(SqlTypeName.INTEGER));
  }

  private static String query(RequestPlan plan) {
    return plan.params().stream().map(p -> p.name() + "=" + p.value())
        .collect(Collectors.joining("&"));
  }

  private FilterTranslator.Translation translate(RexNode... filters) {
    return FilterTranslator.translate(issues, List.of(filters), null, null, true);
  }

  @Test void idEqualsBecomesOneLookup() {
    RexNode f = rex.makeCall(SqlStdOperatorTable.EQUALS, col("Id"), integer(1));
    var t = translate(f);
    assertThat(t.plan().kind()).isEqualTo(RequestPlan.Kind.LOOKUP);
    assertThat(t.plan().paths()).containsExactly("/issues/1");
    assertThat(t.handled()).containsExactly(f);
  }

  @Test void inListBecomesRepeatedBracketParameter() {
    RexNode f = rex.makeIn(col("StatusId"), List.of(integer(1), integer(2)));
    var t = translate(f);
    assertThat(t.plan().kind()).isEqualTo(RequestPlan.Kind.LIST);
    assertThat(query(t.plan())).isEqualTo("statusId[]=1&statusId[]=2");
    assertThat(t.handled()).containsExactly(f);
  }

  @Test void mixedConjunctionPushesWhatItCanAndKeepsTheEntry() {
    RexNode f = rex.makeCall(SqlStdOperatorTable.AND,
        rex.makeCall(SqlStdOperatorTable.EQUALS, col("ProjectId"), integer(2)),
        rex.makeCall(SqlStdOperatorTable.EQUALS, col("Summary"), rex.makeLiteral("x")));
    var t = translate(f);
    assertThat(query(t.plan())).isEqualTo("projectId[]=2");
    assertThat(t.handled()).isEmpty();
  }

  @Test void timestampRangeIsDayGranularSupersetAndStaysForCalcite() {
    RexNode lo = rex.makeCall(SqlStdOperatorTable.GREATER_THAN_OR_EQUAL, col("Created"),
        rex.makeTimestampLiteral(new TimestampString("2024-03-01 10:00:00"), 0));
    RexNode hi = rex.makeCall(SqlStdOperatorTable.LESS_THAN, col("Created"),
        rex.makeTimestampLiteral(new TimestampString("2024-03-05 00:00:00"), 0));
    var t = translate(lo, hi);
    // The last accepted instant is 2024-03-04 23:59:59.999; until is sent one day later.
    assertThat(query(t.plan())).isEqualTo("createdSince=2024-03-01&createdUntil=2024-03-05");
    assertThat(t.handled()).isEmpty();
  }

  @Test void nullChecksUseTheirParameters() {
    RexNode due = rex.makeCall(SqlStdOperatorTable.IS_NOT_NULL, col("DueDate"));
    RexNode parent = rex.makeCall(SqlStdOperatorTable.IS_NULL, col("ParentIssueId"));
    var t = translate(due, parent);
    assertThat(query(t.plan())).isEqualTo("hasDueDate=true&parentChild=1");
    assertThat(t.handled()).containsExactly(due, parent);
  }

  @Test void contradictionMakesNoRequest() {
    RexNode a = rex.makeCall(SqlStdOperatorTable.EQUALS, col("Id"), integer(1));
    RexNode b = rex.makeCall(SqlStdOperatorTable.EQUALS, col("Id"), integer(2));
    var t = translate(a, b);
    assertThat(t.plan().kind()).isEqualTo(RequestPlan.Kind.NONE);
  }

  @Test void orAcrossColumnsAndNotEqualsStayInCalcite() {
    RexNode or = rex.makeCall(SqlStdOperatorTable.OR,
        rex.makeCall(SqlStdOperatorTable.EQUALS, col("StatusId"), integer(1)),
        rex.makeCall(SqlStdOperatorTable.EQUALS, col("PriorityId"), integer(2)));
    RexNode ne = rex.makeCall(SqlStdOperatorTable.NOT_EQUALS, col("StatusId"), integer(3));
    var t = translate(or, ne);
    assertThat(t.plan().params()).isEmpty();
    assertThat(t.plan().paths()).containsExactly("/issues");
    assertThat(t.handled()).isEmpty();
  }

  @Test void orOnOneColumnIsAnInList() {
    RexNode or = rex.makeCall(SqlStdOperatorTable.OR,
        rex.makeCall(SqlStdOperatorTable.EQUALS, col("AssigneeId"), integer(4)),
        rex.makeCall(SqlStdOperatorTable.EQUALS, col("AssigneeId"), integer(5)));
    var t = translate(or);
    assertThat(query(t.plan())).isEqualTo("assigneeId[]=4&assigneeId[]=5");
    assertThat(t.handled()).containsExactly(or);
  }

  @Test void dynamicParameterUsesTheBoundValue() {
    RexNode f = rex.makeCall(SqlStdOperatorTable.EQUALS, col("Id"),
        rex.makeDynamicParam(types.createSqlType(SqlTypeName.INTEGER), 0));
    Map<Integer, Object> bound = Map.of(0, 7);
    var t = FilterTranslator.translate(issues, List.of(f), null, bound::get, true);
    assertThat(t.plan().paths()).containsExactly("/issues/7");
    var unbound = FilterTranslator.translate(issues, List.of(f), null, i -> null, true);
    assertThat(unbound.plan().kind()).isEqualTo(RequestPlan.Kind.LIST);
    assertThat(unbound.handled()).isEmpty();
  }

  @Test void castOfTheColumnToAWiderTypeIsSeenThrough() {
    RexNode cast = rex.makeCast(types.createSqlType(SqlTypeName.BIGINT), col("ProjectId"));
    RexNode f = rex.makeCall(SqlStdOperatorTable.EQUALS, cast,
        rex.makeExactLiteral(BigDecimal.valueOf(3), types.createSqlType(SqlTypeName.BIGINT)));
    var t = translate(f);
    assertThat(query(t.plan())).isEqualTo("projectId[]=3");
  }

  @Test void issueKeyLookupEncodesTheValue() {
    RexNode f = rex.makeCall(SqlStdOperatorTable.EQUALS, col("IssueKey"),
        rex.makeLiteral("SALES-1"));
    var t = translate(f);
    assertThat(t.plan().paths()).containsExactly("/issues/SALES-1");
    RexNode odd = rex.makeCall(SqlStdOperatorTable.EQUALS, col("IssueKey"), rex.makeLiteral(".."));
    assertThat(translate(odd).plan().kind()).isEqualTo(RequestPlan.Kind.LIST);
  }

  @Test void pushdownOffFetchesEverything() {
    RexNode f = rex.makeCall(SqlStdOperatorTable.EQUALS, col("Id"), integer(1));
    var t = FilterTranslator.translate(issues, List.of(f), null, null, false);
    assertThat(t.plan().kind()).isEqualTo(RequestPlan.Kind.LIST);
    assertThat(t.plan().params()).isEmpty();
    assertThat(t.handled()).isEmpty();
  }

  private RexNode equal(RestTableDef table, String column, RexNode value) {
    return rex.makeCall(SqlStdOperatorTable.EQUALS, col(table, column), value);
  }

  /** {@code column = 'a' OR column = 'b' …}: an IN list of text values. */
  private RexNode anyOf(RestTableDef table, String column, String... values) {
    List<RexNode> equalities = java.util.Arrays.stream(values)
        .map(v -> equal(table, column, rex.makeLiteral(v))).toList();
    return equalities.size() == 1 ? equalities.get(0)
        : rex.makeCall(SqlStdOperatorTable.OR, equalities);
  }

  private RexNode anyOf(RestTableDef table, String column, long... values) {
    return rex.makeIn(col(table, column),
        java.util.Arrays.stream(values).mapToObj(this::integer).toList());
  }

  private static RestTableDef bitbucket(String table, String repository) {
    return io.saasql.bitbucket.BitbucketTables.forWorkspace("acme", repository).stream()
        .filter(t -> t.name().equals(table)).findFirst().orElseThrow();
  }

  @Test void aTextKeyIsRecheckedANumericKeyIsNot() {
    RexNode key = equal(issues, "IssueKey", rex.makeLiteral("SALES-7"));
    var byKey = translate(key);
    assertThat(byKey.plan().kind()).isEqualTo(RequestPlan.Kind.LOOKUP);
    assertThat(byKey.plan().paths()).containsExactly("/issues/SALES-7");
    // GET /issues/{idOrKey} may answer another spelling of the key, or an id.
    assertThat(byKey.handled()).isEmpty();
    RexNode id = equal(issues, "Id", integer(13));
    assertThat(translate(id).handled()).containsExactly(id);
    RexNode projectKey = equal(BacklogTables.PROJECTS, "ProjectKey", rex.makeLiteral("SALES"));
    var project = FilterTranslator.translate(BacklogTables.PROJECTS, List.of(projectKey), null,
        null, true);
    assertThat(project.plan().paths()).containsExactly("/projects/SALES");
    assertThat(project.handled()).isEmpty();
  }

  @Test void twoKeysAreTwoGetsWhateverTheTableSize() {
    // Two GETs are at most one request more than any listing, which takes one at least.
    RexNode keys = anyOf(issues, "IssueKey", "SALES-1", "INFRA-2");
    var t = translate(keys);
    assertThat(t.plan().kind()).isEqualTo(RequestPlan.Kind.LOOKUP);
    assertThat(t.plan().paths()).containsExactlyInAnyOrder("/issues/SALES-1", "/issues/INFRA-2");
    assertThat(t.plan().cost()).isEqualTo(RequestPlan.Cost.exact(2));
    assertThat(t.handled()).isEmpty();
  }

  @Test void moreKeysThanThatAreChosenByCountingTheListing() {
    RexNode keys = anyOf(issues, "IssueKey", "SALES-1", "SALES-2", "SALES-3", "INFRA-1", "INFRA-2");
    RexNode project = equal(issues, "ProjectId", integer(2));
    var t = translate(keys, project);
    RequestPlan plan = t.plan();
    assertThat(plan.kind()).isEqualTo(RequestPlan.Kind.CHOOSE);
    assertThat(plan.choice().countPath()).isEqualTo("/issues/count");
    assertThat(query(plan)).isEqualTo("projectId[]=2");
    assertThat(plan.choice().lookup().paths()).hasSize(5).allMatch(p -> p.startsWith("/issues/"));
    assertThat(query(plan.choice().listing())).isEqualTo("projectId[]=2");
    // Handled only what both alternatives answer exactly: the GETs do not filter projects.
    assertThat(t.handled()).isEmpty();
    Paging pages = issues.paging();
    // 250 rows are 3 pages: fewer than 5 GETs.
    assertThat(plan.chosen(250, pages).kind()).isEqualTo(RequestPlan.Kind.LIST);
    assertThat(plan.chosen(250, pages).cost().requests()).isEqualTo(3);
    // 400 rows are 5 pages (the last one empty): as many as the GETs, which send fewer rows.
    assertThat(plan.chosen(400, pages).kind()).isEqualTo(RequestPlan.Kind.LOOKUP);
    assertThat(plan.chosen(2650, pages).kind()).isEqualTo(RequestPlan.Kind.LOOKUP);
    assertThat(plan.chosen(0, pages).kind()).isEqualTo(RequestPlan.Kind.NONE);
    assertThat(plan.toString()).startsWith("CHOOSE by GET /issues/count?projectId[]=2: LOOKUP GET");
  }

  @Test void keysWithAListingBoundedByAnotherKeyTakeTheListing() {
    RexNode ids = anyOf(issues, "Id", 1, 2, 3);
    RexNode keys = anyOf(issues, "IssueKey", "SALES-1", "SALES-2", "SALES-3", "INFRA-1", "INFRA-2");
    var t = translate(ids, keys);
    assertThat(t.plan().kind()).isEqualTo(RequestPlan.Kind.LIST);
    assertThat(query(t.plan())).isEqualTo("id[]=1&id[]=2&id[]=3");
    // At most 3 rows: one page.
    assertThat(t.plan().cost())
        .isEqualTo(new RequestPlan.Cost(1, RequestPlan.Certainty.AT_MOST));
    assertThat(t.handled()).containsExactly(ids);
  }

  @Test void aListingIsEstimatedFromTheDeclaredRowsAndPageSize() {
    var all = translate();
    assertThat(all.plan().cost())
        .isEqualTo(new RequestPlan.Cost(51, RequestPlan.Certainty.ESTIMATED));
    assertThat(all.plan().toString()).endsWith("(about 51 requests)");
    var fanOut = FilterTranslator.translate(bitbucket("Issues", null), List.of(), null, null,
        true);
    // The repositories, then one page under each of the 50 a workspace usually has.
    assertThat(fanOut.plan().cost().requests()).isEqualTo(51);
  }

  @Test void idsInRepositoriesAreOneBbqlListingPerRepository() {
    RestTableDef bb = bitbucket("Issues", null);
    RexNode repos = anyOf(bb, "RepoSlug", "api", "web");
    RexNode ids = anyOf(bb, "Id", 58, 1, 5);
    var t = FilterTranslator.translate(bb, List.of(repos, ids), null, null, true);
    assertThat(t.plan().kind()).isEqualTo(RequestPlan.Kind.LIST);
    assertThat(t.plan().paths()).containsExactly("/repositories/acme/api/issues",
        "/repositories/acme/web/issues");
    assertThat(t.plan().params()).hasSize(1);
    assertThat(t.plan().params().get(0).name()).isEqualTo("q");
    assertThat(t.plan().params().get(0).value())
        .contains("id = 1").contains("id = 5").contains("id = 58").contains(" OR ");
    assertThat(t.plan().cost())
        .isEqualTo(new RequestPlan.Cost(2, RequestPlan.Certainty.AT_MOST));
    assertThat(t.plan().targets()).allMatch(RequestPlan.Target::fromQuery);
    // Rows state their repository (repository.full_name) and the scan keeps those that state
    // the one asked for: the slug is exact.
    assertThat(t.handled()).containsExactly(repos, ids);
  }

  @Test void oneIdInOneRepositoryIsOneGet() {
    RestTableDef bb = bitbucket("Issues", null);
    RexNode repo = equal(bb, "RepoSlug", rex.makeLiteral("api"));
    RexNode id = equal(bb, "Id", integer(7));
    var t = FilterTranslator.translate(bb, List.of(repo, id), null, null, true);
    assertThat(t.plan().kind()).isEqualTo(RequestPlan.Kind.LOOKUP);
    assertThat(t.plan().paths()).containsExactly("/repositories/acme/api/issues/7");
    assertThat(t.handled()).containsExactly(repo, id);
  }

  @Test void idsOfTheRepositoryOfANarrowedSchema() {
    RestTableDef mobile = bitbucket("Issues", "mobile");
    RexNode ids = anyOf(mobile, "Id", 3, 5, 8, 13, 21);
    var t = FilterTranslator.translate(mobile, List.of(ids), null, null, true);
    assertThat(t.plan().kind()).isEqualTo(RequestPlan.Kind.LIST);
    assertThat(t.plan().paths()).containsExactly("/repositories/acme/mobile/issues");
    assertThat(t.plan().cost().requests()).isEqualTo(1);
    assertThat(t.handled()).containsExactly(ids);
    RexNode one = equal(mobile, "Id", integer(3));
    var lookup = FilterTranslator.translate(mobile, List.of(one), null, null, true);
    assertThat(lookup.plan().paths()).containsExactly("/repositories/acme/mobile/issues/3");
    assertThat(lookup.plan().targets()).noneMatch(RequestPlan.Target::fromQuery);
    assertThat(lookup.handled()).containsExactly(one);
  }

  @Test void aTextPathValueWithoutAnEchoIsRechecked() {
    RestTableDef memberships = io.saasql.pingone.PingOneTables.forEnvironment("env").stream()
        .filter(t -> t.name().equals("GroupMemberships")).findFirst().orElseThrow();
    RexNode group = equal(memberships, "GroupId", rex.makeLiteral("g-1"));
    var t = FilterTranslator.translate(memberships, List.of(group), null, null, true);
    assertThat(t.plan().targets()).hasSize(1);
    assertThat(t.handled()).isEmpty();
  }

  @Test void pagesForRows() {
    Paging offset = new Paging.OffsetCount("offset", "count", 100);
    assertThat(List.of(0, 99, 100, 250, 2650).stream().map(offset::requests))
        .containsExactly(1L, 1L, 2L, 3L, 27L);
    Paging next = new Paging.NextLink("pagelen", 100, "/next");
    assertThat(List.of(0, 100, 101, 758).stream().map(next::requests))
        .containsExactly(1L, 1L, 2L, 8L);
    // PingOne takes limit=1000 but sends 200 users a page.
    assertThat(new Paging.NextLink("limit", 1000, "/next", 200).requests(2500)).isEqualTo(13);
    assertThat(new Paging.Unpaged().requests(5000)).isEqualTo(1);
  }

  @Test void pathVariableIsSubstitutedOrFannedOut() {
    RestTableDef statuses = BacklogTables.STATUSES;
    RexNode f = rex.makeIn(col(statuses, "ProjectId"), List.of(integer(1), integer(3)));
    var t = FilterTranslator.translate(statuses, List.of(f), null, null, true);
    assertThat(t.plan().paths()).containsExactly("/projects/1/statuses", "/projects/3/statuses");
    assertThat(t.handled()).containsExactly(f);
    var all = FilterTranslator.translate(statuses, List.of(), null, null, true);
    assertThat(all.plan().pathSource()).isNotNull();
    assertThat(all.plan().pathSource().parentTable()).isEqualTo("Projects");
  }
}
