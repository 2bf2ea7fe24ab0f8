/**
 * JDBC-only code: the {@code jdbc:saasql:} driver, and the Postgres schema factory that reads its
 * connection settings from the environment and lists tables and views only.
 */
package io.saasql.core.jdbc;
