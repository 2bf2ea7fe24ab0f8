"""The DB-API 2.0 driver against a real ``saasql serve``: what it returns, and which API calls
each statement made (the sandboxes' request logs)."""

import datetime
import decimal
import warnings

import pytest

import saasql
from conftest import BACKLOG


def test_module_follows_pep_249():
    assert saasql.apilevel == "2.0"
    assert saasql.paramstyle == "qmark"
    assert saasql.threadsafety == 1
    assert issubclass(saasql.ProgrammingError, saasql.DatabaseError)
    assert issubclass(saasql.DatabaseError, saasql.Error)
    assert issubclass(saasql.InterfaceError, saasql.Error)
    assert saasql.Timestamp(2025, 1, 2) == datetime.datetime(2025, 1, 2)


def test_a_bound_point_lookup_is_one_get(conn, sandboxes):
    cur = conn.cursor()
    cur.execute("SELECT Id, IssueKey, Summary, Created, EstimatedHours FROM backlog.Issues"
                " WHERE Id = ?", (13,))
    assert [d[0] for d in cur.description] == ["Id", "IssueKey", "Summary", "Created",
                                               "EstimatedHours"]
    types = [d[1] for d in cur.description]
    assert types[0] == saasql.NUMBER and types[1] == saasql.STRING
    assert types[3] == saasql.DATETIME and types[4] == saasql.NUMBER
    assert cur.rowcount == -1
    row = cur.fetchone()
    assert row[:3] == (13, "SALES-7", 'Fix "quoted" path C:\\temp')
    assert isinstance(row[3], datetime.datetime)
    assert cur.fetchone() is None
    assert sandboxes.requests("backlog") == [f"GET {BACKLOG}/issues/13"]


def test_a_string_for_an_integer_parameter_is_converted(conn, sandboxes):
    cur = conn.cursor()
    cur.execute("SELECT Id FROM backlog.Issues WHERE Id = ?", ("42",))
    assert cur.fetchall() == [(42,)]
    with pytest.raises(saasql.ProgrammingError, match="cannot be sent as INTEGER"):
        cur.execute("SELECT Id FROM backlog.Issues WHERE Id = ?", ("forty-two",))
    assert sandboxes.requests("backlog") == [f"GET {BACKLOG}/issues/42"]


def test_fetchmany_iteration_and_frames(conn, sandboxes):
    cur = conn.cursor()
    cur.arraysize = 3
    cur.execute("SELECT Id FROM backlog.Issues WHERE ProjectId = ? ORDER BY Id", (2,))
    first = cur.fetchmany()
    assert len(first) == 3
    rest = list(cur)
    assert len(rest) > 100
    assert [r[0] for r in first + rest] == sorted(r[0] for r in first + rest)
    # Every page asks for project 2 only: the parameter went to the API.
    assert all("projectId[]=2" in r for r in sandboxes.requests("backlog"))


def test_every_issue_streams_in_pages(conn, sandboxes):
    cur = conn.cursor()
    cur.execute("SELECT Id, Summary FROM backlog.Issues")
    rows = cur.fetchall()
    assert len(rows) == 2650
    # 27 pages of 100, and the count that lets the pages after the second be read 4 at a time
    requests = sandboxes.requests("backlog")
    assert len(requests) == 28
    assert sum(r.startswith("GET /api/v2/issues/count") for r in requests) == 1


def test_types_come_back_as_python_values(conn):
    cur = conn.cursor()
    cur.execute("SELECT CAST(? AS TIMESTAMP), CAST(? AS DATE), CAST(? AS DECIMAL(10, 2)),"
                " CAST(1.5 AS REAL), CAST(? AS DOUBLE), TRUE, CAST(NULL AS INTEGER)",
                (datetime.datetime(2025, 3, 4, 5, 6, 7, 890000), datetime.date(2024, 2, 29),
                 decimal.Decimal("12.34"), 0.1))
    assert cur.fetchone() == (datetime.datetime(2025, 3, 4, 5, 6, 7, 890000),
                              datetime.date(2024, 2, 29), decimal.Decimal("12.34"), 1.5, 0.1,
                              True, None)
    assert [d[1] for d in cur.description] == ["TIMESTAMP", "DATE", "DECIMAL", "REAL", "DOUBLE",
                                               "BOOLEAN", "INTEGER"]


def test_a_timestamp_parameter_filters_as_the_literal_does(conn):
    cur = conn.cursor()
    cur.execute("SELECT COUNT(*) FROM backlog.Issues WHERE Created >= ?",
                (datetime.datetime(2025, 1, 1),))
    bound = cur.fetchone()[0]
    cur.execute("SELECT COUNT(*) FROM backlog.Issues"
                " WHERE Created >= TIMESTAMP '2025-01-01 00:00:00'")
    assert bound == cur.fetchone()[0] > 0


def test_unbound_sql_after_a_bound_execute_on_one_cursor(conn):
    cur = conn.cursor()
    cur.execute("SELECT Id FROM backlog.Issues WHERE Id = ?", (7,))
    assert cur.fetchall() == [(7,)]
    cur.execute("SELECT Id FROM backlog.Issues WHERE Id = 8")
    assert cur.fetchall() == [(8,)]
    cur.execute("SELECT Id FROM backlog.Issues WHERE Id = ?", (9,))
    assert cur.fetchall() == [(9,)]


def _writes(sandboxes, source):
    return [r for r in sandboxes.recorded(source) if r["method"] != "GET"]


def test_insert_update_delete_are_one_call_each_and_the_key_comes_back(conn, sandboxes):
    cur = conn.cursor()
    cur.execute("INSERT INTO backlog.Issues (ProjectId, IssueTypeId, PriorityId, Summary)"
                " VALUES (?, ?, ?, ?)", (1, 11, 3, "Written through DB-API"))
    assert cur.rowcount == 1
    new_id = cur.lastrowid
    assert isinstance(new_id, int) and new_id > 2650
    assert sandboxes.requests("backlog") == [f"POST {BACKLOG}/issues"]
    assert conn.last_insert_keys() == [(1, new_id)]
    conn.commit()

    sandboxes.reset()
    cur.execute("UPDATE backlog.Issues SET Summary = ? WHERE Id = ?", ("Renamed", new_id))
    assert cur.rowcount == 1
    assert sandboxes.requests("backlog") == [f"PATCH {BACKLOG}/issues/{new_id}"]

    sandboxes.reset()
    cur.execute("DELETE FROM backlog.Issues WHERE Id = ?", (new_id,))
    assert cur.rowcount == 1
    assert sandboxes.requests("backlog") == [f"DELETE {BACKLOG}/issues/{new_id}"]
    cur.execute("DELETE FROM backlog.Issues WHERE Id = ?", (new_id,))
    assert cur.rowcount == 0
    conn.commit()


def test_null_for_a_column_the_api_computes_is_left_out(conn, sandboxes):
    cur = conn.cursor()
    cur.execute("INSERT INTO backlog.Issues (ProjectId, IssueTypeId, PriorityId, Summary,"
                " StatusName, IssueKey, Created) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (1, 11, 3, "Generated columns left out", None, None, None))
    new_id = cur.lastrowid
    [post] = _writes(sandboxes, "backlog")
    assert "summary=Generated" in post["body"]
    assert "status" not in post["body"].lower() and "created" not in post["body"].lower()
    sandboxes.reset()
    cur.execute("UPDATE backlog.Issues SET Summary = ?, StatusName = NULL WHERE Id = ?",
                ("Still left out", new_id))
    [patch] = _writes(sandboxes, "backlog")
    assert patch["body"].startswith("summary=Still") and "&" not in patch["body"]
    sandboxes.reset()
    # A value for such a column is refused before any call.
    with pytest.raises(saasql.ProgrammingError, match="cannot be set by INSERT") as e:
        cur.execute("INSERT INTO backlog.Issues (ProjectId, IssueTypeId, PriorityId, Summary,"
                    " StatusName) VALUES (?, ?, ?, ?, ?)", (1, 11, 3, "x", "Open"))
    assert e.value.sqlstate == "42000"
    with pytest.raises(saasql.ProgrammingError, match="cannot be updated"):
        cur.execute("UPDATE backlog.Issues SET StatusName = ? WHERE Id = ?", ("Open", new_id))
    assert _writes(sandboxes, "backlog") == []
    cur.execute("DELETE FROM backlog.Issues WHERE Id = ?", (new_id,))
    conn.commit()


def test_executemany_of_450_contacts_is_3_collection_calls(conn, sandboxes):
    cur = conn.cursor()
    cur.execute("SELECT COUNT(*) FROM salesforce.Contact WHERE LastName = 'Batch-from-Python'")
    assert cur.fetchone() == (0,)
    sandboxes.reset()
    rows = [("Batch-from-Python", "Contact %d" % i, "batch%d@example.com" % i)
            for i in range(450)]
    cur.executemany("INSERT INTO salesforce.Contact (LastName, FirstName, Email)"
                    " VALUES (?, ?, ?)", rows)
    assert cur.rowcount == 450
    calls = sandboxes.recorded("salesforce")
    assert [(c["method"], c["path"].rsplit("/", 2)[-2:]) for c in calls] == \
        [("POST", ["composite", "sobjects"])] * 3
    keys = conn.last_insert_keys()
    assert [k[0] for k in keys] == list(range(1, 451))
    assert all(isinstance(k[1], str) and k[1].startswith("003") for k in keys)
    conn.commit()
    cur.execute("SELECT COUNT(*) FROM salesforce.Contact WHERE LastName = 'Batch-from-Python'")
    assert cur.fetchone() == (450,)


def test_rollback_after_reads_never_fails(conn):
    cur = conn.cursor()
    cur.execute("SELECT COUNT(*) FROM backlog.Issues WHERE Id = 1")
    cur.fetchall()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        conn.rollback()
        conn.rollback()
        conn.commit()


def test_rollback_after_a_saas_write_warns_and_undoes_nothing(conn, sandboxes):
    cur = conn.cursor()
    cur.execute("INSERT INTO backlog.Issues (ProjectId, IssueTypeId, PriorityId, Summary)"
                " VALUES (1, 11, 3, 'Not undone by rollback')")
    new_id = cur.lastrowid
    with pytest.warns(saasql.RollbackWarning, match=r"1 in backlog\.Issues"):
        conn.rollback()
    cur.execute("SELECT Summary FROM backlog.Issues WHERE Id = ?", (new_id,))
    assert cur.fetchall() == [("Not undone by rollback",)]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        conn.rollback()  # nothing written since: silent
    cur.execute("DELETE FROM backlog.Issues WHERE Id = ?", (new_id,))
    conn.commit()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        conn.rollback()  # committed: silent


def test_closed_cursor_and_connection_are_interface_errors(conn):
    cur = conn.cursor()
    cur.close()
    with pytest.raises(saasql.InterfaceError):
        cur.execute("SELECT 1")
    other = saasql.connect(conn.url)
    other.close()
    with pytest.raises(saasql.InterfaceError):
        other.cursor()


def test_parameters_are_a_sequence(conn):
    cur = conn.cursor()
    with pytest.raises(saasql.ProgrammingError, match="sequence"):
        cur.execute("SELECT Id FROM backlog.Issues WHERE Id = ?", {"id": 1})
    with pytest.raises(saasql.ProgrammingError, match="1 parameter"):
        cur.execute("SELECT Id FROM backlog.Issues WHERE Id = ?", (1, 2))
