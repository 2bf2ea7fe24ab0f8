"""saasql: a DB-API 2.0 driver for ``saasql serve``, and a SQLAlchemy dialect (``saasql://``).

    import saasql
    with saasql.connect("http://127.0.0.1:8765") as conn:
        cur = conn.cursor()
        cur.execute("SELECT Id, Summary FROM backlog.Issues WHERE Id = ?", (13,))
        print(cur.fetchone())

Standard library only. It speaks Avatica's protocol as JSON, which ``saasql serve`` answers on
its one port whatever its ``--serialization``.
"""

from .connection import Connection, Cursor
from .exceptions import (DatabaseError, DataError, Error, IntegrityError, InterfaceError,
                         InternalError, NotSupportedError, OperationalError, ProgrammingError,
                         RollbackWarning, Warning)
from .types import (BINARY, DATETIME, NUMBER, ROWID, STRING, Binary, Date, DateFromTicks, Time,
                    TimeFromTicks, Timestamp, TimestampFromTicks)

__version__ = "0.1.0"

apilevel = "2.0"
threadsafety = 1  # threads may share the module, not connections
paramstyle = "qmark"


def connect(url="http://127.0.0.1:8765", user=None, password=None, *, timeout=300.0,
            verify=True, cafile=None, **properties):
    """Opens a connection to ``saasql serve`` at ``url`` (``http://`` or ``https://``).

    ``user`` and ``password`` are sent with BASIC authentication (they may also be in the
    URL, ``http://alice:secret@host:8765``). ``timeout`` bounds each request, in seconds.
    For https, ``cafile`` names the certificate authorities to trust (default: the system's)
    and ``verify=False`` turns the check off. Other keyword arguments are connection
    properties the server accepts, e.g. ``queryTimeout=30`` (seconds).
    """
    return Connection(url, user=user, password=password, timeout=timeout, verify=verify,
                      cafile=cafile, properties=properties)


__all__ = [
    "connect", "Connection", "Cursor", "apilevel", "threadsafety", "paramstyle",
    "Warning", "Error", "InterfaceError", "DatabaseError", "DataError", "OperationalError",
    "IntegrityError", "InternalError", "ProgrammingError", "NotSupportedError",
    "RollbackWarning", "STRING", "BINARY", "NUMBER", "DATETIME", "ROWID", "Date", "Time",
    "Timestamp", "DateFromTicks", "TimeFromTicks", "TimestampFromTicks", "Binary",
]
