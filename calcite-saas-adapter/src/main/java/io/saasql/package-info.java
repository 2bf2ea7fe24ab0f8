/**
 * SQL over SaaS APIs on Apache Calcite. {@code core} is the generic REST-table core, split by
 * concern: {@code declare} (the API connectors are written against), {@code pushdown},
 * {@code http}, {@code plan}, {@code write} and {@code jdbc}; one package per source
 * ({@code backlog}, {@code salesforce}, {@code bitbucket}, {@code pingone}) holds its declarations.
 * The stand-in API servers and the command line are modules of their own (saasql-sandbox,
 * saasql-cli), which this library never depends on.
 */
package io.saasql;
