"""Avatica's HTTP protocol, JSON serialization, over one kept-alive HTTP(S) connection."""

import base64
import decimal
import http.client
import json
import socket
import ssl
import urllib.parse
import uuid

from . import exceptions
from .types import DecimalText

# Decimals are written as JSON numbers, exactly: a unique marker string is replaced by the
# number's text after encoding.
_DECIMAL_MARK = "\u0000dec-" + uuid.uuid4().hex + ":"
_ESCAPED_MARK = json.dumps(_DECIMAL_MARK)[1:-1]


def _encode(value):
    if isinstance(value, DecimalText):
        return _DECIMAL_MARK + value.text + "\u0000"
    raise TypeError("cannot encode %r" % (value,))


def encode_request(request):
    text = json.dumps(request, default=_encode, ensure_ascii=False, separators=(",", ":"))
    marker = _ESCAPED_MARK
    if marker not in text:
        return text.encode("utf-8")
    parts = text.split('"' + marker)
    out = [parts[0]]
    for part in parts[1:]:
        number, rest = part.split('\\u0000"', 1)
        decimal.Decimal(number)  # it is a number
        out.append(number)
        out.append(rest)
    return "".join(out).encode("utf-8")


class Transport:
    """Sends Avatica requests (dicts) and returns responses (dicts); an error response
    becomes the DB-API exception its SQL state calls for."""

    def __init__(self, url, user=None, password=None, timeout=300.0, verify=True,
                 cafile=None):
        parsed = urllib.parse.urlsplit(url if "://" in url else "http://" + url)
        if parsed.scheme not in ("http", "https"):
            raise exceptions.InterfaceError("saasql: the server URL must be http:// or "
                                            "https://, not %r" % (url,))
        self.url = urllib.parse.urlunsplit((parsed.scheme, parsed.netloc, "", "", ""))
        self._https = parsed.scheme == "https"
        self._host = parsed.hostname or "127.0.0.1"
        self._port = parsed.port or (443 if self._https else 80)
        self._path = parsed.path or "/"
        user = user if user is not None else (urllib.parse.unquote(parsed.username)
                                              if parsed.username else None)
        password = password if password is not None else (
            urllib.parse.unquote(parsed.password) if parsed.password else None)
        self._headers = {"Content-Type": "application/json; charset=utf-8",
                         "Accept": "application/json"}
        if user is not None:
            token = base64.b64encode(("%s:%s" % (user, password or "")).encode("utf-8"))
            self._headers["Authorization"] = "Basic " + token.decode("ascii")
        self._timeout = timeout
        self._context = None
        if self._https:
            self._context = ssl.create_default_context(cafile=cafile)
            if not verify:
                self._context.check_hostname = False
                self._context.verify_mode = ssl.CERT_NONE
        self._connection = None

    def _connect(self):
        if self._https:
            return http.client.HTTPSConnection(self._host, self._port, timeout=self._timeout,
                                               context=self._context)
        return http.client.HTTPConnection(self._host, self._port, timeout=self._timeout)

    def call(self, request):
        body = encode_request(request)
        status, data = self._post(body, retry=request["request"] in _IDEMPOTENT)
        try:
            response = json.loads(data.decode("utf-8"), parse_float=decimal.Decimal)
        except ValueError:
            raise exceptions.OperationalError(
                "saasql: %s answered HTTP %d with something that is not Avatica JSON: %s"
                % (self.url, status, data[:200].decode("utf-8", "replace").strip())) from None
        if not isinstance(response, dict):
            raise exceptions.InterfaceError("saasql: unexpected answer from %s" % self.url)
        if response.get("response") == "error":
            raise exceptions.from_response(response)
        return response

    def _post(self, body, retry):
        for attempt in (1, 2):
            reused = self._connection is not None
            if not reused:
                self._connection = self._connect()
            try:
                self._connection.request("POST", self._path, body, self._headers)
                answer = self._connection.getresponse()
                data = answer.read()
            except (http.client.HTTPException, ConnectionError, socket.timeout, OSError) as e:
                self.close()
                # A kept-alive connection the server had closed: one more try on a new one,
                # for requests that change nothing, or that the closed socket never delivered.
                closed = isinstance(e, (http.client.RemoteDisconnected, BrokenPipeError))
                if attempt == 1 and reused and (retry or closed):
                    continue
                if isinstance(e, ssl.SSLError):
                    raise exceptions.OperationalError(
                        "saasql: TLS with %s failed: %s" % (self.url, e), "08001") from None
                raise exceptions.OperationalError(
                    "saasql: no answer from %s: %s" % (self.url, e), "08001") from None
            if answer.status == 401:
                raise exceptions.OperationalError(
                    "saasql: %s refused the credentials (HTTP 401); pass user= and password="
                    % self.url, "28000")
            if answer.status == 403:
                raise exceptions.OperationalError(
                    "saasql: %s refused access (HTTP 403)" % self.url, "28000")
            if answer.will_close:
                self.close()
            return answer.status, data
        raise AssertionError("unreachable")

    def close(self):
        if self._connection is not None:
            try:
                self._connection.close()
            finally:
                self._connection = None


# Requests that may be sent again when a kept-alive connection turns out closed.
_IDEMPOTENT = {"openConnection", "closeConnection", "connectionSync", "createStatement",
               "closeStatement", "prepare", "fetch", "getCatalogs", "getSchemas", "getTables",
               "getColumns", "getTableTypes", "getTypeInfo", "databaseProperties", "rollback",
               "commit"}
