/**
 * In-process stand-ins for the SaaS APIs, used by the demo and by tests.
 *
 * <p>{@link io.saasql.sandbox.SandboxServer} is the generic base: a real HTTP server on
 * 127.0.0.1, a request log ({@link io.saasql.sandbox.RecordedRequest}) through which tests prove
 * pushdown, and switchable {@link io.saasql.sandbox.Faults}. One sub-package per API implements
 * its routes, auth, error bodies and seed data. Nothing here imports the connectors or the core:
 * the sandbox is an independent reading of the API documentation.
 */
package io.saasql.sandbox;
