package io.saasql.core.declare;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * How a list route pages. Given the request that fetched a page and what came back, says which
 * request fetches the next page, or that there is none. Pure: no HTTP here.
 */
public sealed interface Paging {
  /**
   * The first page's request for a listing of {@code path} with the pushed parameters; when the
   * query needs at most {@code fetch} rows (not null), the page asks for no more.
   */
  PageRequest first(String path, List<Pushdown.Param> params, Long fetch);

  /**
   * The page size to ask for: the largest, or {@code fetch + 1} when the query needs fewer rows
   * (Calcite's interpreter reads one row past the LIMIT before it stops; with that row in the same
   * page, the LIMIT costs one request).
   */
  static int size(int max, Long fetch) {
    return fetch == null ? max : (int) Math.max(1, Math.min(max, fetch + 1));
  }

  /** The next page's request, or null when {@code page} was the last. */
  PageRequest next(PageRequest previous, JsonNode response, int rowsOnPage);

  /** The largest page the API serves. */
  int maxPageSize();

  /**
   * How many requests a listing of {@code rows} rows takes (at least 1: finding nothing is a
   * request too), for choosing between request plans. {@code rows} may be an estimate.
   */
  long requests(double rows);

  /** One request of a listing: a path (relative to the source's base URL) or an absolute URL. */
  record PageRequest(String pathOrUrl, List<Pushdown.Param> params) {}

  /** The whole listing comes in one response. */
  record Unpaged() implements Paging {
    @Override public PageRequest first(String path, List<Pushdown.Param> params, Long fetch) {
      return new PageRequest(path, params);
    }

    @Override public PageRequest next(PageRequest previous, JsonNode response, int rowsOnPage) {
      return null;
    }

    @Override public int maxPageSize() {
      return Integer.MAX_VALUE;
    }

    @Override public long requests(double rows) {
      return 1;
    }
  }

  /**
   * {@code offset} + {@code count} parameters (Backlog). A page shorter than {@code pageSize}
   * is the last one.
   */
  record OffsetCount(String offsetParam, String countParam, int pageSize) implements Paging {
    @Override public PageRequest first(String path, List<Pushdown.Param> params, Long fetch) {
      return at(path, params, 0, Paging.size(pageSize, fetch));
    }

    @Override public PageRequest next(PageRequest previous, JsonNode response, int rowsOnPage) {
      List<Pushdown.Param> base = new ArrayList<>();
      int offset = 0;
      int count = pageSize;
      for (Pushdown.Param p : previous.params()) {
        if (p.name().equals(offsetParam)) {
          offset = Integer.parseInt(p.value());
        } else if (p.name().equals(countParam)) {
          count = Integer.parseInt(p.value());
        } else {
          base.add(p);
        }
      }
      if (rowsOnPage < count) {
        return null;
      }
      // After a first page sized for a LIMIT, continue with full pages.
      return at(previous.pathOrUrl(), base, offset + count, pageSize);
    }

    private PageRequest at(String path, List<Pushdown.Param> params, int offset, int count) {
      List<Pushdown.Param> all = new ArrayList<>(params);
      all.add(new Pushdown.Param(countParam, Integer.toString(count)));
      all.add(new Pushdown.Param(offsetParam, Integer.toString(offset)));
      return new PageRequest(path, all);
    }

    @Override public int maxPageSize() {
      return pageSize;
    }

    /** A page shorter than the page size ends the listing: a full last page costs one more. */
    @Override public long requests(double rows) {
      return (long) Math.floor(Math.max(0, rows) / pageSize) + 1;
    }
  }

  /**
   * The response says where the next page is: an absolute URL or a path at a JSON pointer
   * ({@code /next} for Bitbucket, {@code /_links/next/href} for PingOne, {@code /nextRecordsUrl}
   * for Salesforce); no link means no more pages. The first request asks for the largest page
   * with {@code pageSizeParam} (none when null). {@code servedPageSize} is how many rows a page
   * really holds when the API caps pages below what it accepts (PingOne takes {@code limit=1000}
   * but sends at most 200 users a page); it only counts for estimates.
   */
  record NextLink(String pageSizeParam, int pageSize, String nextPointer, int servedPageSize)
      implements Paging {
    /** Pages of the size asked for. */
    public NextLink(String pageSizeParam, int pageSize, String nextPointer) {
      this(pageSizeParam, pageSize, nextPointer, pageSize);
    }

    @Override public PageRequest first(String path, List<Pushdown.Param> params, Long fetch) {
      List<Pushdown.Param> all = new ArrayList<>(params);
      if (pageSizeParam != null) {
        all.add(new Pushdown.Param(pageSizeParam, Integer.toString(Paging.size(pageSize, fetch))));
      }
      return new PageRequest(path, all);
    }

    @Override public PageRequest next(PageRequest previous, JsonNode response, int rowsOnPage) {
      JsonNode link = response.at(com.fasterxml.jackson.core.JsonPointer.compile(nextPointer));
      if (link == null || !link.isTextual() || link.asText().isEmpty() || rowsOnPage == 0) {
        return null;
      }
      return new PageRequest(link.asText(), List.of());
    }

    @Override public int maxPageSize() {
      return pageSize;
    }

    @Override public long requests(double rows) {
      return Math.max(1, (long) Math.ceil(rows / Math.min(pageSize, servedPageSize)));
    }
  }
}
