/**
 * HTTP: one OkHttp client per configured source ({@link io.saasql.core.http.SourceClient}),
 * authentication (API key, Basic, OAuth bearer tokens fetched and renewed), retries of what is
 * safe to retry, secrets masked ({@link io.saasql.core.http.Redactor}), and a record of every call
 * ({@link io.saasql.core.http.CallLog}). Knows nothing of SQL or Calcite.
 */
package io.saasql.core.http;
