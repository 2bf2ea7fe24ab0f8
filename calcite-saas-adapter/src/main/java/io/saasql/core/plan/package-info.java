/**
 * Planning and execution of reads: REST tables as a Calcite convention of their own. A
 * {@link io.saasql.core.plan.RestTable} becomes a {@link io.saasql.core.plan.RestTableScan}; the
 * rules of {@link io.saasql.core.plan.RestRules} (registered by the first REST scan a planner
 * meets, for that query only) push filters, columns, ORDER BY/LIMIT and aggregates into REST
 * nodes; {@link io.saasql.core.plan.RestToEnumerableConverter} turns a chain of them into one
 * {@link io.saasql.core.plan.RestQuery}, prints its requests for EXPLAIN, and runs it lazily, page
 * by page, turning JSON into rows.
 */
package io.saasql.core.plan;
