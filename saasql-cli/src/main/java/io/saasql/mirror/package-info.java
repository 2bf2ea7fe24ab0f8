/**
 * Mirrors: SaaS tables kept in Postgres tables of Heroku Connect's shape, filled incrementally
 * by the sources' own modified-since filters, with the changes Postgres clients make sent back to
 * the APIs through the same writers as SQL writes ({@code saasql mirror}).
 */
package io.saasql.mirror;
