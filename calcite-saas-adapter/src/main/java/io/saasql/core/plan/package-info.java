/**
 * Planning and execution of reads: the REST table Calcite scans, the planner rules that push
 * limits into it, and the enumerator that runs a request plan lazily, page by page, turning JSON
 * into rows.
 */
package io.saasql.core.plan;
