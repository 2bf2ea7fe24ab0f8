"""What the Python client adds to the API's own round trip: a prepared point lookup, and a fetch
of every Backlog issue (2,650 rows, 27 pages of the API), through ``saasql serve``, next to the
same API calls made directly.

    java -cp "$(cat saasql-cli/target/runtime-classpath.txt)" \\
        io.saasql.sandbox.backlog.BacklogSandbox 8089           # prints its API key
    BACKLOG_BASE_URL=http://127.0.0.1:8089/api/v2 BACKLOG_API_KEY=<key> \\
        ./saasql serve --model model-examples/backlog.json
    python3 clients/python/bench.py --api-key <key>

Prints a Markdown table (milliseconds). Standard library and ``saasql`` only.
"""

import argparse
import http.client
import json
import platform
import random
import statistics
import sys
import time
import urllib.parse

import saasql


def percentile(values, p):
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, int(round(p / 100.0 * len(ordered) + 0.5)) - 1))
    return ordered[index]


class Api:
    """Direct calls to the Backlog API (the sandbox), on one kept-alive connection."""

    def __init__(self, url, key):
        parsed = urllib.parse.urlsplit(url)
        self.path = parsed.path.rstrip("/")
        self.key = key
        self.http = http.client.HTTPConnection(parsed.hostname, parsed.port or 80, timeout=60)

    def get(self, path, **params):
        params["apiKey"] = self.key
        self.http.request("GET", self.path + path + "?" + urllib.parse.urlencode(params))
        response = self.http.getresponse()
        body = response.read()
        if response.status != 200:
            raise SystemExit("the API answered %d: %s" % (response.status, body[:200]))
        return json.loads(body)


def timed(action, times):
    out = []
    for _ in range(times):
        start = time.perf_counter()
        action()
        out.append((time.perf_counter() - start) * 1000.0)
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", default="http://127.0.0.1:8765", help="saasql serve")
    parser.add_argument("--api-url", default="http://127.0.0.1:8089/api/v2",
                        help="the Backlog API (sandbox) the server's model reads")
    parser.add_argument("--api-key", required=True)
    parser.add_argument("--lookups", type=int, default=1000)
    parser.add_argument("--fetches", type=int, default=10)
    args = parser.parse_args()

    api = Api(args.api_url, args.api_key)
    conn = saasql.connect(args.url)
    cur = conn.cursor()
    rng = random.Random(1)
    ids = [rng.randint(1, 2650) for _ in range(args.lookups)]
    sql = "SELECT Id, IssueKey, Summary, StatusName, Created FROM backlog.Issues WHERE Id = ?"

    # Warm-up: the server's JIT, the prepared statement, both connections.
    for i in ids[:200]:
        api.get("/issues/%d" % i)
        cur.execute(sql, (i,))
        cur.fetchall()

    it = iter(ids)
    direct = timed(lambda: api.get("/issues/%d" % next(it)), len(ids))
    it = iter(ids)

    def lookup():
        cur.execute(sql, (next(it),))
        assert len(cur.fetchall()) == 1
    python = timed(lookup, len(ids))

    def pages():
        rows = 0
        offset = 0
        while True:
            page = api.get("/issues", count=100, offset=offset)
            rows += len(page)
            offset += 100
            if len(page) < 100:
                return rows

    def fetch_all():
        cur.execute("SELECT * FROM backlog.Issues")
        assert len(cur.fetchall()) == 2650
    pages()
    fetch_all()
    direct_pages = timed(pages, args.fetches)
    python_fetch = timed(fetch_all, args.fetches)

    print("Python %s, saasql %s, %s, %d lookups, %d fetches"
          % (platform.python_version(), saasql.__version__, platform.machine(), len(ids),
             args.fetches))
    print()
    print("| | direct API, ms | through saasql serve from Python, ms | above the API, ms |")
    print("|---|--:|--:|--:|")
    for name, p in (("point lookup p50", 50), ("point lookup p99", 99)):
        a, b = percentile(direct, p), percentile(python, p)
        print("| %s | %.2f | %.2f | %.2f |" % (name, a, b, b - a))
    a, b = statistics.median(direct_pages), statistics.median(python_fetch)
    print("| 2,650 issues (27 API pages, all 27 columns), median | %.1f | %.1f | %.1f |"
          % (a, b, b - a))
    a, b = min(direct_pages), min(python_fetch)
    print("| 2,650 issues, fastest | %.1f | %.1f | %.1f |" % (a, b, b - a))
    conn.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
