package io.saasql.core.plan;

import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.adapter.enumerable.JavaRowFormat;
import org.apache.calcite.adapter.enumerable.PhysType;
import org.apache.calcite.adapter.enumerable.PhysTypeImpl;
import org.apache.calcite.linq4j.tree.BlockBuilder;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.BiRel;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.validate.SqlValidatorUtil;
import org.apache.calcite.util.ImmutableBitSet;
import org.apache.calcite.util.ImmutableIntList;

import java.util.ArrayList;
import java.util.List;

/**
 * A join whose right side, a chain of REST expressions, is read for the left side's join keys
 * only ({@link BindJoin}): the left rows first, then the right table's requests with the keys in
 * them, in batches. INNER, LEFT, SEMI and ANTI joins on equalities between left values and right
 * table columns. The planner takes it when its requests (batches of the left side's distinct
 * keys) cost less than reading the right side with its own filters only.
 *
 * <p>Why a node of its own rather than Calcite's {@code EnumerableBatchNestedLoopJoin}: that join
 * binds a fixed number of left <em>rows</em> per batch (100, as correlation variables in one
 * generated OR), so duplicate keys are sent again in every batch, a batch cannot grow to what an
 * API takes (SOQL and SCIM take hundreds of keys; Backlog 100), the batches run one after
 * another, and its cost counts the right side's cost once per batch. Here the left side's
 * <em>distinct</em> keys are cut into batches by what a request actually carries, the batches run
 * at the same time, and the cost is the batches' requests.
 */
public final class RestBindJoin extends BiRel implements EnumerableRel {
  private final RexNode condition;
  private final JoinRelType joinType;
  private final ImmutableIntList leftKeys;
  private final ImmutableIntList rightKeys;
  /** The join's row estimate, as for the join it replaces. */
  private final double rows;
  /** The scan of the right table, and the key columns in its row. */
  private final RestTableScan scan;
  private final int[] keyColumns;
  /** The most keys one batch carries. */
  private final int capacity;

  RestBindJoin(RelOptCluster cluster, RelTraitSet traits, RelNode left, RelNode right,
      RexNode condition, JoinRelType joinType, List<Integer> leftKeys, List<Integer> rightKeys,
      RelDataType rowType, double rows, RestTableScan scan, int[] keyColumns, int capacity) {
    super(cluster, traits, left, right);
    this.condition = condition;
    this.joinType = joinType;
    this.leftKeys = ImmutableIntList.copyOf(leftKeys);
    this.rightKeys = ImmutableIntList.copyOf(rightKeys);
    this.rowType = rowType;
    this.rows = rows;
    this.scan = scan;
    this.keyColumns = keyColumns.clone();
    this.capacity = capacity;
  }

  @Override public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new RestBindJoin(getCluster(), traitSet, inputs.get(0), inputs.get(1), condition,
        joinType, leftKeys, rightKeys, rowType, rows, scan, keyColumns, capacity);
  }

  @Override protected RelDataType deriveRowType() {
    return rowType;
  }

  @Override public double estimateRowCount(RelMetadataQuery mq) {
    return rows;
  }

  /**
   * The batches' requests, the rows they read, and holding the left rows: the left side's
   * distinct keys (at most the values the right key takes) in batches, with requests as the
   * right table's request plans for stand-in keys estimate them.
   */
  @Override public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
    double leftRows = mq.getRowCount(left);
    double keys = leftRows;
    Double distinct = mq.getDistinctRowCount(left, ImmutableBitSet.of(leftKeys), null);
    if (distinct != null) {
      keys = Math.min(keys, distinct);
    }
    RestTable table = scan.restTable();
    keys = Math.max(1, Math.min(keys, table.keyValues(keyColumns)));
    Double requests = table.bindRequests(keyColumns, scan.getRowType(),
        getCluster().getRexBuilder(), (int) Math.min(Math.ceil(keys), Integer.MAX_VALUE));
    if (requests == null) {
      return planner.getCostFactory().makeInfiniteCost();
    }
    // Keys only ever narrow what the right side's own filters ask for.
    requests = Math.min(requests, RestRules.requests(right, mq));
    double fetched = Math.min(mq.getRowCount(right), Math.max(keys, rows));
    double cpu = RestRules.readCost(fetched, right.getRowType().getFieldCount())
        + leftRows * 0.1 + rows * 0.01;
    return planner.getCostFactory().makeCost(requests * RestRules.REQUEST_COST + cpu, rows,
        requests);
  }

  @Override public RelWriter explainTerms(RelWriter pw) {
    List<String> keys = new ArrayList<>();
    List<String> leftNames = left.getRowType().getFieldNames();
    List<String> rightNames = right.getRowType().getFieldNames();
    for (int i = 0; i < leftKeys.size(); i++) {
      keys.add(rightNames.get(rightKeys.get(i)) + " = left." + leftNames.get(leftKeys.get(i)));
    }
    RelWriter w = super.explainTerms(pw).item("condition", condition)
        .item("joinType", joinType.lowerName).item("keys", keys)
        .item("batch", "up to " + capacity + " keys");
    return w.itemIf("requests", right instanceof RestRel
        ? RestToEnumerableConverter.query(right).explainBound(keyColumns(
            RestToEnumerableConverter.query(right))) : "", right instanceof RestRel);
  }

  /** The right keys as columns of the right table. */
  private int[] keyColumns(RestQuery query) {
    int[] projects = query.projects();
    return rightKeys.stream().mapToInt(k -> projects == null ? k : projects[k]).toArray();
  }

  @Override public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
    BlockBuilder builder = new BlockBuilder();
    Result leftResult = implementor.visitChild(this, 0, (EnumerableRel) left, pref);
    Expression leftRows = builder.append("left", leftResult.block);
    PhysType arrays = leftResult.physType.project(
        ImmutableIntList.identity(left.getRowType().getFieldCount()), JavaRowFormat.ARRAY);
    leftRows = leftResult.physType.convertTo(leftRows, arrays.getFormat());
    RestQuery query = RestToEnumerableConverter.query(right);
    PhysType physType = PhysTypeImpl.of(implementor.getTypeFactory(), getRowType(),
        JavaRowFormat.ARRAY);
    RelDataType joined = SqlValidatorUtil.deriveJoinRowType(left.getRowType(),
        right.getRowType(), JoinRelType.INNER, getCluster().getTypeFactory(), null, List.of());
    builder.add(Expressions.return_(null, Expressions.call(BindJoin.class, "join",
        implementor.getRootExpression(), leftRows, implementor.stash(query, RestQuery.class),
        Expressions.constant(arrays.getFormat() == JavaRowFormat.SCALAR),
        Expressions.constant(physType.getFormat() == JavaRowFormat.SCALAR),
        implementor.stash(leftKeys.toIntArray(), int[].class),
        implementor.stash(keyColumns(query), int[].class),
        implementor.stash(rightKeys.toIntArray(), int[].class),
        implementor.stash(joinType, JoinRelType.class),
        implementor.stash(condition, RexNode.class),
        implementor.stash(joined, RelDataType.class))));
    return implementor.result(physType, builder.toBlock());
  }
}
