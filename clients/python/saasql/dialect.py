"""The SQLAlchemy dialect ``saasql`` (SQLAlchemy 1.4 and 2.x), over the :mod:`saasql` driver.

``create_engine("saasql://HOST:8765")``; ``saasql://USER:PASSWORD@HOST:8765`` for BASIC
authentication; query parameters: ``https=true`` (``verify=false`` to skip the certificate
check, ``cafile=PATH``), ``timeout=SECONDS``, and connection properties the server accepts
(``queryTimeout=30``).

What it gives SQLAlchemy: schemas, tables, columns and primary keys by reflection; the
columns a SaaS API computes (``IssueKey``, ``StatusName``, ``Created``) reflected as
server-generated (``Computed``), so ORM inserts leave them out and read them back; the key the
API gives a new row (``Issues.Id``) handed to the ORM after its INSERT (``cursor.lastrowid``);
``LIMIT``/``OFFSET``; bound parameters, converted to the type the server declares for them.
"""

import re

from sqlalchemy import types as sqltypes
from sqlalchemy import util
from sqlalchemy.engine import default, reflection
from sqlalchemy.sql import compiler

_DOUBLE = getattr(sqltypes, "DOUBLE", sqltypes.FLOAT)
_DOUBLE_PRECISION = getattr(sqltypes, "DOUBLE_PRECISION", _DOUBLE)

# Calcite's type names (DatabaseMetaData.getColumns TYPE_NAME, without precision) -> types.
ischema_names = {
    "BOOLEAN": sqltypes.BOOLEAN,
    "TINYINT": sqltypes.SMALLINT,
    "SMALLINT": sqltypes.SMALLINT,
    "INTEGER": sqltypes.INTEGER,
    "BIGINT": sqltypes.BIGINT,
    "DECIMAL": sqltypes.DECIMAL,
    "NUMERIC": sqltypes.NUMERIC,
    "REAL": sqltypes.REAL,
    "FLOAT": sqltypes.FLOAT,
    "DOUBLE": _DOUBLE,
    "DOUBLE PRECISION": _DOUBLE_PRECISION,
    "CHAR": sqltypes.CHAR,
    "VARCHAR": sqltypes.VARCHAR,
    "CHARACTER VARYING": sqltypes.VARCHAR,
    "BINARY": sqltypes.BINARY,
    "VARBINARY": sqltypes.VARBINARY,
    "DATE": sqltypes.DATE,
    "TIME": sqltypes.TIME,
    "TIMESTAMP": sqltypes.TIMESTAMP,
    "TIMESTAMP_WITH_LOCAL_TIME_ZONE": sqltypes.TIMESTAMP,
}

# Words Calcite's parser reserves (SQL:2016 and Calcite's own), quoted when used as names.
RESERVED_WORDS = set("""
abs all allocate allow alter and any are array array_max_cardinality as asensitive asymmetric
at atomic authorization avg begin begin_frame begin_partition between bigint binary bit blob
boolean both by call called cardinality cascaded case cast ceil ceiling char char_length
character character_length check classifier clob close coalesce collate collect column commit
condition connect constraint contains convert corr corresponding count covar_pop covar_samp
create cross cube cume_dist current current_catalog current_date current_default_transform_group
current_path current_role current_row current_schema current_time current_timestamp
current_transform_group_for_type current_user cursor cycle date day deallocate dec decimal
declare default define delete dense_rank deref describe deterministic disallow disconnect
distinct double drop dynamic each element else empty end end-exec end_frame end_partition
equals escape every except exec execute exists exp explain extend external extract false fetch
filter first_value float floor for foreign frame_row free from full function fusion get global
grant group grouping groups having hold hour identity import in indicator initial inner inout
insensitive insert int integer intersect intersection interval into is join lag language large
last_value lateral lead leading left like like_regex limit ln local localtime localtimestamp
lower match match_number match_recognize matches max measures member merge method min minus
minute mod modifies module month multiset national natural nchar nclob new next no none
normalize not nth_value ntile null nullif numeric occurrences_regex octet_length of offset old
omit on one only open or order out outer over overlaps overlay parameter partition pattern per
percent percent_rank percentile_cont percentile_disc period permute portion position
position_regex power precedes precision prepare prev primary procedure range rank reads real
recursive ref references referencing regr_avgx regr_avgy regr_count regr_intercept regr_r2
regr_slope regr_sxx regr_sxy regr_syy release reset result return returns revoke right
rollback rollup row row_number rows running savepoint scope scroll search second seek select
sensitive session_user set show similar skip smallint some specific specifictype sql sqlexception
sqlstate sqlwarning sqrt start static stddev_pop stddev_samp stream submultiset subset
substring substring_regex succeeds sum symmetric system system_time system_user table tablesample
then time timestamp timezone_hour timezone_minute tinyint to trailing translate translate_regex
translation treat trigger trim trim_array true truncate uescape union unique unknown unnest
update upper upsert user using value value_of values var_pop var_samp varbinary varchar varying
versioning when whenever where width_bucket window with within without year
""".split())


class SaasqlIdentifierPreparer(compiler.IdentifierPreparer):
    reserved_words = RESERVED_WORDS


class SaasqlCompiler(compiler.SQLCompiler):
    def limit_clause(self, select, **kw):
        # Calcite takes LIMIT n OFFSET m, as literals (SQLAlchemy would bind them).
        text = ""
        limit, offset = select._limit, select._offset
        if limit is not None:
            text += "\n LIMIT " + str(int(limit))
        if offset is not None:
            text += "\n OFFSET " + str(int(offset))
        return text


class SaasqlTypeCompiler(compiler.GenericTypeCompiler):
    def visit_DOUBLE(self, type_, **kw):
        return "DOUBLE"

    def visit_DOUBLE_PRECISION(self, type_, **kw):
        return "DOUBLE"

    def visit_TEXT(self, type_, **kw):
        return "VARCHAR"

    def visit_datetime(self, type_, **kw):
        return "TIMESTAMP"


class SaasqlExecutionContext(default.DefaultExecutionContext):
    def get_lastrowid(self):
        return self.cursor.lastrowid


class SaasqlDialect(default.DefaultDialect):
    """SQLAlchemy dialect for ``saasql serve``."""

    name = "saasql"
    driver = "saasql"
    paramstyle = "qmark"
    positional = True

    supports_statement_cache = True
    supports_native_boolean = True
    supports_native_decimal = True
    supports_sane_rowcount = True
    supports_sane_multi_rowcount = True
    supports_multivalues_insert = True
    supports_default_values = False
    supports_empty_insert = False
    supports_sequences = False
    supports_alter = False
    supports_comments = False
    supports_is_distinct_from = True
    requires_name_normalize = False
    # No RETURNING: the new key is read back with cursor.lastrowid (saasql.LAST_INSERT_KEYS).
    postfetch_lastrowid = True
    implicit_returning = False
    full_returning = False
    insert_returning = False
    update_returning = False
    delete_returning = False
    insert_executemany_returning = False
    use_insertmanyvalues = False
    max_identifier_length = 128

    statement_compiler = SaasqlCompiler
    type_compiler = SaasqlTypeCompiler
    preparer = SaasqlIdentifierPreparer
    execution_ctx_cls = SaasqlExecutionContext
    ischema_names = ischema_names

    @classmethod
    def dbapi(cls):  # SQLAlchemy 1.4
        import saasql
        return saasql

    @classmethod
    def import_dbapi(cls):  # SQLAlchemy 2.x
        import saasql
        return saasql

    def create_connect_args(self, url):
        options = dict(url.query)
        https = str(options.pop("https", "false")).lower() in ("1", "true", "yes")
        scheme = "https" if https else "http"
        host = url.host or "127.0.0.1"
        if ":" in host:
            host = "[" + host + "]"
        kwargs = {
            "url": "%s://%s:%d" % (scheme, host, url.port or 8765),
            "user": url.username,
            "password": url.password,
        }
        if "timeout" in options:
            kwargs["timeout"] = float(options.pop("timeout"))
        if "verify" in options:
            kwargs["verify"] = str(options.pop("verify")).lower() not in ("0", "false", "no")
        if "cafile" in options:
            kwargs["cafile"] = options.pop("cafile")
        kwargs.update(options)
        return [], kwargs

    def _get_default_schema_name(self, connection):
        return _dbapi(connection).default_schema()

    def _get_server_version_info(self, connection):
        return None

    def do_rollback(self, dbapi_connection):
        # Never raises for writes that SaaS APIs applied (it warns, see saasql.Connection).
        dbapi_connection.rollback()

    def do_ping(self, dbapi_connection):
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute("VALUES 1")
            cursor.fetchall()
        finally:
            cursor.close()
        return True

    def is_disconnect(self, e, connection, cursor):
        import saasql
        if isinstance(e, saasql.InterfaceError):
            return "closed" in str(e)
        return isinstance(e, saasql.OperationalError) and (
            e.sqlstate in ("08001", "08003", "08006")
            or "no such connection" in str(e).lower())

    # Reflection

    @reflection.cache
    def get_schema_names(self, connection, **kw):
        return _dbapi(connection).get_schemas()

    @reflection.cache
    def get_table_names(self, connection, schema=None, **kw):
        schema = schema or self.default_schema_name
        return [t for s, t, kind in _dbapi(connection).get_tables(schema)
                if kind not in ("VIEW", "MATERIALIZED VIEW")]

    @reflection.cache
    def get_view_names(self, connection, schema=None, **kw):
        schema = schema or self.default_schema_name
        return [t for s, t, kind in _dbapi(connection).get_tables(schema)
                if kind in ("VIEW", "MATERIALIZED VIEW")]

    def has_table(self, connection, table_name, schema=None, **kw):
        schema = schema or self.default_schema_name
        return bool(_dbapi(connection).get_tables(schema, table_name))

    @reflection.cache
    def get_columns(self, connection, table_name, schema=None, **kw):
        schema = schema or self.default_schema_name
        columns = []
        for c in _dbapi(connection).get_columns(schema, table_name):
            generated = c.get("IS_GENERATEDCOLUMN") == "YES"
            auto = c.get("IS_AUTOINCREMENT") == "YES"
            column = {
                "name": c["COLUMN_NAME"],
                "type": self._column_type(c),
                "nullable": c.get("NULLABLE") != 0,
                "default": c.get("COLUMN_DEF"),
                "autoincrement": auto,
            }
            if generated and not auto:
                # The API computes it: SQLAlchemy leaves it out of INSERT and UPDATE and reads
                # it back. (The text is never rendered: no DDL runs here.)
                column["computed"] = {"sqltext": "computed by the API", "persisted": True}
            columns.append(column)
        if not columns and not self.has_table(connection, table_name, schema):
            from sqlalchemy import exc
            raise exc.NoSuchTableError(table_name)
        return columns

    def _column_type(self, c):
        name = (c.get("TYPE_NAME") or "").upper()
        base = re.split(r"\(| NOT NULL| CHARACTER SET", name, 1)[0].strip()
        type_ = self.ischema_names.get(base)
        if type_ is None:
            util.warn("saasql: did not recognize type %r of column %r" % (name,
                                                                         c["COLUMN_NAME"]))
            return sqltypes.NULLTYPE
        if type_ in (sqltypes.DECIMAL, sqltypes.NUMERIC) and c.get("COLUMN_SIZE", -1) > 0:
            return type_(c["COLUMN_SIZE"], c.get("DECIMAL_DIGITS") or 0)
        if type_ in (sqltypes.VARCHAR, sqltypes.CHAR) and (c.get("COLUMN_SIZE") or -1) > 0:
            return type_(c["COLUMN_SIZE"])
        return type_()

    @reflection.cache
    def get_pk_constraint(self, connection, table_name, schema=None, **kw):
        schema = schema or self.default_schema_name
        keys = _dbapi(connection).get_primary_keys(schema, table_name)
        return {"constrained_columns": [k[0] for k in keys],
                "name": keys[0][2] if keys else None}

    def get_foreign_keys(self, connection, table_name, schema=None, **kw):
        return []

    def get_indexes(self, connection, table_name, schema=None, **kw):
        return []

    def get_unique_constraints(self, connection, table_name, schema=None, **kw):
        return []

    def get_check_constraints(self, connection, table_name, schema=None, **kw):
        return []

    def get_table_comment(self, connection, table_name, schema=None, **kw):
        return {"text": None}


def _dbapi(connection):
    """The saasql connection under a SQLAlchemy Connection (1.4 and 2.x)."""
    raw = connection.connection
    return getattr(raw, "dbapi_connection", None) or getattr(raw, "connection", raw)


dialect = SaasqlDialect
