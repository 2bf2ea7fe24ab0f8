/**
 * The Salesforce REST API sandbox: {@link io.saasql.sandbox.salesforce.SalesforceSandbox} answers
 * the OAuth token endpoint, describe, single-record and SOQL query routes of Salesforce with a
 * deterministic seeded org, Salesforce's error bodies, session expiry and the daily API limit.
 * Its SOQL tokenizer, parser and evaluator are its own reading of the SOQL documentation.
 */
package io.saasql.sandbox.salesforce;
