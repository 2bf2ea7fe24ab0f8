package io.saasql.core.declare;

import io.saasql.core.http.SaasApiException;
import io.saasql.core.http.SourceClient;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * How a REST table is written: which columns INSERT and UPDATE may set and under which API field
 * names, the create / update / delete routes, how bodies are encoded, and (optionally) a batch
 * create. Part of a {@link RestTableDef}; a table without one is read-only. Built with
 * {@link #builder(BodyFormat)}; the columns a write may set come from the column declarations.
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
    if (!insertable.keySet().containsAll(required)) {
      throw new IllegalArgumentException("required columns " + required
          + " must be insertable: " + insertable.keySet());
    }
    if (createPath == null && !insertable.isEmpty()) {
      throw new IllegalArgumentException("insertable columns " + insertable.keySet()
          + " need a create route");
    }
    if (updatePath == null && !updatable.isEmpty()) {
      throw new IllegalArgumentException("updatable columns " + updatable.keySet()
          + " need an update route");
    }
  }

  /**
   * The routes of a table's writes, encoded as {@code format}. Which columns INSERT and UPDATE
   * may set is declared on the columns ({@link RestTableDef.Builder#insertable()} …), or here.
   */
  public static Builder builder(BodyFormat format) {
    return new Builder(format);
  }

  /** Fluent construction of a {@link WriteSpec}. */
  public static final class Builder {
    private final BodyFormat format;
    private String createPath;
    private String idPointer;
    private String updateMethod = "PATCH";
    private String updatePath;
    private String deletePath;
    private final Map<String, String> insertable = new LinkedHashMap<>();
    private final Set<String> required = new LinkedHashSet<>();
    private final Map<String, String> updatable = new LinkedHashMap<>();
    private BatchCreate batch;
    private boolean nullClearsParent;

    private Builder(BodyFormat format) {
      this.format = Objects.requireNonNull(format);
    }

    /** INSERT is a POST to {@code path}; the new id is at the JSON pointer {@code idPointer}. */
    public Builder create(String path, String idPointer) {
      this.createPath = Objects.requireNonNull(path);
      this.idPointer = Objects.requireNonNull(idPointer);
      return this;
    }

    /** UPDATE is {@code method} (PATCH or PUT) to {@code path}. */
    public Builder update(String method, String path) {
      this.updateMethod = Objects.requireNonNull(method);
      this.updatePath = Objects.requireNonNull(path);
      return this;
    }

    /** DELETE goes to {@code path}. */
    public Builder delete(String path) {
      this.deletePath = Objects.requireNonNull(path);
      return this;
    }

    /** Creates several records per call. */
    public Builder batch(BatchCreate batch) {
      this.batch = batch;
      return this;
    }

    /** A nested field set to NULL is sent as a null parent object; see {@link WriteSpec}. */
    public Builder nullClearsParent() {
      this.nullClearsParent = true;
      return this;
    }

    /** INSERT may set {@code column}, sent as the API field {@code field}. */
    public Builder insertable(String column, String field) {
      insertable.put(column, field);
      return this;
    }

    /** An INSERT must give {@code column}. */
    public Builder required(String column) {
      required.add(column);
      return this;
    }

    /** UPDATE may set {@code column}, sent as the API field {@code field}. */
    public Builder updatable(String column, String field) {
      updatable.put(column, field);
      return this;
    }

    public WriteSpec build() {
      return new WriteSpec(format, createPath, idPointer, updateMethod, updatePath, deletePath,
          insertable, required, updatable, batch, nullClearsParent);
    }
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
