package io.saasql.core.plan;

import org.apache.calcite.plan.Convention;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.metadata.RelMetadataQuery;

/**
 * A relational expression in the REST convention: a part of a query that one REST table's
 * requests answer. A chain of them (scan, filter, project, sort, aggregate) is turned into one
 * {@link RestQuery} by {@link RestToEnumerableConverter}, which runs it.
 */
public interface RestRel extends RelNode {
  /** The convention of expressions that REST requests answer. */
  Convention CONVENTION = new Convention.Impl("REST", RestRel.class);

  /** Adds what this expression contributes to the query (its input has been visited first). */
  void implement(RestQuery.Builder query);

  /**
   * How many requests the chain up to this expression makes, as far as the planner can tell.
   * They are costed where the chain is run ({@link RestToEnumerableConverter},
   * {@link RestBindJoin}), not by the expressions themselves, so that a chain that asks less
   * of the API is cheaper as a whole.
   */
  double requests(RelMetadataQuery mq);
}
