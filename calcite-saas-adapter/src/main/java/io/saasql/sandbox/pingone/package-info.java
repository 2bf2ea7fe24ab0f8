/**
 * The PingOne Platform API sandbox: {@link io.saasql.sandbox.pingone.PingOneSandbox} answers the
 * worker-app token endpoint and the environment, user, group-membership, group and population
 * routes of PingOne with a deterministic seeded data set, a SCIM filter parser of its own, cursor
 * paging and the real error bodies.
 */
package io.saasql.sandbox.pingone;
