"""Health and failure pages that work without the database."""

import logging
import sys
from concurrent.futures import ThreadPoolExecutor, TimeoutError

from django.conf import settings
from django.core.cache import cache
from django.db import (
    DatabaseError,
    DataError,
    IntegrityError,
    InterfaceError,
    connection,
)
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.views.decorators.cache import never_cache

from newsroom.dbguard import watchdog

logger = logging.getLogger(__name__)


# /healthz answers within this, whatever the database does.
HEALTH_BUDGET_SECONDS = 0.9


def _database_answers() -> bool:
    """SELECT 1 on a connection of its own (this runs in its own thread)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        return True
    except (DatabaseError, InterfaceError):
        return False
    finally:
        connection.close()


def database_status() -> str:
    """'ok' or 'unavailable', known within HEALTH_BUDGET_SECONDS: a database
    that does not answer in time is taken as down (see newsroom.dbguard)."""
    if watchdog.is_down():
        return "unavailable"
    pool = ThreadPoolExecutor(max_workers=1)
    try:
        answered = pool.submit(_database_answers).result(HEALTH_BUDGET_SECONDS)
    except TimeoutError:
        watchdog.mark_down()
        answered = False
    finally:
        pool.shutdown(wait=False)  # a hung check ends with its own timeouts
    return "ok" if answered else "unavailable"


@never_cache
def healthz(request) -> JsonResponse:
    """200 when the database (and Redis, where configured) answer, else 503;
    within a second either way."""
    checks = {"database": database_status()}
    if settings.REDIS_URL:
        try:
            cache.set("newsroom:healthz", 1, 10)
            checks["cache"] = (
                "ok" if cache.get("newsroom:healthz") == 1 else "unavailable"
            )
        except Exception:  # noqa: BLE001 - any client error means unavailable
            checks["cache"] = "unavailable"
    healthy = all(value == "ok" for value in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "unavailable", "checks": checks},
        status=200 if healthy else 503,
    )


def server_error(request) -> HttpResponse:
    """handler500: a lost or refused database connection answers a friendly
    503 (and recovers by itself: connections are health-checked on the next
    request); a value the database refuses (a NUL byte, a duplicate, a
    value of the wrong kind) is the request's fault, a 400; anything else a
    plain 500. None of these pages touches the database or shows a trace."""
    error = sys.exc_info()[1]
    if isinstance(error, DataError | IntegrityError):
        logger.warning("bad request refused by the database: %s", error)
        return HttpResponse(render_to_string("400.html", request=None), status=400)
    if isinstance(error, DatabaseError | InterfaceError):
        logger.error("database unavailable: %s", error)
        response = HttpResponse(render_to_string("503.html", request=None), status=503)
        response["Retry-After"] = "30"
        return response
    return HttpResponse(render_to_string("500.html", request=None), status=500)
