/**
 * The Backlog API v2 sandbox: {@link io.saasql.sandbox.backlog.BacklogSandbox} answers the
 * issue, project, user, status, issue-type, priority and rate-limit routes of Nulab's Backlog
 * with a deterministic seeded data set, the real error bodies and the rate-limit headers, and
 * adds, updates and deletes issues ({@code POST /issues}, {@code PATCH} and {@code DELETE
 * /issues/:idOrKey}) with the API's form parameters and validation.
 */
package io.saasql.sandbox.backlog;
