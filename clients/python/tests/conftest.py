"""Fixtures: a real ``saasql serve`` (SAASQL_URL) over the sandbox APIs, whose request logs
and fault switches the JUnit test PythonClientTest serves at SAASQL_SANDBOXES.

Run by ``mvn verify`` (saasql-cli); by hand, start the JUnit test's servers or point the
variables at your own."""

import json
import os
import urllib.parse
import urllib.request

import pytest

import saasql

SERVER = os.environ["SAASQL_URL"]
SANDBOXES = os.environ["SAASQL_SANDBOXES"]
BACKLOG = "/api/v2"


class Sandboxes:
    """The sandboxes' request logs (what each API received) and faults."""

    def _call(self, method, path, **params):
        url = SANDBOXES + path + ("?" + urllib.parse.urlencode(params) if params else "")
        request = urllib.request.Request(url, method=method, data=b"" if method == "POST"
                                         else None)
        with urllib.request.urlopen(request, timeout=30) as response:
            return json.loads(response.read())

    def requests(self, source):
        """What the API received, as ``METHOD /path?query`` lines (credentials left out)."""
        return [r["describe"] for r in self._call("GET", "/requests", source=source)]

    def recorded(self, source):
        """The requests with ``method``, ``path``, ``status`` and ``body``."""
        return self._call("GET", "/requests", source=source)

    def reset(self):
        self._call("POST", "/reset")

    def fault(self, source, kind, **params):
        self._call("POST", "/fault", source=source, kind=kind, **params)


@pytest.fixture
def sandboxes():
    s = Sandboxes()
    s.reset()
    yield s
    s.reset()


@pytest.fixture
def conn():
    c = saasql.connect(SERVER)
    yield c
    c.close()


@pytest.fixture(scope="session")
def engine():
    from sqlalchemy import create_engine
    parsed = urllib.parse.urlsplit(SERVER)
    engine = create_engine("saasql://%s:%d" % (parsed.hostname, parsed.port))
    yield engine
    engine.dispose()
