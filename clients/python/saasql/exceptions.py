"""The DB-API 2.0 exceptions, and which one a server error becomes, by its SQL state."""


class Warning(Exception):  # noqa: A001 - the name PEP 249 prescribes
    """Important warnings (PEP 249)."""


class Error(Exception):
    """Base of every error of this driver.

    ``sqlstate`` is the server's SQL state (``42S02``, ``08004`` ...), ``errorcode`` its
    error code, ``message`` its message; ``None`` for errors raised by the client itself.
    """

    def __init__(self, message, sqlstate=None, errorcode=None):
        super().__init__(message if sqlstate is None else f"[{sqlstate}] {message}")
        self.message = message
        self.sqlstate = sqlstate
        self.errorcode = errorcode


class InterfaceError(Error):
    """The driver was misused, or the server's answer could not be read."""


class DatabaseError(Error):
    """An error the server reported."""


class DataError(DatabaseError):
    """A value was wrong: division by zero, out of range, not convertible (SQL state 22xxx)."""


class OperationalError(DatabaseError):
    """The server or a source could not do it now: unreachable, credentials refused, rate
    limit exhausted, cancelled or timed out (08xxx, 53xxx, 57xxx)."""


class IntegrityError(DatabaseError):
    """A record was refused: a required value missing, or the API's own validation (23xxx)."""


class InternalError(DatabaseError):
    """The server failed in a way it did not expect (XX000)."""


class ProgrammingError(DatabaseError):
    """The SQL is wrong: unknown table or column, syntax, a column writes cannot set (42xxx)."""


class NotSupportedError(DatabaseError):
    """What was asked is not supported (0A000)."""


class RollbackWarning(UserWarning):
    """``rollback()`` could not undo writes that SaaS APIs applied when their statement ran.

    Issued with :func:`warnings.warn`; ``rollback()`` itself never raises for this, so that it
    cannot hide the exception that made a program roll back.
    """


# SQL state class (first two characters) -> exception class.
_BY_CLASS = {
    "08": OperationalError,  # connection: unreachable source, credentials, protocol
    "53": OperationalError,  # insufficient resources: rate limit, too many connections
    "57": OperationalError,  # operator intervention: cancelled, timed out
    "58": OperationalError,  # system error (external)
    "28": OperationalError,  # invalid authorization (the server refused the credentials)
    "25": OperationalError,  # invalid transaction state
    "40": OperationalError,  # transaction rollback
    "HY": DatabaseError,     # general error
    "22": DataError,
    "23": IntegrityError,
    "42": ProgrammingError,
    "3D": ProgrammingError,  # invalid catalog name
    "3F": ProgrammingError,  # invalid schema name
    "0A": NotSupportedError,
    "XX": InternalError,
}


def error_class(sqlstate):
    """The exception class for a SQL state (``DatabaseError`` when its class is unknown)."""
    if not sqlstate:
        return DatabaseError
    return _BY_CLASS.get(sqlstate[:2].upper(), DatabaseError)


def from_response(response):
    """The exception for an Avatica ``ErrorResponse`` (a dict read from JSON)."""
    state = response.get("sqlState") or None
    if state == "00000":  # Avatica's "unknown"
        state = None
    message = response.get("errorMessage") or "; ".join(response.get("exceptions") or []) \
        or "the server reported an error without a message"
    return error_class(state)(message, state, response.get("errorCode"))
