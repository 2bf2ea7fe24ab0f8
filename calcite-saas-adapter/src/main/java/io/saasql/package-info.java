/**
 * SQL over SaaS APIs on Apache Calcite: {@code core} is the generic REST-table core, one package
 * per source ({@code backlog}, …). The stand-in API servers ({@code sandbox}) and the command line
 * ({@code cli}, {@code server}) are modules of their own, saasql-sandbox and saasql-cli, which
 * this library never depends on.
 */
package io.saasql;
