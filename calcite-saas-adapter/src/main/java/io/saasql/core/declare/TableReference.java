package io.saasql.core.declare;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The reference of declared tables, as Markdown: per table its routes, paging and writes, and per
 * column its type, JSON path, what is pushed to the API and how, what a write may set, and its
 * description. The README's per-table reference is this text, so it cannot drift from the
 * declarations.
 */
public final class TableReference {
  private TableReference() {}

  /** The reference of {@code tables}, in order. */
  public static String markdown(List<RestTableDef> tables) {
    StringBuilder out = new StringBuilder();
    for (RestTableDef t : tables) {
      out.append("**").append(t.name()).append("** — `GET ").append(t.listPath()).append('`')
          .append(paging(t.paging()));
      if (t.count() != null) {
        out.append("; counted by `GET ").append(t.count().path()).append('`');
      }
      if (t.keyColumn() != null) {
        out.append("; key `").append(t.keyColumn()).append('`');
      }
      out.append(writes(t.writes())).append(".\n\n");
      out.append("| column | type | JSON | pushed to the API | INSERT / UPDATE | description |\n");
      out.append("|---|---|---|---|---|---|\n");
      for (ColumnDef c : t.columns()) {
        out.append("| `").append(c.name()).append("` | ").append(c.type()).append(" | ")
            .append(c.jsonPath().equals("@") ? "(path)" : "`" + c.jsonPath() + "`").append(" | ")
            .append(pushed(t, c)).append(" | ").append(written(t, c)).append(" | ")
            .append(c.description().replace("|", "\\|")).append(" |\n");
      }
      out.append('\n');
    }
    return out.toString();
  }

  private static String paging(Paging paging) {
    if (paging instanceof Paging.OffsetCount o) {
      return ", pages of " + o.pageSize() + " (`" + o.countParam() + "`, `" + o.offsetParam()
          + "`)";
    }
    if (paging instanceof Paging.NextLink n) {
      String size = n.pageSizeParam() == null ? "pages of up to " + n.pageSize()
          : "pages of `" + n.pageSizeParam() + "=" + n.pageSize() + "`";
      return ", " + size + (n.servedPageSize() < n.pageSize()
          ? " (served " + n.servedPageSize() + " at a time)" : "") + ", following `"
          + n.nextPointer() + "`";
    }
    return ", one request";
  }

  private static String writes(WriteSpec w) {
    if (w == null) {
      return "; read-only";
    }
    List<String> parts = new ArrayList<>();
    if (w.createPath() != null) {
      parts.add("INSERT `POST " + w.createPath() + "`" + (w.batch() == null ? ""
          : " (batches of " + w.batch().max() + ")"));
    }
    if (w.updatePath() != null && !w.updatable().isEmpty()) {
      parts.add("UPDATE `" + w.updateMethod() + " " + w.updatePath() + "`");
    }
    if (w.deletePath() != null) {
      parts.add("DELETE `DELETE " + w.deletePath() + "`");
    }
    return "; " + String.join(", ", parts) + " (" + w.format().name().toLowerCase(
        java.util.Locale.ROOT) + " bodies)";
  }

  /** What is sent to the API for predicates on the column; ⊇ where Calcite re-checks. */
  private static String pushed(RestTableDef t, ColumnDef c) {
    List<String> parts = new ArrayList<>();
    for (Pushdown p : t.pushdownsFor(c.name())) {
      if (p instanceof Pushdown.KeyLookup k) {
        String path = k.pathTemplate().replace("{}", "{value}");
        parts.add((k.maxKeys() > 1 ? "`=`, `IN` (≤ " + k.maxKeys() + ", one GET each)" : "`=`")
            + " → `GET " + path + "`" + (isText(c) ? " ⊇" : ""));
      } else if (p instanceof Pushdown.MultiValueParam m) {
        if (m.maxValues() == 0) {
          parts.add("every value asked for: " + m.defaults().stream()
              .map(v -> "`" + m.param() + "=" + v + "`").collect(Collectors.joining(" ")));
        } else {
          parts.add("`=`, `IN` (≤ " + m.maxValues() + ") → `" + m.param() + "=…`"
              + (m.exact() ? "" : " ⊇"));
        }
      } else if (p instanceof Pushdown.SingleValueParam s) {
        parts.add("`=` → `" + s.param() + "=…`");
      } else if (p instanceof Pushdown.DayRangeParams d) {
        parts.add("ranges → `" + d.sinceParam() + "`, `" + d.untilParam() + "` ⊇ (days)");
      } else if (p instanceof Pushdown.NullnessParam n) {
        parts.add("`IS NOT NULL` / `IS NULL` → `" + n.param() + "=" + n.whenNotNull() + "` / `"
            + n.whenNull() + "`");
      } else if (p instanceof Pushdown.PathVariable v) {
        String otherwise = !v.fixedValues().isEmpty()
            ? "; otherwise " + String.join(", ", v.fixedValues())
            : v.parentTable() != null
                ? "; otherwise one listing per `" + v.parentTable() + "." + v.parentColumn() + "`"
                : "";
        parts.add("`=`, `IN` → the path, one listing each" + otherwise);
      }
    }
    QueryLanguage q = t.query();
    QueryField f = q == null ? null : q.field(c.name());
    if (f != null) {
      parts.add(q.dialect().name() + " `" + f.apiField() + "`: " + operators(q, c, f.ops()));
    }
    Sorting sorting = t.sorting();
    if (sorting != null && sorting.field(c.name()) != null) {
      Sorting.Key asc = new Sorting.Key(c, sorting.field(c.name()), false, false);
      parts.add("ORDER BY → " + (sorting.renderer() == null ? "the query's ORDER BY"
          : sorting.renderer().params(List.of(asc)).stream()
              .map(p -> "`" + p.name() + "=" + p.value() + "`")
              .collect(Collectors.joining(" "))) + " (with LIMIT: one page)");
    }
    return parts.isEmpty() ? "" : String.join("; ", parts);
  }

  /**
   * The operators the translator sends for a field: negations and ranges on text only to a
   * language that compares text case-exactly; on text every clause is re-checked, elsewhere
   * negations are (an API may keep NULLs that SQL's {@code <>} drops).
   */
  private static String operators(QueryLanguage q, ColumnDef c, Set<QueryField.Op> ops) {
    boolean text = isText(c);
    Set<QueryField.Op> sent = EnumSet.copyOf(ops);
    if (text && !q.dialect().textCaseExact()) {
      sent.removeAll(EnumSet.of(QueryField.Op.NE, QueryField.Op.NOT_IN, QueryField.Op.RANGE));
    }
    List<String> names = new ArrayList<>();
    for (QueryField.Op op : sent) {
      names.add(switch (op) {
        case EQ -> "`=`";
        case NE -> text ? "`<>`" : "`<>` ⊇";
        case RANGE -> "`<` `<=` `>` `>=`";
        case IN -> "`IN`";
        case NOT_IN -> text ? "`NOT IN`" : "`NOT IN` ⊇";
        case NULL -> "`IS [NOT] NULL`";
        case STARTS_WITH -> "`LIKE 'x%'`";
        case ENDS_WITH -> "`LIKE '%x'`";
        case CONTAINS -> "`LIKE '%x%'`";
        case LIKE -> "`LIKE`";
      });
    }
    return names.isEmpty() ? "nothing" : String.join(" ", names) + (text ? " ⊇" : "");
  }

  private static String written(RestTableDef t, ColumnDef c) {
    WriteSpec w = t.writes();
    if (w == null) {
      return "";
    }
    List<String> parts = new ArrayList<>();
    String insert = w.insertable().get(c.name());
    if (insert != null) {
      parts.add((w.required().contains(c.name()) ? "INSERT (required)" : "INSERT")
          + (insert.equals(c.jsonPath()) ? "" : " as `" + insert + "`"));
    }
    String update = w.updatable().get(c.name());
    if (update != null) {
      parts.add("UPDATE" + (update.equals(c.jsonPath()) ? "" : " as `" + update + "`"));
    }
    return String.join(", ", parts);
  }

  private static boolean isText(ColumnDef c) {
    return SqlValues.family(c.type()) == SqlValues.Family.TEXT;
  }
}
