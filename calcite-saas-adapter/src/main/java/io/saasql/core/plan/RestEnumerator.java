package io.saasql.core.plan;

import io.saasql.core.declare.Paging;
import io.saasql.core.declare.Pushdown;
import io.saasql.core.declare.RestTableDef;
import io.saasql.core.http.CallLog;
import io.saasql.core.http.SaasApiException;
import io.saasql.core.http.SourceClient;
import io.saasql.core.pushdown.FilterTranslator;
import io.saasql.core.pushdown.RequestPlan;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.calcite.linq4j.Enumerator;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * Executes a {@link RequestPlan} lazily: it fetches a page only when Calcite asks for a row beyond
 * the ones it has, so {@code LIMIT 5} stops after the first page.
 *
 * <p>A plan of several paths (a fan-out over a parent's values, GETs by key, a listing per path
 * value) with {@code concurrency} above 1 and no LIMIT of its own reads up to that many paths at
 * the same time, each path's pages in turn, ahead of the rows Calcite has asked for; the rows
 * still come path by path in the plan's order. Closing the enumerator (a LIMIT above it, the end
 * of the statement), a cancel or an error stops the paths still outstanding.
 */
final class RestEnumerator implements Enumerator<Object[]> {
  private final RestTableDef table;
  private final SourceClient client;
  private final RowReader reader;
  private final AtomicBoolean cancelFlag;
  /** Lists of a path variable's values, for fan-out plans; resolved on first use. */
  private final Function<AtomicBoolean, List<Object>> parentValues;
  /** The plan being run: the scan's plan, or for a CHOOSE the alternative the count chose. */
  private RequestPlan plan;
  private final boolean hasPathVariable;

  private final Deque<RequestPlan.Target> pendingPaths = new ArrayDeque<>();
  /** The path-variable value of the page being read, for path-variable columns. */
  private String pathValue;
  /** Whether rows of the page being read must state {@link #pathValue} to be rows of the query. */
  private boolean checkStatedValue;
  private Paging.PageRequest nextPage;
  private Iterator<JsonNode> rows = Collections.emptyIterator();
  private Object[] current;
  private boolean started;
  /** How many paths may be read at the same time. */
  private final int concurrency;
  /** Whether paths are read ahead, at the same time. */
  private boolean parallel;
  /** The paths being read ahead, in the order their rows are returned. */
  private final Deque<Ahead> ahead = new ArrayDeque<>();
  private volatile boolean closed;

  /** A path read ahead: its rows, once read. */
  private record Ahead(RequestPlan.Target target, Future<List<JsonNode>> rows) {}

  RestEnumerator(RestTableDef table, RequestPlan plan, SourceClient client, int[] projects,
      AtomicBoolean cancelFlag, Function<AtomicBoolean, List<Object>> parentValues,
      int concurrency) {
    this.concurrency = concurrency;
    this.table = table;
    this.plan = plan;
    this.client = client;
    this.reader = new RowReader(table, projects);
    this.cancelFlag = cancelFlag;
    this.parentValues = parentValues;
    this.hasPathVariable = table.pushdowns().stream()
        .anyMatch(p -> p instanceof Pushdown.PathVariable);
  }

  private void start() {
    started = true;
    if (plan.kind() == RequestPlan.Kind.CHOOSE) {
      choose();
    }
    if (plan.kind() == RequestPlan.Kind.LIST && plan.pathSource() != null) {
      for (Object v : parentValues.apply(cancelFlag)) {
        if (v != null) {
          pendingPaths.add(FilterTranslator.targetFor(table, plan.pathSource(), v));
        }
      }
    } else {
      pendingPaths.addAll(plan.targets());
    }
    parallel = concurrency > 1 && pendingPaths.size() > 1 && plan.fetch() == null
        && (plan.kind() == RequestPlan.Kind.LIST || plan.kind() == RequestPlan.Kind.LOOKUP);
  }

  /** Counts the listing's rows, then runs the lookups or the listing, whichever is fewer. */
  private void choose() {
    RequestPlan.Choice choice = plan.choice();
    long count = client.count(choice.countPath(), plan.params(), choice.countPointer(),
        cancelFlag);
    RequestPlan chosen = plan.chosen(count, table.paging());
    CallLog.CALLS.info("{}.{}: {} rows to list, so {}", client.config().name(), table.name(),
        count, chosen);
    plan = chosen;
  }

  @Override public Object[] current() {
    return current;
  }

  @Override public boolean moveNext() {
    if (!started) {
      start();
    }
    while (true) {
      while (!rows.hasNext()) {
        if (!fetch()) {
          current = null;
          return false;
        }
      }
      JsonNode row = rows.next();
      if (checkStatedValue && !pathValue.equals(reader.statedPathValue(row))) {
        // The API took the query's value for another spelling of a different one (another
        // case, a UUID): what it lists under it belongs to that one, not to the query.
        CallLog.CALLS.info("{}.{}: the rows under {} belong to {}, not to it: skipped",
            client.config().name(), table.name(), pathValue, reader.statedPathValue(row));
        rows = Collections.emptyIterator();
        nextPage = null;
        continue;
      }
      current = reader.read(row, pathValue, client.config().name(), table.name());
      return true;
    }
  }

  private void enter(RequestPlan.Target target) {
    pathValue = target.pathValue();
    checkStatedValue = target.fromQuery() && pathValue != null && reader.hasEcho();
  }

  private void checkCancelled() {
    if (closed || cancelFlag != null && cancelFlag.get()) {
      throw new SaasApiException(client.config().name(), 0,
          client.config().name() + ": the statement was cancelled", null);
    }
  }

  /** Fetches the next page or lookup; false when there is nothing left to fetch. */
  private boolean fetch() {
    checkCancelled();
    if (parallel) {
      return fetchAhead();
    }
    switch (plan.kind()) {
    case NONE:
    case CHOOSE:
      return false;
    case LOOKUP: {
      RequestPlan.Target target = pendingPaths.poll();
      if (target == null) {
        return false;
      }
      enter(target);
      SourceClient.Page page = client.get(target.path(), List.of(), null, true, cancelFlag);
      rows = page == null || !page.body().isObject()
          ? Collections.emptyIterator() : List.of(page.body()).iterator();
      return true;
    }
    case LIST:
    default: {
      if (nextPage == null) {
        RequestPlan.Target target = pendingPaths.poll();
        if (target == null) {
          return false;
        }
        enter(target);
        nextPage = table.paging().first(target.path(), plan.params(), plan.fetch());
      }
      Paging.PageRequest request = nextPage;
      // A listing under a path variable (a project's statuses) of a parent that does not exist
      // has no rows.
      SourceClient.Page page = client.get(request.pathOrUrl(), request.params(),
          table.rowsPointer(), hasPathVariable, cancelFlag);
      if (page == null) {
        nextPage = null;
        rows = Collections.emptyIterator();
        return true;
      }
      nextPage = table.paging().next(request, page.body(), page.rows().size());
      rows = page.rows().iterator();
      return true;
    }
    }
  }

  /** The rows of the next path, read ahead with the ones after it; false when none is left. */
  private boolean fetchAhead() {
    readAhead();
    Ahead next = ahead.poll();
    if (next == null) {
      return false;
    }
    List<JsonNode> read;
    try {
      read = Fetches.await(next.rows(), client.config().name());
    } catch (RuntimeException e) {
      stopAhead();
      throw e;
    }
    enter(next.target());
    rows = read.iterator();
    readAhead();
    return true;
  }

  private void readAhead() {
    while (ahead.size() < concurrency && !pendingPaths.isEmpty()) {
      RequestPlan.Target target = pendingPaths.poll();
      ahead.add(new Ahead(target, Fetches.submit(() -> readPath(target))));
    }
  }

  /** Every row under one path: its GET by key, or its listing's pages in turn. */
  private List<JsonNode> readPath(RequestPlan.Target target) {
    List<JsonNode> out = new java.util.ArrayList<>();
    if (plan.kind() == RequestPlan.Kind.LOOKUP) {
      SourceClient.Page page = client.get(target.path(), List.of(), null, true, cancelFlag);
      if (page != null && page.body().isObject()) {
        out.add(page.body());
      }
      return out;
    }
    Paging.PageRequest request = table.paging().first(target.path(), plan.params(),
        plan.fetch());
    while (request != null) {
      checkCancelled();
      SourceClient.Page page = client.get(request.pathOrUrl(), request.params(),
          table.rowsPointer(), hasPathVariable, cancelFlag);
      if (page == null) {
        break;
      }
      page.rows().forEach(out::add);
      request = table.paging().next(request, page.body(), page.rows().size());
    }
    return out;
  }

  /** Stops the paths still being read ahead. */
  private void stopAhead() {
    closed = true;
    ahead.forEach(a -> a.rows().cancel(true));
    ahead.clear();
  }

  @Override public void reset() {
    throw new UnsupportedOperationException("reset");
  }

  @Override public void close() {
    stopAhead();
    pendingPaths.clear();
    nextPage = null;
    rows = Collections.emptyIterator();
  }
}
