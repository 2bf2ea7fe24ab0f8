/**
 * SQL over SaaS APIs on Apache Calcite: {@code core} is the generic REST-table core, one package
 * per source ({@code backlog}, …), {@code sandbox} holds the stand-in API servers used by the demo
 * and the tests, {@code cli} the command line.
 */
package io.saasql;
