/**
 * The remote JDBC server: one Calcite model served over Avatica's HTTP protocol
 * ({@link io.saasql.server.RemoteJdbcServer}), with the model and name matching pinned by the
 * server and client connection properties checked against an allow-list
 * ({@link io.saasql.server.ConnectionPropertyPolicy}), HTTP BASIC/DIGEST authentication
 * ({@link io.saasql.server.Users}), optional TLS, query timeouts, and reclamation of idle
 * connections and statements.
 */
package io.saasql.server;
