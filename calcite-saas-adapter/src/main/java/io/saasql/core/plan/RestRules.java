package io.saasql.core.plan;

import io.saasql.core.declare.ColumnDef;
import io.saasql.core.declare.Grouping;
import io.saasql.core.declare.RestTableDef;
import io.saasql.core.declare.SqlValues;
import io.saasql.core.declare.Sorting;
import io.saasql.core.write.WriteRules;

import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.plan.volcano.RelSubset;
import org.apache.calcite.rel.RelCollation;
import org.apache.calcite.rel.RelCollations;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.core.Sort;
import org.apache.calcite.rel.convert.ConverterRule;
import org.apache.calcite.rel.core.RelFactories;
import org.apache.calcite.rel.logical.LogicalAggregate;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.logical.LogicalFilter;
import org.apache.calcite.rel.logical.LogicalJoin;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rel.logical.LogicalSort;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.tools.RelBuilderFactory;
import org.apache.calcite.util.ImmutableBitSet;
import org.apache.calcite.util.mapping.Mappings;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The rules that push parts of a query into REST requests. They are added to a planner by the
 * first {@link RestTableScan} it meets ({@link RelNode#register}), so they only ever run for
 * queries over REST tables, and they only match REST expressions.
 */
public final class RestRules {
  /**
   * The cost of one request, in rows (Calcite's planner compares costs by rows): a request takes
   * about as long as handing a hundred rows from operator to operator.
   */
  static final double REQUEST_COST = 100;

  public static final RelOptRule FILTER = rule("RestFilterRule", FilterRule::new,
      b -> b.operand(LogicalFilter.class).oneInput(s ->
          s.operand(RestTableScan.class).noInputs()));

  /** A projection of plain columns: the columns a REST query reads. */
  public static final RelOptRule PROJECT = ConverterRule.Config.INSTANCE
      .withConversion(LogicalProject.class,
          (LogicalProject p) -> p.getProjects().stream().allMatch(e -> e instanceof RexInputRef),
          Convention.NONE, RestRel.CONVENTION, "RestProjectRule")
      .withRuleFactory(ProjectRule::new)
      .toRule();

  /** A projection that computes: the REST query reads the columns it uses. */
  public static final RelOptRule PROJECT_COLUMNS = rule("RestProjectColumnsRule",
      ProjectColumnsRule::new, b -> b.operand(LogicalProject.class)
          .predicate(p -> !p.getProjects().stream().allMatch(e -> e instanceof RexInputRef))
          .anyInputs());

  /**
   * ORDER BY on columns the API sorts by, and LIMIT and OFFSET, over what the API answers
   * exactly.
   */
  public static final RelOptRule SORT = ConverterRule.Config.INSTANCE
      .withConversion(LogicalSort.class,
          (LogicalSort s) -> (s.fetch == null || s.fetch instanceof RexLiteral)
              && (s.offset == null || s.offset instanceof RexLiteral),
          Convention.NONE, RestRel.CONVENTION, "RestSortRule")
      .withRuleFactory(SortRule::new)
      .toRule();

  /** COUNT(*) without GROUP BY, over what the API answers exactly, where the API counts. */
  public static final RelOptRule COUNT = ConverterRule.Config.INSTANCE
      .withConversion(LogicalAggregate.class,
          (LogicalAggregate a) -> a.getGroupSet().isEmpty() && a.getGroupSets().size() == 1
              && a.getAggCallList().size() == 1
              && a.getAggCallList().get(0).getAggregation().getKind() == SqlKind.COUNT
              && a.getAggCallList().get(0).getArgList().isEmpty()
              && !a.getAggCallList().get(0).isDistinct()
              && a.getAggCallList().get(0).filterArg < 0,
          Convention.NONE, RestRel.CONVENTION, "RestCountRule")
      .withRuleFactory(CountRule::new)
      .toRule();

  /** GROUP BY with aggregates a query language computes exactly. */
  public static final RelOptRule GROUP_BY = ConverterRule.Config.INSTANCE
      .withConversion(LogicalAggregate.class,
          (LogicalAggregate a) -> !a.getGroupSet().isEmpty()
              && a.getGroupType() == org.apache.calcite.rel.core.Aggregate.Group.SIMPLE,
          Convention.NONE, RestRel.CONVENTION, "RestGroupByRule")
      .withRuleFactory(GroupByRule::new)
      .toRule();

  /**
   * A join whose right side is a REST table read for the left side's keys ({@link RestBindJoin}),
   * where the API can take the keys.
   */
  public static final RelOptRule BIND_JOIN = rule("RestBindJoinRule", BindJoinRule::new,
      b -> b.operand(LogicalJoin.class).anyInputs());

  public static final RelOptRule TO_ENUMERABLE = ConverterRule.Config.INSTANCE
      .withConversion(RelNode.class, RestRel.CONVENTION, EnumerableConvention.INSTANCE,
          "RestToEnumerableConverterRule")
      .withRuleFactory(ToEnumerable::new)
      .toRule();

  private RestRules() {}

  /**
   * The cost of a REST expression above the scan: the requests are costed by the scan, and what
   * the expression adds is done by the API while it answers, so it costs a hundredth of handing
   * the rows on (less than any Calcite operator that would do the same work).
   */
  static RelOptCost passOn(RelOptPlanner planner, double rows) {
    return planner.getCostFactory().makeCost(rows * 0.01, 0, 0);
  }

  /** Reading rows out of the API's JSON: a little per row and per column. */
  static double readCost(double rows, int columns) {
    return rows * (0.1 + 0.01 * columns);
  }

  /**
   * The requests of a REST expression (in the planner: the best of its set so far, else the
   * first one registered).
   */
  static double requests(RelNode rel, RelMetadataQuery mq) {
    RelNode node = rel;
    if (rel instanceof RelSubset subset) {
      node = subset.getBest() != null ? subset.getBest() : subset.getOriginal();
    }
    return node instanceof RestRel rest ? rest.requests(mq) : 0;
  }

  /** The REST table scan at the bottom of a chain of single-input expressions, or null. */
  static RestTableScan scanOf(RelNode rel) {
    RelNode node = rel instanceof RelSubset subset ? subset.getOriginal() : rel;
    if (node instanceof RestTableScan scan) {
      return scan;
    }
    return node == null || node.getInputs().size() != 1 ? null : scanOf(node.getInput(0));
  }

  /** Adds the rules to a planner that is about to plan a query over a REST table. */
  static void register(RelOptPlanner planner) {
    for (RelOptRule rule
        : List.of(FILTER, PROJECT, PROJECT_COLUMNS, SORT, COUNT, GROUP_BY, BIND_JOIN,
            TO_ENUMERABLE)) {
      planner.addRule(rule);
    }
    WriteRules.register(planner);
  }

  /** The REST form of an input, whatever order it is in (the REST nodes say their own). */
  private static RelNode rest(RelNode input) {
    return RelOptRule.convert(input, input.getTraitSet().replace(RestRel.CONVENTION));
  }

  /** A column of a REST table scan. */
  private record ColumnOrigin(RestTableScan scan, int column) {}

  /**
   * The REST table column an output column of {@code rel} reads unchanged, through projections,
   * filters and sorts; null when it is computed or comes from elsewhere. (Calcite's column
   * origin metadata does not look into the planner's sets of equivalent expressions.)
   */
  private static ColumnOrigin origin(RelNode rel, int column) {
    return origin(rel, column, true);
  }

  /** As {@link #origin(RelNode, int)}; through a LIMIT or OFFSET only when {@code limits}. */
  private static ColumnOrigin origin(RelNode rel, int column, boolean limits) {
    RelNode node = rel instanceof RelSubset subset ? subset.getOriginal() : rel;
    if (node instanceof RestTableScan scan) {
      return new ColumnOrigin(scan, column);
    }
    if (node instanceof Project project) {
      RexNode e = project.getProjects().get(column);
      return e instanceof RexInputRef ref ? origin(project.getInput(), ref.getIndex(), limits)
          : null;
    }
    if (node instanceof RestProject project) {
      return origin(project.getInput(), project.columns()[column], limits);
    }
    boolean limited = node instanceof Sort sort && (sort.fetch != null || sort.offset != null)
        || node instanceof RestSort restSort && (restSort.fetch() != null
            || restSort.offset() > 0);
    if (node instanceof Filter || node instanceof RestFilter
        || (node instanceof Sort || node instanceof RestSort) && (limits || !limited)) {
      return origin(node.getInput(0), column, limits);
    }
    return null;
  }

  /**
   * WHERE over a REST scan: every conjunct on the table's own columns is offered to the API, and
   * leaves Calcite's filter (the REST query checks the rows against those the API does not answer
   * exactly); conjuncts with correlation variables or sub-queries stay.
   */
  static final class FilterRule extends RelRule<RuleConfig> {
    FilterRule(RuleConfig config) {
      super(config);
    }

    @Override public void onMatch(RelOptRuleCall call) {
      LogicalFilter filter = call.rel(0);
      RestTableScan scan = call.rel(1);
      if (!scan.restTable().schema().pushdownEnabled()) {
        return;
      }
      List<RexNode> offered = new ArrayList<>();
      List<RexNode> kept = new ArrayList<>();
      for (RexNode c : RelOptUtil.conjunctions(filter.getCondition())) {
        if (RexUtil.containsCorrelation(c) || !RexUtil.isDeterministic(c)
            || RexUtil.SubQueryFinder.find(c) != null) {
          kept.add(c);
        } else {
          offered.add(c);
        }
      }
      if (offered.isEmpty()) {
        return;
      }
      RestTable table = scan.restTable();
      var translation = io.saasql.core.pushdown.FilterTranslator.translate(table.def(), offered,
          null, RestQuery.samples(offered), true, null);
      RestFilter rest = new RestFilter(scan.getCluster(), scan.getTraitSet(), scan, offered,
          translation.handled(), translation.plan());
      call.transformTo(call.builder().push(rest).filter(kept).build());
    }
  }

  /**
   * A projection of plain columns over a REST expression (Volcano offers every input; only those
   * that REST requests answer have a REST form).
   */
  static final class ProjectRule extends ConverterRule {
    ProjectRule(ConverterRule.Config config) {
      super(config);
    }

    @Override public RelNode convert(RelNode rel) {
      LogicalProject project = (LogicalProject) rel;
      int[] columns = project.getProjects().stream()
          .mapToInt(e -> ((RexInputRef) e).getIndex()).toArray();
      return new RestProject(project.getCluster(),
          project.getTraitSet().replace(RestRel.CONVENTION), rest(project.getInput()), columns);
    }
  }

  /**
   * A projection that computes, over an input with fewer columns used than it has: the REST
   * query reads the columns used, and Calcite computes the expressions above.
   */
  static final class ProjectColumnsRule extends RelRule<RuleConfig> {
    ProjectColumnsRule(RuleConfig config) {
      super(config);
    }

    @Override public void onMatch(RelOptRuleCall call) {
      LogicalProject project = call.rel(0);
      RelNode input = project.getInput();
      int width = input.getRowType().getFieldCount();
      ImmutableBitSet used = RelOptUtil.InputFinder.bits(project.getProjects(), null);
      if (used.cardinality() >= width) {
        return;
      }
      int[] columns = used.toArray();
      RestProject rest = new RestProject(project.getCluster(),
          project.getTraitSet().replace(RestRel.CONVENTION).replace(RelCollations.EMPTY),
          rest(input), columns);
      Mappings.TargetMapping mapping = Mappings.target(used::indexOf, width, columns.length);
      List<RexNode> exprs = RexUtil.apply(mapping, project.getProjects());
      call.transformTo(call.builder().push(rest)
          .project(exprs, project.getRowType().getFieldNames()).build());
    }
  }

  /**
   * LIMIT and OFFSET (literals) over a REST expression: the first rows of its listing; with an
   * ORDER BY, only where every key is a column its table's API sorts by ({@link Sorting}).
   */
  static final class SortRule extends ConverterRule {
    SortRule(ConverterRule.Config config) {
      super(config);
    }

    @Override public RelNode convert(RelNode rel) {
      LogicalSort sort = (LogicalSort) rel;
      if (sort.getCollation().getFieldCollations().isEmpty()
          && sort.fetch == null && sort.offset == null) {
        return null;
      }
      Long offset = sort.offset == null ? Long.valueOf(0) : constant(sort.offset);
      Long fetch = sort.fetch == null ? null : constant(sort.fetch);
      if (offset == null || (sort.fetch != null && fetch == null)
          || !sortedByTheApi(sort.getInput(), sort.getCollation())) {
        return null;
      }
      return new RestSort(sort.getCluster(),
          sort.getTraitSet().replace(RestRel.CONVENTION).replace(sort.getCollation()),
          rest(sort.getInput()), sort.getCollation(), offset, fetch);
    }

    /** Whether every key is a column of one REST table whose API sorts by it. */
    private static boolean sortedByTheApi(RelNode input, RelCollation collation) {
      List<RelFieldCollation> keys = collation.getFieldCollations();
      if (keys.isEmpty()) {
        return true;
      }
      RestTableScan scan = null;
      for (RelFieldCollation key : keys) {
        ColumnOrigin origin = origin(input, key.getFieldIndex());
        if (origin == null || (scan != null && origin.scan().restTable() != scan.restTable())) {
          return false;
        }
        scan = origin.scan();
        RestTableDef def = scan.restTable().def();
        Sorting sorting = def.sorting();
        if (sorting == null || sorting.field(def.columns().get(origin.column()).name()) == null
            || keys.size() > sorting.maxKeys()) {
          return false;
        }
      }
      return scan.restTable().schema().pushdownEnabled();
    }

    private static Long constant(RexNode node) {
      BigDecimal v = ((RexLiteral) node).getValueAs(BigDecimal.class);
      return v == null ? null : v.longValue();
    }
  }

  /**
   * COUNT(*) over a REST table whose API counts a listing (its count route), with nothing
   * between but filters and projections: no LIMIT, no other aggregate.
   */
  static final class CountRule extends ConverterRule {
    CountRule(ConverterRule.Config config) {
      super(config);
    }

    @Override public RelNode convert(RelNode rel) {
      LogicalAggregate aggregate = (LogicalAggregate) rel;
      RestTableScan scan = countableScan(aggregate.getInput());
      if (scan == null || scan.restTable().def().count() == null
          || !scan.restTable().schema().pushdownEnabled()) {
        return null;
      }
      return new RestAggregate(aggregate.getCluster(),
          aggregate.getTraitSet().replace(RestRel.CONVENTION), rest(aggregate.getInput()),
          aggregate.getGroupSet(), aggregate.getAggCallList(), List.of(),
          aggregate.getRowType(), 1);
    }

    /** The REST scan under filters and projections only, or null. */
    private static RestTableScan countableScan(RelNode rel) {
      RelNode node = rel instanceof RelSubset subset ? subset.getOriginal() : rel;
      if (node instanceof RestTableScan scan) {
        return scan;
      }
      if (node instanceof Filter || node instanceof Project || node instanceof RestFilter
          || node instanceof RestProject) {
        return countableScan(node.getInput(0));
      }
      return null;
    }
  }

  /**
   * GROUP BY over a REST table whose query language groups ({@link Grouping}): every key a
   * column that groups exactly, every aggregate one the language computes as SQL does, the
   * groups sure to fit one answer, and nothing between but filters without {@code ?} values
   * (whose exactness is known while planning) and projections.
   */
  static final class GroupByRule extends ConverterRule {
    GroupByRule(ConverterRule.Config config) {
      super(config);
    }

    @Override public RelNode convert(RelNode rel) {
      LogicalAggregate aggregate = (LogicalAggregate) rel;
      RelNode input = aggregate.getInput();
      RestTableScan scan = CountRule.countableScan(input);
      if (scan == null || !scan.restTable().schema().pushdownEnabled()
          || scan.restTable().def().grouping() == null || hasParameters(input)
          || !answeredExactly(input)) {
        return null;
      }
      RestTableDef def = scan.restTable().def();
      Grouping grouping = def.grouping();
      double groups = 1;
      java.util.Set<Integer> grouped = new java.util.HashSet<>();
      for (int key : aggregate.getGroupSet()) {
        ColumnOrigin origin = origin(input, key);
        Integer values = origin == null || origin.scan() != scan ? null
            : grouping.groupable().get(def.columns().get(origin.column()).name());
        if (values == null) {
          return null;
        }
        grouped.add(origin.column());
        groups *= values + 1;
      }
      if (groups > grouping.maxGroups()) {
        return null;
      }
      List<Grouping.Function> functions = new ArrayList<>();
      for (AggregateCall call : aggregate.getAggCallList()) {
        Grouping.Function function = function(call, input, scan, grouped);
        if (function == null) {
          return null;
        }
        functions.add(function);
      }
      return new RestAggregate(aggregate.getCluster(),
          aggregate.getTraitSet().replace(RestRel.CONVENTION), rest(input),
          aggregate.getGroupSet(), aggregate.getAggCallList(), functions, aggregate.getRowType(),
          groups);
    }

    /** The query language's function for an aggregate call, or null when it has none. */
    private static Grouping.Function function(AggregateCall call, RelNode input,
        RestTableScan scan,
        java.util.Set<Integer> grouped) {
      if (call.filterArg >= 0 || call.isApproximate() || call.getArgList().size() > 1
          || !call.collation.getFieldCollations().isEmpty()) {
        return null;
      }
      SqlKind kind = call.getAggregation().getKind();
      if (call.getArgList().isEmpty()) {
        return kind == SqlKind.COUNT && !call.isDistinct() ? Grouping.Function.COUNT : null;
      }
      ColumnOrigin origin = origin(input, call.getArgList().get(0));
      if (origin == null || origin.scan() != scan || grouped.contains(origin.column())) {
        // SOQL refuses to aggregate a grouped field.
        return null;
      }
      RestTableDef def = scan.restTable().def();
      ColumnDef column = def.columns().get(origin.column());
      Grouping grouping = def.grouping();
      boolean aggregatable = grouping.aggregatable().contains(column.name());
      if (call.isDistinct()) {
        return kind == SqlKind.COUNT && (aggregatable
            || grouping.groupable().containsKey(column.name()))
            ? Grouping.Function.COUNT_DISTINCT : null;
      }
      boolean number = SqlValues.family(column.type()) == SqlValues.Family.NUMBER;
      return switch (kind) {
        case COUNT -> Grouping.Function.COUNT;
        case SUM, SUM0 -> aggregatable && number && kind == SqlKind.SUM
            ? Grouping.Function.SUM : null;
        case AVG -> aggregatable && column.type() == SqlTypeName.DOUBLE
            ? Grouping.Function.AVG : null;
        case MIN -> aggregatable ? Grouping.Function.MIN : null;
        case MAX -> aggregatable ? Grouping.Function.MAX : null;
        default -> null;
      };
    }

    /**
     * Whether the API answers every filter below exactly (a grouped query cannot be checked row
     * by row).
     */
    private static boolean answeredExactly(RelNode rel) {
      RelNode node = rel instanceof RelSubset subset ? subset.getOriginal() : rel;
      if (node instanceof RestFilter filter) {
        return filter.exactly() && answeredExactly(filter.getInput());
      }
      if (node instanceof Filter filter) {
        RelNode input = filter.getInput() instanceof RelSubset subset ? subset.getOriginal()
            : filter.getInput();
        if (!(input instanceof RestTableScan scan)) {
          return false;
        }
        List<RexNode> conjuncts = RelOptUtil.conjunctions(filter.getCondition());
        return io.saasql.core.pushdown.FilterTranslator.translate(scan.restTable().def(),
            conjuncts, null, RestQuery.samples(conjuncts), true, null).handled().size()
            == conjuncts.size();
      }
      return node.getInputs().stream().allMatch(GroupByRule::answeredExactly);
    }

    /** Whether a filter below holds a {@code ?} (its exactness is known only when it runs). */
    private static boolean hasParameters(RelNode rel) {
      RelNode node = rel instanceof RelSubset subset ? subset.getOriginal() : rel;
      if (node instanceof Filter filter
          && RestQuery.parameterCount(List.of(filter.getCondition())) > 0) {
        return true;
      }
      return node.getInputs().stream().anyMatch(GroupByRule::hasParameters);
    }
  }

  /**
   * An equi-join (INNER, LEFT, SEMI, ANTI) whose right side is one REST table under filters,
   * projections of columns and orderings (no LIMIT, no aggregate), joined on its own columns,
   * where the API takes the key values in a request: offered as a bind join, which the planner
   * takes when it costs less.
   */
  static final class BindJoinRule extends RelRule<RuleConfig> {
    BindJoinRule(RuleConfig config) {
      super(config);
    }

    @Override public void onMatch(RelOptRuleCall call) {
      LogicalJoin join = call.rel(0);
      JoinRelType type = join.getJoinType();
      if (type != JoinRelType.INNER && type != JoinRelType.LEFT && type != JoinRelType.SEMI
          && type != JoinRelType.ANTI) {
        return;
      }
      List<Integer> leftKeys = new ArrayList<>();
      List<Integer> rightKeys = new ArrayList<>();
      List<Boolean> filterNulls = new ArrayList<>();
      RelOptUtil.splitJoinCondition(join.getLeft(), join.getRight(), join.getCondition(),
          leftKeys, rightKeys, filterNulls, new ArrayList<>());
      if (leftKeys.isEmpty() || filterNulls.contains(false)) {
        return;
      }
      RestTableScan scan = null;
      int[] keyColumns = new int[rightKeys.size()];
      for (int i = 0; i < rightKeys.size(); i++) {
        // Through filters, projections of columns and orderings; not through a LIMIT, which
        // keys would change.
        ColumnOrigin origin = origin(join.getRight(), rightKeys.get(i), false);
        if (origin == null || (scan != null && origin.scan() != scan)) {
          return;
        }
        scan = origin.scan();
        keyColumns[i] = origin.column();
      }
      RestTable table = scan.restTable();
      if (!table.schema().pushdownEnabled()) {
        return;
      }
      int capacity = table.bindCapacity(keyColumns, scan.getRowType(),
          join.getCluster().getRexBuilder());
      if (capacity == 0) {
        return;
      }
      RelNode left = convert(join.getLeft(),
          join.getLeft().getTraitSet().replace(EnumerableConvention.INSTANCE));
      double rows = call.getMetadataQuery().getRowCount(join);
      RelNode right = join.getRight() instanceof RelSubset subset ? subset.getOriginal()
          : join.getRight();
      if (right instanceof Project project && !isColumns(project)) {
        bindUnderConstants(call, join, left, project, leftKeys, rightKeys, rows, scan,
            keyColumns, capacity);
        return;
      }
      call.transformTo(new RestBindJoin(join.getCluster(),
          join.getCluster().traitSetOf(EnumerableConvention.INSTANCE), left,
          rest(join.getRight()), join.getCondition(), type, leftKeys, rightKeys,
          join.getRowType(), rows, scan, keyColumns, capacity));
    }

    private static boolean isColumns(Project project) {
      return project.getProjects().stream().allMatch(e -> e instanceof RexInputRef);
    }

    /**
     * A right side that adds constants to REST columns — Calcite's {@code NOT EXISTS} and
     * {@code NOT IN} are a LEFT join with a {@code TRUE} marker on the right, then {@code IS
     * NULL} on it — is bound below its projection: the join reads the REST columns, and the
     * projection above puts the constants back (under a LEFT join, NULL where no right row
     * matched, which the key column says: a matched key is never NULL).
     */
    private static void bindUnderConstants(RelOptRuleCall call, LogicalJoin join, RelNode left,
        Project project, List<Integer> leftKeys, List<Integer> rightKeys, double rows,
        RestTableScan scan, int[] keyColumns, int capacity) {
      int nLeft = join.getLeft().getRowType().getFieldCount();
      List<RexNode> exprs = project.getProjects();
      if (!exprs.stream().allMatch(e -> e instanceof RexInputRef || e instanceof RexLiteral)) {
        return;
      }
      boolean[] constantUsed = {false};
      RexNode condition = join.getCondition().accept(new org.apache.calcite.rex.RexShuttle() {
        @Override public RexNode visitInputRef(RexInputRef ref) {
          if (ref.getIndex() < nLeft) {
            return ref;
          }
          RexNode e = exprs.get(ref.getIndex() - nLeft);
          if (e instanceof RexInputRef inner) {
            return new RexInputRef(nLeft + inner.getIndex(), ref.getType());
          }
          constantUsed[0] = true;
          return ref;
        }
      });
      if (constantUsed[0]) {
        return;
      }
      List<Integer> innerKeys = new ArrayList<>();
      for (int k : rightKeys) {
        innerKeys.add(((RexInputRef) exprs.get(k)).getIndex());
      }
      RelNode inner = project.getInput();
      JoinRelType type = join.getJoinType();
      org.apache.calcite.rex.RexBuilder rex = join.getCluster().getRexBuilder();
      RelDataType rowType = type.projectsRight()
          ? org.apache.calcite.sql.validate.SqlValidatorUtil.deriveJoinRowType(
              left.getRowType(), inner.getRowType(), type, rex.getTypeFactory(), null, List.of())
          : join.getRowType();
      RelNode bound = new RestBindJoin(join.getCluster(),
          join.getCluster().traitSetOf(EnumerableConvention.INSTANCE), left, rest(inner),
          condition, type, leftKeys, innerKeys, rowType, rows, scan, keyColumns, capacity);
      if (!type.projectsRight()) {
        call.transformTo(bound);
        return;
      }
      List<RelDataTypeField> fields = join.getRowType().getFieldList();
      List<RexNode> out = new ArrayList<>();
      for (int i = 0; i < nLeft; i++) {
        out.add(rex.makeInputRef(bound, i));
      }
      RexNode matched = rex.makeCall(org.apache.calcite.sql.fun.SqlStdOperatorTable.IS_NOT_NULL,
          rex.makeInputRef(bound, nLeft + innerKeys.get(0)));
      for (int i = 0; i < exprs.size(); i++) {
        RelDataType t = fields.get(nLeft + i).getType();
        RexNode e = exprs.get(i) instanceof RexInputRef ref
            ? rex.makeInputRef(bound, nLeft + ref.getIndex())
            : type == JoinRelType.LEFT
                ? rex.makeCall(org.apache.calcite.sql.fun.SqlStdOperatorTable.CASE, matched,
                    rex.makeCast(t, exprs.get(i)), rex.makeNullLiteral(t))
                : exprs.get(i);
        out.add(rex.ensureType(t, e, true));
      }
      call.transformTo(LogicalProject.create(bound, List.of(), out, join.getRowType(),
          java.util.Set.of()));
    }
  }

  /** From REST requests to Calcite's enumerable operators. */
  static final class ToEnumerable extends ConverterRule {
    ToEnumerable(ConverterRule.Config config) {
      super(config);
    }

    @Override public RelNode convert(RelNode rel) {
      return new RestToEnumerableConverter(rel.getCluster(),
          rel.getTraitSet().replace(EnumerableConvention.INSTANCE), rel);
    }
  }

  private static RelOptRule rule(String description, Function<RuleConfig, RelOptRule> factory,
      RelRule.OperandTransform operands) {
    return new RuleConfig(RelFactories.LOGICAL_BUILDER, description, operands, factory).toRule();
  }

  /** The configuration of the rules above. */
  record RuleConfig(RelBuilderFactory relBuilderFactory, String description,
      RelRule.OperandTransform operandSupplier, Function<RuleConfig, RelOptRule> factory)
      implements RelRule.Config {
    @Override public RelOptRule toRule() {
      return factory.apply(this);
    }

    @Override public RuleConfig withRelBuilderFactory(RelBuilderFactory f) {
      return new RuleConfig(f, description, operandSupplier, factory);
    }

    @Override public RuleConfig withDescription(String d) {
      return new RuleConfig(relBuilderFactory, d, operandSupplier, factory);
    }

    @Override public RuleConfig withOperandSupplier(RelRule.OperandTransform transform) {
      return new RuleConfig(relBuilderFactory, description, transform, factory);
    }
  }

}
