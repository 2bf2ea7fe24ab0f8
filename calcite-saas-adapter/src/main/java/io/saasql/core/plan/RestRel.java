package io.saasql.core.plan;

import org.apache.calcite.plan.Convention;
import org.apache.calcite.rel.RelNode;

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
}
