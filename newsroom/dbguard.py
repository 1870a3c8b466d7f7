"""A hung database never hangs the site.

Server-side timeouts (`connect_timeout`, `statement_timeout`, see the
settings) stop slow work on a database that answers. A database that stops
answering altogether (a frozen server, a network that drops packets) would
keep every worker thread waiting, cached pages and static files included.
So, while serving the web, every query also has a client-side deadline: a
watchdog thread shuts the connection's socket down when a query outlives
DB_QUERY_TIMEOUT (or as soon as the server is found not answering at all),
the query fails (a 503), and the database is taken as down: a request that
needs it is answered 503 at once, without waiting, until the server answers
again (asked every DB_RETRY_SECONDS). Cached pages and static files are served
before any of this and keep their threads.
"""

import itertools
import os
import socket
import struct
import threading
import time

from django.conf import settings
from django.db import OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string


class Watchdog:
    """The queries under way in this process, and whether the database was
    recently found not answering.

    A query still waiting after DB_PROBE_AFTER makes the watchdog ask the
    server, on a connection of its own, whether it answers at all (the
    first message of PostgreSQL's protocol, which any live server answers
    at once, however busy). No answer within DB_PROBE_TIMEOUT: the database
    is down, and every query waiting on it is cut. A query that outlives
    DB_QUERY_TIMEOUT on a server that answers is cut alone.
    """

    def __init__(self, probe=None) -> None:
        self._cond = threading.Condition()
        # token -> [hard deadline, socket, next probe time]
        self._waiting: dict[int, list] = {}
        self._tokens = itertools.count()
        self._thread: threading.Thread | None = None
        self._probe = probe or server_answers
        self._rechecking = threading.Lock()
        self.down = False
        self.recheck_at = 0.0

    def is_down(self) -> bool:
        """Whether the database is taken as down. While it is, one request
        at a time asks the server again every DB_RETRY_SECONDS: the site
        is back as soon as the server answers."""
        if not self.down or time.monotonic() < self.recheck_at:
            return self.down
        if not self._rechecking.acquire(blocking=False):
            return True
        try:
            self.recheck_at = time.monotonic() + settings.DB_RETRY_SECONDS
            self.down = not self._probe()
        finally:
            self._rechecking.release()
        return self.down

    def mark_down(self) -> None:
        self.down = True
        self.recheck_at = time.monotonic() + settings.DB_RETRY_SECONDS

    def watch(self, fd: int, timeout: float) -> int:
        now = time.monotonic()
        with self._cond:
            token = next(self._tokens)
            self._waiting[token] = [now + timeout, fd, now + settings.DB_PROBE_AFTER]
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(
                    target=self._run, name="db-watchdog", daemon=True
                )
                self._thread.start()
            self._cond.notify()
            return token

    def release(self, token: int) -> None:
        with self._cond:
            self._waiting.pop(token, None)

    def _run(self) -> None:
        while True:
            expired, probe = self._next_event()
            for fd in expired:
                _cut(fd)
            if probe and not self._probe():
                self.mark_down()
                with self._cond:
                    stuck = [entry[1] for entry in self._waiting.values()]
                    self._waiting.clear()
                for fd in stuck:
                    _cut(fd)

    def _next_event(self) -> tuple[list[int], bool]:
        """Wait for the next deadline: the sockets past their hard deadline,
        and whether a query has waited long enough to probe the server."""
        with self._cond:
            while True:
                now = time.monotonic()
                expired = [t for t, e in self._waiting.items() if e[0] <= now]
                fds = [self._waiting.pop(t)[1] for t in expired]
                due = [e for e in self._waiting.values() if e[2] <= now]
                for entry in due:
                    entry[2] = now + settings.DB_PROBE_AFTER
                if fds or due:
                    return fds, bool(due)
                times = [min(e[0], e[2]) for e in self._waiting.values()]
                self._cond.wait(timeout=max(min(times) - now, 0.01) if times else 1)


def server_answers() -> bool:
    """Whether the database server answers the first message of its
    protocol (an SSL request: 'S' or 'N') within DB_PROBE_TIMEOUT."""
    database = settings.DATABASES["default"]
    host, port = database.get("HOST") or "localhost", int(database.get("PORT") or 5432)
    try:
        if host.startswith("/"):
            sock = socket.socket(socket.AF_UNIX)
            sock.settimeout(settings.DB_PROBE_TIMEOUT)
            sock.connect(f"{host}/.s.PGSQL.{port}")
        else:
            sock = socket.create_connection((host, port), settings.DB_PROBE_TIMEOUT)
        with sock:
            sock.settimeout(settings.DB_PROBE_TIMEOUT)
            sock.sendall(struct.pack("!ii", 8, 80877103))
            return sock.recv(1) in (b"S", b"N")
    except OSError:
        return False


def _cut(fd: int) -> None:
    """Shut the connection's socket down: the query waiting on it fails."""
    try:
        sock = socket.socket(fileno=os.dup(fd))
    except OSError:
        return
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass
    finally:
        sock.close()


watchdog = Watchdog()


def _socket_of(connection) -> int | None:
    raw = getattr(connection, "connection", None)
    pgconn = getattr(raw, "pgconn", None)
    return getattr(pgconn, "socket", None) if pgconn is not None else None


def guarded_execute(execute, sql, params, many, context):
    """A connection's execute wrapper: fail at once while the database is
    down, and give every query a client-side deadline."""
    if watchdog.is_down():
        raise OperationalError("database not answering; retrying shortly")
    fd = _socket_of(context["connection"])
    if fd is None:
        return execute(sql, params, many, context)
    token = watchdog.watch(fd, settings.DB_QUERY_TIMEOUT)
    try:
        return execute(sql, params, many, context)
    finally:
        watchdog.release(token)


class DatabaseDownMiddleware:
    """While the database is taken as down, answer what needs it with a 503
    at once (after the page cache and static files, before sessions)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if watchdog.is_down() and request.path != "/healthz":
            response = HttpResponse(
                render_to_string("503.html", request=None), status=503
            )
            response["Retry-After"] = str(int(settings.DB_RETRY_SECONDS))
            return response
        return self.get_response(request)
