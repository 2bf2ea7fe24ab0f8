"""Values between Python and Avatica's JSON: DB-API type objects and constructors, result
values by column type, parameters by the type the statement declares for them."""

import base64
import datetime
import decimal
import time

EPOCH = datetime.datetime(1970, 1, 1)
EPOCH_DAY = datetime.date(1970, 1, 1)


class DBAPITypeObject:
    """Compares equal to every type code (an Avatica type name) of its group (PEP 249)."""

    def __init__(self, *names):
        self.names = frozenset(names)

    def __eq__(self, other):
        if isinstance(other, DBAPITypeObject):
            return self.names == other.names
        return isinstance(other, str) and other.upper() in self.names

    def __ne__(self, other):
        return not self.__eq__(other)

    def __hash__(self):
        return hash(self.names)

    def __repr__(self):
        return "DBAPITypeObject%s" % (tuple(sorted(self.names)),)


STRING = DBAPITypeObject("VARCHAR", "CHAR", "LONGVARCHAR", "NVARCHAR", "NCHAR", "CLOB")
BINARY = DBAPITypeObject("BINARY", "VARBINARY", "LONGVARBINARY", "BLOB")
NUMBER = DBAPITypeObject("TINYINT", "SMALLINT", "INTEGER", "BIGINT", "REAL", "FLOAT", "DOUBLE",
                         "DECIMAL", "NUMERIC", "BOOLEAN")
DATETIME = DBAPITypeObject("DATE", "TIME", "TIMESTAMP", "TIME_WITH_TIMEZONE",
                           "TIMESTAMP_WITH_TIMEZONE")
ROWID = DBAPITypeObject("ROWID")

Date = datetime.date
Time = datetime.time
Timestamp = datetime.datetime


def DateFromTicks(ticks):  # noqa: N802 - PEP 249 names
    return Date(*time.localtime(ticks)[:3])


def TimeFromTicks(ticks):  # noqa: N802
    return Time(*time.localtime(ticks)[3:6])


def TimestampFromTicks(ticks):  # noqa: N802
    return Timestamp(*time.localtime(ticks)[:6])


def Binary(value):  # noqa: N802
    return bytes(value)


# JDBC type codes (java.sql.Types) the server declares for columns and parameters.
_INTEGERS = {-6, 5, 4, -5}          # TINYINT SMALLINT INTEGER BIGINT
_FLOATS = {7, 6, 8}                 # REAL FLOAT DOUBLE
_DECIMALS = {2, 3}                  # NUMERIC DECIMAL
_BOOLEAN = {16, -7}                 # BOOLEAN BIT
_DATE, _TIME, _TIMESTAMP = 91, 92, 93
_TIMESTAMP_TZ, _TIME_TZ = 2014, 2013
_BINARIES = {-2, -3, -4, 2004}      # BINARY VARBINARY LONGVARBINARY BLOB
_STRINGS = {1, 12, -1, -15, -9, -16, 2005}
_ARRAY = 2003


def _millis(delta):
    return (delta.days * 86_400_000) + (delta.seconds * 1000) + (delta.microseconds // 1000)


def reader(type_id):
    """The function turning a JSON value of a result column of JDBC type ``type_id`` into
    Python (None stays None): TIMESTAMP (milliseconds) -> naive datetime, DATE (days) -> date,
    TIME (milliseconds) -> time, DECIMAL -> Decimal, REAL/DOUBLE -> float, BINARY (base64) ->
    bytes; everything else as JSON has it."""
    if type_id in (_TIMESTAMP, _TIMESTAMP_TZ):
        return lambda v: EPOCH + datetime.timedelta(milliseconds=v)
    if type_id == _DATE:
        return lambda v: EPOCH_DAY + datetime.timedelta(days=v)
    if type_id in (_TIME, _TIME_TZ):
        return lambda v: (EPOCH + datetime.timedelta(milliseconds=v)).time()
    if type_id in _DECIMALS:
        return lambda v: v if isinstance(v, decimal.Decimal) else decimal.Decimal(str(v))
    if type_id in _FLOATS:
        return float
    if type_id in _INTEGERS:
        return int
    if type_id in _BINARIES:
        return lambda v: base64.b64decode(v) if isinstance(v, str) else bytes(v)
    return None


class DecimalText:
    """A Decimal to be written into the JSON request as a number, digit for digit."""

    __slots__ = ("text",)

    def __init__(self, value):
        self.text = str(value)


def _typed(rep, value):
    return {"type": rep, "value": value}


def _from_python(value):
    """A parameter by its Python type, for parameters of unknown type."""
    if value is None:
        return {"type": "NULL", "value": None}
    if isinstance(value, bool):
        return _typed("BOOLEAN", value)
    if isinstance(value, int):
        return _typed("LONG", value)
    if isinstance(value, float):
        return _typed("DOUBLE", value)
    if isinstance(value, decimal.Decimal):
        return _typed("NUMBER", DecimalText(value))
    if isinstance(value, datetime.datetime):
        return _typed("JAVA_SQL_TIMESTAMP", _timestamp_millis(value))
    if isinstance(value, datetime.date):
        return _typed("JAVA_SQL_DATE", (value - EPOCH_DAY).days)
    if isinstance(value, datetime.time):
        return _typed("JAVA_SQL_TIME", _time_millis(value))
    if isinstance(value, (bytes, bytearray, memoryview)):
        return _typed("BYTE_STRING", base64.b64encode(bytes(value)).decode("ascii"))
    if isinstance(value, (list, tuple)):
        raise TypeError("array parameters are not supported")
    return _typed("STRING", str(value))


def _timestamp_millis(value):
    if value.tzinfo is not None:
        value = value.astimezone(datetime.timezone.utc).replace(tzinfo=None)
    return _millis(value - EPOCH)


def _time_millis(value):
    return ((value.hour * 60 + value.minute) * 60 + value.second) * 1000 \
        + value.microsecond // 1000


def parameter(value, type_id):
    """A parameter as Avatica's JSON ``TypedValue``, converted to the JDBC type the statement
    declares for it (``type_id``; None when unknown): a string given for an INTEGER parameter
    becomes an integer, as people write ``filter_by(Id="1")``; a value that cannot be
    converted raises ``ValueError`` naming the type."""
    if value is None:
        return {"type": "NULL", "value": None}
    try:
        if type_id in _INTEGERS:
            if isinstance(value, bool):
                return _typed("LONG", int(value))
            if isinstance(value, float) and not value.is_integer():
                raise ValueError("has a fraction")
            number = int(value) if not isinstance(value, str) else int(value.strip())
            return _typed("LONG" if type_id == -5 else "INTEGER", number)
        if type_id in _FLOATS:
            return _typed("DOUBLE", float(value))
        if type_id in _DECIMALS:
            if isinstance(value, float):
                value = repr(value)
            return _typed("NUMBER", DecimalText(decimal.Decimal(
                value.strip() if isinstance(value, str) else value)))
        if type_id in _BOOLEAN:
            if isinstance(value, str):
                text = value.strip().lower()
                if text not in ("true", "false", "1", "0"):
                    raise ValueError("is not true or false")
                return _typed("BOOLEAN", text in ("true", "1"))
            return _typed("BOOLEAN", bool(value))
        if type_id in (_TIMESTAMP, _TIMESTAMP_TZ):
            if isinstance(value, str):
                value = datetime.datetime.fromisoformat(value.strip())
            elif not isinstance(value, datetime.datetime) and isinstance(value, datetime.date):
                value = datetime.datetime(value.year, value.month, value.day)
            return _typed("JAVA_SQL_TIMESTAMP", _timestamp_millis(value))
        if type_id == _DATE:
            if isinstance(value, str):
                value = datetime.date.fromisoformat(value.strip())
            elif isinstance(value, datetime.datetime):
                value = value.date()
            return _typed("JAVA_SQL_DATE", (value - EPOCH_DAY).days)
        if type_id in (_TIME, _TIME_TZ):
            if isinstance(value, str):
                value = datetime.time.fromisoformat(value.strip())
            return _typed("JAVA_SQL_TIME", _time_millis(value))
        if type_id in _STRINGS:
            if isinstance(value, (bytes, bytearray)):
                raise ValueError("is bytes")
            return _typed("STRING", value if isinstance(value, str) else str(value))
    except (TypeError, ValueError, ArithmeticError, AttributeError) as e:
        from .exceptions import ProgrammingError
        raise ProgrammingError("parameter value %r cannot be sent as %s (%s)"
                               % (value, _TYPE_NAMES.get(type_id, type_id), e)) from None
    return _from_python(value)


_TYPE_NAMES = {-6: "TINYINT", 5: "SMALLINT", 4: "INTEGER", -5: "BIGINT", 7: "REAL", 6: "FLOAT",
               8: "DOUBLE", 2: "NUMERIC", 3: "DECIMAL", 16: "BOOLEAN", 91: "DATE", 92: "TIME",
               93: "TIMESTAMP", 12: "VARCHAR", 1: "CHAR"}
