"""DB-API 2.0 connection and cursor for ``saasql serve`` (Avatica's protocol, JSON)."""

import collections
import re
import uuid
import warnings

from . import exceptions
from .exceptions import (DatabaseError, DataError, Error, IntegrityError, InterfaceError,
                         InternalError, NotSupportedError, OperationalError, ProgrammingError,
                         RollbackWarning, Warning)
from .transport import Transport
from .types import parameter, reader

_INSERT = re.compile(r"^\s*(?:(?:--[^\n]*\n|/\*.*?\*/)\s*)*(?:INSERT|UPSERT)\b",
                     re.IGNORECASE | re.DOTALL)
_ROLLBACK_REFUSED = "25000"
_FREE_PER_SQL = 4
_FREE_TOTAL = 64
_UNSET = object()

# A prepared statement's handle may be used again for the same SQL on the same connection:
# the server keeps it until it is closed (or idle past --idle-statement-timeout).


class Connection:
    """A connection to ``saasql serve``; see :func:`saasql.connect`.

    Transactions: SaaS APIs have none. Every statement is committed when it returns (the API
    applied its writes, and Postgres writes run in auto-commit too). ``commit()`` confirms
    that; ``rollback()`` undoes nothing and never raises for it — after writes to a SaaS
    source it issues a :class:`RollbackWarning` that names them, so the program neither
    believes they were undone nor loses the exception it is handling.
    """

    Warning = Warning
    Error = Error
    InterfaceError = InterfaceError
    DatabaseError = DatabaseError
    DataError = DataError
    OperationalError = OperationalError
    IntegrityError = IntegrityError
    InternalError = InternalError
    ProgrammingError = ProgrammingError
    NotSupportedError = NotSupportedError

    def __init__(self, url, user=None, password=None, timeout=300.0, verify=True, cafile=None,
                 properties=None):
        self._transport = Transport(url, user, password, timeout, verify, cafile)
        self._id = str(uuid.uuid4())
        self._closed = False
        self._free_prepared = {}
        self._free_plain = []
        self._wrote = False
        self._insert_generation = 0
        info = {str(k): str(v) for k, v in (properties or {}).items()}
        try:
            self._call({"request": "openConnection", "connectionId": self._id, "info": info})
        except Error:
            self._transport.close()
            raise

    @property
    def url(self):
        """The server's URL (without credentials)."""
        return self._transport.url

    @property
    def closed(self):
        return self._closed

    def _call(self, request):
        return self._transport.call(request)

    def _check_open(self):
        if self._closed:
            raise InterfaceError("saasql: the connection is closed")

    def cursor(self):
        self._check_open()
        return Cursor(self)

    def commit(self):
        """Confirms the statements run since the last commit; they are applied already."""
        self._check_open()
        if self._wrote:
            self._call({"request": "commit", "connectionId": self._id})
            self._wrote = False

    def rollback(self):
        """Ends the transaction. Undoes nothing written to a SaaS API (see the class)."""
        self._check_open()
        if not self._wrote:
            return  # nothing was written: nothing to say, no round trip
        self._wrote = False
        try:
            self._call({"request": "rollback", "connectionId": self._id})
        except OperationalError as e:
            if e.sqlstate != _ROLLBACK_REFUSED:
                raise
            warnings.warn(e.message, RollbackWarning, stacklevel=2)

    def close(self):
        if self._closed:
            return
        self._closed = True
        try:
            self._call({"request": "closeConnection", "connectionId": self._id})
        except Error:
            pass  # the server forgets idle connections on its own
        finally:
            self._transport.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def __del__(self):
        if not getattr(self, "_closed", True):
            try:
                self.close()
            except Exception:  # noqa: BLE001 - never raise from a finalizer
                pass

    # Statements kept for reuse.

    def _prepare(self, sql):
        free = self._free_prepared.get(sql)
        if free:
            return free.pop()
        response = self._call({"request": "prepare", "connectionId": self._id, "sql": sql,
                               "maxRowCount": -1})
        return response["statement"]

    def _release_prepared(self, sql, handle):
        free = self._free_prepared.setdefault(sql, [])
        if not self._closed and len(free) < _FREE_PER_SQL \
                and sum(map(len, self._free_prepared.values())) < _FREE_TOTAL:
            free.append(handle)
        else:
            self._close_statement(handle["id"])

    def _plain_statement(self):
        if self._free_plain:
            return self._free_plain.pop()
        response = self._call({"request": "createStatement", "connectionId": self._id})
        return response["statementId"]

    def _release_plain(self, statement_id):
        if not self._closed and len(self._free_plain) < _FREE_PER_SQL:
            self._free_plain.append(statement_id)
        else:
            self._close_statement(statement_id)

    def _close_statement(self, statement_id):
        if self._closed:
            return
        try:
            self._call({"request": "closeStatement", "connectionId": self._id,
                        "statementId": statement_id})
        except Error:
            pass

    # What the server knows beyond the DB-API.

    def last_insert_keys(self):
        """The keys the last INSERT into a SaaS table on this connection created, as a list
        of ``(row_number, key)`` (row numbers from 1, in the statement's order; numeric keys
        as ``int``), from the server's ``saasql.LAST_INSERT_KEYS``."""
        cursor = self.cursor()
        try:
            cursor.execute('SELECT STATEMENT_ROW, KEY_VALUE FROM "saasql"."LAST_INSERT_KEYS"'
                           ' ORDER BY STATEMENT_ROW')
            return [(row, _key(value)) for row, value in cursor.fetchall()]
        finally:
            cursor.close()

    def default_schema(self):
        """The schema unqualified names resolve in (the model's default schema)."""
        self._check_open()
        response = self._call({"request": "connectionSync", "connectionId": self._id,
                               "connProps": {"connProps": "connPropsImpl", "dirty": False}})
        return (response.get("connProps") or {}).get("schema")

    def get_schemas(self):
        """Schema names, as ``DatabaseMetaData.getSchemas`` lists them."""
        return [row[0] for row in self._metadata({"request": "getSchemas"})]

    def get_tables(self, schema=None, table=None, types=None):
        """``(schema, table, type)`` of the tables (``types`` e.g. ``["TABLE", "VIEW"]``)."""
        rows = self._metadata({"request": "getTables", "schemaPattern": schema,
                               "tableNamePattern": table, "typeList": types})
        return [(r[1], r[2], r[3]) for r in rows
                if (schema is None or r[1] == schema) and (table is None or r[2] == table)]

    def get_columns(self, schema, table):
        """The columns of a table as dicts with JDBC's ``getColumns`` names (``COLUMN_NAME``,
        ``DATA_TYPE``, ``TYPE_NAME``, ``NULLABLE``, ``IS_AUTOINCREMENT``,
        ``IS_GENERATEDCOLUMN`` ...), in order."""
        cursor = self.cursor()
        try:
            cursor._metadata({"request": "getColumns", "schemaPattern": schema,
                              "tableNamePattern": table, "columnNamePattern": None})
            names = [d[0] for d in cursor.description]
            columns = [dict(zip(names, row)) for row in cursor.fetchall()]
        finally:
            cursor.close()
        return [c for c in columns if c["TABLE_SCHEM"] == schema and c["TABLE_NAME"] == table]

    def get_primary_keys(self, schema, table):
        """The key columns of a SaaS table, from the server's ``saasql.PRIMARY_KEYS`` (Avatica's
        protocol has no call for ``getPrimaryKeys``): ``[(column, key_seq, pk_name)]``."""
        cursor = self.cursor()
        try:
            cursor.execute('SELECT COLUMN_NAME, KEY_SEQ, PK_NAME FROM "saasql"."PRIMARY_KEYS"'
                           " WHERE TABLE_SCHEM = ? AND TABLE_NAME = ? ORDER BY KEY_SEQ",
                           (schema, table))
            return [tuple(r) for r in cursor.fetchall()]
        finally:
            cursor.close()

    def _metadata(self, request):
        cursor = self.cursor()
        try:
            cursor._metadata(request)
            return cursor.fetchall()
        finally:
            cursor.close()


def _key(value):
    return int(value) if isinstance(value, str) and value.isdigit() else value


class Cursor:
    """A DB-API 2.0 cursor. ``description`` type codes are the server's type names
    (``'INTEGER'``, ``'VARCHAR'``, ``'TIMESTAMP'`` ...), equal to the module's type objects."""

    def __init__(self, connection):
        self.connection = connection
        self.arraysize = 1
        self.fetch_size = 1000
        self.description = None
        self.rowcount = -1
        self._closed = False
        self._plain = None
        self._held = None  # (sql, handle) of the prepared statement this cursor uses
        self._rows = collections.deque()
        self._readers = None
        self._result_statement = None
        self._offset = 0
        self._done = True
        self._insert_generation = None
        self._lastrowid = _UNSET

    # DB-API

    @property
    def lastrowid(self):
        """The key the API gave the last row of this cursor's last INSERT into a SaaS table
        (an ``int`` when numeric), or None. Read from the server when first asked, and only
        while no other INSERT ran on the connection."""
        if self._insert_generation is None:
            return None
        if self._lastrowid is _UNSET:
            if self._insert_generation != self.connection._insert_generation:
                return None
            keys = self.connection.last_insert_keys()
            self._lastrowid = keys[-1][1] if keys else None
        return self._lastrowid

    def setinputsizes(self, sizes):
        pass

    def setoutputsize(self, size, column=None):
        pass

    def close(self):
        if self._closed:
            return
        self._closed = True
        self._rows.clear()
        self._done = True
        if self.connection.closed:
            return
        if self._held is not None:
            self.connection._release_prepared(*self._held)
            self._held = None
        if self._plain is not None:
            self.connection._release_plain(self._plain)
            self._plain = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def __iter__(self):
        return self

    def __next__(self):
        row = self.fetchone()
        if row is None:
            raise StopIteration
        return row

    def execute(self, operation, parameters=None):
        """Runs one statement; ``?`` marks each parameter (paramstyle ``qmark``), converted to
        the type the server declares for it."""
        self._start()
        if not parameters:
            statement = self._plain_statement()
            response = self.connection._call({
                "request": "prepareAndExecute", "connectionId": self.connection._id,
                "statementId": statement, "sql": operation, "maxRowsTotal": -1,
                "maxRowsInFirstFrame": self.fetch_size})
            self._result(response["results"][0], operation)
            return self
        if isinstance(parameters, (dict, str, bytes)):
            raise ProgrammingError("saasql: parameters are a sequence, one per ? (paramstyle "
                                   "qmark), not %s" % type(parameters).__name__)
        values = list(parameters)
        for attempt in (1, 2):
            handle = self._prepared(operation)
            request = {"request": "execute", "statementHandle": handle,
                       "parameterValues": self._bind(handle, values),
                       "maxRowCount": self.fetch_size}
            response = self.connection._call(request)
            if response.get("missingStatement") and attempt == 1:
                self._held = None  # expired on the server: prepare it again
                continue
            self._result(response["results"][0], operation)
            return self
        raise OperationalError("saasql: the server lost the prepared statement", "HY000")

    def executemany(self, operation, seq_of_parameters):
        """Runs a statement for each parameter sequence, in one request (a JDBC batch: a SaaS
        INSERT reaches the API's batch calls, e.g. 200 Salesforce records per call)."""
        self._start()
        rows = [list(p) for p in seq_of_parameters]
        if not rows:
            self.rowcount = 0
            return self
        handle = self._prepared(operation)
        batch = [self._bind(handle, values) for values in rows]
        response = self.connection._call({
            "request": "executeBatch", "connectionId": self.connection._id,
            "statementId": handle["id"], "parameterValues": batch})
        if response.get("missingStatement"):
            self._held = None
            raise OperationalError("saasql: the server lost the prepared statement; nothing "
                                   "was executed", "HY000")
        counts = response.get("updateCounts") or []
        self.rowcount = sum(c for c in counts if c > 0)
        self._wrote(operation)
        return self

    def fetchone(self):
        self._check_result()
        if not self._rows and not self._done:
            self._fetch()
        return self._rows.popleft() if self._rows else None

    def fetchmany(self, size=None):
        size = self.arraysize if size is None else size
        out = []
        while len(out) < size:
            row = self.fetchone()
            if row is None:
                break
            out.append(row)
        return out

    def fetchall(self):
        self._check_result()
        out = list(self._rows)
        self._rows.clear()
        while not self._done:
            self._fetch()
            out.extend(self._rows)
            self._rows.clear()
        return out

    # Internals

    def _start(self):
        if self._closed:
            raise InterfaceError("saasql: the cursor is closed")
        self.connection._check_open()
        self._rows.clear()
        self._done = True
        self.description = None
        self.rowcount = -1
        self._readers = None
        self._insert_generation = None
        self._lastrowid = _UNSET

    def _check_result(self):
        if self._closed:
            raise InterfaceError("saasql: the cursor is closed")
        if self.description is None:
            raise ProgrammingError("saasql: the last statement returned no rows")

    def _plain_statement(self):
        if self._plain is None:
            self._plain = self.connection._plain_statement()
        return self._plain

    def _prepared(self, sql):
        if self._held is not None:
            if self._held[0] == sql:
                return self._held[1]
            self.connection._release_prepared(*self._held)
            self._held = None
        handle = self.connection._prepare(sql)
        self._held = (sql, handle)
        return handle

    @staticmethod
    def _bind(handle, values):
        declared = (handle.get("signature") or {}).get("parameters") or []
        if len(values) != len(declared):
            raise ProgrammingError("saasql: the statement has %d parameter(s), %d given"
                                   % (len(declared), len(values)))
        return [parameter(v, p.get("parameterType")) for v, p in zip(values, declared)]

    def _metadata(self, request):
        self._start()
        request = dict(request, connectionId=self.connection._id)
        self._result(self.connection._call(request), None)

    def _result(self, result, sql):
        update_count = result.get("updateCount", -1)
        if update_count is not None and update_count >= 0 \
                and not (result.get("signature") or {}).get("columns"):
            self.rowcount = update_count
            self._wrote(sql)
            return
        columns = result["signature"]["columns"]
        self.description = tuple(
            (c.get("label") or c.get("columnName"), c["type"]["name"],
             c.get("displaySize"), None, c.get("precision"), c.get("scale"),
             c.get("nullable") != 0)
            for c in columns)
        self._readers = [reader(c["type"]["id"]) for c in columns]
        self._result_statement = result["statementId"]
        self._offset = 0
        self._take(result.get("firstFrame") or {"rows": [], "done": True})

    def _wrote(self, sql):
        self.connection._wrote = True
        if sql is not None and _INSERT.match(sql):
            self.connection._insert_generation += 1
            self._insert_generation = self.connection._insert_generation

    def _take(self, frame):
        rows = frame.get("rows") or []
        readers = self._readers
        if any(readers):
            for row in rows:
                self._rows.append(tuple(
                    v if v is None or r is None else r(v) for v, r in zip(row, readers)))
        else:
            self._rows.extend(tuple(row) for row in rows)
        self._offset += len(rows)
        self._done = bool(frame.get("done", True))

    def _fetch(self):
        response = self.connection._call({
            "request": "fetch", "connectionId": self.connection._id,
            "statementId": self._result_statement, "offset": self._offset,
            "fetchMaxRowCount": self.fetch_size})
        if response.get("missingStatement") or response.get("missingResults"):
            self._done = True
            raise OperationalError("saasql: the server no longer has this result (idle "
                                   "past its --idle-statement-timeout?); run the query again",
                                   "HY000")
        self._take(response["frame"])


__all__ = ["Connection", "Cursor", "exceptions"]
