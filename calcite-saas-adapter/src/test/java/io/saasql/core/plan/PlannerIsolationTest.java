package io.saasql.core.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.saasql.testing.TestSources;

import org.apache.calcite.adapter.enumerable.EnumerableRules;
import org.apache.calcite.adapter.java.AbstractQueryableTable;
import org.apache.calcite.adapter.java.ReflectiveSchema;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.linq4j.QueryProvider;
import org.apache.calcite.linq4j.Queryable;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.prepare.Prepare;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.TableModify;
import org.apache.calcite.rel.logical.LogicalTableModify;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.runtime.Hook;
import org.apache.calcite.schema.ModifiableTable;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.sql.type.SqlTypeName;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;

/**
 * Our rules reach only the planners of queries over REST tables: a plain Calcite connection in
 * the same JVM, opened after a saasql one has planned reads and writes, still plans INSERT with
 * Calcite's own table-modify rule and sees none of ours.
 */
class PlannerIsolationTest {
  /** Departments for the reflective schema. */
  public static final class Hr {
    public final Dept[] depts = {new Dept(10, "Sales"), new Dept(20, "Marketing")};
  }

  /** A department. */
  public static final class Dept {
    public final int deptno;
    public final String name;

    Dept(int deptno, String name) {
      this.deptno = deptno;
      this.name = name;
    }
  }

  /** An in-memory table Calcite can insert into. */
  static final class Names extends AbstractQueryableTable implements ModifiableTable {
    final List<Object[]> rows = new ArrayList<>();

    Names() {
      super(Object[].class);
    }

    @Override public RelDataType getRowType(RelDataTypeFactory f) {
      return f.builder().add("deptno", SqlTypeName.INTEGER).add("name", SqlTypeName.VARCHAR)
          .build();
    }

    @Override public Collection<Object[]> getModifiableCollection() {
      return rows;
    }

    @Override public <T> Queryable<T> asQueryable(QueryProvider provider, SchemaPlus schema,
        String tableName) {
      @SuppressWarnings("unchecked")
      Queryable<T> q = (Queryable<T>) Linq4j.asEnumerable(rows).asQueryable();
      return q;
    }

    @Override public TableModify toModificationRel(RelOptCluster cluster, RelOptTable table,
        Prepare.CatalogReader catalogReader, RelNode child, TableModify.Operation operation,
        List<String> updateColumnList, List<RexNode> sourceExpressionList, boolean flattened) {
      return LogicalTableModify.create(table, catalogReader, child, operation, updateColumnList,
          sourceExpressionList, flattened);
    }
  }

  private static boolean ours(RelOptRule rule) {
    return rule.getClass().getName().startsWith("io.saasql.");
  }

  @Test void aPlainConnectionKeepsCalcitesRules() throws Exception {
    List<RelOptPlanner> planners = new ArrayList<>();
    try (Hook.Closeable hook = Hook.PLANNER.addThread((Consumer<RelOptPlanner>) planners::add);
         Connection saasql = TestSources.connect(TestSources.backlogModel())) {
      TestSources.rows(saasql, "SELECT Id FROM backlog.Issues WHERE Id = 1");
      assertThat(planners).isNotEmpty();
      assertThat(planners).anySatisfy(p -> assertThat(p.getRules())
          .anyMatch(PlannerIsolationTest::ours)
          .doesNotContain(EnumerableRules.ENUMERABLE_TABLE_MODIFICATION_RULE));
      planners.clear();

      Names names = new Names();
      try (Connection plain = DriverManager.getConnection("jdbc:calcite:")) {
        SchemaPlus root = plain.unwrap(CalciteConnection.class).getRootSchema();
        root.add("hr", new ReflectiveSchema(new Hr()));
        root.add("names", names);
        try (Statement s = plain.createStatement()) {
          String insert = "INSERT INTO \"names\" SELECT \"deptno\", \"name\" FROM \"hr\".\"depts\"";
          try (ResultSet rs = s.executeQuery("EXPLAIN PLAN FOR " + insert)) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).startsWith("EnumerableTableModify(table=[[names]]");
          }
          assertThat(s.executeUpdate(insert)).isEqualTo(2);
        }
      }
      assertThat(names.rows).extracting(r -> r[1]).containsExactly("Sales", "Marketing");
      assertThat(planners).isNotEmpty().allSatisfy(p -> assertThat(p.getRules())
          .contains(EnumerableRules.ENUMERABLE_TABLE_MODIFICATION_RULE)
          .noneMatch(PlannerIsolationTest::ours));
    }
  }
}
