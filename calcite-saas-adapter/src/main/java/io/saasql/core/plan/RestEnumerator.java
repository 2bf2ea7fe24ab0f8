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
 * still come path by path in the plan's order. A listing paged by offset (Backlog) whose first
 * page comes back full, once Calcite asks for a row past it, asks the table's count route for
 * the total while it reads the second page, and then reads the pages after the second up to
 * that many at a time ahead of the rows asked for, rows in offset order: one request more than
 * reading them in turn (none when the total is a multiple of the page size, whose empty last
 * page is not asked for), never more time, for large listings a fraction of it. Closing the
 * enumerator (a LIMIT above it, the end of the statement), a cancel or an error stops the
 * requests still outstanding.
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

  /** Offset pages known from the count, not yet sent, in offset order. */
  private final Deque<Paging.PageRequest> pagesToRead = new ArrayDeque<>();
  /** Offset pages being read, in offset order. */
  private final Deque<PageAhead> pagesAhead = new ArrayDeque<>();

  /** An offset page read ahead. */
  private record PageAhead(Paging.PageRequest request, Future<SourceClient.Page> page) {}

  /** The rows of the listing, when a CHOOSE plan counted them before choosing it; else null. */
  private Long listingTotal;
  /** The count of an offset listing, asked for with its second page; null once used. */
  private Future<Long> pendingCount;
  /**
   * Whether {@link #nextPage} is the second page of an offset listing that can be read ahead:
   * only once Calcite asks for a row past the first, so a LIMIT, {@code maxRows} or a client that
   * reads one frame and leaves costs the first page alone.
   */
  private boolean secondOffsetPage;
  /** The second page's request of an offset listing read ahead: the pattern of the ones after. */
  private Paging.PageRequest offsetPages;

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
    if (chosen.kind() == RequestPlan.Kind.LIST) {
      listingTotal = count;
    }
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
      if (!pagesAhead.isEmpty()) {
        return fetchPageAhead();
      }
      if (secondOffsetPage) {
        // Calcite asked for a row past the full first page: the rest of the listing is wanted.
        secondOffsetPage = false;
        readOffsetPagesAhead(nextPage);
        if (!pagesAhead.isEmpty()) {
          return fetchPageAhead();
        }
      }
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
      secondOffsetPage = nextPage != null && isFirstOffsetPage(request);
      return true;
    }
    }
  }

  /**
   * Whether the pages after this full first page can be read at the same time: offset paging, a
   * count route that takes the listing's parameters, more than one request at a time, and no
   * LIMIT (which may need no more than this page).
   */
  private boolean isFirstOffsetPage(Paging.PageRequest request) {
    return concurrency > 1 && plan.fetch() == null
        && table.paging() instanceof Paging.OffsetCount offsets
        && table.count() != null && table.count().query() == null
        && request.params().contains(new Pushdown.Param(offsets.offsetParam(), "0"));
  }

  /**
   * Reads the second page and, at the same time, counts the listing's rows; once the count is in,
   * queues the pages after the second, read ahead. Never slower than reading the pages in turn;
   * one request more when the listing has more than one page.
   */
  private void readOffsetPagesAhead(Paging.PageRequest second) {
    offsetPages = second;
    nextPage = null;
    if (listingTotal != null) { // counted already, to choose this listing
      if (listingTotal <= table.paging().maxPageSize()) {
        return; // the first page was all of it
      }
      pagesToRead.add(second);
      queueCountedPages(listingTotal);
      readPagesAhead();
      return;
    }
    pendingCount = Fetches.submit(() -> client.count(table.count().path(), plan.params(),
        table.count().countPointer(), cancelFlag));
    pagesAhead.add(new PageAhead(second, Fetches.submit(() -> readPage(second))));
  }

  /** The pages after the second that the count names, queued to be read ahead. */
  private void queueCountedPages(long total) {
    Paging.OffsetCount offsets = (Paging.OffsetCount) table.paging();
    List<Pushdown.Param> base = new java.util.ArrayList<>();
    for (Pushdown.Param p : offsetPages.params()) {
      if (!p.name().equals(offsets.offsetParam()) && !p.name().equals(offsets.countParam())) {
        base.add(p);
      }
    }
    int pages = 0;
    for (long offset = 2L * offsets.pageSize(); offset < total; offset += offsets.pageSize()) {
      List<Pushdown.Param> params = new java.util.ArrayList<>(base);
      params.add(new Pushdown.Param(offsets.countParam(), Integer.toString(offsets.pageSize())));
      params.add(new Pushdown.Param(offsets.offsetParam(), Long.toString(offset)));
      pagesToRead.add(new Paging.PageRequest(offsetPages.pathOrUrl(), params));
      pages++;
    }
    CallLog.CALLS.info("{}.{}: {} rows to list, {} more pages, {} at a time",
        client.config().name(), table.name(), total, pages, concurrency);
  }

  private SourceClient.Page readPage(Paging.PageRequest request) {
    return client.get(request.pathOrUrl(), request.params(), table.rowsPointer(), hasPathVariable,
        cancelFlag);
  }

  private void readPagesAhead() {
    while (pagesAhead.size() < concurrency && !pagesToRead.isEmpty()) {
      Paging.PageRequest request = pagesToRead.poll();
      pagesAhead.add(new PageAhead(request, Fetches.submit(() -> readPage(request))));
    }
  }

  /**
   * The next offset page read ahead. The listing ends with the last page the count named, full or
   * not (so a total that is a multiple of the page size costs no empty page): the pages are read
   * as of the count, as offset pages always are of a listing that changes while it is read.
   */
  private boolean fetchPageAhead() {
    PageAhead next = pagesAhead.poll();
    SourceClient.Page page;
    try {
      page = Fetches.await(next.page(), client.config().name());
      if (pendingCount != null) {
        Future<Long> count = pendingCount;
        pendingCount = null;
        // Awaited even when the second page was the last: no request outlives the statement.
        long total = Fetches.await(count, client.config().name());
        if (page != null && page.rows().size() >= table.paging().maxPageSize()) {
          queueCountedPages(total);
        }
      }
    } catch (RuntimeException e) {
      stopAhead();
      throw e;
    }
    readPagesAhead();
    rows = page == null ? Collections.emptyIterator() : page.rows().iterator();
    return true;
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
    pagesAhead.forEach(p -> p.page().cancel(true));
    pagesAhead.clear();
    pagesToRead.clear();
    if (pendingCount != null) {
      pendingCount.cancel(true);
      pendingCount = null;
    }
  }

  @Override public void reset() {
    throw new UnsupportedOperationException("reset");
  }

  @Override public void close() {
    stopAhead();
    pendingPaths.clear();
    nextPage = null;
    secondOffsetPage = false;
    rows = Collections.emptyIterator();
  }
}
