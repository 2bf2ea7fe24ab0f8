/**
 * Writes: INSERT, UPDATE and DELETE on REST tables sent to the APIs' write endpoints exactly once
 * (a journal of what was sent; an outcome unknown is reported, never resent), batched creates,
 * and batched inserts into JDBC tables ({@code INSERT INTO pg.t SELECT … FROM rest.t}).
 */
package io.saasql.core.write;
