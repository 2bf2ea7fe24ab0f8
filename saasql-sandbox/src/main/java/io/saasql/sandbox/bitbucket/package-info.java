/**
 * The Bitbucket Cloud REST API 2.0 sandbox: {@link io.saasql.sandbox.bitbucket.BitbucketSandbox}
 * answers the workspace, repository, issue, issue-comment and pull-request routes with a
 * deterministic seeded data set, OAuth client credentials, access tokens and e-mail + API-token
 * Basic auth, BBQL filtering ({@code q}) and sorting, Bitbucket's page objects, error bodies and
 * rate-limit headers. Issues can also be created, updated and deleted; {@code
 * IssueBody} checks the request bodies.
 */
package io.saasql.sandbox.bitbucket;
