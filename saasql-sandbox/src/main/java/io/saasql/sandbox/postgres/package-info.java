/**
 * The stand-in for a user's PostgreSQL: {@link io.saasql.sandbox.postgres.DemoPostgres}, an
 * embedded server seeded with a Salesforce org as Heroku Connect mirrors it
 * ({@code demo/heroku-connect.sql}, the same rows the Salesforce sandbox serves). The demo, the
 * tests and the benchmark share it, one per JVM.
 */
package io.saasql.sandbox.postgres;
