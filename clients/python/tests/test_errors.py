"""Each SQL state the server sends reaches Python as the DB-API exception it calls for; no
answer carries a server stack trace; the protocol details other clients trip on; TLS and BASIC
authentication."""

import json
import os
import urllib.error
import urllib.request
import uuid

import pytest

import saasql
from conftest import SERVER


@pytest.mark.parametrize("sql, state, cls", [
    ("SELECT * FROM backlog.NoSuchTable", "42S02", saasql.ProgrammingError),
    ("SELECT NoSuchColumn FROM backlog.Issues", "42S22", saasql.ProgrammingError),
    ("SELEC 1", "42000", saasql.ProgrammingError),
    ("SELECT 1/0", "22012", saasql.DataError),
])
def test_sql_errors(conn, sql, state, cls):
    with pytest.raises(cls) as e:
        conn.cursor().execute(sql)
    assert e.value.sqlstate == state
    assert "\tat " not in e.value.message and "Was expecting" not in e.value.message


def test_credentials_refused_by_the_api(conn, sandboxes):
    sandboxes.fault("backlog", "fail", count=1, status=401)
    with pytest.raises(saasql.OperationalError, match="HTTP 401") as e:
        conn.cursor().execute("SELECT Summary FROM backlog.Issues WHERE Id = 5")
    assert e.value.sqlstate == "08004"


def test_rate_limit_exhausted(conn, sandboxes):
    # The API asks to wait longer than the source's maxRetryWaitSeconds (5).
    sandboxes.fault("backlog", "rateLimit", count=1, retryAfter=60)
    with pytest.raises(saasql.OperationalError, match="Rate limit") as e:
        conn.cursor().execute("SELECT Summary FROM backlog.Issues WHERE Id = 5")
    assert e.value.sqlstate == "53400"


def test_query_timeout(sandboxes):
    sandboxes.fault("backlog", "latency", ms=700)
    with saasql.connect(SERVER, queryTimeout=1) as conn:
        with pytest.raises(saasql.OperationalError, match="query timeout of 1 s") as e:
            # COUNT(Summary) reads every page (COUNT(*) is one GET /issues/count).
            conn.cursor().execute("SELECT COUNT(Summary) FROM backlog.Issues")
    assert e.value.sqlstate == "57014"


def test_the_apis_validation_error(conn):
    cur = conn.cursor()
    with pytest.raises(saasql.IntegrityError, match="No such issue type") as e:
        cur.execute("INSERT INTO backlog.Issues (ProjectId, IssueTypeId, PriorityId, Summary)"
                    " VALUES (1, 99, 3, 'Wrong issue type')")
    assert e.value.sqlstate == "23000"
    with pytest.raises(saasql.IntegrityError, match="Summary is required") as e:
        cur.execute("INSERT INTO backlog.Issues (ProjectId, IssueTypeId, PriorityId, Summary)"
                    " VALUES (?, ?, ?, ?)", (1, 11, 3, None))
    assert e.value.sqlstate == "23502"


def test_a_failing_service_is_a_general_database_error(conn, sandboxes):
    sandboxes.fault("backlog", "fail", count=1, status=400)
    with pytest.raises(saasql.DatabaseError) as e:
        conn.cursor().execute("SELECT Summary FROM backlog.Issues WHERE Id = 5")
    assert type(e.value) is saasql.DatabaseError and e.value.sqlstate == "HY000"


def _post(body):
    request = urllib.request.Request(SERVER, data=body, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()


def _json(request):
    return _post(json.dumps(request).encode("utf-8"))


def test_no_answer_carries_a_stack_trace():
    for garbage in (b"\x0a\x05hello\xff\xff\x00", b"{not json", b"\x00\x01\x02"):
        status, body = _post(garbage)
        assert status == 400
        assert b"\tat " not in body and b"<html" not in body.lower()
    connection = str(uuid.uuid4())
    _json({"request": "openConnection", "connectionId": connection, "info": {}})
    statement = json.loads(_json({"request": "createStatement",
                                  "connectionId": connection})[1])["statementId"]
    status, body = _json({"request": "prepareAndExecute", "connectionId": connection,
                          "statementId": statement, "sql": "SELECT 1/0", "maxRowsTotal": -1,
                          "maxRowsInFirstFrame": 10})
    assert status == 500
    answer = json.loads(body)
    assert answer["response"] == "error" and answer["sqlState"] == "22012"
    assert b"\tat " not in body and b"<html" not in body.lower()
    _json({"request": "closeConnection", "connectionId": connection})


def test_sql_text_on_a_prepared_statement_runs():
    connection = str(uuid.uuid4())
    _json({"request": "openConnection", "connectionId": connection, "info": {}})
    prepared = json.loads(_json({"request": "prepare", "connectionId": connection,
                                 "sql": "SELECT Id FROM backlog.Issues WHERE Id = ?",
                                 "maxRowCount": -1})[1])["statement"]
    status, body = _json({"request": "prepareAndExecute", "connectionId": connection,
                          "statementId": prepared["id"], "sql": "SELECT 42 AS x",
                          "maxRowsTotal": -1, "maxRowsInFirstFrame": 10})
    assert status == 200, body
    assert json.loads(body)["results"][0]["firstFrame"]["rows"] == [[42]]
    _json({"request": "closeConnection", "connectionId": connection})


TLS_URL = os.environ.get("SAASQL_TLS_URL")


def test_https_and_basic_authentication():
    user, password = os.environ["SAASQL_TLS_USER"], os.environ["SAASQL_TLS_PASSWORD"]
    cafile = os.environ["SAASQL_TLS_CAFILE"]
    with saasql.connect(TLS_URL, user=user, password=password, cafile=cafile) as conn:
        cur = conn.cursor()
        cur.execute("SELECT IssueKey FROM backlog.Issues WHERE Id = ?", (13,))
        assert cur.fetchall() == [("SALES-7",)]
    with pytest.raises(saasql.OperationalError, match="refused the credentials"):
        saasql.connect(TLS_URL, user=user, password="wrong", cafile=cafile)
    with pytest.raises(saasql.OperationalError, match="TLS"):
        saasql.connect(TLS_URL, user=user, password=password)  # untrusted certificate

    from sqlalchemy import create_engine, text
    host_port = TLS_URL.split("://", 1)[1].rstrip("/")
    engine = create_engine("saasql://%s:%s@%s/?https=true&cafile=%s"
                           % (user, password, host_port, cafile))
    with engine.connect() as c:
        assert c.execute(text("SELECT IssueKey FROM backlog.Issues WHERE Id = 13")).scalar() \
            == "SALES-7"
    engine.dispose()
