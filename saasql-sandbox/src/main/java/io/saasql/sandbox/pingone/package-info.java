/**
 * The PingOne Platform API sandbox: {@link io.saasql.sandbox.pingone.PingOneSandbox} answers the
 * worker-app token endpoint and the environment, user, group-membership, group and population
 * routes of PingOne with a deterministic seeded data set, a SCIM filter parser of its own, cursor
 * paging and the real error bodies; users can be created, replaced, updated and deleted, and their
 * enabled flag and population changed through their own routes.
 */
package io.saasql.sandbox.pingone;
