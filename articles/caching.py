"""A page cache for anonymous readers, invalidated by a generation counter.

Every public page is cached under a key that includes the current
generation; any change to an article, mention, quote, person, alias, role,
topic or source bumps the generation, so no reader is ever served a page
older than the last change (a coarse rule, but one that cannot go stale).
Logged-in users (editors previewing, staff) are never served from or stored
in the cache.
"""

import hashlib
import logging
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.utils.cache import patch_cache_control, set_response_etag
from django.utils.functional import cached_property
from django.utils.translation import get_language

GENERATION_KEY = "newsroom:page-generation"
logger = logging.getLogger(__name__)


def generation() -> int:
    value = cache.get(GENERATION_KEY)
    if value is None:
        cache.add(GENERATION_KEY, 1, timeout=None)
        value = cache.get(GENERATION_KEY, 1)
    return value


def invalidate_pages(*args, **kwargs) -> None:
    """Make every cached page stale (connected to model signals)."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, 2, timeout=None)
    except Exception:  # noqa: BLE001 - a cache outage must not fail a save
        logger.warning("page cache unavailable: pages not invalidated")


def page_key(request) -> str:
    path = hashlib.sha256(request.get_full_path().encode()).hexdigest()[:32]
    return f"newsroom:page:{get_language()}:{path}"


def lookup(key: str) -> tuple[int, HttpResponse | None]:
    """The current generation and the cached page, in one cache round trip.

    A page is stored with the generation it was rendered at; one rendered
    before the last change is stale and ignored.
    """
    found = cache.get_many([GENERATION_KEY, key])
    current = found.get(GENERATION_KEY) or generation()
    stored = found.get(key)
    if stored is not None and stored[0] == current:
        return current, _response(stored[1])
    return current, None


def _frozen(response: HttpResponse) -> tuple:
    """A rendered response as plain data: status, body, headers."""
    set_response_etag(response)
    return (response.status_code, response.content, list(response.items()))


def _response(frozen: tuple) -> HttpResponse:
    status, content, headers = frozen
    return HttpResponse(content, status=status, headers=dict(headers))


class CachedCountPaginator(Paginator):
    """Counts of public lists change only when content does: keep them under
    the current generation (COUNT(*) over a large archive was most of the
    home page's time)."""

    @cached_property
    def count(self) -> int:
        query = getattr(self.object_list, "query", None)
        if query is None:
            return super().count
        try:
            sql, params = query.sql_with_params()
        except EmptyResultSet:
            return 0
        digest = hashlib.sha256(f"{sql}|{params}".encode()).hexdigest()[:32]
        try:
            key = f"newsroom:count:{generation()}:{digest}"
            value = cache.get(key)
        except Exception:  # noqa: BLE001 - count directly when the cache is down
            return super().count
        if value is None:
            value = super().count
            try:
                cache.set(key, value, settings.COUNT_CACHE_SECONDS)
            except Exception:  # noqa: BLE001
                logger.warning("page cache unavailable: count not stored")
        return value


def public_page(view):
    """Cache the view's response for anonymous GET requests."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        cacheable = request.method in ("GET", "HEAD") and not (
            request.user.is_authenticated
        )
        if not cacheable:
            response = view(request, *args, **kwargs)
            patch_cache_control(response, private=True, no_cache=True)
            return response
        try:
            key = page_key(request)
            current, response = lookup(key)
        except Exception:  # noqa: BLE001 - serve uncached when the cache is down
            logger.warning("page cache unavailable")
            key, response = None, None
        if response is not None:
            response["X-Page-Cache"] = "hit"
            return response
        response = view(request, *args, **kwargs)
        if hasattr(response, "render") and callable(response.render):
            response = response.render()
        if response.status_code == 200:
            patch_cache_control(
                response, public=True, max_age=settings.BROWSER_CACHE_SECONDS
            )
            if key is not None:
                try:
                    stored = (current, _frozen(response))
                    cache.set(key, stored, settings.PAGE_CACHE_SECONDS)
                except Exception:  # noqa: BLE001
                    logger.warning("page cache unavailable: page not stored")
        response["X-Page-Cache"] = "miss"
        return response

    return wrapped
