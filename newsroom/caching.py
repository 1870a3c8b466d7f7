"""A page cache for anonymous readers, invalidated by a generation counter.

When pages go stale, the one rule: every public page is cached under the
generation it was rendered at, and any saved or deleted row of a model that
public pages show (see `newsroom.apps`) bumps the generation, so no reader
is ever served a page older than the last change. A model that says which
of its fields readers see (`TrackedFields`, as `Mention` does) bumps it only
when those changed. Writes that send no signals (bulk updates, `update()`)
call `invalidate_pages` themselves, after commit. Logged-in users (editors
previewing, staff) are never served from or stored in the cache.
"""

import hashlib
import logging
import time
from functools import wraps
from urllib.parse import unquote_plus

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.http import HttpResponse
from django.utils.cache import (
    get_conditional_response,
    patch_cache_control,
    set_response_etag,
)
from django.utils.http import parse_http_date_safe

GENERATION_KEY = "newsroom:page-generation"
logger = logging.getLogger(__name__)


def new_generation() -> int:
    """A generation for a counter that was lost (evicted, culled, a cache
    restarted): the current time in microseconds, above any number the lost
    counter reached, so pages stored under it never become current again.
    Starting again from 1 would bring back pages made stale since."""
    return time.time_ns() // 1000


def generation() -> int:
    value = cache.get(GENERATION_KEY)
    if value is None:
        fresh = new_generation()
        cache.add(GENERATION_KEY, fresh, timeout=None)
        value = cache.get(GENERATION_KEY, fresh)
    return value


def invalidate_pages(*args, **kwargs) -> None:
    """Make every cached page stale (connected to model signals)."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, new_generation(), timeout=None)
    except Exception:  # noqa: BLE001 - a cache outage must not fail a save
        logger.warning("page cache unavailable: pages not invalidated")


def invalidate_if_changed(sender, instance, **kwargs) -> None:
    """For a model that tracks what public pages show of it
    (`TrackedFields`): a save that leaves that unchanged keeps cached
    pages. A new row, or one loaded without those fields, always counts as
    a change."""
    if instance.tracked_changed():
        invalidate_pages()
    instance.remember_tracked()


def without_tracking(query_string: str) -> str:
    """The query string without the campaign and click identifiers of
    PAGE_CACHE_IGNORED_PARAMS; the other parameters keep their order."""
    if not query_string:
        return query_string
    exact = {p for p in settings.PAGE_CACHE_IGNORED_PARAMS if not p.endswith("*")}
    prefixes = tuple(
        p[:-1] for p in settings.PAGE_CACHE_IGNORED_PARAMS if p.endswith("*")
    )
    kept = _params(
        query_string,
        lambda name: not (name in exact or (prefixes and name.startswith(prefixes))),
    )
    return "&".join(kept)


def read_params(query_string: str) -> str:
    """The part of a query string that makes a page's cache key: the
    parameters of PAGE_CACHE_PARAMS, in a fixed order (a page reads no
    other, so others must not make it a new entry)."""
    if not query_string:
        return ""
    allowed = set(settings.PAGE_CACHE_PARAMS)
    return "&".join(sorted(_params(query_string, allowed.__contains__)))


def _params(query_string: str, keep) -> list[str]:
    """The `name=value` parts of a query string whose (decoded) name
    `keep` accepts, as written."""
    return [
        part
        for part in query_string.split("&")
        if keep(unquote_plus(part.split("=", 1)[0]))
    ]


def page_key(request) -> str | None:
    """The cache key of an anonymous GET, or None when it may not be served
    from the cache: only requests without a session (so certainly anonymous)
    are. The language comes from the URL (i18n_patterns), so the full path,
    host and scheme name the page."""
    if request.method not in ("GET", "HEAD") or settings.PAGE_CACHE_SECONDS <= 0:
        return None
    if settings.SESSION_COOKIE_NAME in request.COOKIES or "messages" in request.COOKIES:
        return None
    try:
        where = f"{request.scheme}://{request.get_host()}{request.path}"
    except DisallowedHost:
        return None
    query = read_params(request.META.get("QUERY_STRING", ""))
    if query:
        where += "?" + query
    return "newsroom:page:" + hashlib.sha256(where.encode()).hexdigest()[:32]


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
    return (response.status_code, response.content, list(response.items()))


def _response(frozen: tuple) -> HttpResponse:
    status, content, headers = frozen
    return HttpResponse(content, status=status, headers=dict(headers))


def public_page(view):
    """Mark a view's responses as the same for every anonymous reader:
    PageCacheMiddleware may store them. Logged-in users get private ones."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if request.user.is_authenticated:
            patch_cache_control(response, private=True, no_cache=True)
        elif request.method in ("GET", "HEAD") and response.status_code == 200:
            patch_cache_control(
                response, public=True, max_age=settings.BROWSER_CACHE_SECONDS
            )
            response.page_cacheable = True
        return response

    return wrapped


class PageCacheMiddleware:
    """Serve anonymous readers' pages from the cache before the rest of the
    middleware runs (sessions, auth, locale, CSRF...), and store the pages
    marked by public_page as those layers left them, headers included.

    Placed after SecurityMiddleware and WhiteNoise: their headers are added
    to every response, cached or not. A hit answers conditional requests
    itself (ConditionalGetMiddleware runs only on a miss). A cache outage
    never fails a page: it is rendered as if uncached.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in ("GET", "HEAD"):
            # Before anything reads request.GET: pages, and the links they
            # carry (pagination, language switch), are made without them.
            query = request.META.get("QUERY_STRING", "")
            stripped = without_tracking(query)
            if stripped != query:
                request.META["QUERY_STRING"] = stripped
                request.__dict__.pop("GET", None)
        key = page_key(request)
        if key is None:
            return self.get_response(request)
        try:
            current, response = lookup(key)
        except Exception:  # noqa: BLE001 - serve uncached when the cache is down
            logger.warning("page cache unavailable")
            key, current, response = None, None, None
        if response is not None:
            response["X-Page-Cache"] = "hit"
            return get_conditional_response(
                request,
                etag=response.get("ETag"),
                last_modified=parse_http_date_safe(response.get("Last-Modified", "")),
                response=response,
            )
        response = self.get_response(request)
        if not getattr(response, "page_cacheable", False):
            return response
        response["X-Page-Cache"] = "miss"
        if (
            key is not None
            and response.status_code == 200
            and not response.cookies
            and not request.user.is_authenticated
        ):
            if not response.has_header("ETag"):
                set_response_etag(response)
            try:
                cache.set(
                    key, (current, _frozen(response)), settings.PAGE_CACHE_SECONDS
                )
            except Exception:  # noqa: BLE001
                logger.warning("page cache unavailable: page not stored")
        return response
