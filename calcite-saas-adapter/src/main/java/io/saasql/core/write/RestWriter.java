package io.saasql.core.write;

import io.saasql.core.declare.ColumnDef;
import io.saasql.core.declare.RestTableDef;
import io.saasql.core.declare.SqlValues;
import io.saasql.core.declare.WriteSpec;
import io.saasql.core.http.CallLog;
import io.saasql.core.http.SaasApiException;
import io.saasql.core.http.SourceClient;
import io.saasql.core.http.WriteOutcomeUnknownException;
import io.saasql.core.plan.RestTable;
import io.saasql.core.pushdown.FilterTranslator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.rel.core.TableModify;

import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

/**
 * Carries out INSERT, UPDATE and DELETE on a REST table as the API's create, update and delete
 * calls, row by row or in the API's batches, and counts what the API changed. When a write fails
 * part-way, the error says exactly which rows were written (with their ids) and which were not;
 * a write that got no answer is never sent again, so nothing is written twice.
 */
public final class RestWriter {
  private static final ObjectMapper JSON = new ObjectMapper();

  private RestWriter() {}

  /**
   * What a statement writes: the table, the operation, (UPDATE) the columns it sets, why the
   * API cannot carry it out, if it cannot, and whether its rows are keys taken from the
   * statement's WHERE rather than records read from the API ({@code keyed}: a record the API
   * does not have, 404, is then no row written rather than an error).
   */
  public record Target(RestTable table, TableModify.Operation operation, int[] updateColumns,
      String problem, boolean keyed) {}

  /** Positions of the updated columns in the table row. */
  static int[] updateIndexes(RestTableDef def, List<String> columns) {
    if (columns == null) {
      return new int[0];
    }
    return columns.stream().mapToInt(def::columnIndex).toArray();
  }

  /** SQL state of a statement the API cannot carry out (a read-only table or column). */
  static final String CANNOT_WRITE = "42000";
  /** SQL state of a row without a value the API needs: "not null violation". */
  static final String MISSING_VALUE = "23502";
  /** SQL state of a key value that cannot address a record: "invalid parameter value". */
  static final String BAD_KEY = "22023";
  /** SQL state of a record the API refused (its validation): "integrity constraint violation". */
  static final String API_REFUSED = "23000";

  /**
   * A statement or a row the API cannot take, refused by the adapter before its call; its SQL
   * state says why ({@value #CANNOT_WRITE} when the statement cannot be carried out at all).
   */
  public static class RefusedException extends SaasApiException {
    RefusedException(String source, String message) {
      this(source, message, CANNOT_WRITE);
    }

    RefusedException(String source, String message, String sqlState) {
      super(source, 0, message, null, sqlState);
    }
  }

  /** Why an UPDATE cannot set a column to a value (NULL or DEFAULT is left out instead). */
  static String notUpdatableMessage(RestTableDef def, String column) {
    return "Column " + def.name() + "." + column + " cannot be updated; updatable columns: "
        + new TreeSet<>(def.writes().updatable().keySet());
  }

  /** Why an INSERT cannot set a column to a value (NULL or DEFAULT is left out instead). */
  static String readOnlyMessage(RestTableDef def, String column) {
    TreeSet<String> allowed = new TreeSet<>(def.writes().insertable().keySet());
    for (ColumnDef c : def.columns()) {
      if (isPathVariable(def.writes().createPath(), c.name())) {
        allowed.add(c.name());
      }
    }
    return "Column " + def.name() + "." + column + " cannot be set by INSERT; insertable columns: "
        + allowed;
  }

  /** Runs the statement; returns the number of records the API created, changed or deleted. */
  public static long modify(DataContext root, Target target, Enumerable<Object[]> rows) {
    RestTable table = target.table();
    RestTableDef def = table.def();
    if (target.problem() != null) {
      throw new RefusedException(table.schema().name(), table.schema().name() + ": "
          + target.problem() + ". Nothing was written.");
    }
    SourceClient client = table.schema().client();
    AtomicBoolean cancel = root == null ? null : DataContext.Variable.CANCEL_FLAG.get(root);
    Progress progress = new Progress(table.schema().name() + "." + def.name(),
        target.operation());
    Object connection = root == null ? null : root.getQueryProvider();
    try {
      return write(root, target, rows, progress, cancel, client);
    } finally {
      WriteJournal.record(connection, progress.table, progress.count());
      if (target.operation() == TableModify.Operation.INSERT) {
        WriteJournal.recordInsert(connection, new WriteJournal.InsertedKeys(
            table.schema().name(), def.name(), def.keyColumn(), progress.written));
      }
    }
  }

  private static long write(DataContext root, Target target, Enumerable<Object[]> rows,
      Progress progress, AtomicBoolean cancel, SourceClient client) {
    RestTableDef def = target.table().def();
    WriteSpec spec = def.writes();
    List<Pending> batch = new ArrayList<>();
    try (Enumerator<Object[]> e = rows.enumerator()) {
      while (e.moveNext()) {
        Object[] row = e.current();
        int number = progress.next();
        switch (target.operation()) {
        case INSERT: {
          ObjectNode body = insertBody(def, row, number, progress);
          String path = fill(spec.createPath(), def, row, number, progress);
          if (spec.batch() != null) {
            batch.add(new Pending(number, body));
            if (batch.size() == spec.batch().max()) {
              sendBatch(client, spec, batch, progress);
            }
          } else {
            SourceClient.Reply reply = call(client, "POST", path, spec, body, cancel, number,
                progress, false);
            progress.written(number, id(spec, reply));
          }
          break;
        }
        case UPDATE: {
          ObjectNode body = JSON.createObjectNode();
          int n = def.columns().size();
          for (int i = 0; i < target.updateColumns().length; i++) {
            ColumnDef col = def.columns().get(target.updateColumns()[i]);
            String field = spec.updatable().get(col.name());
            Object value = row[n + i];
            if (field == null) {
              // NULL (or DEFAULT) for a column the API computes: left out of the call.
              if (value != null) {
                throw progress.refused(number, notUpdatableMessage(def, col.name()),
                    CANNOT_WRITE);
              }
              continue;
            }
            put(body, field, col, value, spec);
          }
          String path = fill(spec.updatePath(), def, row, number, progress);
          if (!body.isEmpty() && call(client, spec.updateMethod(), path, spec, body, cancel,
              number, progress, target.keyed()) == null) {
            break; // no such record
          }
          progress.written(number, key(def, row));
          break;
        }
        case DELETE: {
          String path = fill(spec.deletePath(), def, row, number, progress);
          if (call(client, "DELETE", path, spec, null, cancel, number, progress,
              target.keyed()) != null) {
            progress.written(number, key(def, row));
          }
          break;
        }
        default:
          throw new IllegalStateException("unsupported " + target.operation());
        }
      }
      if (!batch.isEmpty()) {
        sendBatch(client, spec, batch, progress);
      }
    }
    CallLog.CALLS.info("{}: {} wrote {} record(s)", progress.table, target.operation(),
        progress.count());
    return progress.count();
  }

  /** One row waiting for a batch call. */
  private record Pending(int row, JsonNode body) {}

  private static void sendBatch(SourceClient client, WriteSpec spec, List<Pending> batch,
      Progress progress) {
    List<JsonNode> bodies = batch.stream().map(Pending::body).collect(Collectors.toList());
    List<WriteSpec.BatchResult> results;
    try {
      results = spec.batch().create(client, bodies);
    } catch (WriteOutcomeUnknownException e) {
      throw progress.unknown(batch.get(0).row(), batch.get(batch.size() - 1).row(), e);
    } catch (SaasApiException e) {
      throw progress.failed(batch.get(0).row(), e.getMessage(), e);
    }
    String firstError = null;
    int firstFailed = -1;
    for (int i = 0; i < batch.size(); i++) {
      WriteSpec.BatchResult r = i < results.size() ? results.get(i)
          : new WriteSpec.BatchResult(null, "no result for this record");
      if (r.ok()) {
        progress.written(batch.get(i).row(), r.id());
      } else if (firstError == null) {
        firstError = r.error();
        firstFailed = batch.get(i).row();
      }
    }
    batch.clear();
    if (firstError != null) {
      throw progress.refused(firstFailed, firstError, API_REFUSED);
    }
  }

  /** The API's answer; null when {@code missingIsNoRow} and the record does not exist. */
  private static SourceClient.Reply call(SourceClient client, String method, String path,
      WriteSpec spec, JsonNode body, AtomicBoolean cancel, int row, Progress progress,
      boolean missingIsNoRow) {
    try {
      return client.write(method, path, spec.format(), body, cancel);
    } catch (WriteOutcomeUnknownException e) {
      throw progress.unknown(row, row, e);
    } catch (SaasApiException e) {
      if (missingIsNoRow && (e.status() == 404 || e.status() == 410)) {
        return null;
      }
      throw progress.failed(row, e.getMessage(), e);
    }
  }

  private static ObjectNode insertBody(RestTableDef def, Object[] row, int number,
      Progress progress) {
    WriteSpec spec = def.writes();
    ObjectNode body = JSON.createObjectNode();
    for (int i = 0; i < def.columns().size(); i++) {
      ColumnDef col = def.columns().get(i);
      Object value = row[i];
      String field = spec.insertable().get(col.name());
      if (value == null) {
        if (spec.required().contains(col.name())) {
          throw progress.refused(number, "column " + col.name() + " is required by INSERT"
              + " (required: " + new TreeSet<>(spec.required()) + ")", MISSING_VALUE);
        }
        continue;
      }
      if (field == null) {
        if (isPathVariable(spec.createPath(), col.name())) {
          continue;
        }
        throw progress.refused(number, readOnlyMessage(def, col.name()), CANNOT_WRITE);
      }
      put(body, field, col, value, spec);
    }
    return body;
  }

  /** Whether a column's value goes into the route (the repository of a new issue). */
  static boolean isPathVariable(String template, String column) {
    return template != null && template.contains("{" + column + "}");
  }

  /** Sets a (dotted) field to a row value, as the API's JSON or form value. */
  static void put(ObjectNode body, String field, ColumnDef col, Object value, WriteSpec spec) {
    ObjectNode target = body;
    String[] parts = spec.format() == WriteSpec.BodyFormat.JSON ? field.split("\\.")
        : new String[] {field};
    if (value == null && parts.length > 1 && spec.nullClearsParent()) {
      body.putNull(parts[0]);
      return;
    }
    for (int i = 0; i < parts.length - 1; i++) {
      JsonNode child = target.get(parts[i]);
      target = child instanceof ObjectNode o ? o : target.putObject(parts[i]);
    }
    String last = parts[parts.length - 1];
    if (value == null) {
      target.putNull(last);
      return;
    }
    switch (SqlValues.family(col.type())) {
    case NUMBER -> target.put(last, new BigDecimal(value.toString()));
    case BOOLEAN -> target.put(last, (Boolean) value);
    case TIMESTAMP ->
        target.put(last, Instant.ofEpochMilli(((Number) value).longValue()).toString());
    case DATE -> target.put(last, LocalDate.ofEpochDay(((Number) value).longValue()).toString());
    default -> target.put(last, value.toString());
    }
  }

  /** A route with its {@code {Column}} variables filled from the row, URL-encoded. */
  private static String fill(String template, RestTableDef def, Object[] row, int number,
      Progress progress) {
    String path = template;
    for (int i = 0; i < def.columns().size(); i++) {
      String variable = "{" + def.columns().get(i).name() + "}";
      if (path.contains(variable)) {
        Object v = row[i];
        String text = v == null ? null : v.toString();
        if (text == null) {
          throw progress.refused(number, "column " + def.columns().get(i).name()
              + " is needed to address the record", MISSING_VALUE);
        }
        if (!FilterTranslator.usableInPath(text)) {
          throw progress.refused(number, "column " + def.columns().get(i).name()
              + " must hold a plain value to address the record, not " + v, BAD_KEY);
        }
        path = path.replace(variable,
            URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20"));
      }
    }
    return path;
  }

  private static String id(WriteSpec spec, SourceClient.Reply reply) {
    JsonNode id = reply.body().at(com.fasterxml.jackson.core.JsonPointer.compile(spec.idPointer()));
    return id.isMissingNode() || id.isNull() ? null : id.asText();
  }

  private static String key(RestTableDef def, Object[] row) {
    int i = def.keyColumn() == null ? 0 : def.columnIndex(def.keyColumn());
    return String.valueOf(row[i]);
  }

  /** What a statement has written so far, and the error that says so when it stops. */
  private static final class Progress {
    final String table;
    final TableModify.Operation operation;
    final Map<Integer, String> written = new java.util.TreeMap<>();
    int rows;

    Progress(String table, TableModify.Operation operation) {
      this.table = table;
      this.operation = operation;
    }

    int next() {
      return ++rows;
    }

    void written(int row, String id) {
      written.put(row, id);
    }

    long count() {
      return written.size();
    }

    /** The API answered the call for {@code row} with an error. */
    SaasApiException failed(int row, String why, SaasApiException cause) {
      int status = cause.status();
      // A write the API refuses with a 4xx is a record it does not accept (its validation).
      boolean refusedRecord = status >= 400 && status < 500 && status != 401 && status != 403
          && status != 429;
      return new SaasApiException(source(), status, stopped(row, why), cause,
          refusedRecord ? API_REFUSED : cause.sqlState());
    }

    /** Row {@code row} was refused (by the adapter, or by the API within a batch). */
    SaasApiException refused(int row, String why, String sqlState) {
      return new RefusedException(source(), stopped(row, why), sqlState);
    }

    private String source() {
      return table.substring(0, table.indexOf('.'));
    }

    private String stopped(int row, String why) {
      return table + ": " + operation + " stopped at row " + row + ": " + why
          + (why.endsWith(".") ? " " : ". ") + summary(row)
          + " Re-run the statement for the rows not written; none was written twice.";
    }

    SaasApiException unknown(int firstRow, int lastRow, SaasApiException cause) {
      String rowsText = firstRow == lastRow ? "row " + firstRow : "rows " + firstRow + "–"
          + lastRow;
      return new WriteOutcomeUnknownException(source(),
          table + ": " + operation + " got no answer for " + rowsText + ": " + cause.getMessage()
              + " " + summary(firstRow) + " Check whether " + rowsText
              + " exists before running the statement again for it.", cause);
    }

    private String summary(int stoppedAt) {
      if (written.isEmpty()) {
        return "No row was written.";
      }
      StringBuilder b = new StringBuilder("Written: " + written.size() + " row(s): ");
      b.append(ranges(written.keySet()));
      if (written.values().stream().anyMatch(java.util.Objects::nonNull)) {
        b.append(" (ids: ").append(String.join(", ",
            written.values().stream().map(String::valueOf).toList())).append(')');
      }
      b.append(". Not written: row ").append(stoppedAt).append(" and every row the API did not "
          + "confirm after it.");
      return b.toString();
    }

    private static String ranges(java.util.Set<Integer> rows) {
      List<String> parts = new ArrayList<>();
      Integer start = null;
      Integer prev = null;
      for (int r : rows) {
        if (start == null) {
          start = r;
        } else if (r != prev + 1) {
          parts.add(start.equals(prev) ? "" + start : start + "–" + prev);
          start = r;
        }
        prev = r;
      }
      if (start != null) {
        parts.add(start.equals(prev) ? "" + start : start + "–" + prev);
      }
      return "rows " + String.join(", ", parts);
    }
  }
}
