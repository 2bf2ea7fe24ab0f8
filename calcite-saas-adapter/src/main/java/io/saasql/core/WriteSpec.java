package io.saasql.core;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How a REST table is written: which columns INSERT and UPDATE may set and under which API field
 * names, the create / update / delete routes, how bodies are encoded, and (optionally) a batch
 * create. Part of a {@link RestTableDef}; a table without one is read-only.
 *
 * @param format       how request bodies are encoded
 * @param createPath   POST route for INSERT (may hold {@code {Column}} variables filled from the
 *                     row), or null when the API cannot create
 * @param idPointer    JSON pointer to the new record's id in the create response
 * @param updateMethod PATCH or PUT
 * @param updatePath   route for UPDATE, with {@code {Column}} variables filled from the key
 *                     columns of the row being updated, or null
 * @param deletePath   DELETE route, likewise, or null
 * @param insertable   SQL column → API field (dotted for nested JSON) that INSERT may set
 * @param required     columns an INSERT must give
 * @param updatable    SQL column → API field that UPDATE may set
 * @param batch        creates several records in one call, or null
 * @param nullClearsParent whether setting a nested field ({@code assignee.uuid}) to NULL is sent
 *                     as a null parent object ({@code "assignee": null}, Bitbucket) rather than a
 *                     null leaf ({@code "name": {"given": null}}, PingOne)
 */
public record WriteSpec(BodyFormat format, String createPath, String idPointer,
    String updateMethod, String updatePath, String deletePath, Map<String, String> insertable,
    Set<String> required, Map<String, String> updatable, BatchCreate batch,
    boolean nullClearsParent) {

  /** Request body encodings. */
  public enum BodyFormat {
    /** {@code application/x-www-form-urlencoded}; lists as repeated {@code name[]} fields. */
    FORM,
    /** {@code application/json}; dotted field names become nested objects. */
    JSON
  }

  public WriteSpec {
    insertable = Map.copyOf(insertable);
    required = Set.copyOf(required);
    updatable = Map.copyOf(updatable);
  }

  /** A write spec whose nested NULLs are null leaves. */
  public WriteSpec(BodyFormat format, String createPath, String idPointer, String updateMethod,
      String updatePath, String deletePath, Map<String, String> insertable, Set<String> required,
      Map<String, String> updatable, BatchCreate batch) {
    this(format, createPath, idPointer, updateMethod, updatePath, deletePath, insertable,
        required, updatable, batch, false);
  }

  /**
   * Creating several records per call (Salesforce sObject Collections): at most {@link #max()} a
   * call, each record succeeding or failing on its own.
   */
  public interface BatchCreate {
    /** The most records one call takes. */
    int max();

    /**
     * Creates the records (bodies as built for single creates); returns one result per record,
     * in order. Throws {@link SaasApiException} when the call as a whole failed.
     */
    List<BatchResult> create(SourceClient client, List<JsonNode> records);
  }

  /** The outcome of one record of a batch: its id, or the API's message. */
  public record BatchResult(String id, String error) {
    public boolean ok() {
      return error == null;
    }
  }
}
