package io.saasql.sandbox;

/** Answers one matched route. May throw {@link SandboxResponseException} to answer an error. */
@FunctionalInterface
public interface RouteHandler {
  SandboxResponse handle(SandboxRequest request);
}
