/**
 * The {@code saasql} command line ({@link io.saasql.cli.Main}) and the demo environment it starts:
 * the embedded, Heroku-Connect-seeded {@link io.saasql.sandbox.postgres.DemoPostgres} and the
 * sandbox APIs ({@link io.saasql.cli.DemoEnvironment}).
 */
package io.saasql.cli;
