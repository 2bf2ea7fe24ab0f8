package io.saasql.sandbox.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class DemoPostgresTest {

  @Test
  void startsOncePerJvm() {
    DemoPostgres first = DemoPostgres.shared();
    assertThat(DemoPostgres.shared()).isSameAs(first);
    assertThat(first.jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:" + first.port() + "/saasql_demo");
    System.out.println("DemoPostgres start + seed: " + first.startupTime().toMillis() + " ms");
  }

  @Test
  void urlUserAndPasswordConnect() throws SQLException {
    DemoPostgres pg = DemoPostgres.shared();
    try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password())) {
      assertThat(scalar(c, "select current_database()")).isEqualTo("saasql_demo");
    }
  }

  @Test
  void seedHasHerokuConnectTables() throws SQLException {
    try (Connection c = DemoPostgres.shared().dataSource().getConnection()) {
      assertThat(scalar(c, "select count(*) from salesforce.account")).isEqualTo("40");
      assertThat(scalar(c, "select count(*) from salesforce.contact")).isEqualTo("150");
      assertThat(scalar(c, "select count(*) from salesforce._trigger_log")).isEqualTo("4");
      assertThat(scalar(c, "select count(*) from salesforce._trigger_log_archive")).isEqualTo("6");
      assertThat(column(c, "select indexname from pg_indexes where schemaname = 'salesforce'"
          + " and indexdef like '%systemmodstamp%' order by 1"))
          .containsExactly("hc_idx_account_systemmodstamp", "hc_idx_contact_systemmodstamp");
    }
  }

  @Test
  void contactsPointAtExistingAccounts() throws SQLException {
    try (Connection c = DemoPostgres.shared().dataSource().getConnection()) {
      assertThat(scalar(c, "select count(*) from salesforce.contact ct"
          + " where not exists (select 1 from salesforce.account a where a.sfid = ct.accountid)")).isEqualTo("0");
      assertThat(scalar(c, "select count(*) from salesforce.contact where accountid is null")).isEqualTo("0");
      // Every synced account has contacts; the one pending insert has no sfid yet.
      assertThat(scalar(c, "select count(*) from salesforce.account a where a.sfid is not null"
          + " and not exists (select 1 from salesforce.contact ct where ct.accountid = a.sfid)")).isEqualTo("0");
      assertThat(column(c, "select name from salesforce.account where sfid is null"))
          .containsExactly("Nimbus Education");
    }
  }

  @Test
  void sfidsLookLikeSalesforceIds() throws SQLException {
    try (Connection c = DemoPostgres.shared().dataSource().getConnection()) {
      assertThat(scalar(c, "select count(*) from salesforce.account where sfid !~ '^001[0-9A-Za-z]{15}$'"))
          .isEqualTo("0");
      assertThat(scalar(c, "select count(*) from salesforce.contact where sfid !~ '^003[0-9A-Za-z]{15}$'"))
          .isEqualTo("0");
      assertThat(scalar(c, "select count(*) from salesforce.contact"
          + " where email !~ '^[a-z]+\\.[a-z]+@example\\.com$'")).isEqualTo("0");
      assertThat(scalar(c, "select count(*) from salesforce.contact where email is not null")).isEqualTo("120");
    }
  }

  @Test
  void someAccountsOwnBacklogProjects() throws SQLException {
    Map<String, String> owners = new TreeMap<>();
    try (Connection c = DemoPostgres.shared().dataSource().getConnection();
         Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("select backlog_project_id__c, count(*) from salesforce.account"
             + " where backlog_project_id__c is not null group by 1")) {
      while (rs.next()) {
        owners.put(rs.getString(1), rs.getString(2));
      }
    }
    assertThat(owners).containsExactlyEntriesOf(new TreeMap<>(Map.of("1", "3", "2", "2", "3", "1", "4", "1")));
  }

  @Test
  void textIsUtf8AndQuotesSurvive() throws SQLException {
    try (Connection c = DemoPostgres.shared().dataSource().getConnection()) {
      assertThat(column(c, "select name from salesforce.account where name like 'M_ller%' or name like 'O''%'"
          + " order by name")).containsExactly("Müller Maschinenbau GmbH", "O'Reilly Freight");
    }
  }

  @Test
  void writesAreCapturedInTheTriggerLog() throws SQLException {
    try (Connection c = DemoPostgres.shared().dataSource().getConnection()) {
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        s.executeUpdate("update salesforce.account set numberofemployees = 99 where name = 'Aperture Labs'");
        assertThat(column(c, "select state || ' ' || action || ' ' || table_name from salesforce._trigger_log"
            + " where id > 4")).containsExactly("NEW UPDATE account");
        assertThat(scalar(c, "select _hc_lastop from salesforce.account where name = 'Aperture Labs'"))
            .isEqualTo("PENDING");
      } finally {
        c.rollback();
      }
    }
  }

  private static String scalar(Connection c, String sql) throws SQLException {
    List<String> values = column(c, sql);
    assertThat(values).hasSize(1);
    return values.get(0);
  }

  private static List<String> column(Connection c, String sql) throws SQLException {
    List<String> values = new ArrayList<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        values.add(rs.getString(1));
      }
    }
    return values;
  }
}
