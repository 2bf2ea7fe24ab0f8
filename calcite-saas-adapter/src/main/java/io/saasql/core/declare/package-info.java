/**
 * The declaration API a connector is written against: a source's tables as data
 * ({@link io.saasql.core.declare.RestTableDef} — columns with their JSON paths, filter operators
 * and write names, routes, paging, counts, row-count estimates), the source's query language
 * ({@link io.saasql.core.declare.QueryLanguage}, {@link io.saasql.core.declare.FilterDialect}),
 * its operands and transport settings, and the {@link io.saasql.core.declare.RestSchema} a
 * schema factory returns. A connector imports this package and {@link io.saasql.core.http}
 * (authentication, its own API calls) and nothing else of the core.
 */
package io.saasql.core.declare;
