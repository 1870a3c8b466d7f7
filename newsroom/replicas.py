"""Read replicas: anonymous readers' pages read from a PostgreSQL streaming
replica; everything else (the admin, writes, logged-in users, and so an
editor's reads right after their own write) uses the primary.

`ReplicaReadsMiddleware` marks the requests that may read from a replica;
`ReplicaRouter` sends their reads to one that answers and is not behind by
more than DATABASE_REPLICA_MAX_LAG seconds, else to the primary. Each
replica's state is checked at most every DATABASE_REPLICA_CHECK_SECONDS per
process, so a replica that goes away costs one failed check, not every
request.
"""

import logging
import random
import threading
import time
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.db import DatabaseError, connections

logger = logging.getLogger(__name__)

PRIMARY = "default"
_replica_reads: ContextVar[bool] = ContextVar("replica_reads", default=False)
# alias -> (when checked, usable): per process.
_checked: dict[str, tuple[float, bool]] = {}
_lock = threading.Lock()

# How far behind the replica is, in seconds: nothing once everything it
# received is replayed; otherwise the age of the last transaction it
# replayed (an over-estimate after a quiet spell, which only sends reads to
# the primary a little sooner).
LAG_SQL = """
SELECT CASE
  WHEN NOT pg_is_in_recovery() THEN 0
  WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0
  ELSE COALESCE(EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp()), 0)
END
"""


@contextmanager
def replica_reads():
    """Inside the block, reads may go to a replica."""
    token = _replica_reads.set(True)
    try:
        yield
    finally:
        _replica_reads.reset(token)


def replica_aliases() -> list[str]:
    return [alias for alias in settings.DATABASES if alias.startswith("replica")]


def usable_replica() -> str | None:
    """A replica that answers and is not too far behind, or None."""
    aliases = replica_aliases()
    random.shuffle(aliases)
    return next((alias for alias in aliases if _usable(alias)), None)


def _usable(alias: str) -> bool:
    now = time.monotonic()
    checked = _checked.get(alias)
    if checked and now - checked[0] < settings.DATABASE_REPLICA_CHECK_SECONDS:
        return checked[1]
    with _lock:
        ok = _check(alias)
        if checked is None or checked[1] != ok:
            logger.warning(
                "read replica %s %s", alias, "in use" if ok else "left aside"
            )
        _checked[alias] = (time.monotonic(), ok)
    return ok


def _check(alias: str) -> bool:
    connection = connections[alias]
    try:
        with connection.cursor() as cursor:
            cursor.execute(LAG_SQL)
            lag = float(cursor.fetchone()[0])
    except DatabaseError:
        connection.close()
        return False
    return lag <= settings.DATABASE_REPLICA_MAX_LAG


class ReplicaRouter:
    """Reads marked by `replica_reads` go to a usable replica; all else to
    the primary. Migrations run on the primary only (replicas follow)."""

    def db_for_read(self, model, **hints):
        if _replica_reads.get():
            return usable_replica() or PRIMARY
        return PRIMARY

    def db_for_write(self, model, **hints):
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints):
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == PRIMARY


class ReplicaReadsMiddleware:
    """An anonymous reader's GET (no session: certainly not logged in) may
    read from a replica; any other request reads the primary."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            request.method in ("GET", "HEAD")
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and replica_aliases()
        ):
            with replica_reads():
                return self.get_response(request)
        return self.get_response(request)
