/**
 * Pushdown: the translation of a scan's filters, projection and limit into a
 * {@link io.saasql.core.pushdown.RequestPlan} (the requests to make, and what Calcite must still
 * check), from the table's declaration. Makes no HTTP call; unit-tested with plain inputs.
 */
package io.saasql.core.pushdown;
