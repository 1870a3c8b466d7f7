"""A page cache for anonymous readers, invalidated by what each page shows.

When pages go stale, the one rule: a page is stored with the versions of the
dependency tags it showed (`newsroom.page_deps`), and a change touches the
tags of what it changed; a page whose tags moved since is stale. Model
saves and deletes touch their tags through signals (`newsroom.apps`); a
model that says which of its fields readers see (`TrackedFields`, as
`Mention` does) only when those changed; writes that send no signals
(bulk updates, `update()`) touch their tags themselves, after commit.
Logged-in users (editors previewing, staff) are never served from or
stored in the cache.

Checking a page costs one cache round trip: the page and its tags' versions
are read together (a process remembers each page's tags once seen).
Concurrent misses of one page wait for a single render; a page that went
stale is served, for at most PAGE_STALE_SECONDS after the change, while it
is rendered again once: beside the readers (`newsroom.rerender`), or by the
request that found it stale when that is off or busy.
"""

import hashlib
import logging
import math
import time
from dataclasses import dataclass
from functools import partial, wraps
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

from newsroom import page_deps, prerender, rerender

logger = logging.getLogger(__name__)


def invalidate_pages(*args, **kwargs) -> None:
    """Make every cached page stale (a change too wide to name: merges,
    directory imports)."""
    page_deps.touch(page_deps.ALL)


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


_NEVER_CACHED_MAX = 20_000
# Pages this process saw answer with a response not to cache (a view not
# marked public_page): no render lock is taken for them.
_never_cached: set[str] = set()


@dataclass
class Found:
    response: HttpResponse | None = None
    # When the page is stale: the time (ns) its first unseen change was made
    # (0: unknown, a lost tag).
    stale_since: int | None = None


def lookup(key: str) -> Found:
    """The cached page and whether it is current, in one cache round trip
    once this process knows the page's tags (two the first time)."""
    frozen, _tags, changed = page_deps.read_tagged(key)
    if frozen is None:
        return Found()
    if not changed:
        return Found(_response(frozen))
    # A lost or new tag (None, negative): since when is unknown.
    since = 0 if any(v is None or v < 0 for v in changed) else min(changed)
    return Found(_response(frozen), stale_since=since)


def _frozen(response: HttpResponse) -> tuple:
    """A rendered response as plain data: status, body, headers."""
    return (response.status_code, response.content, list(response.items()))


def _response(frozen: tuple) -> HttpResponse:
    status, content, headers = frozen
    return HttpResponse(content, status=status, headers=dict(headers))


def public_page(view, *, seconds: int | None = None):
    """Mark a view's responses as the same for every anonymous reader:
    PageCacheMiddleware may store them (for `seconds` at most, when what
    they show changes with the clock alone). Logged-in users get private
    ones."""

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
            response.page_cache_seconds = seconds
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
            found = lookup(key)
            if found.response is None and key not in _never_cached:
                found = _wait_for_render(key)
        except Exception:  # noqa: BLE001 - serve uncached when the cache is down
            logger.warning("page cache unavailable")
            return self._render(request, None, locked=False)
        if found.response is not None and found.stale_since is None:
            return _served(request, found.response, "hit")
        if key in _never_cached and found.response is None:
            return self._render(request, key, locked=False)
        locked = _lock(key)
        if (
            locked
            and found.response is not None
            and self._rerendering(request, key, found)
        ):
            return _served(request, found.response, "stale")
        if found.response is not None and not locked:
            if not _fresh_enough(found):
                # Too old to serve: wait for the render under way, never
                # render it a second time beside it.
                found = _waited(key)
            if found.response is not None:
                how = "hit" if found.stale_since is None else "stale"
                return _served(request, found.response, how)
        return self._render(request, key, locked=locked)

    def _rerendering(self, request, key: str, found: Found) -> bool:
        """Whether the stale page found is rendered again beside this
        request (which may then serve it), not by it."""
        if not (settings.PAGE_RERENDER_IN_BACKGROUND and _fresh_enough(found)):
            return False
        if request.META.get(prerender.AHEAD):
            return False  # rendering ahead of readers: the page made current
        render = partial(self._rendered_aside, key=key)
        return rerender.submit(render, request)

    def _rendered_aside(self, request, *, key: str) -> None:
        self._render(request, key, locked=True).close()

    def _render(self, request, key: str | None, *, locked: bool):
        started = time.time_ns()
        token, deps = page_deps.collecting()
        try:
            response = self.get_response(request)
        finally:
            page_deps.stop_collecting(token)
            if locked:
                _unlock(key)
        if not getattr(response, "page_cacheable", False):
            if key is not None and response.status_code == 200:
                if len(_never_cached) > _NEVER_CACHED_MAX:
                    _never_cached.clear()
                _never_cached.add(key)
            return response
        response["X-Page-Cache"] = "miss"
        tags = sorted(deps | {page_deps.ALL}) if deps else [page_deps.ANY]
        # What a CDN purges by (see README, "Purging a CDN").
        response["Surrogate-Key"] = " ".join(tags)
        response["Cache-Tag"] = ",".join(tags)
        if (
            key is not None
            and response.status_code == 200
            and not response.cookies
            and not request.user.is_authenticated
        ):
            _store(key, tags, started, response)
        return response


def _served(request, response: HttpResponse, how: str) -> HttpResponse:
    response["X-Page-Cache"] = how
    return get_conditional_response(
        request,
        etag=response.get("ETag"),
        last_modified=parse_http_date_safe(response.get("Last-Modified", "")),
        response=response,
    )


def _store(key: str, tags: list[str], started: int, response) -> None:
    """Store the page with its tags' versions (as of the render's start for
    one that moved while it rendered: stale since that change)."""
    if not response.has_header("ETag"):
        set_response_etag(response)
    try:
        frozen = _frozen(response)
        page_deps.store_tagged(key, frozen, tags, started, _lifetime(response))
        _never_cached.discard(key)
    except Exception:  # noqa: BLE001
        logger.warning("page cache unavailable: page not stored")


def _lifetime(response) -> float:
    """How long a page is kept: PAGE_CACHE_SECONDS, less for a page that
    changes with the clock, and never past the moment a scheduled article
    comes into readers' sight (lists then show it on time even where the
    `publish_scheduled` cron that refreshes them is not running)."""
    own = getattr(response, "page_cache_seconds", None) or math.inf
    return max(1, min(settings.PAGE_CACHE_SECONDS, own, _until_next_live()))


NEXT_LIVE_KEY = "newsroom:next-live"


def set_next_live(at: float | None) -> None:
    """When the next scheduled article comes into readers' sight (None:
    none is scheduled): said by the articles app whenever that may change."""
    try:
        cache.set(NEXT_LIVE_KEY, at or 0, timeout=None)
    except Exception:  # noqa: BLE001 - pages are then kept the fallback time
        logger.warning("page cache unavailable: next publication not kept")


def _until_next_live() -> float:
    """Seconds until the next scheduled article goes live (inf: none is
    scheduled). When the cache lost it, `next_live_source` says it again;
    passed without being said again (no cron running), pages are kept
    UNKNOWN_LIVE_SECONDS."""
    at = cache.get(NEXT_LIVE_KEY)
    if at is None and next_live_source is not None:
        at = next_live_source() or 0
        set_next_live(at)
    if at == 0:
        return math.inf
    if at is None or at <= time.time():
        return UNKNOWN_LIVE_SECONDS
    return at - time.time()


UNKNOWN_LIVE_SECONDS = 300
# When the next scheduled article goes live (a timestamp, or None): set by
# the project's wiring (newsroom.invalidation), which knows articles.
next_live_source = None


def _lock(key: str) -> bool:
    """Whether this request is the one to render `key` (a short lock)."""
    try:
        return cache.add(key + ":render", 1, timeout=settings.PAGE_RENDER_WAIT_SECONDS)
    except Exception:  # noqa: BLE001
        return True


def _unlock(key: str) -> None:
    try:
        cache.delete(key + ":render")
    except Exception:  # noqa: BLE001
        logger.warning("page cache unavailable: render lock left to expire")


def _fresh_enough(found: Found) -> bool:
    limit = settings.PAGE_STALE_SECONDS * 1_000_000_000
    return bool(found.stale_since) and time.time_ns() - found.stale_since <= limit


def _waited(key: str) -> Found:
    try:
        return _wait_for_render(key)
    except Exception:  # noqa: BLE001 - render it here when the cache is down
        return Found()


def _wait_for_render(key: str) -> Found:
    """A page no one has, or has too old to serve: when another request is
    rendering it, wait for that render (up to PAGE_RENDER_WAIT_SECONDS)
    rather than render too. Found() when there is none to wait for."""
    if cache.get(key + ":render") is None:
        return Found()
    deadline = time.monotonic() + settings.PAGE_RENDER_WAIT_SECONDS
    while time.monotonic() < deadline:
        time.sleep(0.02)
        found = lookup(key)
        if found.response is not None and (
            found.stale_since is None or _fresh_enough(found)
        ):
            return found
        if cache.get(key + ":render") is None:
            break
    return Found()
